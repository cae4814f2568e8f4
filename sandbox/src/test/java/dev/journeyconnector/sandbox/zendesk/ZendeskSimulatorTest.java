package dev.journeyconnector.sandbox.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.journeyconnector.sandbox.zendesk.ZendeskHttp.get;
import static dev.journeyconnector.sandbox.zendesk.ZendeskHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator against the demo world, through plain HTTP. */
class ZendeskSimulatorTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String TICKETS = "/api/v2/incremental/tickets/cursor.json";

    private final FakeClock clock = new FakeClock(NOW);
    private ZendeskSimulator sim;
    private int demoTickets;

    @BeforeEach
    void start() {
        sim = ZendeskSimulator.builder("worlds/demo").clock(clock).start();
        sim.setIncrementalExportsPerMinute(1000);
        demoTickets = sim.ticketCount();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Follows after_url until end_of_stream; returns every page. */
    private List<JsonNode> drain(String firstUrl) {
        List<JsonNode> pages = new ArrayList<>();
        String url = firstUrl;
        while (true) {
            ZendeskHttp.Reply r = get(sim, url);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            pages.add(r.json());
            if (r.json().path("end_of_stream").asBoolean()) {
                return pages;
            }
            url = r.json().path("after_url").asText();
        }
    }

    private static List<Long> ids(List<JsonNode> pages, String key) {
        List<Long> ids = new ArrayList<>();
        pages.forEach(p -> p.path(key).forEach(t -> ids.add(t.path("id").asLong())));
        return ids;
    }

    @Test
    void ticketExportPagesWithCursorsUntilEndOfStream() {
        List<JsonNode> pages = drain(TICKETS + "?start_time=0&per_page=25");

        assertThat(pages).hasSize((demoTickets + 24) / 25);
        assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(p -> {
            assertThat(p.path("tickets")).hasSize(25);
            assertThat(p.path("end_of_stream").asBoolean()).isFalse();
            assertThat(p.path("after_url").asText()).contains("cursor=").contains("per_page=25");
        });
        List<Long> ids = ids(pages, "tickets");
        assertThat(ids).hasSize(demoTickets).doesNotHaveDuplicates();
        List<Long> stamps = new ArrayList<>();
        pages.forEach(p -> p.path("tickets").forEach(t -> stamps.add(t.path("generated_timestamp").asLong())));
        assertThat(stamps).isSorted();
        String cursor = new String(Base64.getDecoder().decode(pages.get(0).path("after_cursor").asText()), StandardCharsets.UTF_8);
        assertThat(cursor).matches("\\d+\\.0\\|\\|\\d+\\|");
    }

    @Test
    void aStoredCursorReturnsNothingNewThenTheChangedTicket() {
        List<JsonNode> pages = drain(TICKETS + "?start_time=0");
        JsonNode last = pages.get(pages.size() - 1);
        String cursor = last.path("after_cursor").asText();

        JsonNode again = get(sim, TICKETS + "?cursor=" + cursor).json();
        assertThat(again.path("tickets")).isEmpty();
        assertThat(again.path("end_of_stream").asBoolean()).isTrue();
        assertThat(again.path("after_cursor").asText()).isEqualTo(cursor);

        clock.advance(Duration.ofMinutes(5));
        sim.updateTicket(17, Map.of("status", "open", "comment",
                Map.of("body", "The coach company changed the hotel.", "public", true, "author_id", 9_010_000_000_104L)));
        JsonNode changed = get(sim, TICKETS + "?cursor=" + cursor).json();
        assertThat(changed.path("tickets")).hasSize(1);
        assertThat(changed.path("tickets").get(0).path("id").asLong()).isEqualTo(17);
        assertThat(changed.path("tickets").get(0).path("status").asText()).isEqualTo("open");
        assertThat(changed.path("tickets").get(0).path("updated_at").asText()).isEqualTo("2026-11-23T10:05:00Z");
        assertThat(get(sim, TICKETS + "?cursor=" + changed.path("after_cursor").asText()).json().path("tickets")).isEmpty();

        long since = NOW.getEpochSecond();
        JsonNode events = get(sim, "/api/v2/incremental/ticket_events.json?include=comment_events&start_time=" + since).json();
        assertThat(events.path("ticket_events")).hasSize(1);
        JsonNode audit = events.path("ticket_events").get(0);
        assertThat(audit.path("ticket_id").asLong()).isEqualTo(17);
        assertThat(audit.path("child_events").toString()).contains("\"field_name\":\"status\"", "\"previous_value\":\"solved\"",
                "The coach company changed the hotel.");
        assertThat(sim.ticketMetrics(17).orElseThrow().path("reopens").asInt()).isEqualTo(1);
    }

    @Test
    void newAndDeletedTicketsComeBackThroughTheCursor() {
        String cursor = drain(TICKETS + "?start_time=0").get(0).path("after_cursor").asText();
        List<JsonNode> rest = drain(TICKETS + "?cursor=" + cursor);
        String end = rest.get(rest.size() - 1).path("after_cursor").asText();

        JsonNode created = sim.createTicket(Map.of("subject", "Lost umbrella on the coach", "description", "Blue, left in row 4.",
                "requester_id", 9_010_000_000_101L, "via", Map.of("channel", "web")));
        sim.deleteTicket(1);
        JsonNode page = get(sim, TICKETS + "?cursor=" + end).json();
        assertThat(page.path("tickets")).extracting(t -> t.path("id").asLong()).containsExactly(created.path("id").asLong(), 1L);
        assertThat(page.path("tickets").get(1).path("status").asText()).isEqualTo("deleted");
        assertThat(created.path("id").asLong()).isEqualTo(demoTickets + 1);
    }

    @Test
    void metricSetsAreSideLoadedWithTheirTickets() {
        JsonNode page = get(sim, TICKETS + "?start_time=0&include=metric_sets").json();
        assertThat(page.path("metric_sets")).hasSize(page.path("tickets").size());
        Set<Long> ticketIds = new HashSet<>(ids(List.of(page), "tickets"));
        page.path("metric_sets").forEach(m -> assertThat(ticketIds).contains(m.path("ticket_id").asLong()));
        JsonNode trey = null;
        for (JsonNode m : page.path("metric_sets")) {
            if (m.path("ticket_id").asLong() == 17) {
                trey = m;
            }
        }
        assertThat(trey).isNotNull();
        assertThat(trey.path("reply_time_in_minutes").path("calendar").asLong()).isEqualTo(4398);
        assertThat(trey.path("url").asText()).startsWith(sim.url() + "/api/v2/ticket_metrics/");
        assertThat(get(sim, TICKETS + "?start_time=0").json().has("metric_sets")).isFalse();
    }

    @Test
    void incrementalUsersPageWithIdentities() {
        List<JsonNode> pages = new ArrayList<>();
        String url = "/api/v2/incremental/users/cursor.json?start_time=0&per_page=10&include=identities";
        while (true) {
            JsonNode p = get(sim, url).json();
            pages.add(p);
            if (p.path("end_of_stream").asBoolean()) {
                break;
            }
            url = p.path("after_url").asText();
        }
        List<Long> ids = ids(pages, "users");
        assertThat(ids).hasSize(42).doesNotHaveDuplicates();
        JsonNode first = pages.get(0);
        assertThat(first.path("identities").size()).isGreaterThanOrEqualTo(first.path("users").size());
        assertThat(first.path("identities").get(0).path("type").asText()).isEqualTo("email");
        List<String> roles = new ArrayList<>();
        pages.forEach(p -> p.path("users").forEach(u -> roles.add(u.path("role").asText())));
        assertThat(roles).contains("admin", "agent", "end-user");

        clock.advance(Duration.ofMinutes(1));
        sim.updateUser(9_010_000_000_101L, Map.of("phone", "+44 161 496 0217"));
        JsonNode changed = get(sim, "/api/v2/incremental/users/cursor.json?cursor="
                + pages.get(pages.size() - 1).path("after_cursor").asText()).json();
        assertThat(ids(List.of(changed), "users")).containsExactly(9_010_000_000_101L);
    }

    @Test
    void ticketEventsAreTimeBasedAndCarryCommentsOnlyWhenAsked() {
        List<JsonNode> pages = new ArrayList<>();
        String url = "/api/v2/incremental/ticket_events.json?start_time=0&per_page=50&include=comment_events";
        while (true) {
            JsonNode p = get(sim, url).json();
            pages.add(p);
            assertThat(p.path("count").asInt()).isEqualTo(p.path("ticket_events").size());
            if (p.path("end_of_stream").asBoolean()) {
                assertThat(p.path("next_page").isNull()).isTrue();
                break;
            }
            assertThat(p.path("next_page").asText()).contains("start_time=" + p.path("end_time").asLong());
            url = p.path("next_page").asText();
        }
        assertThat(pages.size()).isGreaterThan(2);
        List<Long> ids = ids(pages, "ticket_events");
        assertThat(ids).doesNotHaveDuplicates();
        String all = pages.toString();
        assertThat(all).contains("\"event_type\":\"Comment\"", "\"public\":false", "\"field_name\":\"group_id\"",
                "\"previous_value\":\"" + ZendeskDemoWorldGenerator.TRAVEL + "\"");

        JsonNode withoutComments = get(sim, "/api/v2/incremental/ticket_events.json?start_time=0").json();
        assertThat(withoutComments.toString()).doesNotContain("\"event_type\":\"Comment\"");
        assertThat(get(sim, "/api/v2/incremental/ticket_events.json").status()).isEqualTo(400);
    }

    @Test
    void satisfactionRatingsPageWithCursors() {
        List<JsonNode> ratings = new ArrayList<>();
        String url = "/api/v2/satisfaction_ratings.json?page%5Bsize%5D=20&start_time=0";
        int pages = 0;
        while (url != null) {
            JsonNode p = get(sim, url).json();
            pages++;
            p.path("satisfaction_ratings").forEach(ratings::add);
            assertThat(p.path("meta").path("has_more").asBoolean()).isEqualTo(!p.path("links").path("next").isNull());
            url = p.path("links").path("next").isNull() ? null : p.path("links").path("next").asText();
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(ratings).extracting(r -> r.path("id").asLong()).doesNotHaveDuplicates();
        assertThat(ratings).extracting(r -> r.path("score").asText()).contains("good", "bad", "offered");
        assertThat(ratings).anySatisfy(r -> {
            assertThat(r.path("ticket_id").asLong()).isEqualTo(6);
            assertThat(r.path("score").asText()).isEqualTo("bad");
            assertThat(r.path("comment").asText()).contains("Nobody ever answered me");
        });
        JsonNode bad = get(sim, "/api/v2/satisfaction_ratings.json?score=bad").json();
        assertThat(bad.path("satisfaction_ratings")).allSatisfy(r -> assertThat(r.path("score").asText()).isEqualTo("bad"));
        assertThat(get(sim, "/api/v2/tickets/6.json").json().path("ticket").path("satisfaction_rating").path("score").asText())
                .isEqualTo("bad");
    }

    @Test
    void onlyTheWorldsApiTokenOrOAuthTokenAuthenticates() {
        String url = TICKETS + "?start_time=0&per_page=1";
        assertThat(get(sim, url, sim.basicAuthorization()).status()).isEqualTo(200);
        assertThat(get(sim, url, sim.bearerAuthorization()).status()).isEqualTo(200);
        for (String wrong : new String[] {null, "Bearer nope",
                basic(sim.account().agentEmail() + "/token:wrong"),
                basic("someone@example.com/token:" + sim.account().apiToken()),
                basic(sim.account().agentEmail() + ":" + sim.account().apiToken()), "Basic %%%"}) {
            ZendeskHttp.Reply r = get(sim, url, wrong);
            assertThat(r.status()).as(String.valueOf(wrong)).isEqualTo(401);
            assertThat(r.json().path("error").asText()).isEqualTo("Couldn't authenticate you");
        }
        assertThat(get(sim, "/api/v2/users/me.json").json().path("user").path("email").asText())
                .isEqualTo(sim.account().agentEmail());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void incrementalExportsAllowTenRequestsAMinute() {
        sim.setIncrementalExportsPerMinute(10);
        for (int i = 0; i < 10; i++) {
            String endpoint = i % 2 == 0 ? TICKETS : "/api/v2/incremental/users/cursor.json";
            assertThat(get(sim, endpoint + "?start_time=0&per_page=1").status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(2));
        }
        ZendeskHttp.Reply limited = get(sim, TICKETS + "?start_time=0&per_page=1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("40");
        assertThat(limited.json().path("error").asText()).isEqualTo("APIRateLimitExceeded");
        assertThat(get(sim, "/api/v2/satisfaction_ratings.json").status()).as("not an incremental export").isEqualTo(200);

        clock.advance(Duration.ofSeconds(40));
        assertThat(get(sim, TICKETS + "?start_time=0&per_page=1").status()).isEqualTo(200);
        assertThat(sim.counters().get(ZendeskCounters.RATE_LIMITED)).isEqualTo(1);
        assertThat(sim.counters().get(ZendeskCounters.TICKETS_CURSOR)).isEqualTo(7);
        assertThat(sim.counters().get(ZendeskCounters.USERS_CURSOR)).isEqualTo(5);
    }

    @Test
    void tenThousandTicketsCostElevenExportCalls() {
        sim.setIncrementalExportsPerMinute(10);
        sim.generateTickets(10_000);
        assertThat(sim.ticketCount()).isEqualTo(demoTickets + 10_000);
        sim.counters().reset();
        int tickets = 0;
        String url = TICKETS + "?start_time=0";
        while (true) {
            ZendeskHttp.Reply r = get(sim, url);
            if (r.status() == 429) {
                clock.advance(Duration.ofSeconds(Long.parseLong(r.header("Retry-After"))));
                continue;
            }
            tickets += r.json().path("tickets").size();
            if (r.json().path("end_of_stream").asBoolean()) {
                break;
            }
            url = r.json().path("after_url").asText();
        }
        assertThat(tickets).isEqualTo(demoTickets + 10_000);
        assertThat(sim.counters().get(ZendeskCounters.TICKETS_CURSOR)).isEqualTo(12);
        assertThat(sim.counters().get(ZendeskCounters.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void injectedRateLimitsWithAndWithoutRetryAfter() {
        sim.failNextWithRateLimit(1, Duration.ofSeconds(7));
        ZendeskHttp.Reply with = get(sim, TICKETS + "?start_time=0");
        assertThat(with.status()).isEqualTo(429);
        assertThat(with.header("Retry-After")).isEqualTo("7");

        sim.failNextWithRateLimit(2, null);
        assertThat(get(sim, "/api/v2/satisfaction_ratings.json").header("Retry-After")).isNull();
        assertThat(get(sim, "/api/v2/satisfaction_ratings.json").status()).isEqualTo(429);
        assertThat(get(sim, "/api/v2/satisfaction_ratings.json").status()).isEqualTo(200);
    }

    @Test
    void injectedServerErrorsForTheNextCalls() {
        sim.failNextWithStatus(2, 503);
        assertThat(get(sim, TICKETS + "?start_time=0").status()).isEqualTo(503);
        assertThat(get(sim, TICKETS + "?start_time=0").status()).isEqualTo(503);
        assertThat(get(sim, TICKETS + "?start_time=0").status()).isEqualTo(200);
        sim.failNextWithStatus(1, 500);
        ZendeskHttp.Reply r = get(sim, "/api/v2/groups.json");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().has("error")).isTrue();
        assertThatThrownBy(() -> sim.failNextWithStatus(1, 404)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedAndTruncatedBodies() {
        sim.malformNextResponses(1);
        ZendeskHttp.Reply malformed = get(sim, TICKETS + "?start_time=0");
        assertThat(malformed.status()).isEqualTo(200);
        assertThatThrownBy(malformed::json).isInstanceOf(UncheckedIOException.class);

        sim.truncateNextResponses(1);
        ZendeskHttp.Reply truncated = get(sim, TICKETS + "?start_time=0");
        assertThat(truncated.status()).isEqualTo(200);
        assertThat(truncated.body()).startsWith("{\"tickets\":[");
        assertThatThrownBy(truncated::json).isInstanceOf(UncheckedIOException.class);

        assertThat(get(sim, TICKETS + "?start_time=0").json().path("tickets")).isNotEmpty();
    }

    @Test
    void droppedConnectionsAndLatency() {
        sim.dropNextConnections(1);
        assertThatThrownBy(() -> get(sim, TICKETS + "?start_time=0")).isInstanceOf(UncheckedIOException.class);
        assertThat(get(sim, TICKETS + "?start_time=0").status()).isEqualTo(200);

        sim.setLatency(Duration.ofMillis(300));
        long started = System.nanoTime();
        get(sim, "/api/v2/groups.json");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        sim.clearControls();
        assertThat(sim.counters().get(ZendeskCounters.TICKETS_CURSOR)).isEqualTo(2);
    }

    @Test
    void controlsOverHttp() {
        post(sim, "/__sandbox/zendesk/controls", "{\"rateLimitFaults\":1,\"retryAfterSeconds\":3}");
        assertThat(get(sim, TICKETS + "?start_time=0").header("Retry-After")).isEqualTo("3");
        post(sim, "/__sandbox/zendesk/controls", "{\"serverErrors\":1,\"serverErrorStatus\":503,\"malformedResponses\":1}");
        assertThat(get(sim, TICKETS + "?start_time=0").status()).isEqualTo(503);
        assertThatThrownBy(() -> get(sim, TICKETS + "?start_time=0").json()).isInstanceOf(UncheckedIOException.class);
        post(sim, "/__sandbox/zendesk/controls", "{\"truncatedResponses\":1,\"dropConnections\":1}");
        post(sim, "/__sandbox/zendesk/controls", "{\"clear\":true}");
        assertThat(get(sim, TICKETS + "?start_time=0").json().path("tickets")).isNotEmpty();

        JsonNode counters = get(sim, "/__sandbox/zendesk/counters").json();
        assertThat(counters.path("counters").path(ZendeskCounters.TICKETS_CURSOR).asLong()).isEqualTo(4);
        assertThat(post(sim, "/__sandbox/zendesk/counters/reset", "").json().path("counters")
                .path(ZendeskCounters.TICKETS_CURSOR).asLong()).isZero();

        JsonNode created = post(sim, "/__sandbox/zendesk/tickets",
                "{\"subject\":\"Made over HTTP\",\"requester_id\":9010000000117}").json();
        JsonNode updated = post(sim, "/__sandbox/zendesk/tickets",
                "{\"id\":" + created.path("id").asLong() + ",\"priority\":\"urgent\"}").json();
        assertThat(updated.path("priority").asText()).isEqualTo("urgent");
        assertThat(post(sim, "/__sandbox/zendesk/tickets/generate", "{\"count\":5}").json().path("ids")).hasSize(5);
        assertThat(post(sim, "/__sandbox/zendesk/reset", "").status()).isEqualTo(200);
        assertThat(sim.ticketCount()).isEqualTo(demoTickets);
        assertThat(post(sim, "/__sandbox/zendesk/nope", "").status()).isEqualTo(404);
    }
}
