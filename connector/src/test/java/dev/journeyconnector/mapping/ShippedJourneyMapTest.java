package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.journey.VocabularyLoader;
import dev.journeyconnector.mapping.JourneyMap.PersonaJourney;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

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

    private static JourneyMap shipped(java.util.Set<String> knownTypes) throws MappingException {
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
        assertThat(leisure.stagesOf("deal-won")).containsExactly("purchase");
        assertThat(leisure.stagesOf("onboarding-call")).containsExactly("onboarding");
        assertThat(leisure.unseenDays(60)).as("tours are seasonal").isEqualTo(120);
        assertThat(leisure.orderedStages()).containsExactly("awareness", "engagement", "purchase", "onboarding");

        PersonaJourney bank = map.journey("small-business-banking-client").orElseThrow();
        assertThat(bank.stagesOf("onboarding-meeting")).containsExactly("onboarding");
        assertThat(bank.stagesOf("invoice-sent")).containsExactly("service");
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
                    java.util.Comparator.comparingInt(order::indexOf));
        }
    }
}
