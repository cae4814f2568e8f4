package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.mapping.JourneyMap.PersonaJourney;
import dev.journeyconnector.mapping.JourneyMap.Stage;
import dev.journeyconnector.mapping.JourneyMap.StageOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What an admin sees for a journey map: every problem at once, with line and path; and what a good one gives. */
class JourneyMapLoaderTest {

    private static final String FILE = "mappings/journey-map.yaml";
    private static final Set<String> KNOWN = Set.of("lead-from-ad", "list-signup", "deal-won", "onboarding-call",
            "ticket-opened", "ticket-solved", "case-opened", "unsubscribed", "deal-lost");
    private static Personas personas;

    @BeforeAll
    static void personas() throws MappingException {
        personas = PersonaLoader.parse("mappings/personas.yaml", """
                personas:
                  - id: traveller
                    name: Traveller
                    when: {field: Account.Industry, equals: Hospitality}
                  - id: banker
                    name: Banker
                    when: {field: Account.Industry, equals: Banking}
                default:
                  id: unclassified
                  name: Unclassified
                """);
    }

    private static JourneyMap load(String yaml, Set<String> known) throws MappingException {
        return JourneyMapLoader.parse(FILE, yaml, Vocabulary.defaults(), personas, known);
    }

    private static List<String> problems(String yaml, Set<String> known) {
        MappingException e = catchThrowableOfType(() -> load(yaml, known), MappingException.class);
        assertThat(e).as("expected problems").isNotNull();
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems().stream()
                .map(MappingProblem::toString).toList()));
        return e.problems().stream().map(MappingProblem::toString).toList();
    }

    @Test
    void reportsEveryProblemOfABrokenMapTogetherWithLinesAndPaths() {
        List<String> problems = problems("""
                personas:
                  traveller:
                    unseenDays: 0
                    order: vocabulary-order
                    colour: blue
                    stages:
                      - stage: awareness
                        types: [lead-from-ad, list-signup, lead-from-ad]
                      - stage: purchase
                        types: [deal-wn]
                      - stage: engagement
                        types: [ticket-opened]
                      - stage: awareness
                        types: [list-signup]
                      - stage: wonder
                        types: [Deal_Won]
                      - stage: churn
                        ordered: true
                        types: [unsubscribed]
                  shopper:
                    stages:
                      - stage: service
                        types: []
                  unclassified:
                    Stages:
                      - stage: service
                        types: [ticket-opened]
                version: 2
                """, KNOWN);
        assertThat(problems).containsExactly(
                FILE + ":1 personas: persona 'banker' has no journey; add 'banker:' with its stages (without one, "
                        + "every touchpoint of its customers would be reported as unexpected)",
                FILE + ":3 personas.traveller.unseenDays: unseenDays must be between 1 and 3650, was 0",
                FILE + ":4 personas.traveller.order: order takes vocabulary (the stages follow "
                        + "mappings/vocabularies.yaml; the default) or as-listed (this persona's journey runs in "
                        + "the order listed), not 'vocabulary-order'",
                FILE + ":5 personas.traveller.colour: unknown key 'colour'; known: unseenDays, order, stages",
                FILE + ":8 personas.traveller.stages[0].types[2]: type 'lead-from-ad' is listed twice in this "
                        + "stage; first on line 8",
                FILE + ":10 personas.traveller.stages[1].types[0]: no touchpoint mapping makes type 'deal-wn' (did "
                        + "you mean 'deal-won'?); the types are the rules' type: in the mapping files",
                FILE + ":11 personas.traveller.stages[2].stage: stage 'engagement' is listed after 'purchase' but "
                        + "comes before it in the vocabulary (awareness, engagement, purchase, onboarding, service, "
                        + "retention, churn); list the stages in that order, or write 'order: as-listed' for this "
                        + "persona if its journey really runs in the order listed",
                FILE + ":13 personas.traveller.stages[3].stage: stage 'awareness' is listed twice; first on line 7 "
                        + "(put all its types in one entry)",
                FILE + ":15 personas.traveller.stages[4].stage: unknown stage 'wonder'; known stages: awareness, "
                        + "engagement, purchase, onboarding, service, retention, churn",
                FILE + ":16 personas.traveller.stages[4].types[0]: 'Deal_Won' is not a touchpoint type: lower case "
                        + "words joined by hyphens, e.g. ticket-first-reply",
                FILE + ":18 personas.traveller.stages[5].ordered: 'churn' is outside the journey order (a customer "
                        + "can leave at any point); remove 'ordered: true'",
                FILE + ":20 personas.shopper: unknown persona 'shopper'; personas.yaml has: traveller, banker, "
                        + "unclassified",
                FILE + ":23 personas.shopper.stages[0].types: types takes a list of at least one touchpoint type, "
                        + "e.g. types: [ticket-opened, ticket-solved]",
                FILE + ":25 personas.unclassified.Stages: unknown key 'Stages' (did you mean 'stages'? keys are "
                        + "case-sensitive); known: unseenDays, order, stages",
                FILE + ":28 version: unknown key 'version'; known: personas");
    }

    @Test
    void readsStagesInOrderWithTheirTypesFlagsAndUnseenDays() throws MappingException {
        JourneyMap map = load("""
                personas:
                  traveller:
                    unseenDays: 120
                    stages:
                      - stage: awareness
                        types: [lead-from-ad, list-signup]
                      - stage: purchase
                        types: [deal-won]
                      - stage: onboarding
                        types: [onboarding-call, case-opened]
                      - stage: service
                        ordered: false
                        types: [ticket-opened, case-opened]
                      - stage: churn
                        types: [unsubscribed, deal-lost]
                  banker:
                    stages:
                      - stage: purchase
                        types: [deal-won]
                  unclassified:
                    stages:
                      - stage: service
                        types: [ticket-opened]
                """, KNOWN);

        assertThat(map.file()).isEqualTo(FILE);
        assertThat(map.journeys()).extracting(PersonaJourney::personaId)
                .containsExactly("traveller", "banker", "unclassified");
        PersonaJourney traveller = map.journey("traveller").orElseThrow();
        assertThat(traveller.unseenDays(60)).isEqualTo(120);
        assertThat(map.journey("banker").orElseThrow().unseenDays(60)).as("the setting when the map says none")
                .isEqualTo(60);
        assertThat(traveller.order()).isEqualTo(StageOrder.VOCABULARY);
        assertThat(traveller.stages()).containsExactly(
                new Stage("awareness", true, false, List.of("lead-from-ad", "list-signup")),
                new Stage("purchase", true, false, List.of("deal-won")),
                new Stage("onboarding", true, false, List.of("onboarding-call", "case-opened")),
                new Stage("service", false, false, List.of("ticket-opened", "case-opened")),
                new Stage("churn", false, true, List.of("unsubscribed", "deal-lost")));
        assertThat(traveller.orderedStages()).containsExactly("awareness", "purchase", "onboarding");
        assertThat(traveller.stagesOf("case-opened")).as("a type may be expected in two stages")
                .containsExactly("onboarding", "service");
        assertThat(traveller.expects("case-opened", "service")).isTrue();
        assertThat(traveller.expects("deal-won", "service")).isFalse();
        assertThat(traveller.journeyTypes()).as("churn-only types are left out")
                .containsExactly("lead-from-ad", "list-signup", "deal-won", "onboarding-call", "case-opened",
                        "ticket-opened");
        assertThat(map.journey("nobody")).isEmpty();
    }

    @Test
    void asListedOrderAcceptsTheAdminsOrderButChurnMustStillComeLast() throws MappingException {
        String yaml = """
                personas:
                  traveller:
                    order: as-listed
                    stages:
                      - stage: onboarding
                        types: [onboarding-call]
                      - stage: purchase
                        types: [deal-won]
                %s
                  banker:
                    stages: [{stage: purchase, types: [deal-won]}]
                  unclassified:
                    stages: [{stage: purchase, types: [deal-won]}]
                """;
        JourneyMap map = load(yaml.formatted(""), KNOWN);
        assertThat(map.journey("traveller").orElseThrow().orderedStages()).containsExactly("onboarding", "purchase");
        assertThat(map.journey("traveller").orElseThrow().order()).isEqualTo(StageOrder.AS_LISTED);

        assertThat(problems(yaml.formatted("""
                      - stage: churn
                        types: [unsubscribed]
                      - stage: service
                        types: [ticket-opened]
                """.indent(0).stripTrailing()), KNOWN)).containsExactly(
                FILE + ":9 personas.traveller.stages[2].stage: 'churn' must be the last stage: a customer leaves "
                        + "the journey by it and nothing follows");
    }

    @Test
    void withoutKnownTypesAnyWellFormedTypeIsAccepted() throws MappingException {
        JourneyMap map = load("""
                personas:
                  traveller: {stages: [{stage: awareness, types: [lead-from-carrier-pigeon]}]}
                  banker: {stages: [{stage: awareness, types: [lead-from-ad]}]}
                  unclassified: {stages: [{stage: awareness, types: [lead-from-ad]}]}
                """, null);
        assertThat(map.journey("traveller").orElseThrow().expectedTypes()).containsExactly("lead-from-carrier-pigeon");
    }

    @Test
    void aMiscasedPersonaIdIsReportedOnceWithTheRightSpelling() {
        assertThat(problems("""
                personas:
                  Traveller: {stages: [{stage: awareness, types: [lead-from-ad]}]}
                  traveller: {stages: [{stage: awareness, types: [lead-from-ad]}]}
                  banker: {stages: [{stage: awareness, types: [lead-from-ad]}]}
                  unclassified: {stages: [{stage: awareness, types: [lead-from-ad]}]}
                  banker: {stages: [{stage: purchase, types: [deal-won]}]}
                """, KNOWN)).containsExactly(
                FILE + ":2 personas.Traveller: unknown persona 'Traveller' (did you mean 'traveller'? ids are "
                        + "case-sensitive); personas.yaml has: traveller, banker, unclassified",
                FILE + ":6 personas.banker: persona 'banker' already has a journey on line 4");
    }

    @Test
    void aFileThatIsNoMappingOrLacksPersonasSaysWhatItShouldHold() {
        assertThat(problems("- stage: awareness\n", KNOWN)).containsExactly(
                FILE + ":1: the file is a mapping with personas: {<persona id>: {stages: [...]}, ...}");
        assertThat(problems("personas:\n  - traveller\n", KNOWN)).containsExactly(
                FILE + ":2 personas: personas takes a mapping from persona id to its journey (leisure-traveller: "
                        + "followed by stages:), not a list or a text");
        assertThat(problems("personas:\n  traveller: {unseenDays: ten}\n  banker: {}\n  unclassified: x\n", KNOWN))
                .containsExactly(
                        FILE + ":2 personas.traveller.unseenDays: unseenDays takes a whole number of days, "
                                + "e.g. unseenDays: 90",
                        FILE + ":2 personas.traveller.stages: stages is missing: the persona's stages in journey "
                                + "order, each '- stage: <name>' with its types: [...]",
                        FILE + ":3 personas.banker.stages: stages is missing: the persona's stages in journey order, "
                                + "each '- stage: <name>' with its types: [...]",
                        FILE + ":4 personas.unclassified: a journey is a mapping with stages: (and optionally "
                                + "unseenDays:, order:)");
    }

    @Test
    void typeDistanceFindsOneLetterTypos() {
        assertThat(JourneyMapLoader.distance("deal-won", "deal-wn")).isEqualTo(1);
        assertThat(JourneyMapLoader.distance("case-opened", "case-opend")).isEqualTo(1);
        assertThat(JourneyMapLoader.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(JourneyMapLoader.distance("", "abc")).isEqualTo(3);
    }
}
