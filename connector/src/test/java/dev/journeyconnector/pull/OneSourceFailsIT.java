package dev.journeyconnector.pull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.journeyconnector.mailchimp.JourneyMailchimpComponent;
import dev.journeyconnector.mailchimp.client.MailchimpClientSettings;
import dev.journeyconnector.mailchimp.client.OkHttpMailchimpClient;
import dev.journeyconnector.sandbox.mailchimp.MailchimpSimulator;
import dev.journeyconnector.sandbox.mailchimp.MailchimpWorld;
import dev.journeyconnector.sandbox.zendesk.ZendeskSimulator;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.zendesk.JourneyZendeskComponent;
import dev.journeyconnector.zendesk.client.OkHttpZendeskClient;
import dev.journeyconnector.zendesk.client.ZendeskClientSettings;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Zendesk and Mailchimp pulls in one CamelContext: a malformed Zendesk page stops Zendesk alone. */
class OneSourceFailsIT {
    @TempDir
    Path dir;

    private ZendeskSimulator zendesk;
    private MailchimpSimulator mailchimp;
    private OkHttpZendeskClient zendeskClient;
    private OkHttpMailchimpClient mailchimpClient;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(PullFailure.class)).detachAppender(logs);
        for (AutoCloseable c : new AutoCloseable[] {zendeskClient, mailchimpClient, zendesk, mailchimp}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
    }

    @Test
    void aMalformedZendeskPageFailsZendeskTicketsOnlyWithItsCursorUnchangedWhileMailchimpCompletes() throws Exception {
        zendesk = ZendeskSimulator.builder("worlds/demo").dataDir(dir.resolve("zd")).reset(true).port(0).start();
        mailchimp = MailchimpSimulator.builder(MailchimpWorld.fromClasspath("worlds/demo")).dataDir(dir.resolve("mc"))
                .reset(true).port(0).start();
        zendeskClient = new OkHttpZendeskClient(ZendeskClientSettings.builder().subdomain("meridiangroup")
                .email(zendesk.account().agentEmail()).apiToken(zendesk.account().apiToken())
                .baseUrlOverride(zendesk.url()).build());
        mailchimpClient = new OkHttpMailchimpClient(MailchimpClientSettings.of(mailchimp.apiKey())
                .withBaseUrlOverride(mailchimp.url(), false));
        RawStore store = new RawStore(TestStore.clean().dataSource());

        poll(store, List.of("journey-zendesk:tickets"));
        Map<String, Object> cursorBefore = store.cursor("zendesk", "tickets").orElseThrow();
        long ticketsBefore = store.count("zendesk", "tickets");
        zendesk.generateTickets(5);
        zendesk.malformNextResponses(1);
        ((Logger) LoggerFactory.getLogger(PullFailure.class)).addAppender(logs);
        logs.start();

        PullProgress progress = poll(store, List.of("journey-zendesk:tickets", "journey-mailchimp:lists",
                "journey-mailchimp:members", "journey-mailchimp:campaigns", "journey-mailchimp:email_activity",
                "journey-mailchimp:unsubscribes"));

        List<String> errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(errors).singleElement().satisfies(line -> assertThat(line)
                .startsWith("Pull of Zendesk tickets failed:").contains("malformed"));
        assertThat(store.cursor("zendesk", "tickets")).contains(cursorBefore);
        assertThat(store.count("zendesk", "tickets")).isEqualTo(ticketsBefore);
        assertThat(progress.snapshot().get("zendesk tickets").failures()).isEqualTo(1);

        long members = mailchimp.data().lists().stream().mapToLong(l -> mailchimp.data().members(l.id()).stream()
                .filter(m -> !m.status().equals("archived")).count()).sum();
        assertThat(store.count("mailchimp", "members")).isEqualTo(members);
        assertThat(store.count("mailchimp", "lists")).isEqualTo(mailchimp.data().lists().size());
        assertThat(store.count("mailchimp", "campaigns")).isEqualTo(mailchimp.data().campaigns().size());
        assertThat(store.count("mailchimp", "email_activity")).isEqualTo(mailchimp.data().activity().size());
        long unsubscribes = mailchimp.data().campaigns().stream()
                .mapToLong(c -> mailchimp.data().unsubscribes(c.id()).size()).sum();
        assertThat(store.count("mailchimp", "unsubscribes")).isEqualTo(unsubscribes);
        assertThat(progress.snapshot().entrySet()).filteredOn(e -> e.getKey().startsWith("mailchimp"))
                .allSatisfy(e -> assertThat(e.getValue().failures()).as(e.getKey()).isZero());

        poll(store, List.of("journey-zendesk:tickets"));
        assertThat(store.count("zendesk", "tickets")).as("the next poll resumes from the unchanged cursor")
                .isEqualTo(ticketsBefore + 5);
    }

    private PullProgress poll(RawStore store, List<String> uris) throws Exception {
        PullProgress progress = new PullProgress();
        RawIntake intake = new RawIntake(store, progress);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(JourneyZendeskComponent.SCHEME, new JourneyZendeskComponent(zendeskClient, store::cursor, progress));
            camel.addComponent(JourneyMailchimpComponent.SCHEME, new JourneyMailchimpComponent(mailchimpClient, store::cursor, progress));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String uri : uris) {
                        from(uri + "?repeatCount=1&initialDelay=0").process(e -> intake.store(e.getMessage().getBody(PullPage.class)));
                    }
                }
            });
            camel.start();
            Instant deadline = Instant.now().plusSeconds(60);
            while (!progress.everyPullPolled()) {
                assertThat(Instant.now()).as("polls finished in time").isBefore(deadline);
                Thread.sleep(20);
            }
        }
        return progress;
    }
}
