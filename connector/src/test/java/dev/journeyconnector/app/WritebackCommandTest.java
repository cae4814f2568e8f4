package dev.journeyconnector.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.journeyconnector.store.Json;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.WritebackLedger;
import dev.journeyconnector.store.WritebackLedger.DeadLetter;
import dev.journeyconnector.store.WritebackLedger.Entry;
import dev.journeyconnector.store.WritebackLedger.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code journey writeback status|dead-letters|retry} as an ops admin runs them, against the tests' store (as an
 * external database) seeded through the ledger the write-back stage uses: what they print, and that a retry turns
 * dead letters into records to retry.
 */
class WritebackCommandTest {
    private static final String SLOW_REPLY = "slow-first-response|sf:003Jx0000000001IAA|zendesk/tickets/17";
    private static final String GAP = "sales-to-onboarding|sf:003Jx0000000002IAA|salesforce/Opportunity/006Jx01";
    private static final String TREY = "003Jx0000000001IAA";
    private static final Instant NOON = Instant.parse("2026-05-04T12:00:00Z");

    @TempDir
    Path dir;

    private WritebackLedger ledger;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        ledger = new WritebackLedger(TestStore.clean().dataSource());
    }

    /**
     * Two findings as Tasks (one refused twice by a validation rule, one written), the gap's Journey_Finding__c
     * refused for a permission, a Contact whose fields are written, one in flight and one to retry.
     */
    private void seedLedger() {
        ledger.markSending(List.of(
                entry("finding-task", SLOW_REPLY, "Task"), entry("finding-task", GAP, "Task"),
                entry("finding-record", GAP, "Journey_Finding__c"), entry("contact-context", TREY, "Contact"),
                entry("journey-summary", TREY, "Task"), entry("drift-alert", "journey-map", "Task")));
        ledger.recordOutcomes(List.of(
                new Entry("finding-task", GAP, "Task", "00TJx000000ABCDEAA", "h", State.WRITTEN, null),
                new Entry("contact-context", TREY, "Contact", TREY, "h", State.WRITTEN, null),
                new Entry("journey-summary", TREY, "Task", null, null, State.FAILED, "UNABLE_TO_LOCK_ROW: locked")));
        DeadLetter validation = new DeadLetter("finding-task", SLOW_REPLY, "Task", "create",
                Map.of("Subject", "[Journey] Pain point: Slow first response on ticket 17", "WhoId", TREY,
                        "Description", "First reply after 31 h\njourney-connector:finding:" + SLOW_REPLY),
                "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Subject must not start with a bracket\n(rule Task_Subject)",
                List.of("Subject"), null, 1);
        ledger.deadLetter(List.of(validation));
        ledger.deadLetter(List.of(validation)); // refused again after a retry: attempts 2
        ledger.deadLetter(List.of(new DeadLetter("finding-record", GAP, "Journey_Finding__c", "upsert",
                Map.of("Finding_Key__c", GAP, "Title__c", "Nobody picked up the won deal"),
                "INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id", List.of(), null, 1)));
    }

    private static Entry entry(String kind, String key, String object) {
        return new Entry(kind, key, object, null, "h", State.SENDING, null, Map.of("marker", key), null);
    }

    @Test
    void statusCountsTheLedgerPerKindAndStateAndShowsTodaysBudgetAndTheDeadLetterHint() {
        seedLedger();
        LocalDate today = LocalDate.ofInstant(NOON, ZoneOffset.UTC);
        ledger.spend(today.minusDays(1), 40, 9_800, 15_000);
        ledger.spend(today, 7, 1_234, 15_000);

        Result r = status(false, NOON);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Write-back ledger: 6 records")
                .containsPattern("finding-task\\s+1\\s+0\\s+0\\s+1\\n")
                .containsPattern("finding-record\\s+0\\s+0\\s+0\\s+1\\n")
                .containsPattern("journey-summary\\s+0\\s+0\\s+1\\s+0\\n")
                .containsPattern("contact-context\\s+1\\s+0\\s+0\\s+0\\n")
                .containsPattern("drift-alert\\s+0\\s+1\\s+0\\s+0\\n")
                .containsPattern("all\\s+2\\s+1\\s+1\\s+2\\n")
                .contains("API budget (UTC day 2026-05-04)")
                .contains("write-back calls today  7 of 1,500 (10% of the org's 15,000 daily requests)")
                .containsPattern("org usage\\s+1,234 of 15,000 requests in the org's 24 hours, reported "
                        + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC")
                .contains("2 dead letters: Salesforce refused them for good."
                        + " See why with 'journey writeback dead-letters'")
                .contains("'journey writeback retry --key KEY' (or --all)")
                .contains("1 to retry: ").contains("1 in flight: ");
    }

    @Test
    void statusOnAQuietDayShowsTheLastKnownOrgUsageAndOnAnEmptyLedgerSaysNothingWasWritten() {
        LocalDate today = LocalDate.ofInstant(NOON, ZoneOffset.UTC);
        ledger.spend(today.minusDays(1), 1_500, 9_800, 15_000);

        Result quiet = status(false, NOON);

        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.out()).startsWith("Write-back ledger: 0 records")
                .contains("write-back calls today  none of 1,500")
                .contains("org usage               9,800 of 15,000")
                .contains("Nothing has been written back yet: 'journey --once' runs a cycle.")
                .doesNotContain("dead letter");

        ledger.spend(today, 1_500, 15_000, 15_000);
        assertThat(status(false, NOON).out())
                .contains("1,500 of 1,500 (10% of the org's 15,000 daily requests): spent, the write-back waits for"
                        + " the next UTC day")
                .containsPattern("15,000 of 15,000 requests in the org's 24 hours, reported .* UTC: spent, cycles"
                        + " write nothing until requests free up");

        TestStore.clean();
        assertThat(status(false, NOON).out()).contains("org usage               not reported yet");
    }

    @Test
    void statusAsJsonCarriesTheSameNumbers() throws Exception {
        seedLedger();
        ledger.spend(LocalDate.ofInstant(NOON, ZoneOffset.UTC), 7, 1_234, 15_000);

        Result r = status(true, NOON);

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.get("day").asText()).isEqualTo("2026-05-04");
        assertThat(json.at("/kinds/finding-task/deadLettered").asLong()).isEqualTo(1);
        assertThat(json.at("/kinds/journey-summary/toRetry").asLong()).isEqualTo(1);
        assertThat(json.at("/all/written").asLong()).isEqualTo(2);
        assertThat(json.at("/budget/callsToday").asLong()).isEqualTo(7);
        assertThat(json.at("/budget/allowance").asLong()).isEqualTo(1_500);
        assertThat(json.at("/budget/orgUsed").asLong()).isEqualTo(1_234);
        assertThat(json.get("dryRun").asBoolean()).isFalse();
    }

    @Test
    void deadLettersListsEachWithSalesforcesReasonTheFieldsAndWhatWasSent() {
        seedLedger();

        Result r = run("writeback", "dead-letters");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("2 dead letters (finding-record 1, finding-task 1), newest first")
                .contains("finding-task  " + SLOW_REPLY + "\n")
                .containsPattern("refused     Task create, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, attempts 2\\n")
                .contains("salesforce  FIELD_CUSTOM_VALIDATION_EXCEPTION: Subject must not start with a bracket"
                        + " (rule Task_Subject)\n")
                .contains("fields      Subject\n")
                .contains("Subject     [Journey] Pain point: Slow first response on ticket 17\n")
                .contains("finding-record  " + GAP + "\n")
                .containsPattern("refused     Journey_Finding__c upsert, .*, attempts 1\\n")
                .contains("salesforce  INSUFFICIENT_ACCESS_OR_READONLY: insufficient access rights on object id\n")
                .contains("Title__c    Nobody picked up the won deal\n")
                .contains("'journey writeback retry --key KEY' (or --all)");

        Result onlyRecords = run("writeback", "dead-letters", "--kind", "finding-record");
        assertThat(onlyRecords.out()).startsWith("1 dead letter of kind finding-record").doesNotContain(SLOW_REPLY);
        assertThat(run("writeback", "dead-letters", "--kind", "drift-alert").out())
                .isEqualTo("No dead letters of kind drift-alert.\n");
    }

    @Test
    void deadLettersAsJsonCarryTheWholePayload() throws Exception {
        seedLedger();

        Result r = run("writeback", "dead-letters", "--kind", "finding-task", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode letters = Json.MAPPER.readTree(r.out());
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("key").asText()).isEqualTo(SLOW_REPLY);
        assertThat(letter.get("object").asText()).isEqualTo("Task");
        assertThat(letter.get("statusCode").asText()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(letter.get("fields").get(0).asText()).isEqualTo("Subject");
        assertThat(letter.get("attempts").asInt()).isEqualTo(2);
        assertThat(letter.at("/payload/WhoId").asText()).isEqualTo(TREY);
        assertThat(Instant.parse(letter.get("failedAt").asText())).isBefore(Instant.now().plusSeconds(60));
    }

    @Test
    void noDeadLettersIsSaidPlainlyAndAnUnknownKindIsRefused() {
        assertThat(run("writeback", "dead-letters")).isEqualTo(new Result(0, "No dead letters.\n", ""));

        Result unknown = run("writeback", "dead-letters", "--kind", "finding");
        assertThat(unknown.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(unknown.err()).contains("--kind finding is not a write-back kind (finding-task, finding-record,"
                + " journey-summary, contact-context, drift-alert)").contains(WritebackCommand.DEAD_LETTERS_USAGE);
    }

    @Test
    void retryHandsTheNamedDeadLetterBackAndNamesEachKeyThatIsNotOne() {
        seedLedger();

        Result r = run("writeback", "retry", "--key", SLOW_REPLY, "--key", TREY, "--key", "no-such-key");

        assertThat(r.exit()).isEqualTo(JourneyConnector.FAILED);
        assertThat(r.out()).isEqualTo("""
                Handed back 1 dead letter (finding-task 1): it is to retry now.
                The next 'journey --once', or the running connector's next cycle, sends it to Salesforce again;
                refused again, it comes back as a dead letter.
                """);
        assertThat(r.err())
                .contains("journey writeback retry: " + TREY + " is not a dead letter: contact-context is written"
                        + " (Contact " + TREY + "); journey-summary is to retry already")
                .contains("journey writeback retry: no-such-key is not a dead letter: the write-back ledger has no"
                        + " record with this key");
        assertThat(ledger.entries("finding-task").get(SLOW_REPLY).state()).isEqualTo(State.FAILED);
        assertThat(ledger.entries("finding-task").get(SLOW_REPLY).lastError()).isEqualTo("handed back for retry");
        assertThat(ledger.deadLetters(null)).extracting(DeadLetter::key).containsExactly(GAP);
        assertThat(ledger.entries("finding-record").get(GAP).state()).isEqualTo(State.DEAD);
        assertThat(ledger.entries("finding-task").get(GAP).state()).as("the written Task of the same key")
                .isEqualTo(State.WRITTEN);
    }

    @Test
    void retryAllHandsEveryDeadLetterBackAndThenHasNoneLeft() {
        seedLedger();

        Result r = run("writeback", "retry", "--all");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Handed back 2 dead letters (finding-record 1, finding-task 1): they are to"
                + " retry now.\n").endsWith("refused again, they come back as dead letters.\n");
        assertThat(ledger.deadLetters(null)).isEmpty();
        assertThat(ledger.counts().values()).noneMatch(byState -> byState.containsKey(State.DEAD));
        assertThat(ledger.counts().get("finding-record")).containsEntry(State.FAILED, 1L);
        assertThat(run("writeback", "dead-letters").out()).isEqualTo("No dead letters.\n");
        assertThat(run("writeback", "retry", "--all")).isEqualTo(new Result(0, "No dead letters to retry.\n", ""));
    }

    @Test
    void retryWithoutKeysOrAllOrWithBothIsAUsageErrorThatChangesNothing() {
        seedLedger();

        Result neither = run("writeback", "retry");
        Result both = run("writeback", "retry", "--all", "--key", SLOW_REPLY);

        assertThat(neither.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(neither.err()).contains("name the dead letters to hand back with --key KEY")
                .contains(WritebackCommand.RETRY_USAGE);
        assertThat(both.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(both.err()).contains("--all retries every dead letter");
        assertThat(ledger.deadLetters(null)).hasSize(2);
    }

    @Test
    void everySubjectHasItsOwnHelpPageAndTheCommandListNamesThem() {
        assertThat(run("help", "writeback", "status").out()).startsWith(WritebackCommand.STATUS_USAGE)
                .contains("JOURNEY_WRITEBACK_BUDGET_SHARE");
        assertThat(run("writeback", "dead-letters", "--help").out()).startsWith(WritebackCommand.DEAD_LETTERS_USAGE)
                .contains("--kind KIND");
        assertThat(run("help", "writeback", "retry").out()).startsWith(WritebackCommand.RETRY_USAGE)
                .contains("Exit codes: 0 handed back");
        assertThat(run("help", "writeback").out()).contains("dead-letters   each refused record");
        assertThat(run("--help").out()).contains("journey writeback status [--json]")
                .contains("journey writeback dead-letters [--kind KIND] [--json]")
                .contains("journey writeback retry (--key KEY ... | --all)");
        Result noSubject = run("writeback");
        assertThat(noSubject.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(noSubject.err()).contains("writeback needs what to do: status, dead-letters, retry");
    }

    private Map<String, String> env() {
        HikariDataSource pool = (HikariDataSource) TestStore.database().dataSource();
        Map<String, String> env = new HashMap<>();
        env.put("JOURNEY_DATA_DIR", dir.toString());
        env.put("JOURNEY_DB_URL", pool.getJdbcUrl());
        env.put("JOURNEY_DB_USER", pool.getUsername());
        env.put("JOURNEY_MAPPINGS_DIR", Path.of("..", "mappings").toString());
        env.put("JOURNEY_ROUTES_DIR", Path.of("..", "routes").toString());
        return env;
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JourneyConnector.execute(args, env(), dir.resolve("no.env"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The status on a fixed day: the budget is counted per UTC day, which the system clock would make a race. */
    private Result status(boolean json, Instant now) {
        CommandLine cli = CommandLine.parse(json ? new String[]{"writeback", "status", "--json"}
                : new String[]{"writeback", "status"});
        JourneyConfig config = JourneyConfig.from(SettingsLoader.load(env(), dir.resolve("no.env"), cli));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WritebackCommand.run(config, cli.options(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(now, ZoneOffset.UTC));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
