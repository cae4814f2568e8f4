package dev.journeyconnector.app;

import dev.journeyconnector.testing.MappingFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code journey validate}, as an ops admin runs it after an edit, and as the build runs it over the shipped files. */
class ValidateCommandTest {
    private static final Path SHIPPED_MAPPINGS = MappingFolders.SHIPPED;
    private static final Path SHIPPED_ROUTES = MappingFolders.ROUTES;

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    /** The build's check of the repository's own files: a broken shipped mapping fails {@code mvn verify}. */
    @Test
    void theShippedMappingsAndRoutesAreValid() {
        Result r = validate(Map.of("JOURNEY_MAPPINGS_DIR", SHIPPED_MAPPINGS.toString(),
                "JOURNEY_ROUTES_DIR", SHIPPED_ROUTES.toString()));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Mappings OK: ")
                .containsPattern("insight rules\\s+15 rules \\(rules.yaml\\)")
                .containsPattern("journey map\\s+4 persona journeys \\(journey-map.yaml\\): leisure-traveller \\d+ stages, "
                        + "\\d+ types; .*; unclassified \\d+ stages, \\d+ types\\n");
    }

    @Test
    void aJourneyMapProblemIsReportedWithTheOtherFilesProblems() throws Exception {
        Path mappings = Files.createDirectories(dir.resolve("mappings"));
        try (var files = Files.list(SHIPPED_MAPPINGS)) {
            for (Path f : files.toList()) {
                Files.copy(f, mappings.resolve(f.getFileName()));
            }
        }
        Files.writeString(mappings.resolve("journey-map.yaml"), Files.readString(mappings.resolve("journey-map.yaml"))
                .replace("  retail-shopper:\n", "  retail-shoppers:\n"));
        Files.writeString(mappings.resolve("salesforce-case.yaml"), Files.readString(mappings.resolve("salesforce-case.yaml"))
                + "extra: true\n");

        Result r = validate(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()));

        assertThat(r.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(r.err()).containsPattern("salesforce-case\\.yaml:\\d+ extra: ")
                .containsPattern("journey-map\\.yaml:\\d+ personas\\.retail-shoppers: .*retail-shoppers");
    }

    @Test
    void theRulesFileIsCheckedTooWithEveryProblemAndItsLine() throws Exception {
        Path mappings = Files.createDirectories(dir.resolve("mappings"));
        try (var files = Files.list(SHIPPED_MAPPINGS)) {
            for (Path f : files.toList()) {
                Files.copy(f, mappings.resolve(f.getFileName()));
            }
        }
        Files.writeString(mappings.resolve("rules.yaml"), Files.readString(mappings.resolve("rules.yaml"))
                .replace("  repeat-contact:\n", "  repeat-contacts:\n")
                .replace("  zone: UTC", "  zone: Mars/Olympus"));

        Result r = validate(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()));

