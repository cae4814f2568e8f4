package dev.journeyconnector.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.store.CustomerStore;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.TouchpointStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insight commands as an ops admin runs them, against the tests' store (as an external database): what they
 * print, and that the backtest leaves every table as it was.
 */
class InsightCommandsTest {
    private static final String TREY = "sf:003Jx0000000001IAA";
    /** Long enough ago that every SLA of the shipped rules has passed. */
    private static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    private DataSource dataSource;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        dataSource = TestStore.clean().dataSource();
        new CustomerStore(dataSource).replaceCustomers(List.of(new StoredCustomer(TREY, "contact", "leisure-traveller",
                SourceRef.contact("003Jx0000000001IAA"))));
        new TouchpointStore(dataSource).upsert(List.of(
                ticket("17", "ticket-opened", OPENED, "Never received my itinerary"),
                ticket("17", "ticket-first-reply", OPENED.plus(Duration.ofHours(31)), "Sorry about that"),
                ticket("17", "ticket-solved", OPENED.plus(Duration.ofHours(40)), "Itinerary sent")));
    }

    @Test
    void insightsFullEvaluatesTheStoredJourneyAndFindingsListsTheResultReadably() {
        Result insights = run("insights", "--full");

        assertThat(insights.exit()).as(insights.err()).isZero();
        assertThat(insights.out()).contains("Evaluated 1 customers (every customer)")
                .containsPattern("slow-first-response\\s+open\\s+0, resolved\\s+1");

        Result findings = run("findings", "--state", "all", "--customer", TREY);
        assertThat(findings.exit()).as(findings.err()).isZero();
        assertThat(findings.out())
                .startsWith("1 finding (0 open, 1 resolved): open and resolved, customer " + TREY)
                .contains("RESOLVED  high  slow-first-response (pain-point)  " + TREY + ", persona leisure-traveller")
                .contains("First reply after 31 h; the SLA for normal priority (none given) is 24 h")
                .contains("2026-03-02 09:00 UTC  ticket-opened \"Never received my itinerary\"  "
                        + "https://meridiangroup.zendesk.com/agent/tickets/17")
                .contains("who should act: the fallback user: nobody owns the ticket");
        assertThat(run("findings").out()).as("open only, by default").startsWith("0 findings (0 open, 0 resolved): open");
    }

    @Test
    void anUnknownStateIsRefusedWithTheChoices() {
        Result r = run("findings", "--state", "closed");

        assertThat(r.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(r.err()).contains("--state closed is not one of open, resolved, all");
    }

    @Test
    void aBacktestPrintsTheDifferencePerRuleAndChangesNoTable() throws Exception {
        run("insights");
        Map<String, String> before = tableDigests();
        Path candidate = dir.resolve("candidate-rules.yaml");
        Files.writeString(candidate, """
                rules:
                  slow-first-response:
                    sla: { normal: 48h }
                """);

        Result r = run("backtest", "--rules", candidate.toString(), "--from", "2026-03-01", "--to", "2026-03-31");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Backtest of " + candidate + " against ")
                .containsPattern("slow-first-response\\s+1\\s+0\\s+0\\s+1")
                .contains("Only with the rules in force (up to 3 per rule):")
                .contains("First reply after 31 h; the SLA for normal priority (none given) is 24 h");
        assertThat(tableDigests()).isEqualTo(before);
    }

    @Test
    void aBacktestNeedsItsThreeOptions() {
        Result r = run("backtest", "--from", "2026-03-31", "--to", "2026-03-01");

        assertThat(r.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(r.err()).contains("--rules is required").contains("--to 2026-03-01 is before --from 2026-03-31");
    }

    @Test
    void theBenchmarkRunsAFullAndAnIncrementalEvaluationOnAFreshStore() throws Exception {
        Map<String, String> before = tableDigests();

        Result r = run("bench", "insights", "--customers", "300", "--touched", "20");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Insight benchmark: 300 synthetic customers, 20 touched")
                .contains("Machine: ").containsPattern("full evaluation\\s+[0-9.]+ s\\s+300 customers")
                .containsPattern("incremental evaluation\\s+[0-9.]+ s\\s+\\d+ customers \\(20 touched\\)");
        // The touched customers and their colleagues at the same Account (five Contacts to a synthetic Account),
        // whose Account-wide rules read the new touchpoints too.
        java.util.regex.Matcher incremental = java.util.regex.Pattern
                .compile("incremental evaluation\\s+[0-9.]+ s\\s+(\\d+) customers").matcher(r.out());
        assertThat(incremental.find()).isTrue();
        assertThat(Integer.parseInt(incremental.group(1))).isBetween(20, 100);
        assertThat(tableDigests()).as("the connector's own store is not touched").isEqualTo(before);
    }

    private Result run(String... args) {
        HikariDataSource pool = (HikariDataSource) dataSource;
        Map<String, String> env = new HashMap<>();
        env.put("JOURNEY_DATA_DIR", dir.toString());
        env.put("JOURNEY_DB_URL", pool.getJdbcUrl());
        env.put("JOURNEY_DB_USER", pool.getUsername());
        env.put("JOURNEY_MAPPINGS_DIR", Path.of("..", "mappings").toString());
        env.put("JOURNEY_ROUTES_DIR", Path.of("..", "routes").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JourneyConnector.execute(args, env, dir.resolve("no.env"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Touchpoint ticket(String id, String type, Instant at, String title) {
        return new Touchpoint(new Touchpoint.Key(Touchpoint.Source.ZENDESK, "tickets", id, type), TREY, "service",
                "email", "support", "desktop", Sentiment.NEUTRAL, at, title,
                URI.create("https://meridiangroup.zendesk.com/agent/tickets/" + id));
    }

    /** Every table of the store, by a digest of all its rows. */
    private Map<String, String> tableDigests() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables"
                    + " where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select count(*) || ':' || md5(coalesce(string_agg(t::text, '|'"
                        + " order by t::text), '')) from \"" + table + "\" t")) {
                    rs.next();
                    out.put(table, rs.getString(1));
                }
            }
        }
        assertThat(out).containsKeys("finding", "touchpoint", "insight_state", "raw_record");
        return out;
    }
}
