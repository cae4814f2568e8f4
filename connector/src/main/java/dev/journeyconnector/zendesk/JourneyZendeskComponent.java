package dev.journeyconnector.zendesk;

import dev.journeyconnector.pull.PullComponent;
import dev.journeyconnector.pull.PullCursors;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.zendesk.client.ZendeskClient;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

import java.util.Map;

/**
 * The {@code journey-zendesk:} component: pulls Zendesk Support objects incrementally through one
 * {@link ZendeskClient}. Named apart from Camel's own {@code zendesk:} component, which it is not.
 */
@Component(JourneyZendeskComponent.SCHEME)
public class JourneyZendeskComponent extends PullComponent<ZendeskClient> {
    public static final String SCHEME = "journey-zendesk";

    public JourneyZendeskComponent(ZendeskClient client, PullCursors cursors, PullProgress progress) {
        super(client, cursors, progress);
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
}
