package dev.journeyconnector.salesforce;

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
import java.util.Arrays;
import java.util.List;

/**
 * {@code journey-salesforce:<sObject>}: as a consumer, an incremental pull of that object; as a producer,
 * creates and updates of that object. Polling options ({@code delay}, {@code repeatCount} ...) are Camel's
 * scheduled-poll options.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = JourneySalesforceComponent.SCHEME, title = "Journey Salesforce",
        syntax = "journey-salesforce:object", category = {Category.SAAS})
public class JourneySalesforceEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "The sObject to pull or write, e.g. Contact, Opportunity, Task.")
    @Metadata(required = true)
    private final String object;

    @UriParam(label = "consumer", description = "Comma-separated fields to pull. Each is checked against "
            + "describeSObject before the first query; Id and the modstamp field are always added.")
    private String fields = "Id";

    @UriParam(label = "consumer", defaultValue = "SystemModstamp", description = "The field the pull is "
            + "incremental on: SystemModstamp for most objects, CreatedDate for history objects that have no modstamp.")
    private String modstampField = "SystemModstamp";

    @UriParam(label = "consumer", defaultValue = "120000", description = "Milliseconds before the previous poll's "
            + "upper bound at which the next poll starts, to catch late-committed records. Re-read records are not stored twice.")
    private long overlap = 120_000;

    @UriParam(label = "consumer", description = "An extra SOQL condition ANDed with the incremental window, "
            + "e.g. to leave out the connector's own Tasks. Written by the admin in the route; record values never go into it.")
    private String where;

    @UriParam(label = "consumer", defaultValue = "false", description = "true to pull with queryAll, so deleted "
            + "records arrive with IsDeleted=true and become tombstones.")
    private boolean includeDeleted;

    @UriParam(label = "consumer", description = "ISO-8601 instant (2026-01-01T00:00:00Z) before which records are "
            + "not pulled on the first load. Empty: everything.")
    private String startDate;

    @UriParam(label = "consumer", defaultValue = "100000", description = "A first load of more records than this "
            + "uses the Bulk API (asynchronous, PK-chunked) instead of query/queryMore; 0 never uses it.")
    private int bulkThreshold = 100_000;

    @UriParam(label = "consumer", defaultValue = "100000", description = "Records per PK chunk in a Bulk API first "
            + "load (Salesforce allows up to 250,000).")
    private int pkChunkSize = 100_000;

    public JourneySalesforceEndpoint(String uri, JourneySalesforceComponent component, String object) {
        super(uri, component);
        this.object = object;
        // A failed poll must reach the route's error handler, not only the log.
        setBridgeErrorHandler(true);
    }

    @Override
    public JourneySalesforceComponent getComponent() {
        return (JourneySalesforceComponent) super.getComponent();
    }

    /**
     * Pull only. Writing back needs a ledger, retries, dead letters and a budget that a producer on a route cannot
     * keep, so it runs in the {@code journeyWriteBack} bean (writeback.WriteBackStage) over the same client.
     */
    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("journey-salesforce: only pulls; the write-back is the journeyWriteBack"
                + " bean (routes/pipeline.yaml)");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SalesforcePullConsumer consumer = new SalesforcePullConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public String getObject() { return object; }

    public String getFields() { return fields; }
    public void setFields(String fields) { this.fields = fields; }

    public String getModstampField() { return modstampField; }
    public void setModstampField(String modstampField) { this.modstampField = modstampField; }

    public long getOverlap() { return overlap; }
    public void setOverlap(long overlap) { this.overlap = overlap; }

    public String getWhere() { return where; }
    public void setWhere(String where) { this.where = where; }

    public boolean isIncludeDeleted() { return includeDeleted; }
    public void setIncludeDeleted(boolean includeDeleted) { this.includeDeleted = includeDeleted; }

    public String getStartDate() { return startDate; }
    public void setStartDate(String startDate) { this.startDate = startDate; }

    public int getBulkThreshold() { return bulkThreshold; }
    public void setBulkThreshold(int bulkThreshold) { this.bulkThreshold = bulkThreshold; }

    public int getPkChunkSize() { return pkChunkSize; }
    public void setPkChunkSize(int pkChunkSize) { this.pkChunkSize = pkChunkSize; }

    List<String> requestedFields() {
        return Arrays.stream(fields.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList();
    }

    Duration overlapDuration() {
        return Duration.ofMillis(overlap);
    }

    Instant startInstant() {
        return startDate == null || startDate.isBlank() ? null : Instant.parse(startDate.trim());
    }
}
