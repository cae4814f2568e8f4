package dev.journeyconnector.zendesk;

import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.pull.RawIntake;
import dev.journeyconnector.sandbox.zendesk.ZendeskCounters;
import dev.journeyconnector.sandbox.zendesk.ZendeskSimulator;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.zendesk.client.FakeTime;
import dev.journeyconnector.zendesk.client.OkHttpZendeskClient;
import dev.journeyconnector.zendesk.client.Sleeper;
import dev.journeyconnector.zendesk.client.ZendeskClientSettings;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The journey-zendesk consumer against the Zendesk simulator (demo help desk), storing into the real store. */
class ZendeskPullIT {
    /** Tickets in the demo help desk. */
    private static final int DEMO_TICKETS = 64;
    private static final List<String> OBJECTS = List.of("tickets", "users", "ticket_events", "satisfaction_ratings");

    @TempDir
    Path dir;

    private ZendeskSimulator zendesk;
    private OkHttpZendeskClient client;
    private RawStore store;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (zendesk != null) {
            zendesk.close();
        }
    }

    @Test
    void tenThousandTicketsCostOneCallPerPageAndThePollAfterItOneEmptyCall() throws Exception {
        start(Clock.systemUTC(), Sleeper.REAL);
        zendesk.generateTickets(10_000 - DEMO_TICKETS);
        zendesk.counters().reset();

        PullProgress first = poll("tickets");

        // 10,000 is an exact multiple of 1,000: the simulator (like Zendesk, "end_of_stream: true if the current
        // request has returned all the results") says end_of_stream on the tenth full page, so no empty page follows.
        assertThat(store.count("zendesk", "tickets")).isEqualTo(10_000);
        assertThat(first.snapshot().get("zendesk tickets").fetched()).isEqualTo(10_000);
        assertThat(zendesk.counters().get(ZendeskCounters.TICKETS_CURSOR)).as("ceil(10,000 / 1,000)").isEqualTo(10);

        PullProgress second = poll("tickets");
        assertThat(zendesk.counters().get(ZendeskCounters.TICKETS_CURSOR)).as("the stored after_cursor: one empty page")
                .isEqualTo(11);
        assertThat(second.snapshot().get("zendesk tickets").fetched()).isZero();

        zendesk.generateTickets(1);
        PullProgress third = poll("tickets");
        assertThat(zendesk.counters().get(ZendeskCounters.TICKETS_CURSOR)).as("a short last page ends the read").isEqualTo(12);
        assertThat(third.snapshot().get("zendesk tickets").fetched()).isEqualTo(1);
        assertThat(store.count("zendesk", "tickets")).isEqualTo(10_001);
    }

    @Test
    void aPollWithNothingChangedFetchesNothingAndOneChangedTicketIsFetchedAlone() throws Exception {
        start(Clock.systemUTC(), Sleeper.REAL);

        PullProgress first = poll(OBJECTS.toArray(String[]::new));
        assertThat(first.anyFailed()).isFalse();
        assertThat(store.count("zendesk", "tickets")).isEqualTo(DEMO_TICKETS);
        assertThat(store.count("zendesk", "satisfaction_ratings")).isEqualTo(58);

        PullProgress second = poll(OBJECTS.toArray(String[]::new));
        for (String object : OBJECTS) {
            assertThat(second.snapshot().get("zendesk " + object).fetched()).as(object + " fetched").isZero();
            assertThat(second.snapshot().get("zendesk " + object).stored()).as(object + " stored").isZero();
        }

        zendesk.updateTicket(60, Map.of("status", "open"));
        zendesk.rateTicket(60, "good", "Sorted, thank you");
        PullProgress third = poll(OBJECTS.toArray(String[]::new));
        assertThat(third.snapshot().get("zendesk tickets").fetched()).isEqualTo(1);
        assertThat(third.snapshot().get("zendesk tickets").stored()).isEqualTo(1);
        assertThat(third.snapshot().get("zendesk satisfaction_ratings").fetched()).isEqualTo(1);
        assertThat(third.snapshot().get("zendesk satisfaction_ratings").stored()).isEqualTo(1);
        assertThat(third.snapshot().get("zendesk users").fetched()).isZero();
        assertThat(third.snapshot().get("zendesk ticket_events").fetched()).as("the update's audit").isPositive();
    }

    @Test
    void aRateLimitStormWithRetryAfterSevenSecondsIsWaitedOutAndThePullCompletes() throws Exception {
        FakeTime time = new FakeTime();
        start(time, time);
        zendesk.generateTickets(1_500);
        zendesk.clearRequestLog();
        zendesk.failNextWithRateLimit(3, Duration.ofSeconds(7));

        PullProgress progress = poll("tickets");

        assertThat(progress.anyFailed()).isFalse();
        assertThat(store.count("zendesk", "tickets")).isEqualTo(DEMO_TICKETS + 1_500);
        List<ZendeskSimulator.LoggedRequest> log = zendesk.requestLog();
        assertThat(log).extracting(ZendeskSimulator.LoggedRequest::status).containsExactly(429, 429, 429, 200, 200);
        for (int i = 0; i < log.size() - 1; i++) {
            if (log.get(i).status() == 429) {
                Instant allowed = log.get(i).at().plusSeconds(7);
                assertThat(log.get(i + 1).at()).as("request %d, after the 429 at %s", i + 2, log.get(i).at())
                        .isAfterOrEqualTo(allowed);
            }
        }
        assertThat(Duration.between(FakeTime.T0, log.get(3).at())).as("three Retry-Afters in a row")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(21));
    }

    private void start(Clock clock, Sleeper sleeper) {
        zendesk = ZendeskSimulator.builder("worlds/demo").dataDir(dir.resolve("sandbox")).reset(true).port(0)
                .clock(clock).start();
        // The High Volume API add-on's 30 a minute on both sides, so the 10,000-ticket test does not wait a minute.
        zendesk.setIncrementalExportsPerMinute(30);
        client = new OkHttpZendeskClient(ZendeskClientSettings.builder()
                .subdomain("meridiangroup")
                .email(zendesk.account().agentEmail())
                .apiToken(zendesk.account().apiToken())
                .baseUrlOverride(zendesk.url())
                .clock(clock)
                .incrementalRequestsPerMinute(30)
                .build(), sleeper);
        store = new RawStore(TestStore.clean().dataSource());
    }

    /** One poll of each object, in one CamelContext, storing through RawIntake; returns that poll's progress. */
    private PullProgress poll(String... objects) throws Exception {
        PullProgress progress = new PullProgress();
        RawIntake intake = new RawIntake(store, progress);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(JourneyZendeskComponent.SCHEME, new JourneyZendeskComponent(client, store::cursor, progress));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String object : objects) {
                        from("journey-zendesk:" + object + "?repeatCount=1&initialDelay=0")
                                .process(e -> intake.store(e.getMessage().getBody(dev.journeyconnector.pull.PullPage.class)));
                    }
                }
            });
            camel.start();
            Instant deadline = Instant.now().plusSeconds(120);
            while (!progress.everyPullPolled()) {
                assertThat(Instant.now()).as("polls finished in time").isBefore(deadline);
                Thread.sleep(20);
            }
        }
        return progress;
    }
}
