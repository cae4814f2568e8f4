package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.journey.VocabularyLoader;
import dev.journeyconnector.mapping.JourneyMap.PersonaJourney;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped {@code mappings/journey-map.yaml} against the shipped vocabulary, personas and mappings. */
class ShippedJourneyMapTest {

    private static final Path MAPPINGS = Path.of("..", "mappings");
    private static Vocabulary vocabulary;
    private static Personas personas;

    @BeforeAll
    static void load() throws MappingException {
        vocabulary = VocabularyLoader.load(MAPPINGS.resolve("vocabularies.yaml"));
        personas = PersonaLoader.load(MAPPINGS.resolve("personas.yaml"));
    }

    private static JourneyMap shipped(Set<String> knownTypes) throws MappingException {
        return JourneyMapLoader.load(MAPPINGS.resolve("journey-map.yaml"), vocabulary, personas, knownTypes);
    }

    @Test
    void hasAJourneyForEveryShippedPersonaInFileOrder() throws MappingException {
        JourneyMap map = shipped(null);
        assertThat(map.journeys()).extracting(PersonaJourney::personaId).containsExactly(
                "leisure-traveller", "small-business-banking-client", "retail-shopper", "unclassified");
    }

    @Test
    void describesEachPersonasJourneyAsTheDemoWorldTellsIt() throws MappingException {
        JourneyMap map = shipped(null);
        PersonaJourney leisure = map.journey("leisure-traveller").orElseThrow();
        assertThat(leisure.stagesOf("lead-from-ad")).containsExactly("awareness");
        assertThat(leisure.stagesOf("deal-won")).as("a repeat booking is retention")
                .containsExactly("purchase", "retention");
        assertThat(leisure.stagesOf("onboarding-call")).containsExactly("onboarding");
        assertThat(leisure.unseenDays(60)).as("tours are seasonal").isEqualTo(120);
        assertThat(leisure.orderedStages())
                .containsExactly("awareness", "engagement", "purchase", "onboarding", "retention");

        PersonaJourney bank = map.journey("small-business-banking-client").orElseThrow();
        assertThat(bank.stagesOf("onboarding-meeting")).containsExactly("onboarding");
        assertThat(bank.stagesOf("invoice-sent")).containsExactly("purchase");
        assertThat(bank.stagesOf("case-opened")).as("an account-opening Case is onboarding")
                .containsExactly("onboarding", "service");
        assertThat(bank.expectedTypes()).as("the bank uses neither the help desk nor the newsletters")
                .noneMatch(t -> t.startsWith("ticket-") || t.startsWith("campaign-") || t.equals("list-signup"));

        PersonaJourney retail = map.journey("retail-shopper").orElseThrow();
        assertThat(retail.stage("onboarding")).as("a sofa needs no onboarding").isEmpty();
        assertThat(retail.stagesOf("unsubscribed")).containsExactly("churn");
        assertThat(retail.journeyTypes()).doesNotContain("unsubscribed");
    }

    @Test
    void everyStageIsListedInVocabularyOrder() throws MappingException {
        List<String> order = vocabulary.stageNames();
        for (PersonaJourney journey : shipped(null).journeys()) {
            List<String> stages = journey.stages().stream().map(JourneyMap.Stage::name).toList();
            assertThat(stages).as(journey.personaId()).isSortedAccordingTo(
                    Comparator.comparingInt(order::indexOf));
        }
    }

    @Test
    void listsOnlyTypesTheShippedMappingsMake() throws MappingException {
        Set<String> produced = JourneyMap.typesProduced(MappingSet.load(MAPPINGS).mappings().values());
        assertThat(produced).contains("deal-won", "ticket-opened", "campaign-open");

        JourneyMap map = shipped(produced);

        assertThat(map.journeys()).hasSize(4);
    }

    /**
     * A type listed under a stage its mapping never gives it would be "never seen" there, and its real
     * touchpoints "unexpected" elsewhere: the map and the mappings must agree on stages.
     */
    @Test
    void listsEachTypeOnlyUnderStagesItsMappingCanGiveIt() throws MappingException {
        Map<String, Set<String>> possible = possibleStages();
        for (PersonaJourney journey : shipped(null).journeys()) {
            for (JourneyMap.Stage stage : journey.stages()) {
                for (String type : stage.types()) {
                    assertThat(possible.get(type)).as(journey.personaId() + ": " + type).contains(stage.name());
                }
            }
        }
    }

    /** Every stage any mapping can give a type is expected by some persona, so no default touchpoint is drift. */
    @Test
    void expectsEveryTypeInEveryStageTheMappingsCanGiveItForSomePersona() throws MappingException {
        JourneyMap map = shipped(null);
        possibleStages().forEach((type, stages) -> stages.forEach(stage ->
                assertThat(map.journeys()).as(type + " in " + stage)
                        .anyMatch(journey -> journey.expects(type, stage))));
    }

    /** The stages each rule of the shipped mappings can give its type: a fixed stage, or a lookup's values. */
    private static Map<String, Set<String>> possibleStages() throws MappingException {
        Map<String, Set<String>> stages = new TreeMap<>();
        for (TouchpointMapping mapping : MappingSet.load(MAPPINGS).mappings().values()) {
            for (MappingRule rule : mapping.rules()) {
                stages.computeIfAbsent(rule.type(), t -> new TreeSet<>()).addAll(rule.stage().words());
            }
        }
        return stages;
    }
}
