package dev.journeyconnector.zendesk;

import dev.journeyconnector.pull.PullCursors;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.zendesk.client.ZendeskClient;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * The {@code journey-zendesk:} component: pulls Zendesk Support objects incrementally through one
 * {@link ZendeskClient}. Named apart from Camel's own {@code zendesk:} component, which it is not.
 */
@Component(JourneyZendeskComponent.SCHEME)
public class JourneyZendeskComponent extends DefaultComponent {
    public static final String SCHEME = "journey-zendesk";

    private final ZendeskClient client;
    private final PullCursors cursors;
    private final PullProgress progress;

    public JourneyZendeskComponent(ZendeskClient client, PullCursors cursors, PullProgress progress) {
        this.client = client;
        this.cursors = cursors;
        this.progress = progress;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ZendeskObject object = ZendeskObject.named(remaining).orElseThrow(() -> new IllegalArgumentException(
                "endpoint " + uri + " must name one of " + ZendeskObject.names() + ", e.g. " + SCHEME + ":tickets"));
        JourneyZendeskEndpoint endpoint = new JourneyZendeskEndpoint(uri, this, object);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    ZendeskClient client() {
        return client;
    }

    PullCursors cursors() {
        return cursors;
    }

    PullProgress progress() {
        return progress;
    }
}