        assertThat(r.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(r.err()).contains("rules.yaml has 2 problems")
                .containsPattern("rules\\.yaml:\\d+ .*repeat-contacts")
                .containsPattern("rules\\.yaml:\\d+ .*Mars/Olympus");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFolderWithoutAJourneyMapSaysNoDriftReportIsComputed() throws Exception {
        Result r = validate(Map.of("JOURNEY_MAPPINGS_DIR", MappingFolders.small(dir.resolve("mappings")).toString()));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("journey map\\s+none: there is no journey-map.yaml, so no drift report is computed");
    }

    @Test
    void aValidFolderPrintsWhatItDefines() throws Exception {
        Path mappings = Files.createDirectories(dir.resolve("mappings"));
        Files.copy(SHIPPED_MAPPINGS.resolve("vocabularies.yaml"), mappings.resolve("vocabularies.yaml"));
        Files.copy(SHIPPED_MAPPINGS.resolve("personas.yaml"), mappings.resolve("personas.yaml"));
        Files.writeString(mappings.resolve("zendesk-tickets.yaml"), """
                source: zendesk
                object: tickets
                customer:
                  - zendesk-user: requester_id
                skip: { field: status, equals: deleted }
                rules:
                  - type: ticket-opened
                    at: created_at
                    stage: service
                    channel: web
                    department: support
                    sentiment: neutral
                  - type: ticket-solved
                    when: { field: status, equals: solved }
                    at: updated_at
                    stage: service
                    channel: web
                    department: support
                    sentiment: positive
                """);
        Files.writeString(mappings.resolve("mailchimp-lists.yaml"), """
                source: mailchimp
                object: lists
                reference: true
                """);

        Result r = validate(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("Mappings OK: 4 files in .*mappings, fingerprint [0-9a-f]{12}\\n")
                .containsPattern("objects mapped\\s+2\\n")
                .containsPattern("mailchimp/lists\\s+reference data, no touchpoints \\(mailchimp-lists.yaml\\)")
                .containsPattern("zendesk/tickets\\s+2 rules: ticket-opened, ticket-solved; some records skipped "
                        + "\\(zendesk-tickets.yaml\\)")
                .containsPattern("rule types\\s+2 distinct")
                .containsPattern("personas\\s+\\d+: [a-z-]+, .*, [a-z-]+ \\(default\\)\\n")
                .contains("awareness → engagement → purchase → onboarding → service → retention, and churn outside the order");
    }

    @Test
    void aBrokenFolderPrintsEveryProblemOfEveryFileWithItsLineInOneMessageAndExits2() throws Exception {
        Path mappings = MappingFolders.small(dir.resolve("mappings"));
        Files.writeString(mappings.resolve("personas.yaml"), "personas: []\n");
        MappingFolders.replaceCaseLine(mappings, MappingFolders.STAGE_LINE, "    stage: servicing\n");
        MappingFolders.replaceCaseLine(mappings, MappingFolders.DEPARTMENT_LINE, "    departmnet: support\n");

        Result r = validate(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()));

        assertThat(r.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(r.out()).isEmpty();
        String[] lines = r.err().split("\\R");
        assertThat(lines[0]).matches("The mapping files in .*mappings \\(checked against the routes in .*routes\\) have 5 problems:");
        int count = 5; // personas: 2; Case: the stage, the misspelt key, and department then missing
        // One block: the heading, then exactly one "- file:line path: message" line per problem.
        for (int i = 1; i <= count; i++) {
            assertThat(lines[i]).matches("  - .*(personas|salesforce-case)\\.yaml:[1-9]\\d*( \\S+)?: .+");
        }
        assertThat(r.err())
                .containsPattern("personas\\.yaml:1 personas: ")
                .containsPattern("salesforce-case\\.yaml:\\d+ rules\\[0\\]\\.stage: unknown stage 'servicing'")
                .containsPattern("salesforce-case\\.yaml:\\d+ rules\\[0\\].*departmnet")
                .contains("A connector does not start on these files, and a running one keeps the mappings it has.");
    }

    @Test
    void aMissingFolderIsNamedWithItsSetting() {
        Result r = validate(Map.of("JOURNEY_MAPPINGS_DIR", dir.resolve("nowhere").toString()));

        assertThat(r.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(r.err()).contains("nowhere").contains("does not exist (JOURNEY_MAPPINGS_DIR)");
    }

    @Test
    void mappingsAreCheckedAgainstWhatTheRoutesPull() throws Exception {
        Path mappings = MappingFolders.small(dir.resolve("mappings"));
        Path routes = Files.createDirectories(dir.resolve("routes"));

        Result empty = validate(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString(), "JOURNEY_ROUTES_DIR", routes.toString()));
        Result missing = validate(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString(),
                "JOURNEY_ROUTES_DIR", dir.resolve("no-routes").toString()));

        assertThat(empty.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(empty.err()).containsPattern("salesforce-case\\.yaml:\\d+ .*Case");
        assertThat(missing.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(missing.err()).contains("no-routes").contains("JOURNEY_ROUTES_DIR");
    }

    @Test
    void itNeedsOnlyTheFolderSettingsNotAValidVendorConfiguration() throws Exception {
        // A client secret without a client id makes a run refuse its configuration; validate does not care.
        Map<String, String> env = new HashMap<>();
        env.put("JOURNEY_MAPPINGS_DIR", MappingFolders.small(dir.resolve("mappings")).toString());
        env.put("SALESFORCE_CLIENT_SECRET", "s3cret");
        env.put("JOURNEY_POLL_INTERVAL", "soon");

        Result r = validate(env);

        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void aWrongFlagIsAProblemOfTheCommandLine() throws Exception {
        Result r = run(Map.of("JOURNEY_MAPPINGS_DIR", MappingFolders.small(dir.resolve("mappings")).toString()), "validate", "--mappings", "x");

        assertThat(r.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(r.err()).contains("unknown flag --mappings");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theFolderFlagOverridesTheEnvironment() throws Exception {
        Path mappings = MappingFolders.small(dir.resolve("mappings"));

        Result r = run(Map.of("JOURNEY_MAPPINGS_DIR", dir.resolve("nowhere").toString()),
                "validate", "--journey-mappings-dir", mappings.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Mappings OK: ").contains(" files in " + mappings + ",");
    }

    @Test
    void itsHelpDescribesTheCommandItsSettingsAndExitCodes() {
        for (String[] args : new String[][]{{"validate", "--help"}, {"help", "validate"}}) {
            Result r = run(Map.of(), args);

            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("Usage: journey validate")
                    .contains("--journey-mappings-dir (./mappings)").contains("JOURNEY_MAPPINGS_DIR")
                    .contains("Exit codes: 0 the files are valid, 2 they are not");
        }
        assertThat(run(Map.of(), "--help").out()).contains("journey validate    check the mapping files");
    }

    @Test
    void driftHasItsOwnHelpPage() {
        for (String[] args : new String[][]{{"drift", "--help"}, {"help", "drift"}}) {
            Result r = run(Map.of(), args);

            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("Usage: journey drift [--json]")
                    .contains("--journey-drift-threshold (0.25)").contains("JOURNEY_DRIFT_UNSEEN_DAYS")
                    .contains("no vendor is called and no sandbox")
                    .contains("Exit codes: 0 the report was printed, 1 the store could not be read, 2 ");
        }
        assertThat(run(Map.of(), "--help").out()).contains("journey drift [--json]  print the drift report");
    }

    private Result validate(Map<String, String> env) {
        return run(env, "validate");
    }

    /** Runs the command line with the repository's routes unless the test names others. */
    private Result run(Map<String, String> env, String... args) {
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("JOURNEY_ROUTES_DIR", SHIPPED_ROUTES.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JourneyConnector.execute(args, environment, dir.resolve("no.env"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
