package dev.journeyconnector.salesforce;

import dev.journeyconnector.pull.PullComponent;
import dev.journeyconnector.pull.PullCursors;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code journey-salesforce:} component: pulls sObjects incrementally, through one
 * {@link SalesforceClient}. Named apart from Camel's own {@code salesforce:} component, which it is not.
 */
@Component(JourneySalesforceComponent.SCHEME)
public class JourneySalesforceComponent extends PullComponent<SalesforceClient> {
    public static final String SCHEME = "journey-salesforce";
    private static final Duration SERVER_CLOCK_REFRESH = Duration.ofMinutes(10);

    private final ServerClock serverClock;

    public JourneySalesforceComponent(SalesforceClient client, PullCursors cursors, PullProgress progress) {
        super(client, cursors, progress);
        this.serverClock = new ServerClock(client, Clock.systemUTC(), SERVER_CLOCK_REFRESH);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || !remaining.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("endpoint " + uri + " must name an sObject, e.g. " + SCHEME + ":Contact");
        }
        JourneySalesforceEndpoint endpoint = new JourneySalesforceEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    ServerClock serverClock() {
        return serverClock;
    }
}
