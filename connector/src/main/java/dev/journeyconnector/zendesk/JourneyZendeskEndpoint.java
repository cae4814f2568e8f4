package dev.journeyconnector.zendesk;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code journey-zendesk:<object>}: a consumer that pulls one Zendesk Support object incrementally. Polling
 * options ({@code delay}, {@code repeatCount} ...) are Camel's scheduled-poll options.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = JourneyZendeskComponent.SCHEME, title = "Journey Zendesk",
        syntax = "journey-zendesk:object", consumerOnly = true, category = {Category.SAAS})
public class JourneyZendeskEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "The Zendesk object to pull: tickets (with their metric set), users (with their "
            + "identities), ticket_events (with comment events) or satisfaction_ratings.",
            enums = "tickets,users,ticket_events,satisfaction_ratings")
    @Metadata(required = true)
    private final String object;

    @UriParam(label = "consumer", description = "ISO-8601 instant (2026-01-01T00:00:00Z) from which the first load "
            + "starts; used only while no cursor is stored. Empty: everything (start_time=0). Zendesk refuses a "
            + "start time less than a minute in the past.")
    private String startDate;

    @UriParam(label = "consumer", defaultValue = "0", description = "Records per request. 0: the most Zendesk "
            + "allows (1000 for tickets, users and ticket_events; 100 for satisfaction_ratings). Fewer, smaller "
            + "pages mean more requests against the 10 per minute limit of the incremental exports.")
    private int pageSize;

    @UriParam(label = "consumer", defaultValue = "120000", description = "For satisfaction_ratings: milliseconds "
            + "before the previous poll's upper bound (Zendesk's clock when it answered) at which the next poll "
            + "starts, so a rating saved just before the bound but visible only later is still read. Ratings in "
            + "the overlap are read again and not stored twice. The exports (tickets, users, ticket_events) resume "
            + "from Zendesk's own cursor or end_time and need none.")
    private long overlap = 120_000;

    private final ZendeskObject zendeskObject;

    public JourneyZendeskEndpoint(String uri, JourneyZendeskComponent component, ZendeskObject zendeskObject) {
        super(uri, component);
        this.zendeskObject = zendeskObject;
        this.object = zendeskObject.objectType();
        // A failed poll must reach the route's error handler, not only the log.
        setBridgeErrorHandler(true);
    }

    @Override
    public JourneyZendeskComponent getComponent() {
        return (JourneyZendeskComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(JourneyZendeskComponent.SCHEME + " only pulls; it has no producer");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ZendeskPullConsumer consumer = new ZendeskPullConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Checks the options together, naming the route; called once the URI's options are set. */
    void validate() {
        if (pageSize < 0 || pageSize > zendeskObject.maxPageSize()) {
            throw new IllegalArgumentException("route " + getEndpointUri() + ": pageSize must be between 1 and "
                    + zendeskObject.maxPageSize() + " for " + object + " (or 0 for the maximum), got " + pageSize);
        }
        if (overlap < 0) {
            throw new IllegalArgumentException("route " + getEndpointUri() + ": overlap must be 0 or more milliseconds, got "
                    + overlap);
        }
        try {
            startInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("route " + getEndpointUri() + ": startDate must be an ISO-8601 instant "
                    + "such as 2026-01-01T00:00:00Z, got \"" + startDate + "\"");
        }
    }

    public String getObject() { return object; }

    public String getStartDate() { return startDate; }
    public void setStartDate(String startDate) { this.startDate = startDate; }

    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }

    public long getOverlap() { return overlap; }
    public void setOverlap(long overlap) { this.overlap = overlap; }

    Duration overlapDuration() {
        return Duration.ofMillis(overlap);
    }

    ZendeskObject zendeskObject() {
        return zendeskObject;
    }

    int effectivePageSize() {
        return pageSize == 0 ? zendeskObject.defaultPageSize() : pageSize;
    }

    Instant startInstant() {
        return startDate == null || startDate.isBlank() ? null : Instant.parse(startDate.trim());
    }
}
