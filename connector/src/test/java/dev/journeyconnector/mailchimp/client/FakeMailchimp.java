package dev.journeyconnector.mailchimp.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server on 127.0.0.1 playing the Mailchimp Marketing API v3 (paths under /3.0) with real payloads from
 * src/test/resources/mailchimp. It measures how many requests it serves at once, holding each for
 * {@link #holdEachRequest(Duration)}, and the client it configures records its backoff waits instead of sleeping.
 */
public final class FakeMailchimp implements AutoCloseable {
    /** Shaped like a real key: 32 hex digits and the data centre. */
    public static final String API_KEY = "5f2a9c0d4e8b7a6f1c3d2e0b9a8f7c6d-us21";

    public final WireMockServer server;
    public final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrencyMeter meter = new ConcurrencyMeter();

    public FakeMailchimp() {
        // More server threads than any cap under test, so that only the client can limit concurrency.
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(60)
                .extensions(meter));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Client settings aimed at this server; backoff waits are recorded in {@link #waits}, jitter fixed at half. */
    public MailchimpClientSettings settings() {
        Backoff backoff = Backoff.defaults().with(waits::add, () -> 0.5);
        return MailchimpClientSettings.of(API_KEY).withBaseUrlOverride(URI.create(baseUrl()), false)
                .withRetry(Clock.systemUTC(), backoff);
    }

    public OkHttpMailchimpClient client() {
        return new OkHttpMailchimpClient(settings());
    }

    public MappingBuilder getApi(String path) {
        return get(urlPathEqualTo("/3.0" + path));
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** The Date every stubbed answer carries: Mailchimp's clock, which bounds each poll. */
    public static final String SERVER_DATE = "Thu, 05 Nov 2026 10:00:00 GMT";
    public static final String SERVER_TIME = "2026-11-05T10:00:00+00:00";

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Date", SERVER_DATE).withBody(body);
    }

    public static ResponseDefinitionBuilder jsonFixture(String name) {
        return json(fixture(name));
    }

    /** Mailchimp's error answers are problem documents (https://mailchimp.com/developer/marketing/docs/errors/). */
    public static ResponseDefinitionBuilder problem(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json; charset=utf-8")
                .withBody(fixture(fixture));
    }

    public static String fixture(String name) {
        try (InputStream in = FakeMailchimp.class.getResourceAsStream("/mailchimp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /mailchimp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests to {@code path} (under /3.0), in the order they arrived. */
    public List<LoggedRequest> requests(String path) {
        return server.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(r -> r.getUrl().startsWith("/3.0" + path + "?") || r.getUrl().equals("/3.0" + path))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
    }

    public int allRequests() {
        return server.getAllServeEvents().size();
    }

    public void holdEachRequest(Duration hold) {
        meter.holdMillis = hold.toMillis();
    }

    /** The most requests the server was handling at the same moment. */
    public int maxConcurrentRequests() {
        return meter.max.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * Counts requests in flight while it holds them. It decrements before the answer is written, so it can never
     * count a request the client already considers finished: what it sees is a lower bound of the real concurrency.
     */
    private static final class ConcurrencyMeter implements ResponseDefinitionTransformerV2 {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        volatile long holdMillis;

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            int now = inFlight.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            try {
                if (holdMillis > 0) {
                    Thread.sleep(holdMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "concurrency-meter";
        }
    }
}
