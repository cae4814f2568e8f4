package dev.journeyconnector.salesforce;

import dev.journeyconnector.pull.PullPage;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.pull.RawIntake;
import dev.journeyconnector.salesforce.client.AuthFlow;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import dev.journeyconnector.salesforce.client.SalesforceClientSettings;
import dev.journeyconnector.salesforce.client.SalesforceClients;
import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import dev.journeyconnector.sandbox.salesforce.ApiCounters;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.testing.TestWorlds;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The journey-salesforce consumer against the sandbox, storing into the real store. */
class SalesforcePullIT {

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private SalesforceClient client;
    private DefaultCamelContext camel;

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void tenThousandContactsCostExactlyOneCallPerPageAndASecondPollFetchesNothing() throws Exception {
        start(TestWorlds.withContacts(dir.resolve("world"), 10_000, null));
        RawStore store = new RawStore(TestStore.clean().dataSource());
        PullProgress progress = new PullProgress();

        pull(store, progress, 2, null);

        ApiCounters counters = sandbox.salesforce().counters();
        assertThat(store.count("salesforce", "Contact")).isEqualTo(10_000);
        assertThat(counters.get("query")).as("one query per poll").isEqualTo(2);
        assertThat(counters.get("queryMore")).as("ceil(10,000 / 2,000) - 1 on the first poll, none on the second")
                .isEqualTo(4);
        assertThat(progress.snapshot().get("salesforce Contact").fetched()).isEqualTo(10_000);
    }

    @Test
    void twentyFiveHundredRecordsSharingOneModstampAcrossAPageBoundaryAreAllStoredOnce() throws Exception {
        start(TestWorlds.withContacts(dir.resolve("world"), 2_500, "2026-06-01T00:00:00Z"));
        RawStore store = new RawStore(TestStore.clean().dataSource());
        PullProgress progress = new PullProgress();
        AtomicBoolean failedOnce = new AtomicBoolean();

        // The first poll stores page 1 (2,000 records, all stamped alike) and fails on page 2, as a crash
        // would; the second resumes after the last stored (modstamp, Id).
        pull(store, progress, 2, page -> {
            if (page.pageNumber() == 2 && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("store unavailable");
            }
        });

        assertThat(store.count("salesforce", "Contact")).isEqualTo(2_500);
        assertThat(progress.snapshot().get("salesforce Contact").fetched()).as("page 2 fetched twice, stored once")
                .isEqualTo(3_000);
        assertThat(progress.snapshot().get("salesforce Contact").stored()).isEqualTo(2_500);
        assertThat(progress.snapshot().get("salesforce Contact").failures()).isEqualTo(1);
    }

    @Test
    void aFirstLoadAboveTheBulkThresholdGoesThroughPkChunkedBulkJobsAndLaterPollsAreIncremental() throws Exception {
        start(TestWorlds.withContacts(dir.resolve("world"), 10_000, null));
        RawStore store = new RawStore(TestStore.clean().dataSource());
        PullProgress progress = new PullProgress();

        pull(store, progress, 2, null, "&bulkThreshold=5000&pkChunkSize=4000");

        ApiCounters counters = sandbox.salesforce().counters();
        assertThat(store.count("salesforce", "Contact")).isEqualTo(10_000);
        assertThat(counters.get("bulkCreateJob")).isEqualTo(1);
        assertThat(counters.get("bulkResult")).as("one result file per 4,000-record chunk").isEqualTo(3);
        assertThat(counters.get("queryMore")).as("no SOAP paging").isZero();
        assertThat(counters.get("query")).as("the sizing first page, then the second poll").isEqualTo(2);
        assertThat(progress.snapshot().get("salesforce Contact").fetched()).isEqualTo(10_000);
    }

    private void start(Path world) {
        sandbox = Sandbox.start(new SandboxOptions(world, null, false, 0));
        client = SalesforceClients.connect(SalesforceClientSettings.builder(AuthFlow.CLIENT_CREDENTIALS)
                .loginUrl(sandbox.salesforceUrl()).clientId(sandbox.salesforceClientId())
                .clientSecret(sandbox.salesforceClientSecret()).queryBatchSize(2000).build());
        sandbox.salesforce().counters().reset();
    }

    private void pull(RawStore store, PullProgress progress, int polls, java.util.function.Consumer<PullPage> beforeStore)
            throws Exception {
        pull(store, progress, polls, beforeStore, "");
    }

    private void pull(RawStore store, PullProgress progress, int polls, java.util.function.Consumer<PullPage> beforeStore,
                      String options) throws Exception {
        RawIntake intake = new RawIntake(store, progress);
        camel = new DefaultCamelContext();
        camel.addComponent(JourneySalesforceComponent.SCHEME, new JourneySalesforceComponent(client, store::cursor, progress));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("journey-salesforce:Contact?fields=LastName,Email&overlap=0&delay=20&repeatCount=" + polls + options)
                        .process(e -> {
                            PullPage page = e.getMessage().getBody(PullPage.class);
                            if (beforeStore != null) {
                                beforeStore.accept(page);
                            }
                            intake.store(page);
                        });
            }
        });
        camel.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (progress.snapshot().get("salesforce Contact") == null
                || progress.snapshot().get("salesforce Contact").polls() < polls) {
            assertThat(Instant.now()).as("polls finished in time").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
