package dev.journeyconnector.zendesk;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyconnector.pull.PullCursors;
import dev.journeyconnector.pull.PullPage;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.store.RawRecord;
import dev.journeyconnector.zendesk.client.FakeTime;
import dev.journeyconnector.zendesk.client.FakeZendesk;
import dev.journeyconnector.zendesk.client.OkHttpZendeskClient;
import dev.journeyconnector.zendesk.client.ZendeskClient;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.journeyconnector.zendesk.client.FakeZendesk.TICKETS;
import static dev.journeyconnector.zendesk.client.FakeZendesk.cursorExportPage;
import static dev.journeyconnector.zendesk.client.FakeZendesk.json;
import static dev.journeyconnector.zendesk.client.FakeZendesk.tickets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * journey-zendesk:&lt;object&gt; in a small CamelContext against WireMock: the route ends in a processor that plays
 * store-raw (keeps the records, moves the cursor), with in-memory cursors and progress.
 */
class JourneyZendeskComponentTest {
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    private FakeZendesk zendesk;
    private FakeTime time;
    private ZendeskClient client;
    private final Map<String, Map<String, Object>> cursors = new ConcurrentHashMap<>();
    private final PullCursors pullCursors = (source, object) -> Optional.ofNullable(cursors.get(source + " " + object));
    private final PullProgress progress = new PullProgress();
    private final List<PullPage> stored = new CopyOnWriteArrayList<>();
    private volatile int failStoringPage = -1;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        zendesk = new FakeZendesk();
        time = new FakeTime();
        client = new OkHttpZendeskClient(zendesk.settings(time).build(), time);
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(dev.journeyconnector.pull.PullFailure.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(dev.journeyconnector.pull.PullFailure.class)).detachAppender(logs);
        client.close();
        zendesk.close();
    }

    /** Runs one poll of {@code uri} and returns when it has finished or failed. */
    private void pollOnce(String uri) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(JourneyZendeskComponent.SCHEME, new JourneyZendeskComponent(client, pullCursors, progress));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri + (uri.contains("?") ? "&" : "?") + "repeatCount=1&initialDelay=0").process(exchange -> {
                        PullPage page = exchange.getMessage().getBody(PullPage.class);
                        if (page.pageNumber() == failStoringPage) {
                            throw new IllegalStateException("database is down");
                        }
                        stored.add(page);
                        cursors.put(page.source() + " " + page.objectType(), page.cursor());
                    });
                }
            });
            camel.start();
            long deadline = System.currentTimeMillis() + 20_000;
            while (!progress.everyPullPolled() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(progress.everyPullPolled()).as("the poll finished").isTrue();
        }
    }

    private PullProgress.Counts counts(String object) {
        return progress.snapshot().get("zendesk " + object);
    }

    private List<String> errorLines() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void fullExportEmitsEveryPageWithItsCursorUntilEndOfStream() throws Exception {
        // 250 tickets at 100 a page: ceil(250/100) = 3 requests. Zendesk flags the last, short page with
        // end_of_stream=true (as in the recorded export of 87 tickets, one page), so no fourth request.
        zendesk.stub(zendesk.exportStart(TICKETS, 0), json(cursorExportPage("tickets", tickets(1, 100, T), "c1", false)));
        zendesk.stub(zendesk.exportAfter(TICKETS, "c1"), json(cursorExportPage("tickets", tickets(101, 100, T), "c2", false)));
        zendesk.stub(zendesk.exportAfter(TICKETS, "c2"), json(cursorExportPage("tickets", tickets(201, 50, T), "c3", true)));

        pollOnce("journey-zendesk:tickets?pageSize=100");

        assertThat(zendesk.requests(TICKETS)).hasSize(3)
                .allSatisfy(r -> assertThat(r.queryParameter("per_page").firstValue()).isEqualTo("100"));
        assertThat(stored).extracting(PullPage::pageNumber).containsExactly(1, 2, 3);
        assertThat(stored).extracting(PullPage::last).containsExactly(false, false, true);
        assertThat(stored).extracting(p -> p.records().size()).containsExactly(100, 100, 50);
        assertThat(stored).extracting(p -> p.cursor().get("afterCursor")).containsExactly("c1", "c2", "c3");
        assertThat(stored).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo("zendesk");
            assertThat(p.objectType()).isEqualTo("tickets");
        });
        assertThat(stored.stream().flatMap(p -> p.records().stream()).map(RawRecord::recordId).distinct()).hasSize(250);
        assertThat(cursors.get("zendesk tickets")).containsEntry("afterCursor", "c3");
        assertThat(counts("tickets").fetched()).isEqualTo(250);
        assertThat(counts("tickets").polls()).isEqualTo(1);
        assertThat(counts("tickets").failures()).isZero();
    }

    @Test
    void exactMultipleOfThePageSizeEndsWithTheEmptyEndOfStreamPage() throws Exception {
        // When the last page is full, the API may only know there is nothing more on the next request, which
        // comes back empty with end_of_stream=true: 200/100 + 1 requests. The pull follows end_of_stream, never
        // the page's fullness, and still stores that page: it carries the cursor for the next poll.
        zendesk.stub(zendesk.exportStart(TICKETS, 0), json(cursorExportPage("tickets", tickets(1, 100, T), "c1", false)));
        zendesk.stub(zendesk.exportAfter(TICKETS, "c1"), json(cursorExportPage("tickets", tickets(101, 100, T), "c2", false)));
        zendesk.stub(zendesk.exportAfter(TICKETS, "c2"), json(cursorExportPage("tickets", List.of(), "c3", true)));

        pollOnce("journey-zendesk:tickets?pageSize=100");

        assertThat(zendesk.requests(TICKETS)).hasSize(3);
        assertThat(stored).extracting(p -> p.records().size()).containsExactly(100, 100, 0);
        assertThat(stored.get(2).last()).isTrue();
        assertThat(cursors.get("zendesk tickets")).containsEntry("afterCursor", "c3");
    }

    @Test
    void resumesFromTheStoredCursor() throws Exception {
        cursors.put("zendesk tickets", Map.of("afterCursor", "c7", "startTime", "2025-12-01T00:00:00Z"));
        zendesk.stub(zendesk.exportAfter(TICKETS, "c7"), json(cursorExportPage("tickets", tickets(700, 2, T), "c8", true)));

        pollOnce("journey-zendesk:tickets?startDate=2020-01-01T00:00:00Z");

        var requests = zendesk.requests(TICKETS);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).queryParameter("cursor").firstValue()).isEqualTo("c7");
        assertThat(requests.get(0).queryParameter("start_time").isPresent()).isFalse();
        assertThat(cursors.get("zendesk tickets")).containsEntry("afterCursor", "c8");
    }

    @Test
    void firstLoadStartsAtStartDate() throws Exception {
        Instant startDate = Instant.parse("2025-06-01T00:00:00Z");
        zendesk.stub(zendesk.exportStart(TICKETS, startDate.getEpochSecond()),
                json(cursorExportPage("tickets", tickets(1, 1, T), "c1", true)));

        pollOnce("journey-zendesk:tickets?startDate=" + startDate);

        assertThat(stored).hasSize(1);
    }

    @Test
    void ticketsCarryTheirMetricSetVersionAndTombstone() throws Exception {
        ObjectNode live = FakeZendesk.ticket(1, T);
        ObjectNode gone = FakeZendesk.ticket(2, T);
        gone.put("status", "deleted");
        // Zendesk recomputed the metrics after the last update: generated_timestamp is later than updated_at.
        live.put("generated_timestamp", T.plusSeconds(300).getEpochSecond());
        ObjectNode page = cursorExportPage("tickets", List.of(live, gone), "c1", true);
        page.putArray("metric_sets").add(FakeZendesk.metricSet(1, 42));
        zendesk.stub(zendesk.exportStart(TICKETS, 0), json(page));

        pollOnce("journey-zendesk:tickets");

        List<RawRecord> records = stored.get(0).records();
        assertThat(records.get(0).recordId()).isEqualTo("1");
        assertThat(records.get(0).deleted()).isFalse();
        assertThat(records.get(0).versionTime()).isEqualTo(T.plusSeconds(300));
        @SuppressWarnings("unchecked")
        Map<String, Object> metricSet = (Map<String, Object>) records.get(0).payload().get("metric_set");
        assertThat(metricSet).containsEntry("ticket_id", 1);
        assertThat(records.get(1).deleted()).isTrue();
        assertThat(records.get(1).versionTime()).isEqualTo(T);
    }

    @Test
    void storeFailureEndsThePollWithTheCursorAfterTheLastStoredPage() throws Exception {
        zendesk.stub(zendesk.exportStart(TICKETS, 0), json(cursorExportPage("tickets", tickets(1, 2, T), "c1", false)));
        zendesk.stub(zendesk.exportAfter(TICKETS, "c1"), json(cursorExportPage("tickets", tickets(3, 2, T), "c2", true)));
        failStoringPage = 2;

        pollOnce("journey-zendesk:tickets");

        assertThat(stored).hasSize(1);
        assertThat(cursors.get("zendesk tickets")).containsEntry("afterCursor", "c1");
        assertThat(counts("tickets").failures()).isEqualTo(1);
        assertThat(errorLines()).singleElement().asString()
                .startsWith("Pull of Zendesk tickets failed: database is down");
    }

    @Test
    void malformedPageEmitsNoRecordsAndKeepsTheCursor() throws Exception {
        zendesk.stub(zendesk.exportStart(TICKETS, 0), json(cursorExportPage("tickets", tickets(1, 2, T), "c1", false)));
        zendesk.stub(zendesk.exportAfter(TICKETS, "c1"), aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"tickets\":[{\"id\":3,\"subject\":\"Print"));

        pollOnce("journey-zendesk:tickets");

        assertThat(stored).hasSize(1);
        assertThat(cursors.get("zendesk tickets")).containsEntry("afterCursor", "c1");
        assertThat(counts("tickets").fetched()).isEqualTo(2);
        assertThat(errorLines()).singleElement().asString()
                .startsWith("Pull of Zendesk tickets failed: Zendesk " + TICKETS + " sent a malformed answer");
    }

    @Test
    void unauthorizedEndsThePollWithOneClearLineAndNoToken() throws Exception {
        zendesk.stub(zendesk.exportStart(TICKETS, 0), aResponse().withStatus(401)
                .withBody("{\"error\":\"Couldn't authenticate you\"}"));

        pollOnce("journey-zendesk:tickets");

        assertThat(stored).isEmpty();
        assertThat(cursors).isEmpty();
        assertThat(counts("tickets").lastError()).contains("HTTP 401").doesNotContain(FakeZendesk.API_TOKEN);
        assertThat(errorLines()).singleElement().asString()
                .startsWith("Pull of Zendesk tickets failed: Zendesk " + TICKETS + " failed: HTTP 401 Couldn't authenticate you")
                .doesNotContain(FakeZendesk.API_TOKEN);
    }

    @Test
    void usersAreTombstonedWhenInactive() throws Exception {
        ObjectNode active = FakeZendesk.user(10, T);
        ObjectNode deleted = FakeZendesk.user(11, T);
        deleted.put("active", false);
        ObjectNode page = cursorExportPage("users", List.of(active, deleted), "u1", true);
        page.putArray("identities").addObject().put("id", 5).put("user_id", 10).put("type", "email").put("value", "a@x.test");
        zendesk.stub(zendesk.exportStart(FakeZendesk.USERS, 0), json(page));

        pollOnce("journey-zendesk:users");

        assertThat(stored.get(0).records()).extracting(RawRecord::deleted).containsExactly(false, true);
        assertThat(stored.get(0).records().get(0).payload().get("identities")).asList().hasSize(1);
    }

    @Test
    void ticketEventsMoveTheStartTimeToEachPagesEndTime() throws Exception {
        Instant end1 = T.plusSeconds(60);
        Instant end2 = T.plusSeconds(120);
        zendesk.stub(get(urlPathEqualTo(FakeZendesk.TICKET_EVENTS)).withQueryParam("start_time", equalTo("0")),
                json(FakeZendesk.timeExportPage(List.of(FakeZendesk.event(1, 1, T), FakeZendesk.event(3, 1, end1)), end1, false)));
        zendesk.stub(get(urlPathEqualTo(FakeZendesk.TICKET_EVENTS)).withQueryParam("start_time", equalTo(Long.toString(end1.getEpochSecond()))),
                json(FakeZendesk.timeExportPage(List.of(FakeZendesk.event(5, 2, end2)), end2, true)));

        pollOnce("journey-zendesk:ticket_events");

        assertThat(zendesk.requests(FakeZendesk.TICKET_EVENTS)).hasSize(2);
        assertThat(stored).extracting(p -> p.cursor().get("startTime")).containsExactly(end1.toString(), end2.toString());
        assertThat(stored.get(0).records()).extracting(RawRecord::versionTime).containsExactly(T, end1);
        assertThat(stored.get(1).last()).isTrue();
    }

    @Test
    void satisfactionRatingsWalkPagesThenMoveStartTimeToZendesksClockAtTheFirstPageLessTheOverlap() throws Exception {
        zendesk.stub(get(urlPathEqualTo(FakeZendesk.RATINGS)).withQueryParam("page[after]", com.github.tomakehurst.wiremock.client.WireMock.absent()),
                json(FakeZendesk.listPage("satisfaction_ratings", List.of(FakeZendesk.rating(1, 1, T.plusSeconds(500)),
                        FakeZendesk.rating(2, 2, T)), "r1", true)).withHeader("Date", "Mon, 05 Jan 2026 10:20:00 GMT"));
        zendesk.stub(get(urlPathEqualTo(FakeZendesk.RATINGS)).withQueryParam("page[after]", equalTo("r1")),
                json(FakeZendesk.listPage("satisfaction_ratings", List.of(FakeZendesk.rating(3, 3, T.plusSeconds(100))), "r2", false))
                        .withHeader("Date", "Mon, 05 Jan 2026 10:20:01 GMT"));

        pollOnce("journey-zendesk:satisfaction_ratings");

        assertThat(zendesk.requests(FakeZendesk.RATINGS)).hasSize(2)
                .allSatisfy(r -> assertThat(r.queryParameter("page[size]").firstValue()).isEqualTo("100"));
        assertThat(stored.get(0).cursor()).containsEntry("afterCursor", "r1").containsEntry("startTime", Instant.EPOCH.toString());
        assertThat(stored.get(0).cursor()).containsEntry("upTo", T.plusSeconds(1200).toString());
        assertThat(stored.get(1).cursor()).as("the first page's Date less the default overlap of 2 minutes")
                .containsEntry("startTime", T.plusSeconds(1200 - 120).toString()).containsEntry("afterCursor", null);
    }

    @Test
    void unknownObjectIsRefusedNamingTheChoices() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(JourneyZendeskComponent.SCHEME, new JourneyZendeskComponent(client, pullCursors, progress));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> camel.getEndpoint("journey-zendesk:organizations"))
                    .hasStackTraceContaining("must name one of tickets, users, ticket_events, satisfaction_ratings");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> camel.getEndpoint("journey-zendesk:satisfaction_ratings?pageSize=500"))
                    .hasStackTraceContaining("pageSize must be between 1 and 100");
        }
    }

    /** The real recorded export of 87 tickets (reference-only, read in place; skipped where absent). */
    @Test
    void recordedExportOf87TicketsIsOnePageWithEndOfStream() throws Exception {
        Path recording = findReferenceFixture("zenpy_incremental_tickets_cursor_start_time0.json");
        assumeThat(recording).as("reference-only Zendesk recording").isNotNull();
        zendesk.stub(zendesk.exportStart(TICKETS, 0), aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(Files.readString(recording)));

        pollOnce("journey-zendesk:tickets");

        assertThat(zendesk.requests(TICKETS)).hasSize(1);
        assertThat(stored).singleElement().satisfies(p -> {
            assertThat(p.records()).hasSize(87);
            assertThat(p.last()).isTrue();
            assertThat(p.cursor()).containsEntry("afterCursor", "MTcwNzI3MTc0MS4wfHw0MDQ1fA==");
        });
    }

    private static Path findReferenceFixture(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/reference-only/zendesk").resolve(name);
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
