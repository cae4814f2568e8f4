package dev.journeyconnector.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * The WireMock server under every simulator: no request journal (a long run would keep every request in
 * memory), WireMock's own logging through SLF4J, and one catch-all stub whose answer the simulator's dispatcher
 * writes, so routing lives in plain Java rather than in stub mappings.
 */
public final class SimulatorServer {
    private SimulatorServer() {
    }

    /**
     * @param containerThreads Jetty threads; 0 keeps WireMock's default
     */
    public static WireMockServer start(SimulatorOptions<?> options, ResponseDefinitionTransformerV2 dispatcher,
                                       int containerThreads) {
        WireMockConfiguration config = WireMockConfiguration.options()
                .bindAddress(options.bindAddress())
                .disableRequestJournal()
                .notifier(new Slf4jNotifier(false))
                .extensions(dispatcher);
        if (containerThreads > 0) {
            config.containerThreads(containerThreads);
        }
        if (options.port() == 0) {
            config.dynamicPort();
        } else {
            config.port(options.port());
        }
        WireMockServer server = new WireMockServer(config);
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        return server;
    }
}
