package dev.journeyconnector.mapping;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Applying personas: first match wins, the default, each record prefix, missing records. */
class PersonasTest {

    private static final String YAML = """
            personas:
              - id: vip
                name: VIP
                when: {field: Account.AnnualRevenue, gte: 1000000}
              - id: banking
                name: Banking
                description: any banking account
                when: {field: Account.Industry, equals: Banking}
              - id: webby
                name: Came from the web
                when: {field: Contact.LeadSource, equals: Web}
              - id: lead-retail
                name: Retail lead
                when: {field: Lead.Industry, equals: Retail}
              - id: no-account
                name: Contact without account
                when:
                  all:
                    - {field: Contact, exists: true}
                    - {field: Account, exists: false}
            default:
              id: other
              name: Other
            """;

    private static Personas personas() throws MappingException {
        return PersonaLoader.parse("mappings/personas.yaml", YAML);
    }

    @Test
    void firstMatchingRuleWins() throws MappingException {
        Personas p = personas();
        Map<String, Object> richBank = Map.of("Industry", "Banking", "AnnualRevenue", 2_500_000);
        assertThat(p.personaOf(Map.of("LeadSource", "Web"), richBank, null)).isEqualTo("vip");
        assertThat(p.personaOf(Map.of("LeadSource", "Web"), Map.of("Industry", "Banking"), null)).isEqualTo("banking");
        assertThat(p.personaOf(Map.of("LeadSource", "Web"), Map.of("Industry", "Retail"), null)).isEqualTo("webby");
    }

    @Test
    void defaultWhenNothingMatches() throws MappingException {
        Personas p = personas();
        assertThat(p.personaOf(Map.of("LeadSource", "Phone Inquiry"), Map.of("Industry", "Hospitality"),
                Map.of("Industry", "Hospitality"))).isEqualTo("other");
        assertThat(p.personaFor(null, null, null)).isEqualTo(p.defaultPersona());
    }

    @Test
    void eachPrefixReachesItsRecord() throws MappingException {
        Personas p = personas();
        Map<String, Object> hotel = Map.of("Industry", "Hospitality");
        assertThat(p.personaOf(null, Map.of("Industry", "Banking"), null)).isEqualTo("banking");
        assertThat(p.personaOf(Map.of("LeadSource", "Web"), hotel, null)).isEqualTo("webby");
        assertThat(p.personaOf(null, null, Map.of("Industry", "Retail"))).isEqualTo("lead-retail");
        // A Lead field is not read from the Account, nor the other way round.
        assertThat(p.personaOf(null, Map.of("Industry", "Retail"), null)).isEqualTo("other");
        assertThat(p.personaOf(null, null, Map.of("Industry", "Banking"))).isEqualTo("other");
    }

    @Test
    void missingRecordsAreAbsent() throws MappingException {
        Personas p = personas();
        assertThat(p.personaOf(Map.of("LeadSource", "Phone Inquiry"), null, null)).isEqualTo("no-account");
        assertThat(p.personaOf(null, null, null)).isEqualTo("other");
        assertThat(p.personaOf(null, Map.of(), null)).isEqualTo("other");
        assertThat(Personas.customer(null, null, null)).isEmpty();
    }

    @Test
    void allListsTheRulesInOrderThenTheDefault() throws MappingException {
        Personas p = personas();
        assertThat(p.all()).extracting(Persona::id).containsExactly("vip", "banking", "webby", "lead-retail",
                "no-account", "other");
        assertThat(p.byId("banking")).get().extracting(Persona::name, Persona::description)
                .containsExactly("Banking", "any banking account");
        assertThat(p.defaultPersona().when()).isEmpty();
    }
}
