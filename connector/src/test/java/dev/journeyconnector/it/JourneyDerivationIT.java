package dev.journeyconnector.it;

import dev.journeyconnector.app.CommandLine;
import dev.journeyconnector.app.ConnectorRun;
import dev.journeyconnector.app.JourneyConfig;
import dev.journeyconnector.app.RunSummary;
import dev.journeyconnector.app.SettingsLoader;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.TouchpointStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running connector derives the journey: the demo world pulled and derived by {@code --once}, the story
 * customers' timelines read from the store, a second run that derives nothing, and a changed mapping file
 * that re-derives every stored record without a single vendor call. Each test builds on the previous one's
 * data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyDerivationIT {
    private static final String TREY = "sf:003Jx0000000001IAA";
    private static final String AMIRA = "sf:003Jx0000000002IAA";
    private static final String NADIA = "sf:003Jx0000000003IAA";

    @TempDir
    static Path dataDir;
    private static Path mappings;
    private static long recordsInTheFirstRun;

    @BeforeAll
    static void copyTheShippedMappings() throws IOException {
        mappings = Files.createDirectories(dataDir.resolve("mappings"));
        try (Stream<Path> files = Files.list(Cli.MAPPINGS)) {
            for (Path file : files.toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
    }

    @Test
    @Order(1)
    void theFirstRunDerivesTheStoryCustomersJourneysAcrossAllThreeSystemsInTimeOrder() {
        Cli run = Cli.run(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()), dataDir, "--once");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Journey (derived from the stored records with the mappings)")
                .containsPattern("touchpoints derived [1-9]\\d* from [1-9]\\d* records, new/changed/removed [1-9]\\d*"
                        + " \\(every stored record re-derived\\)")
                .containsPattern("customers contact 53, lead \\d+, prospect \\d+")
                .containsPattern("records on the identity review list [1-9]");
        recordsInTheFirstRun = number(run.out(), "touchpoints derived \\d+ from (\\d+) records");
        try (Database db = store()) {
            TouchpointStore touchpoints = new TouchpointStore(db.dataSource());
            List<Touchpoint> trey = touchpoints.timeline(TREY);
            List<Touchpoint> nadia = touchpoints.timeline(NADIA);
            List<Touchpoint> amira = touchpoints.timeline(AMIRA);
            for (List<Touchpoint> timeline : List.of(trey, nadia, amira)) {
                assertThat(timeline).isNotEmpty().isSortedAccordingTo(Comparator.comparing(Touchpoint::occurredAt));
            }

            assertThat(sources(trey)).containsExactlyInAnyOrder(Touchpoint.Source.values());
            assertThat(trey).extracting(Touchpoint::type).as("his Lead's moments joined him when it converted")
                    .startsWith("lead-from-ad").contains("lead-converted", "deal-won", "campaign-open");
            assertThat(trey).filteredOn(t -> t.key().asString().equals("zendesk/tickets/17/ticket-opened"))
                    .singleElement().satisfies(t -> {
                        assertThat(t.title()).isEqualTo("Never received my itinerary");
                        assertThat(t.deepLink()).hasToString("https://meridiangroup.zendesk.com/agent/tickets/17");
                    });
            assertThat(trey).filteredOn(t -> t.type().equals("campaign-open")).allSatisfy(t ->
                    assertThat(t.deepLink().toString()).startsWith("https://us21.admin.mailchimp.com/reports/summary?id="));
            // The demo world names its My Domain, so sandbox Salesforce touchpoints link to Lightning record pages
            // as a real org's do; a parent's page for the rows that have none of their own.
            assertThat(trey).filteredOn(t -> t.deepLink() != null).extracting(t -> t.key().source()).as("links")
                    .containsAll(List.of(Touchpoint.Source.values()));
            assertThat(trey).filteredOn(t -> t.key().asString().equals("salesforce/Case/500Jx0000000001IAA/case-opened"))
                    .singleElement().extracting(Touchpoint::deepLink).hasToString(
                            "https://meridiangroup.my.salesforce.com/lightning/r/Case/500Jx0000000001IAA/view");
            assertThat(trey).filteredOn(t -> t.key().source() == Touchpoint.Source.SALESFORCE).allSatisfy(t ->
                    assertThat(t.deepLink()).as(t.key().asString()).isNotNull().asString()
                            .matches("https://meridiangroup\\.my\\.salesforce\\.com/lightning/r/\\w+/\\w{18}/view"));

            assertThat(sources(nadia)).containsExactlyInAnyOrder(Touchpoint.Source.values());
            assertThat(nadia).extracting(Touchpoint::type).containsSubsequence("deal-won", "ticket-opened",
                    "unsubscribed", "satisfaction-rated", "deal-lost");

            // Amira banks with Meridian: the demo world has her in Salesforce only.
            assertThat(amira).extracting(Touchpoint::type).containsSubsequence("contact-created", "deal-won",
                    "case-opened", "onboarding-call", "case-opened");
            assertThat(amira).allSatisfy(t -> assertThat(t.customerKey()).isEqualTo(AMIRA));
        }
    }

    @Test
    @Order(2)
    void aSecondRunDerivesNothingNewAndTheConnectorsOwnTasksAreNoTouchpoints() throws Exception {
        Cli run = Cli.run(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()), dataDir, "--once");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("touchpoints derived 0 from 0 records, new/changed/removed 0"
                + System.lineSeparator()).contains("touchpoints given another customer 0");
        try (Database db = store(); var c = db.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from touchpoint where title like '[Journey]%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("touchpoints of the 53 summary Tasks the first run wrote").isZero();
        }
    }

    @Test
    @Order(3)
    void aChangedMappingFileReDerivesEveryStoredRecordWithoutAVendorCall() throws Exception {
        Path tickets = mappings.resolve("zendesk-tickets.yaml");
        Files.writeString(tickets, Files.readString(tickets).replace("title: \"Solved: {subject}\"",
                "title: \"Ticket solved: {subject}\""));

        try (ConnectorRun run = connector()) {
            run.start();
            run.awaitPulls();
            Map<String, Long> salesforceCalls = run.summary().apiCalls();
            int zendeskRequests = run.sandbox().zendesk().requestLog().size();
            long mailchimpRequests = run.sandbox().mailchimp().counters().total();

            run.analyse();

            RunSummary after = run.summary();
            assertThat(after.apiCalls()).as("Salesforce calls").isEqualTo(salesforceCalls);
            assertThat(run.sandbox().zendesk().requestLog()).as("Zendesk requests").hasSize(zendeskRequests);
            assertThat(run.sandbox().mailchimp().counters().total()).as("Mailchimp requests").isEqualTo(mailchimpRequests);
            assertThat(after.journey().fullDerivations()).isEqualTo(1);
            assertThat(after.journey().recordsDerived()).as("every stored record, from the store").isEqualTo(recordsInTheFirstRun);
            assertThat(after.journey().touchpointsChanged()).as("the solved tickets' titles").isPositive();
        }
        try (Database db = store()) {
            assertThat(new TouchpointStore(db.dataSource()).timeline(TREY))
                    .filteredOn(t -> t.key().asString().equals("zendesk/tickets/17/ticket-solved"))
                    .singleElement().extracting(Touchpoint::title).isEqualTo("Ticket solved: Never received my itinerary");
        }
    }

    private static List<Touchpoint.Source> sources(List<Touchpoint> timeline) {
        return timeline.stream().map(t -> t.key().source()).distinct().toList();
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in%n%s", regex, text).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static Database store() {
        return Database.open(new JourneyConfig.Database("", "", "", 2), dataDir);
    }

    /** The connector in this JVM, as {@code --once} runs it, so the test can watch the simulators it talks to. */
    private static ConnectorRun connector() {
        Map<String, String> environment = new HashMap<>();
        environment.put("JOURNEY_DATA_DIR", dataDir.toString());
        environment.put("JOURNEY_ROUTES_DIR", Cli.ROUTES.toString());
        environment.put("JOURNEY_MAPPINGS_DIR", mappings.toString());
        // The derivation is what must make no vendor call; the write-back would rightly update the summary Tasks
        // that show the retitled touchpoints (WriteBackIT covers that).
        environment.put("JOURNEY_WRITEBACK_ENABLED", "false");
        JourneyConfig config = JourneyConfig.from(SettingsLoader.load(environment, dataDir.resolve("no.env"),
                CommandLine.parse("--once")));
        return new ConnectorRun(config, true);
    }
}
