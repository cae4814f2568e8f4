package dev.journeyconnector.salesforce;

import dev.journeyconnector.pull.PullConsumer;
import dev.journeyconnector.pull.PullPage;
import dev.journeyconnector.salesforce.client.FieldDescription;
import dev.journeyconnector.salesforce.client.QueryPage;
import dev.journeyconnector.salesforce.client.SObjectDescription;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import dev.journeyconnector.store.RawRecord;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One poll reads everything changed since the cursor, page by page (query, then queryMore), and sends
 * each page down the route as a {@link PullPage} carrying the cursor that is valid once it is stored.
 * A page the route fails to store ends the poll: the cursor stays where the stored records end.
 */
final class SalesforcePullConsumer extends PullConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforcePullConsumer.class);
    static final String SOURCE = "salesforce";

    private final JourneySalesforceEndpoint endpoint;
    private List<String> fields;

    SalesforcePullConsumer(JourneySalesforceEndpoint endpoint, Processor processor) {
        super(endpoint, processor, SOURCE, "Salesforce", endpoint.getObject(), endpoint.getComponent().progress());
        this.endpoint = endpoint;
    }

    @Override
    protected int pullChanges() throws Exception {
        String object = endpoint.getObject();
        SalesforceClient client = endpoint.getComponent().client();
        List<String> selected = fields(client);
        Instant upper = endpoint.getComponent().serverClock().now();
        SalesforceCursor cursor = SalesforceCursor.fromMap(
                endpoint.getComponent().cursors().cursor(SOURCE, object).orElse(null));
        String soql = IncrementalQuery.soql(object, selected, endpoint.getModstampField(), cursor, upper,
                endpoint.overlapDuration(), endpoint.startInstant(), endpoint.getWhere());
        LOG.debug("Pulling {}: {}", object, soql);

        QueryPage page = endpoint.isIncludeDeleted() ? client.queryAll(soql) : client.query(soql);
        boolean firstLoad = cursor.syncedUpTo() == null && !cursor.inProgress();
        if (firstLoad && !page.done() && endpoint.getBulkThreshold() > 0 && page.totalSize() > endpoint.getBulkThreshold()) {
            // The first page told us the size; a load this large is cheaper and gentler on the org as a
            // Bulk API job than as thousands of queryMore calls. That first page is not used.
            return pullInBulk(client, object, selected, upper, page.totalSize());
        }
        int pageNumber = 1;
        int fetched = 0;
        while (true) {
            List<RawRecord> records = toRawRecords(page.records());
            fetched += records.size();
            fetched(records.size());
            SalesforceCursor next = page.done() ? SalesforceCursor.completed(upper)
                    : records.isEmpty() ? cursor
                    : cursor.after(records.get(records.size() - 1).versionTime(), records.get(records.size() - 1).recordId());
            send(new PullPage(SOURCE, object, records, next.toMap(), pageNumber, page.done()));
            cursor = next;
            if (page.done()) {
                return fetched;
            }
            page = client.queryMore(page.queryLocator());
            pageNumber++;
        }
    }

    /**
     * A first load through the Bulk API. Its result files come in Id ranges, not in modstamp order, so
     * the cursor moves only with the last file: a load cut short starts over (records already stored are
     * recognised and not stored twice).
     */
    private int pullInBulk(SalesforceClient client, String object, List<String> selected, Instant upper, int expected)
            throws Exception {
        LOG.info("First load of Salesforce {}: {} records, through the Bulk API", object, expected);
        String soql = IncrementalQuery.bulkFirstLoad(object, selected, upper, endpoint.startInstant(),
                endpoint.getModstampField(), endpoint.getWhere());
        Iterator<List<Map<String, Object>>> files = client.bulkQuery(object, soql, endpoint.isIncludeDeleted(),
                endpoint.getPkChunkSize());
        int pageNumber = 0;
        int fetched = 0;
        while (files.hasNext()) {
            List<RawRecord> records = toRawRecords(files.next());
            pageNumber++;
            fetched += records.size();
            fetched(records.size());
            boolean last = !files.hasNext();
            SalesforceCursor next = last ? SalesforceCursor.completed(upper) : SalesforceCursor.START;
            send(new PullPage(SOURCE, object, records, next.toMap(), pageNumber, last));
        }
        if (pageNumber == 0) {
            send(new PullPage(SOURCE, object, List.of(), SalesforceCursor.completed(upper).toMap(), 1, true));
        }
        return fetched;
    }

    private List<RawRecord> toRawRecords(List<Map<String, Object>> records) {
        List<RawRecord> out = new ArrayList<>(records.size());
        for (Map<String, Object> r : records) {
            Object stamp = r.get(endpoint.getModstampField());
            if (!(stamp instanceof Instant versionTime)) {
                throw new IllegalStateException(endpoint.getObject() + " " + r.get("Id") + " has no "
                        + endpoint.getModstampField() + " value");
            }
            boolean deleted = Boolean.TRUE.equals(r.get("IsDeleted"));
            out.add(new RawRecord((String) r.get("Id"), versionTime, deleted, r));
        }
        return out;
    }

    /**
     * The field list, checked once against describeSObject: a field that describe does not confirm is
     * never put into a query (all unknown ones are reported together).
     */
    private List<String> fields(SalesforceClient client) {
        if (fields != null) {
            return fields;
        }
        SObjectDescription describe = client.describe(endpoint.getObject());
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add("Id");
        wanted.add(endpoint.getModstampField());
        if (endpoint.isIncludeDeleted()) {
            wanted.add("IsDeleted");
        }
        wanted.addAll(endpoint.requestedFields());
        List<String> confirmed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String f : wanted) {
            FieldDescription d = describe.fields().get(f);
            if (d == null) {
                d = describe.fields().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(f))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            if (d == null) {
                unknown.add(f);
            } else if (!confirmed.contains(d.name())) {
                confirmed.add(d.name());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("route " + endpoint.getEndpointUri() + ": " + endpoint.getObject()
                    + " has no field(s) " + String.join(", ", unknown) + " (checked with describeSObject)");
        }
        fields = List.copyOf(confirmed);
        return fields;
    }

}
