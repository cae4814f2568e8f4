package dev.journeyconnector.mailchimp;

import dev.journeyconnector.mailchimp.client.MailchimpClient;
import dev.journeyconnector.mailchimp.client.MailchimpClientSettings;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code journey-mailchimp:<object>}: a consumer that pulls one Mailchimp object incrementally. Polling options
 * ({@code delay}, {@code repeatCount} ...) are Camel's scheduled-poll options.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = JourneyMailchimpComponent.SCHEME, title = "Journey Mailchimp",
        syntax = "journey-mailchimp:object", consumerOnly = true, category = {Category.SAAS})
public class JourneyMailchimpEndpoint extends ScheduledPollEndpoint {

    @UriPath(enums = "lists,members,campaigns,email_activity,unsubscribes", description = "What to pull: lists "
            + "(audiences), members (of every list, by last_changed), campaigns (sent ones, by send_time), "
            + "email_activity (opens, clicks, bounces per sent campaign) or unsubscribes (per sent campaign).")
    @Metadata(required = true)
    private final MailchimpObject object;

    @UriParam(label = "consumer", description = "ISO-8601 instant (2026-01-01T00:00:00Z) before which the first load "
            + "does not go: members changed, and campaigns (with their activity and unsubscribes) sent, before it are "
            + "not pulled. Empty: everything.")
    private String startDate;

    @UriParam(label = "consumer", defaultValue = "1000", description = "Items per Mailchimp call (count), 1 to 1000, "
            + "Mailchimp's maximum. Each page is stored with its cursor in one transaction.")
    private int pageSize = MailchimpClient.MAX_PAGE_SIZE;

    @UriParam(label = "consumer", defaultValue = "5", description = "For email_activity and unsubscribes: how many "
            + "campaigns are read at the same time, 1 to 10. Pages are still stored in campaign order. The client caps "
            + "all Mailchimp routes together at MAILCHIMP_MAX_CONNECTIONS, Mailchimp allowing 10 per account.")
    private int maxConnections = MailchimpClientSettings.DEFAULT_MAX_CONNECTIONS;

    @UriParam(label = "consumer", defaultValue = "120000", description = "Milliseconds before the previous poll's "
            + "upper bound (Mailchimp's clock when it answered the poll's first call) at which the next poll starts, so "
            + "a change Mailchimp stamped before the bound but showed only later is still read. Records in the overlap "
            + "are read again and not stored twice. Not used by lists (read whole) or unsubscribes (by count).")
    private long overlap = 120_000;

    public JourneyMailchimpEndpoint(String uri, JourneyMailchimpComponent component, MailchimpObject object) {
        super(uri, component);
        this.object = object;
        // A failed poll must reach the route's error handler, not only the log.
        setBridgeErrorHandler(true);
    }

    @Override
    public JourneyMailchimpComponent getComponent() {
        return (JourneyMailchimpComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(JourneyMailchimpComponent.SCHEME + " only pulls; it has no producer");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        MailchimpPullConsumer consumer = new MailchimpPullConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Every problem with this endpoint's options at once, each naming the option; thrown at route start. */
    void requireValid() {
        List<String> problems = new ArrayList<>();
        if (pageSize < 1 || pageSize > MailchimpClient.MAX_PAGE_SIZE) {
            problems.add("pageSize must be between 1 and " + MailchimpClient.MAX_PAGE_SIZE + " (Mailchimp's largest count), got " + pageSize);
        }
        if (maxConnections < 1 || maxConnections > MailchimpClientSettings.MAILCHIMP_CONNECTION_LIMIT) {
            problems.add("maxConnections must be between 1 and " + MailchimpClientSettings.MAILCHIMP_CONNECTION_LIMIT
                    + " (Mailchimp's limit of simultaneous connections per account), got " + maxConnections);
        }
        if (overlap < 0) {
            problems.add("overlap must be 0 or more milliseconds, got " + overlap);
        }
        if (startDate != null && !startDate.isBlank()) {
            try {
                Instant.parse(startDate.strip());
            } catch (DateTimeParseException e) {
                problems.add("startDate must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got \"" + startDate + "\"");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("route " + getEndpointUri() + ": " + String.join("; ", problems));
        }
    }

    public MailchimpObject getObject() { return object; }

    public String getStartDate() { return startDate; }
    public void setStartDate(String startDate) { this.startDate = startDate; }

    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }

    public int getMaxConnections() { return maxConnections; }
    public void setMaxConnections(int maxConnections) { this.maxConnections = maxConnections; }

    public long getOverlap() { return overlap; }
    public void setOverlap(long overlap) { this.overlap = overlap; }

    java.time.Duration overlapDuration() {
        return java.time.Duration.ofMillis(overlap);
    }

    Instant startInstant() {
        return startDate == null || startDate.isBlank() ? null : Instant.parse(startDate.strip());
    }
}
