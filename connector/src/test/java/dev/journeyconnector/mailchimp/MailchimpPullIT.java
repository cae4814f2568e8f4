package dev.journeyconnector.mailchimp;

import dev.journeyconnector.mailchimp.client.MailchimpClientSettings;
import dev.journeyconnector.mailchimp.client.OkHttpMailchimpClient;
import dev.journeyconnector.pull.PullPage;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.pull.RawIntake;
import dev.journeyconnector.sandbox.mailchimp.Audience;
import dev.journeyconnector.sandbox.mailchimp.Campaign;
import dev.journeyconnector.sandbox.mailchimp.Member;
import dev.journeyconnector.sandbox.mailchimp.MailchimpSimulator;
import dev.journeyconnector.sandbox.mailchimp.MailchimpWorld;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The journey-mailchimp consumer against the Mailchimp simulator (demo account), storing into the real store. */
class MailchimpPullIT {
    private static final List<String> OBJECTS = List.of("lists", "members", "campaigns", "email_activity", "unsubscribes");

    @TempDir
    Path dir;

    private MailchimpSimulator mailchimp;
    private OkHttpMailchimpClient client;
    private RawStore store;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (mailchimp != null) {
            mailchimp.close();
        }
    }

    @Test
    void tenThousandMembersCostOneCallPerPageAndNoTrailingCall() throws Exception {
        start(5);
        String volumeList = mailchimp.data().lists().get(0).id();
        mailchimp.data().generateMembers(volumeList, "volume", 10_000, Instant.parse("2026-01-01T00:00:00Z"));
        mailchimp.counters().reset();

        PullProgress first = poll("members");

        // Offset paging with total_items: ceil(n / 1,000) calls a list (at least one), never an empty trailing page.
        long members = 0;
        long pages = 0;
        for (Audience list : mailchimp.data().lists()) {
            long n = servedMembers(list.id());
            members += n;
            pages += Math.max(1, (n + 999) / 1000);
        }
        assertThat(members).isGreaterThanOrEqualTo(10_000);
        assertThat(store.count("mailchimp", "members")).isEqualTo(members);
        assertThat(first.snapshot().get("mailchimp members").fetched()).isEqualTo(members);
        assertThat(mailchimp.counters().get("lists")).as("one call finds the lists").isEqualTo(1);
        assertThat(mailchimp.counters().get("members")).as("sum of ceil(members / 1,000) over the lists").isEqualTo(pages);

        mailchimp.counters().reset();
        PullProgress second = poll("members");
        assertThat(second.snapshot().get("mailchimp members").fetched()).isZero();
        assertThat(mailchimp.counters().get("members")).as("one empty page a list")
                .isEqualTo(mailchimp.data().lists().size());
    }

    @Test
    void aPollWithNothingChangedFetchesNothingAndOneChangedMemberIsFetchedAlone() throws Exception {
        start(5);

        PullProgress first = poll(OBJECTS.toArray(String[]::new));
        assertThat(first.anyFailed()).isFalse();
        assertThat(store.count("mailchimp", "members")).isPositive();

        PullProgress second = poll(OBJECTS.toArray(String[]::new));
        for (String object : OBJECTS) {
            assertThat(second.snapshot().get("mailchimp " + object).fetched()).as(object + " fetched").isZero();
            assertThat(second.snapshot().get("mailchimp " + object).stored()).as(object + " stored").isZero();
        }

        Audience list = mailchimp.data().lists().get(0);
        Member subscriber = mailchimp.data().members(list.id()).stream()
                .filter(m -> m.status().equals("subscribed")).findFirst().orElseThrow();
        mailchimp.data().updateMember(list.id(), subscriber.emailAddress(),
                m -> m.withStatus("unsubscribed", Instant.now().truncatedTo(ChronoUnit.SECONDS), "test"));

        PullProgress third = poll("members");
        assertThat(third.snapshot().get("mailchimp members").fetched()).isEqualTo(1);
        assertThat(third.snapshot().get("mailchimp members").stored()).isEqualTo(1);
    }

    @Test
    void emailActivityOfManyCampaignsNeverExceedsTheClientsConcurrencyCapAtTheServer() throws Exception {
        start(3);
        List<Campaign> sent = mailchimp.data().campaigns().stream().filter(c -> c.status().equals("sent")).toList();
        for (Campaign c : sent) {
            mailchimp.data().generateActivity(c.id(), 300);
        }
        mailchimp.setLatency(Duration.ofMillis(40));
        mailchimp.resetMaxConcurrency();

        PullProgress progress = poll("email_activity?pageSize=100&maxConnections=10");

        assertThat(progress.anyFailed()).isFalse();
        assertThat(mailchimp.maxConcurrency()).as("simultaneous requests seen by the server").isLessThanOrEqualTo(3)
                .as("campaigns were read in parallel").isGreaterThan(1);
        long events = mailchimp.data().activity().stream()
                .filter(a -> sent.stream().anyMatch(c -> c.id().equals(a.campaignId()))).count();
        assertThat(store.count("mailchimp", "email_activity")).isEqualTo(events);
    }

    private long servedMembers(String listId) {
        return mailchimp.data().members(listId).stream().filter(m -> !m.status().equals("archived")).count();
    }

    private void start(int maxConnections) {
        mailchimp = MailchimpSimulator.builder(MailchimpWorld.fromClasspath("worlds/demo"))
                .dataDir(dir.resolve("sandbox")).reset(true).port(0).start();
        client = new OkHttpMailchimpClient(MailchimpClientSettings.of(mailchimp.apiKey())
                .withBaseUrlOverride(mailchimp.url(), false).withMaxConnections(maxConnections));
        store = new RawStore(TestStore.clean().dataSource());
    }

    /** One poll of each object, in one CamelContext, storing through RawIntake; returns that poll's progress. */
    private PullProgress poll(String... objects) throws Exception {
        PullProgress progress = new PullProgress();
        RawIntake intake = new RawIntake(store, progress);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(JourneyMailchimpComponent.SCHEME, new JourneyMailchimpComponent(client, store::cursor, progress));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String object : objects) {
                        from("journey-mailchimp:" + object + (object.contains("?") ? "&" : "?") + "repeatCount=1&initialDelay=0")
                                .process(e -> intake.store(e.getMessage().getBody(PullPage.class)));
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
