package dev.journeyconnector.zendesk.client;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.journeyconnector.zendesk.client.FakeZendesk.API_TOKEN;
import static dev.journeyconnector.zendesk.client.FakeZendesk.EMAIL;
import static dev.journeyconnector.zendesk.client.FakeZendesk.OAUTH_TOKEN;
import static dev.journeyconnector.zendesk.client.FakeZendesk.TICKETS;
import static dev.journeyconnector.zendesk.client.FakeZendesk.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OkHttp client against WireMock stubs shaped like Zendesk's answers, on a fake clock. */
class ZendeskClientTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((EMAIL + "/token:" + API_TOKEN).getBytes(StandardCharsets.UTF_8));

    private FakeZendesk zendesk;
    private FakeTime time;
    private final List<Instant> sentAt = new ArrayList<>();
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        zendesk = new FakeZendesk();
        time = new FakeTime();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        zendesk.close();
    }

    private OkHttpZendeskClient client() {
        return zendesk.client(zendesk.settings(time).build(), time, sentAt);
    }

    private static ObjectNode ticketPage(long firstId, int count, String after, boolean endOfStream) {
        return FakeZendesk.cursorExportPage("tickets", FakeZendesk.tickets(firstId, count, START), after, endOfStream);
    }

    @Test
    void ticketExportStartsByTimeThenFollowsTheCursorWithMetricSetsInsideTheirTickets() {
        ObjectNode first = ticketPage(1, 2, "c1", false);
        first.putArray("metric_sets").add(FakeZendesk.metricSet(2, 45)).add(FakeZendesk.metricSet(1, 12));
        zendesk.stub(zendesk.exportStart(TICKETS, START.getEpochSecond()), json(first));
        zendesk.stub(zendesk.exportAfter(TICKETS, "c1"), json(ticketPage(3, 1, "c2", true)));

        try (OkHttpZendeskClient client = client()) {
            CursorExportPage p1 = client.tickets(START, null, 1000);
            CursorExportPage p2 = client.tickets(START, p1.afterCursor(), 1000);

            assertThat(p1.records()).extracting(t -> t.get("id").asLong()).containsExactly(1L, 2L);
            assertThat(p1.records().get(0).path("metric_set").path("reply_time_in_minutes").path("calendar").asInt()).isEqualTo(12);
            assertThat(p1.records().get(1).path("metric_set").path("ticket_id").asLong()).isEqualTo(2);
            assertThat(p1.afterCursor()).isEqualTo("c1");
            assertThat(p1.endOfStream()).isFalse();
            assertThat(p2.records()).hasSize(1);
            assertThat(p2.records().get(0).has("metric_set")).isFalse();
            assertThat(p2.afterCursor()).isEqualTo("c2");
            assertThat(p2.endOfStream()).isTrue();
        }
        var requests = zendesk.requests(TICKETS);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).queryParameter("start_time").firstValue()).isEqualTo(Long.toString(START.getEpochSecond()));
        assertThat(requests.get(0).queryParameter("per_page").firstValue()).isEqualTo("1000");
        assertThat(requests.get(0).queryParameter("include").firstValue()).isEqualTo("metric_sets");
        assertThat(requests.get(1).queryParameter("cursor").firstValue()).isEqualTo("c1");
        assertThat(requests.get(1).queryParameter("start_time").isPresent()).isFalse();
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo(BASIC);
    }

    @Test
    void oauthTokenIsSentAsBearer() {
        zendesk.stub(zendesk.exportStart(TICKETS, 0), json(ticketPage(1, 1, "c1", true)));
        ZendeskClientSettings settings = zendesk.settings(time).email(null).apiToken(null).oauthToken(OAUTH_TOKEN).build();
        try (OkHttpZendeskClient client = zendesk.client(settings, time, sentAt)) {
            client.tickets(null, null, 100);
        }
        assertThat(zendesk.requests(TICKETS).get(0).getHeader("Authorization")).isEqualTo("Bearer " + OAUTH_TOKEN);
    }

    @Test
    void usersCarryTheirIdentities() {
        ObjectNode page = FakeZendesk.cursorExportPage("users",
                List.of(FakeZendesk.user(10, START), FakeZendesk.user(11, START)), "u1", true);
        page.putArray("identities")
                .add(FakeZendesk.MAPPER.createObjectNode().put("id", 1).put("user_id", 10).put("type", "email").put("value", "a@x.test"))
                .add(FakeZendesk.MAPPER.createObjectNode().put("id", 2).put("user_id", 10).put("type", "phone_number").put("value", "+4912345"));
        zendesk.stub(zendesk.exportStart(FakeZendesk.USERS, 0), json(page));
        try (OkHttpZendeskClient client = client()) {
            CursorExportPage users = client.users(Instant.EPOCH, null, 1000);
            assertThat(users.records().get(0).get("identities")).hasSize(2);
            assertThat(users.records().get(1).get("identities")).isEmpty();
        }
        assertThat(zendesk.requests(FakeZendesk.USERS).get(0).queryParameter("include").firstValue()).isEqualTo("identities");
    }

    @Test
    void ticketEventsAreTimeBasedWithCommentEvents() {
        Instant end = START.plusSeconds(3600);
        zendesk.stub(get(urlPathEqualTo(FakeZendesk.TICKET_EVENTS)).withQueryParam("start_time", equalTo(Long.toString(START.getEpochSecond()))),
                json(FakeZendesk.timeExportPage(List.of(FakeZendesk.event(7, 1, end)), end, true)));
        try (OkHttpZendeskClient client = client()) {
            TimeExportPage page = client.ticketEvents(START, 1000);
            assertThat(page.records()).hasSize(1);
            assertThat(page.endTime()).isEqualTo(end);
            assertThat(page.endOfStream()).isTrue();
        }
        assertThat(zendesk.requests(FakeZendesk.TICKET_EVENTS).get(0).queryParameter("include").firstValue()).isEqualTo("comment_events");
    }

    @Test
    void satisfactionRatingsUseCursorPaginationFilteredByStartTime() {
        zendesk.stub(get(urlPathEqualTo(FakeZendesk.RATINGS)).withQueryParam("page[after]", equalTo("r1")),
                json(FakeZendesk.listPage("satisfaction_ratings", List.of(FakeZendesk.rating(2, 2, START)), "r2", false)));
        try (OkHttpZendeskClient client = client()) {
            CursorListPage page = client.satisfactionRatings(START, "r1", 100);
            assertThat(page.records()).hasSize(1);
            assertThat(page.hasMore()).isFalse();
        }
        var request = zendesk.requests(FakeZendesk.RATINGS).get(0);
        assertThat(request.queryParameter("page[size]").firstValue()).isEqualTo("100");
        assertThat(request.queryParameter("start_time").firstValue()).isEqualTo(Long.toString(START.getEpochSecond()));
    }

    @Test
    void incrementalRequestsStayWithinTenPerMinute() {
        zendesk.stub(get(urlPathEqualTo(TICKETS)), json(ticketPage(1, 1, "c", false)));
        try (OkHttpZendeskClient client = client()) {
            for (int i = 0; i < 25; i++) {
                client.tickets(START, "c", 1);
            }
        }
        assertThat(sentAt).hasSize(25);
        for (int i = 10; i < sentAt.size(); i++) {
            // The 11th request of any run of 11 is at least a minute after the first.
            assertThat(Duration.between(sentAt.get(i - 10), sentAt.get(i))).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
        assertThat(Duration.between(FakeTime.T0, sentAt.get(9))).isZero();          // the first ten go at once
        assertThat(Duration.between(FakeTime.T0, sentAt.get(10))).isEqualTo(Duration.ofSeconds(60));
        assertThat(Duration.between(FakeTime.T0, sentAt.get(24))).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void retryAfterIsHonouredBeforeTheNextRequest() {
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(json(ticketPage(1, 1, "c1", true))));
        try (OkHttpZendeskClient client = client()) {
            assertThat(client.tickets(START, null, 1000).records()).hasSize(1);
        }
        assertThat(sentAt).hasSize(2);
        assertThat(Duration.between(sentAt.get(0), sentAt.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterOutlivingTheCallStillHoldsBackTheNextCall() {
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(json(ticketPage(1, 1, "c1", true))));
        try (OkHttpZendeskClient client = zendesk.client(zendesk.settings(time).maxAttempts(1).build(), time, sentAt)) {
            assertThatThrownBy(() -> client.tickets(START, null, 1000)).isInstanceOf(ZendeskException.class)
                    .hasMessageContaining("Retry-After 7 s");
            client.tickets(START, null, 1000);
        }
        assertThat(Duration.between(sentAt.get(0), sentAt.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterLongerThanTheCallMayWaitEndsTheCallWithoutSending() {
        zendesk.stub(get(urlPathEqualTo(TICKETS)), aResponse().withStatus(429).withHeader("Retry-After", "3600"));
        try (OkHttpZendeskClient client = client()) {
            assertThatThrownBy(() -> client.tickets(START, null, 1000))
                    .isInstanceOfSatisfying(ZendeskException.class, e -> assertThat(e.kind()).isEqualTo(ZendeskFailureKind.RETRYABLE))
                    .hasMessageContaining(TICKETS).hasMessageContaining("rate limited until");
        }
        assertThat(sentAt).hasSize(1);
        assertThat(time.elapsedSeconds()).isZero();
    }

    @Test
    void tooManyRequestsWithoutRetryAfterBacksOffExponentiallyWithJitter() {
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)).willSetStateTo("again"));
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("s").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(json(ticketPage(1, 1, "c1", true))));
        try (OkHttpZendeskClient client = client()) {
            assertThat(client.tickets(START, null, 1000).records()).hasSize(1);
        }
        // base 1 s, doubling; half fixed, half jitter (the test's jitter source returns 0.5)
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500));
        assertThat(sentAt).hasSize(3);
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() {
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("503"));
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("s").whenScenarioStateIs("503")
                .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")).willSetStateTo("ok"));
        zendesk.server.stubFor(get(urlPathEqualTo(TICKETS)).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(json(ticketPage(1, 3, "c1", true))));
        try (OkHttpZendeskClient client = client()) {
            assertThat(client.tickets(START, null, 1000).records()).hasSize(3);
        }
        assertThat(sentAt).hasSize(3);
    }

    @Test
    void serverErrorsStopAfterTheLastAttempt() {
        zendesk.stub(get(urlPathEqualTo(TICKETS)), aResponse().withStatus(503));
        try (OkHttpZendeskClient client = client()) {
            assertThatThrownBy(() -> client.tickets(START, null, 1000))
                    .isInstanceOfSatisfying(ZendeskException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ZendeskFailureKind.RETRYABLE);
                        assertThat(e.endpoint()).isEqualTo(TICKETS);
                    })
                    .hasMessage("Zendesk " + TICKETS + " still failing after 5 attempts: HTTP 503");
        }
        assertThat(sentAt).hasSize(ZendeskClientSettings.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void truncatedJsonIsMalformedNamesTheEndpointAndIsNotRetried() {
        String body = ticketPage(1, 2, "c1", false).toString();
        zendesk.stub(get(urlPathEqualTo(TICKETS)), aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body.substring(0, body.length() / 2)));
        try (OkHttpZendeskClient client = client()) {
            assertThatThrownBy(() -> client.tickets(START, null, 1000))
                    .isInstanceOfSatisfying(ZendeskException.class, e -> assertThat(e.kind()).isEqualTo(ZendeskFailureKind.MALFORMED))
                    .hasMessageStartingWith("Zendesk " + TICKETS + " sent a malformed answer: the answer is not complete JSON");
        }
        assertThat(sentAt).hasSize(1);
    }

    @Test
    void answerWithoutEndOfStreamIsMalformed() {
        ObjectNode page = ticketPage(1, 1, "c1", true);
        page.remove("end_of_stream");
        zendesk.stub(get(urlPathEqualTo(TICKETS)), json(page));
        try (OkHttpZendeskClient client = client()) {
            assertThatThrownBy(() -> client.tickets(START, null, 1000))
                    .hasMessage("Zendesk " + TICKETS + " sent a malformed answer: the answer has no end_of_stream");
        }
    }

    @Test
    void unauthorizedIsAuthFailureNamingEndpointAndCauseButNoToken() {
        zendesk.stub(get(urlPathEqualTo(TICKETS)), aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Couldn't authenticate you\"}"));
        try (OkHttpZendeskClient client = client()) {
            assertThatThrownBy(() -> client.tickets(START, null, 1000))
                    .isInstanceOfSatisfying(ZendeskException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ZendeskFailureKind.AUTH);
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).startsWith("Zendesk " + TICKETS + " failed: HTTP 401 Couldn't authenticate you")
                                .doesNotContain(API_TOKEN).doesNotContain(BASIC.substring(6));
                    });
        }
        assertThat(sentAt).hasSize(1);
    }

    @Test
    void forbiddenIsAuthFailure() {
        zendesk.stub(get(urlPathEqualTo(TICKETS)), aResponse().withStatus(403).withBody("{\"error\":\"Forbidden\",\"description\":\"You do not have access to this page\"}"));
        try (OkHttpZendeskClient client = client()) {
            assertThatThrownBy(() -> client.tickets(START, null, 1000))
                    .isInstanceOfSatisfying(ZendeskException.class, e -> assertThat(e.kind()).isEqualTo(ZendeskFailureKind.AUTH));
        }
    }

    @Test
    void unprocessableIsPermanentAndNotRetried() {
        zendesk.stub(get(urlPathEqualTo(TICKETS)), aResponse().withStatus(422)
                .withBody("{\"error\":\"InvalidValue\",\"description\":\"Too recent start_time. Use a start_time older than 1 minute\"}"));
        try (OkHttpZendeskClient client = client()) {
            assertThatThrownBy(() -> client.tickets(START, null, 1000))
                    .isInstanceOfSatisfying(ZendeskException.class, e -> assertThat(e.kind()).isEqualTo(ZendeskFailureKind.PERMANENT))
                    .hasMessageContaining("Too recent start_time");
        }
        assertThat(sentAt).hasSize(1);
    }

    @Test
    void redirectIsNotFollowedSoCredentialsStayOnTheHost() {
        zendesk.stub(get(urlPathEqualTo(TICKETS)), aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example.com/steal"));
        try (OkHttpZendeskClient client = client()) {
            assertThatThrownBy(() -> client.tickets(START, null, 1000)).isInstanceOf(ZendeskException.class);
        }
        assertThat(sentAt).hasSize(1);
    }

    @Test
    void tokenNeverAppearsInLogsOrExceptionsEvenWhenTheServerEchoesIt() {
        // A misbehaving proxy echoing the credentials back in its error page.
        zendesk.stub(get(urlPathEqualTo(TICKETS)), aResponse().withStatus(502)
                .withBody("bad gateway for " + API_TOKEN + " / " + BASIC));
        Throwable thrown;
        try (OkHttpZendeskClient client = client()) {
            thrown = org.assertj.core.api.Assertions.catchThrowable(() -> client.tickets(START, null, 1000));
        }
        assertThat(thrown).isInstanceOf(ZendeskException.class);
        assertThat(thrown.getMessage()).doesNotContain(API_TOKEN).doesNotContain(BASIC.substring(6));
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain(API_TOKEN).doesNotContain(BASIC.substring(6)));
        assertThat(client().toString()).doesNotContain(API_TOKEN);
    }
}
