package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingSetTest {
    private static final Path SHIPPED = Path.of("..", "mappings");

    private static final Path SHIPPED_ROUTES = Path.of("..", "routes");

    @TempDir
    Path root;
    Path dir;
    Path routes;

    @BeforeEach
    void folders() throws Exception {
        dir = Files.createDirectory(root.resolve("mappings"));
        routes = Files.createDirectory(root.resolve("routes"));
    }

    @Test
    void theShippedFolderLoadsWhole() throws Exception {
        MappingSet set = MappingSet.load(SHIPPED);
        assertThat(set.mapping(Touchpoint.Source.SALESFORCE, "Case")).isPresent();
        assertThat(set.personas().defaultPersona()).isNotNull();
        assertThat(set.fingerprint()).hasSize(64).isEqualTo(MappingSet.fingerprint(SHIPPED));
    }

    @Test
    void problemsOfSeveralFilesComeInOneException() throws Exception {
        copyShipped();
        Files.writeString(dir.resolve("personas.yaml"), "personas: []\n");
        Files.writeString(dir.resolve("salesforce-case.yaml"), Files.readString(dir.resolve("salesforce-case.yaml"))
                .replace("stage: service", "stage: servicing"));

        assertThatThrownBy(() -> MappingSet.load(dir)).isInstanceOfSatisfying(MappingException.class, e -> {
            assertThat(e.problems()).extracting(MappingProblem::file)
                    .anyMatch(f -> f.endsWith("personas.yaml"))
                    .anyMatch(f -> f.endsWith("salesforce-case.yaml"));
            assertThat(e.getMessage()).contains("servicing");
        });
    }

    @Test
    void twoFilesForOneObjectAreRefused() throws Exception {
        copyShipped();
        Files.copy(dir.resolve("salesforce-case.yaml"), dir.resolve("cases-again.yaml"));
        assertThatThrownBy(() -> MappingSet.load(dir)).hasMessageContaining("salesforce/Case is already mapped");
    }

    @Test
    void aMissingFolderOrVocabularyIsNamed() throws Exception {
        assertThatThrownBy(() -> MappingSet.load(dir.resolve("nope"))).hasMessageContaining("JOURNEY_MAPPINGS_DIR");
        assertThatThrownBy(() -> MappingSet.load(dir)).hasMessageContaining("vocabularies.yaml");
    }

    @Test
    void theFingerprintChangesWithAnyFile() throws Exception {
        copyShipped();
        String before = MappingSet.fingerprint(dir);
        Files.writeString(dir.resolve("personas.yaml"), Files.readString(dir.resolve("personas.yaml")) + "\n# note\n");
        assertThat(MappingSet.fingerprint(dir)).isNotEqualTo(before);
    }

    @Test
    void everyFieldAMappingNamesIsCheckedAgainstItsObjectAndAllProblemsComeInOneMessage() throws Exception {
        copyShipped();
        Files.writeString(dir.resolve("zendesk-tickets.yaml"), """
                source: zendesk
                object: tickets
                customer:
                  - zendesk-user: requestor_id
                link: { zendesk-ticket: ticket_id }
                skip: { field: stats, equals: deleted }
                rules:
                  - type: ticket-opened
                    when: { field: via.channel, exists: true }
                    at: created
                    title: "{subject} ({priorty})"
                    stage: service
                    channel: { from: vias.channel, map: { email: email }, default: web }
                    department: support
                    sentiment: neutral
                  - type: ticket-first-reply
                    at: { field: created_at, plusMinutes: metric_sets.reply_time_in_minutes.calendar }
                    stage: service
                    channel: email
                    department: support
                    sentiment: neutral
                """);
        Files.writeString(dir.resolve("salesforce-cases.yaml"), """
                source: salesforce
                object: Cases
                reference: true
                """);

        assertThatThrownBy(() -> MappingSet.load(dir)).isInstanceOfSatisfying(MappingException.class, e -> {
            String tickets = dir.resolve("zendesk-tickets.yaml") + ":";
            assertThat(e.getMessage().lines().toList()).containsExactly(
                    dir.resolve("salesforce-cases.yaml") + ":2 object: no route in " + routes.toAbsolutePath().normalize()
                            + " pulls salesforce Cases (did you mean 'Case'?); pulled salesforce objects: Account, "
                            + "Case, CaseComment, CaseHistory, Contact, Event, Lead, Opportunity, OpportunityHistory, "
                            + "Task, User. Add a route for it, or remove this mapping",
                    tickets + "4 customer[0].zendesk-user: unknown field 'requestor_id' for zendesk tickets "
                            + "(did you mean 'requester_id'?)",
                    tickets + "5 link.zendesk-ticket: unknown field 'ticket_id' for zendesk tickets; known: "
                            + String.join(", ", new java.util.TreeSet<>(SourceFields.vendorFields().get("zendesk")
                            .get("tickets").names())),
                    tickets + "6 skip.field: unknown field 'stats' for zendesk tickets (did you mean 'status'?)",
                    tickets + "10 rules[0].at: unknown field 'created' for zendesk tickets (did you mean "
                            + "'created_at'?)",
                    tickets + "11 rules[0].title: {priorty}: unknown field 'priorty' for zendesk tickets (did you "
                            + "mean 'priority'?)",
                    tickets + "13 rules[0].channel.from: unknown field 'vias' for zendesk tickets (did you mean "
                            + "'via'?)",
                    tickets + "17 rules[1].at.plusMinutes: unknown field 'metric_sets' for zendesk tickets (did "
                            + "you mean 'metric_set'?)");
        });
    }

    @Test
    void theRoutesFolderCanBeGivenAndItsAbsenceIsNamed() throws Exception {
        copyShipped();
        assertThat(MappingSet.load(dir, routes).mappings()).containsKey("salesforce/Case");
        assertThatThrownBy(() -> MappingSet.load(dir, root.resolve("elsewhere")))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).startsWith("the routes folder does not exist")));
    }

    @Test
    void theJourneyMapIsPartOfTheModel() throws Exception {
        MappingSet set = MappingSet.load(SHIPPED);

        assertThat(set.journeyMap()).hasValueSatisfying(map -> {
            assertThat(map.file()).endsWith("journey-map.yaml");
            assertThat(map.journeys()).extracting(JourneyMap.PersonaJourney::personaId)
                    .contains(set.personas().defaultPersona().id());
        });
    }

    @Test
    void aFolderWithoutAJourneyMapLoadsWithoutOne() throws Exception {
        copyShipped();
        Files.delete(dir.resolve(MappingSet.JOURNEY_MAP));

        assertThat(MappingSet.load(dir).journeyMap()).isEmpty();
    }

    @Test
    void journeyMapProblemsComeWithTheMappingProblemsInOneException() throws Exception {
        copyShipped();
        Files.writeString(dir.resolve("salesforce-case.yaml"), Files.readString(dir.resolve("salesforce-case.yaml"))
                .replace("      default: service\n", "      default: servicing\n"));
        Files.writeString(dir.resolve(MappingSet.JOURNEY_MAP), Files.readString(dir.resolve(MappingSet.JOURNEY_MAP))
                .replaceFirst("types: \\[deal-won", "types: [deal-wn").replace("  retail-shopper:\n", "  retail-shoppers:\n"));

        assertThatThrownBy(() -> MappingSet.load(dir)).isInstanceOfSatisfying(MappingException.class, e -> {
            assertThat(e.problems()).extracting(MappingProblem::file)
                    .anyMatch(f -> f.endsWith("salesforce-case.yaml"))
                    .anyMatch(f -> f.endsWith("journey-map.yaml"));
            // The Case mapping did not load, so the map's types cannot be held to what the mappings make;
            // its other problems are still reported.
            assertThat(e.getMessage()).contains("servicing").contains("retail-shoppers")
                    .doesNotContain("no touchpoint mapping makes type");
        });
    }

    @Test
    void theJourneyMapsTypesAreCheckedAgainstTheTypesTheMappingsMake() throws Exception {
        copyShipped();
        Files.writeString(dir.resolve(MappingSet.JOURNEY_MAP), Files.readString(dir.resolve(MappingSet.JOURNEY_MAP))
                .replaceFirst("types: \\[deal-won", "types: [deal-wn"));
        Files.delete(dir.resolve("mailchimp-unsubscribes.yaml"));

        assertThatThrownBy(() -> MappingSet.load(dir)).isInstanceOfSatisfying(MappingException.class, e -> {
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).endsWith("journey-map.yaml"));
            assertThat(e.getMessage()).contains("no touchpoint mapping makes type 'deal-wn' (did you mean 'deal-won'?)")
                    .contains("no touchpoint mapping makes type 'unsubscribed'");
        });
    }

    @Test
    void aJourneyMapWithoutValidPersonasIsNotCheckedAndSaysWhy() throws Exception {
        copyShipped();
        Files.writeString(dir.resolve("personas.yaml"), "personas: []\n");

        assertThatThrownBy(() -> MappingSet.load(dir)).isInstanceOfSatisfying(MappingException.class, e ->
                assertThat(e.problems()).filteredOn(p -> p.file().endsWith("journey-map.yaml")).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("was not checked").contains("personas.yaml")));
    }

    /** The shipped mappings and routes, side by side as in the repository. */
    private void copyShipped() throws Exception {
        copy(SHIPPED, dir);
        copy(SHIPPED_ROUTES, routes);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
