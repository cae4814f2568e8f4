package dev.journeyconnector.zendesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyconnector.pull.PullPage;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.pull.RawIntake;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.zendesk.client.FakeTime;
import dev.journeyconnector.zendesk.client.FakeZendesk;
import dev.journeyconnector.zendesk.client.OkHttpZendeskClient;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Real Zendesk tickets (go-zendesk's recording, copied under src/test/resources/zendesk; zenpy's 87-ticket export,
 * reference-only, read in place when present) served by WireMock in the cursor export's envelope, pulled through the
 * component into the real store: the stored payload keeps every field the touchpoint mapping reads.
 */
class ZendeskRealPayloadsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MAPPED = List.of("id", "requester_id", "via", "status", "priority", "created_at",
            "updated_at", "group_id", "assignee_id", "satisfaction_rating");

    private final FakeZendesk zendesk = new FakeZendesk();
    private final FakeTime time = new FakeTime();
    private final OkHttpZendeskClient client = new OkHttpZendeskClient(zendesk.settings(time).build(), time);

    @AfterEach
    void stop() {
        client.close();
        zendesk.close();
    }

    @Test
    void goZendeskTicketsAreStoredWithEveryFieldMappingNeeds() throws Exception {
        List<ObjectNode> tickets = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/zendesk/go-zendesk_tickets.json")) {
            JSON.readTree(in).get("tickets").forEach(t -> tickets.add((ObjectNode) t));
        }
        zendesk.stub(zendesk.exportStart(FakeZendesk.TICKETS, 0),
                FakeZendesk.json(FakeZendesk.cursorExportPage("tickets", tickets, "cursor-1", true)));

        RawStore store = pullTickets();

        assertThat(store.count("zendesk", "tickets")).isEqualTo(tickets.size());
        assertMappedFieldsKept(store.records("zendesk", "tickets"), tickets);
    }

    @Test
    void zenpysRecordedExportOf87TicketsIsStoredWithEveryFieldMappingNeeds() throws Exception {
        Path recording = referenceOnly("zenpy_incremental_tickets_cursor_start_time0.json");
        assumeThat(recording).as("reference-only Zendesk recording").isNotNull();
        String body = Files.readString(recording);
        zendesk.stub(zendesk.exportStart(FakeZendesk.TICKETS, 0), aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body));
        List<ObjectNode> tickets = new ArrayList<>();
        JSON.readTree(body).get("tickets").forEach(t -> tickets.add((ObjectNode) t));

        RawStore store = pullTickets();

        assertThat(store.count("zendesk", "tickets")).isEqualTo(87);
        assertMappedFieldsKept(store.records("zendesk", "tickets"), tickets);
    }

    /** {@code stored} leaves out tombstones (status "deleted"), as later stages read it. */
    private static void assertMappedFieldsKept(List<Map<String, Object>> stored, List<ObjectNode> allServed) {
        List<ObjectNode> served = allServed.stream().filter(t -> !"deleted".equals(t.path("status").asText())).toList();
        assertThat(stored).hasSize(served.size()).allSatisfy(t -> {
            assertThat(t).containsKeys(MAPPED.toArray(String[]::new));
            assertThat(t.get("via")).isInstanceOfSatisfying(Map.class, via -> assertThat(via).containsKey("channel"));
        });
        for (ObjectNode s : served) {
            Map<String, Object> t = stored.stream().filter(r -> String.valueOf(r.get("id")).equals(s.get("id").asText()))
                    .findFirst().orElseThrow();
            assertThat(String.valueOf(((Map<?, ?>) t.get("via")).get("channel"))).isEqualTo(s.get("via").get("channel").asText());
            for (String field : List.of("status", "priority", "created_at", "updated_at")) {
                assertThat(String.valueOf(t.get(field))).as(field).isEqualTo(s.get(field).isNull() ? "null" : s.get(field).asText());
            }
            for (String field : List.of("requester_id", "group_id", "assignee_id")) {
                assertThat(String.valueOf(t.get(field))).as(field).isEqualTo(s.get(field).isNull() ? "null" : s.get(field).asText());
            }
        }
    }

    private RawStore pullTickets() throws Exception {
        RawStore store = new RawStore(TestStore.clean().dataSource());
        PullProgress progress = new PullProgress();
        RawIntake intake = new RawIntake(store, progress);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(JourneyZendeskComponent.SCHEME, new JourneyZendeskComponent(client, store::cursor, progress));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("journey-zendesk:tickets?repeatCount=1&initialDelay=0")
                            .process(e -> intake.store(e.getMessage().getBody(PullPage.class)));
                }
            });
            camel.start();
            Instant deadline = Instant.now().plusSeconds(30);
            while (!progress.everyPullPolled()) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(20);
            }
        }
        assertThat(progress.anyFailed()).isFalse();
        return store;
    }

    private static Path referenceOnly(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/reference-only/zendesk").resolve(name);
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
