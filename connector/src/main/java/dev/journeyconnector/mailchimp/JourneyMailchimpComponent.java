package dev.journeyconnector.mailchimp;

import dev.journeyconnector.mailchimp.client.MailchimpClient;
import dev.journeyconnector.pull.PullComponent;
import dev.journeyconnector.pull.PullCursors;
import dev.journeyconnector.pull.PullProgress;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

import java.util.Map;

/**
 * The {@code journey-mailchimp:} component: pulls lists, members, campaigns, email activity and unsubscribes
 * incrementally through one shared {@link MailchimpClient}, which holds the account's connection cap for all routes.
 */
@Component(JourneyMailchimpComponent.SCHEME)
public class JourneyMailchimpComponent extends PullComponent<MailchimpClient> {
    public static final String SCHEME = "journey-mailchimp";

    public JourneyMailchimpComponent(MailchimpClient client, PullCursors cursors, PullProgress progress) {
        super(client, cursors, progress);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MailchimpObject object = MailchimpObject.fromUri(remaining).orElseThrow(() -> new IllegalArgumentException(
                "endpoint " + uri + " must name one of " + MailchimpObject.names() + ", e.g. " + SCHEME + ":members"));
        JourneyMailchimpEndpoint endpoint = new JourneyMailchimpEndpoint(uri, this, object);
        setProperties(endpoint, parameters);
        endpoint.requireValid();
        return endpoint;
    }
}
