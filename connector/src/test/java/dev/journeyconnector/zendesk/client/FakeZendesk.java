package dev.journeyconnector.zendesk.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server on 127.0.0.1 answering like Zendesk's Support API. Ticket and user objects come from the
 * go-zendesk recordings (src/test/resources/zendesk, MIT); the envelopes follow Zendesk's documented shapes.
 */
public final class FakeZendesk implements AutoCloseable {
    public static final String TICKETS = "/api/v2/incremental/tickets/cursor.json";
    public static final String USERS = "/api/v2/incremental/users/cursor.json";
    public static final String TICKET_EVENTS = "/api/v2/incremental/ticket_events.json";
    public static final String RATINGS = "/api/v2/satisfaction_ratings.json";
    public static final String EMAIL = "integration@example.com";
    public static final String API_TOKEN = "zdTok3n-6wQeRtYuIoP-very-secret";
    public static final String OAUTH_TOKEN = "zdOAuth-Ab12Cd34Ef56-very-secret";

    static final ObjectMapper MAPPER = new ObjectMapper();

    public final WireMockServer server;

    public FakeZendesk() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public ZendeskClientSettings.Builder settings(FakeTime time) {
        return ZendeskClientSettings.builder()
                .subdomain("d3v-journey")
                .email(EMAIL)
                .apiToken(API_TOKEN)
                .baseUrlOverride(baseUrl())
                .clock(time)
                .backoffBase(java.time.Duration.ofSeconds(1))
                .backoffMax(java.time.Duration.ofSeconds(30));
    }

    /** A client on the fake clock, recording the fake time at which each request reaches the wire. */
    public OkHttpZendeskClient client(ZendeskClientSettings settings, FakeTime time, List<Instant> sentAt) {
        return new OkHttpZendeskClient(settings, time, () -> 0.5, chain -> {
            sentAt.add(time.instant());
            return chain.proceed(chain.request());
        });
    }

    // ---- payloads ----

    /** The first go-zendesk ticket with a new id and updated_at. */
    public static ObjectNode ticket(long id, Instant updatedAt) {
        ObjectNode t = template("go-zendesk_tickets.json", "tickets").deepCopy();
        t.put("id", id);
        t.put("url", "https://d3v-journey.zendesk.com/api/v2/tickets/" + id + ".json");
        t.put("updated_at", updatedAt.toString());
        t.put("generated_timestamp", updatedAt.getEpochSecond());
        return t;
    }

    public static ObjectNode user(long id, Instant updatedAt) {
        ObjectNode u = template("go-zendesk_users.json", "users").deepCopy();
        u.put("id", id);
        u.put("updated_at", updatedAt.toString());
        return u;
    }

    /** A metric set as side-loaded with include=metric_sets (shape of Zendesk's Ticket Metrics object). */
    public static ObjectNode metricSet(long ticketId, int replyMinutes) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("id", 900_000 + ticketId);
        m.put("ticket_id", ticketId);
        m.putObject("reply_time_in_minutes").put("calendar", replyMinutes).put("business", replyMinutes);
        return m;
    }

    public static List<ObjectNode> tickets(long firstId, int count, Instant firstUpdate) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(ticket(firstId + i, firstUpdate.plusSeconds(i)));
        }
        return out;
    }

    /** A cursor-based export page: records, after_cursor, end_of_stream (and before_*, after_url as Zendesk sends). */
    public static ObjectNode cursorExportPage(String key, List<ObjectNode> records, String afterCursor, boolean endOfStream) {
        ObjectNode page = MAPPER.createObjectNode();
        ArrayNode array = page.putArray(key);
        records.forEach(array::add);
        page.put("after_url", afterCursor == null ? null
                : "https://d3v-journey.zendesk.com/api/v2/incremental/" + key + "/cursor.json?cursor=" + afterCursor);
        page.put("after_cursor", afterCursor);
        page.putNull("before_url");
        page.putNull("before_cursor");
        page.put("end_of_stream", endOfStream);
        return page;
    }

    public static ObjectNode event(long id, long ticketId, Instant createdAt) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("id", id);
        e.put("ticket_id", ticketId);
        e.put("timestamp", createdAt.getEpochSecond());
        e.put("created_at", createdAt.toString());
        e.put("updater_id", 377922500012L);
        e.put("via", "Web form");
        e.put("event_type", "Audit");
        e.putArray("child_events").addObject().put("id", id + 1).put("event_type", "Comment").put("body", "Thanks");
        return e;
    }

    public static ObjectNode timeExportPage(List<ObjectNode> events, Instant endTime, boolean endOfStream) {
        ObjectNode page = MAPPER.createObjectNode();
        ArrayNode array = page.putArray("ticket_events");
        events.forEach(array::add);
        page.put("count", events.size());
        page.put("end_time", endTime == null ? null : endTime.getEpochSecond());
        page.put("next_page", endTime == null ? null
                : "https://d3v-journey.zendesk.com/api/v2/incremental/ticket_events.json?start_time=" + endTime.getEpochSecond());
        page.put("end_of_stream", endOfStream);
        return page;
    }

    public static ObjectNode rating(long id, long ticketId, Instant updatedAt) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("id", id);
        r.put("url", "https://d3v-journey.zendesk.com/api/v2/satisfaction_ratings/" + id + ".json");
        r.put("ticket_id", ticketId);
        r.put("score", "good");
        r.put("created_at", updatedAt.minusSeconds(60).toString());
        r.put("updated_at", updatedAt.toString());
        return r;
    }

    public static ObjectNode listPage(String key, List<ObjectNode> records, String afterCursor, boolean hasMore) {
        ObjectNode page = MAPPER.createObjectNode();
        ArrayNode array = page.putArray(key);
        records.forEach(array::add);
        page.putObject("meta").put("has_more", hasMore).put("after_cursor", afterCursor).put("before_cursor", "b");
        page.putObject("links").putNull("prev").put("next", hasMore ? "https://d3v-journey.zendesk.com/next" : null);
        return page;
    }

    // ---- stubs ----

    public static ResponseDefinitionBuilder json(Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body.toString());
    }

    /** First request of a cursor export: start_time given, no cursor. */
    public MappingBuilder exportStart(String path, long startTime) {
        return get(urlPathEqualTo(path)).withQueryParam("start_time", equalTo(Long.toString(startTime)))
                .withQueryParam("cursor", absent());
    }

    public MappingBuilder exportAfter(String path, String cursor) {
        return get(urlPathEqualTo(path)).withQueryParam("cursor", equalTo(cursor));
    }

    public void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
        server.stubFor(request.willReturn(response));
    }

    public List<LoggedRequest> requests(String path) {
        return server.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    static ObjectNode template(String file, String key) {
        try (InputStream in = FakeZendesk.class.getResourceAsStream("/zendesk/" + file)) {
            return (ObjectNode) MAPPER.readTree(in).get(key).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
