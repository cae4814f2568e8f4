package dev.journeyconnector.salesforce.client;

import com.sforce.async.AsyncApiException;
import com.sforce.async.AsyncExceptionCode;
import com.sforce.async.BulkConnection;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.LimitInfo;
import com.sforce.soap.partner.LimitInfoHeader_element;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.PicklistEntry;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link SalesforceClient} over force-wsc's Partner API connection. All calls are serialised by one lock:
 * PartnerConnection keeps request headers (session, query options) and the last response's LimitInfoHeader in
 * plain fields, so concurrent calls would read each other's headers.
 */
final class PartnerSalesforceClient implements SalesforceClient {

    /** create() and update() take at most 200 records per call:
     *  https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_create.htm */
    static final int MAX_RECORDS_PER_SAVE = 200;

    private final SalesforceClientSettings settings;
    private final PartnerConnection connection;
    private final RenewingSession renewer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, SObjectDescription> described = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final RecordConverter converter = new RecordConverter(this::describeForRecords);
    private volatile ApiUsage usage = ApiUsage.UNKNOWN;
    private volatile String organizationId;
    /** SOAP requests sent, by operation, retries after a session renewal included: what the org's allocation sees. */
    private final Map<String, Long> calls = new TreeMap<>();
    private volatile boolean closed;
    private volatile BulkQuery.Sleeper bulkSleeper = duration -> Thread.sleep(duration.toMillis());
    private volatile BulkQuery.Backoff bulkBackoff = BulkQuery.Backoff.DEFAULT;

    PartnerSalesforceClient(SalesforceClientSettings settings, SalesforceAuthenticator authenticator) {
        this.settings = settings;
        SalesforceSession session = authenticator.authenticate();
        this.renewer = new RenewingSession(authenticator);
        ConnectorConfig config = ForceConfigs.base(settings);
        config.setSessionId(session.sessionId());
        config.setServiceEndpoint(session.serviceEndpoint());
        config.setSessionRenewer(renewer);
        try {
            this.connection = new PartnerConnection(config);
        } catch (ConnectionException e) {
            throw SalesforceFailures.toException("connect", e);
        }
        renewer.attach(connection);
        connection.setQueryOptions(settings.queryBatchSize());
    }

    @Override
    public Instant serverTime() {
        return call("getServerTimestamp", () -> connection.getServerTimestamp().getTimestamp().toInstant());
    }

    @Override
    public SObjectDescription describe(String sobject) {
        requireText("sobject", sobject);
        lock.lock();
        try {
            SObjectDescription cached = described.get(sobject);
            if (cached == null) {
                cached = toDescription(call("describeSObject", () -> connection.describeSObject(sobject)));
                described.put(sobject, cached);
                described.put(cached.name(), cached);
            }
            return cached;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public QueryPage query(String soql) {
        requireText("soql", soql);
        return page(call("query", () -> connection.query(soql)));
    }

    @Override
    public QueryPage queryAll(String soql) {
        requireText("soql", soql);
        return page(call("queryAll", () -> connection.queryAll(soql)));
    }

    @Override
    public QueryPage queryMore(String queryLocator) {
        requireText("queryLocator", queryLocator);
        return page(call("queryMore", () -> connection.queryMore(queryLocator)));
    }

    @Override
    public Iterator<List<Map<String, Object>>> bulkQuery(String sobject, String soql, boolean includeDeleted, int pkChunkSize) {
        requireText("sobject", sobject);
        requireText("soql", soql);
        if (pkChunkSize < 0 || pkChunkSize > BulkQuery.MAX_PK_CHUNK_SIZE) {
            throw new IllegalArgumentException("pkChunkSize must be 0 (off) or 1.." + BulkQuery.MAX_PK_CHUNK_SIZE + ": " + pkChunkSize);
        }
        String name = describe(sobject).name();
        BulkCalls calls = new BulkCalls(bulkConnection());
        return new BulkQuery(calls, new BulkRecords(this::describeForRecords), bulkSleeper, bulkBackoff)
                .run(name, soql, includeDeleted, pkChunkSize);
    }

    /** For tests: how bulk queries wait between batch status polls. */
    void bulkWaiting(BulkQuery.Sleeper sleeper, BulkQuery.Backoff backoff) {
        this.bulkSleeper = sleeper;
        this.bulkBackoff = backoff;
    }

    @Override
    public List<SaveOutcome> create(String sobject, List<Map<String, Object>> records) {
        return save("create", sobject, records, false, null);
    }

    @Override
    public List<SaveOutcome> update(String sobject, List<Map<String, Object>> records) {
        return save("update", sobject, records, true, null);
    }

    @Override
    public List<SaveOutcome> upsert(String sobject, String externalIdField, List<Map<String, Object>> records) {
        requireText("externalIdField", externalIdField);
        return save("upsert", sobject, records, false, externalIdField);
    }

    @Override
    public ApiUsage apiUsage() {
        return usage;
    }

    @Override
    public int sessionRenewals() {
        return renewer.renewals();
    }

    @Override
    public void close() {
        // Nothing to release: force-wsc opens one HTTP connection per call. The session is left to expire
        // rather than revoked, because an OAuth token may be shared with other clients of the same app.
        closed = true;
    }

    private QueryPage page(QueryResult result) {
        List<Map<String, Object>> records = converter.read(result.getRecords());
        return new QueryPage(records, result.isDone(), result.isDone() ? null : result.getQueryLocator(), result.getSize());
    }

    private List<SaveOutcome> save(String operation, String sobject, List<Map<String, Object>> records, boolean update,
                                   String externalIdField) {
        requireText("sobject", sobject);
        if (records.isEmpty()) {
            return List.of();
        }
        SObjectDescription description = describe(sobject);
        List<String> unknown = RecordConverter.unknownFields(description, records);
        if (!unknown.isEmpty()) {
            throw new UnknownFieldsException(description.name(), unknown, "in the records to " + operation);
        }
        List<String> readOnly = RecordConverter.unwritableFields(description, records, update);
        if (!readOnly.isEmpty()) {
            // Salesforce would fail each record with INVALID_FIELD_FOR_INSERT_UPDATE; a mapping error, so say it once.
            throw new SalesforceException(FailureKind.PERMANENT, "INVALID_FIELD_FOR_INSERT_UPDATE", description.name()
                    + " field(s) " + String.join(", ", readOnly) + " are not " + (update ? "updateable" : "createable")
                    + " according to describeSObject");
        }
        if (externalIdField != null && description.field(externalIdField).isEmpty()) {
            throw new UnknownFieldsException(description.name(), List.of(externalIdField), "as the external id to upsert on");
        }
        SObject[] all = toSObjects(operation, description, records, update);
        List<SaveOutcome> outcomes = new ArrayList<>(records.size());
        for (int from = 0; from < all.length; from += MAX_RECORDS_PER_SAVE) {
            SObject[] chunk = Arrays.copyOfRange(all, from, Math.min(all.length, from + MAX_RECORDS_PER_SAVE));
            SaveOutcome[] results;
            try {
                results = externalIdField != null
                        ? toOutcomes(call(operation, () -> connection.upsert(externalIdField, chunk)))
                        : toOutcomes(call(operation, () -> update ? connection.update(chunk) : connection.create(chunk)), !update);
            } catch (SalesforceException e) {
                if (outcomes.isEmpty()) {
                    throw e;
                }
                throw new PartialSaveException(e, outcomes);
            }
            if (results == null || results.length != chunk.length) {
                throw new PartialSaveException(new SalesforceException(FailureKind.PERMANENT, "RESULT_MISMATCH",
                        "Salesforce " + operation + " returned " + (results == null ? 0 : results.length)
                                + " results for " + chunk.length + " records"), outcomes);
            }
            outcomes.addAll(Arrays.asList(results));
        }
        return outcomes;
    }

    private static SObject[] toSObjects(String operation, SObjectDescription description,
                                        List<Map<String, Object>> records, boolean update) {
        SObject[] out = new SObject[records.size()];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> record = records.get(i);
            if (update && (record.get("Id") == null || record.get("Id").toString().isBlank())) {
                problems.add("record " + i + " has no Id");
                continue;
            }
            try {
                out[i] = RecordConverter.write(description, record, update);
            } catch (IllegalArgumentException | ArithmeticException e) {
                problems.add("record " + i + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new SalesforceException(FailureKind.PERMANENT, "INVALID_INPUT", "Cannot " + operation + " "
                    + description.name() + ": " + String.join("; ", problems));
        }
        return out;
    }

    private static SaveOutcome[] toOutcomes(SaveResult[] results, boolean created) {
        if (results == null) {
            return null;
        }
        SaveOutcome[] out = new SaveOutcome[results.length];
        for (int i = 0; i < results.length; i++) {
            SaveResult r = results[i];
            out[i] = new SaveOutcome(r.getId(), r.isSuccess(), errors(r.getErrors()), created && r.isSuccess());
        }
        return out;
    }

    private static SaveOutcome[] toOutcomes(UpsertResult[] results) {
        if (results == null) {
            return null;
        }
        SaveOutcome[] out = new SaveOutcome[results.length];
        for (int i = 0; i < results.length; i++) {
            UpsertResult r = results[i];
            out[i] = new SaveOutcome(r.getId(), r.isSuccess(), errors(r.getErrors()), r.isSuccess() && r.isCreated());
        }
        return out;
    }

    private static List<SaveError> errors(com.sforce.soap.partner.Error[] errors) {
        List<SaveError> out = new ArrayList<>();
        if (errors != null) {
            for (com.sforce.soap.partner.Error error : errors) {
                out.add(new SaveError(error.getStatusCode() == null ? null : error.getStatusCode().toString(),
                        error.getMessage(), error.getFields() == null ? List.of() : Arrays.asList(error.getFields())));
            }
        }
        return out;
    }

    /** Records of types without a describe (aggregate results) or of types we may not describe stay untyped. */
    private Optional<SObjectDescription> describeForRecords(String type) {
        if (type.equals("AggregateResult")) {
            return Optional.empty();
        }
        try {
            return Optional.of(describe(type));
        } catch (SalesforceException e) {
            if ("INVALID_TYPE".equals(e.faultCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static SObjectDescription toDescription(DescribeSObjectResult result) {
        Map<String, FieldDescription> fields = new LinkedHashMap<>();
        for (Field field : result.getFields() == null ? new Field[0] : result.getFields()) {
            List<String> picklist = new ArrayList<>();
            if (field.getPicklistValues() != null) {
                for (PicklistEntry entry : field.getPicklistValues()) {
                    if (entry.isActive()) {
                        picklist.add(entry.getValue());
                    }
                }
            }
            fields.put(field.getName(), new FieldDescription(
                    field.getName(),
                    field.getType() == null ? "anyType" : field.getType().toString(),
                    field.isNillable(),
                    field.isCreateable(),
                    field.isUpdateable(),
                    field.isFilterable(),
                    field.getReferenceTo() == null ? List.of() : Arrays.asList(field.getReferenceTo()),
                    field.getRelationshipName(),
                    picklist));
        }
        return new SObjectDescription(result.getName(), result.getKeyPrefix(), result.isCreateable(),
                result.isUpdateable(), result.isQueryable(), fields);
    }

    private <T> T call(String operation, SoapCall<T> call) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("SalesforceClient is closed");
            }
            int renewalsBefore = renewer.renewals();
            calls.merge(operation, 1L, Long::sum);
            try {
                return call.run();
            } catch (ConnectionException e) {
                if (!isInvalidSession(e) || renewer.renewals() != renewalsBefore) {
                    throw SalesforceFailures.toException(operation, e);
                }
                // force-wsc renews only for three faultstring texts (see RenewingSession); any other
                // INVALID_SESSION_ID wording gets the same single renewal here. The call was refused, not
                // executed, so repeating it cannot apply a create or update twice.
                return renewAndRetry(operation, call);
            } finally {
                // force-wsc re-sends the request itself after its SessionRenewer ran: one more request.
                calls.merge(operation, (long) (renewer.renewals() - renewalsBefore), Long::sum);
                recordUsage();
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T renewAndRetry(String operation, SoapCall<T> call) {
        try {
            renewer.renewSession(connection.getConfig());
            return call.run();
        } catch (ConnectionException e) {
            throw SalesforceFailures.toException(operation, e);
        }
    }

    /**
     * A BulkConnection for one bulk query, on the partner connection's session. Its endpoint is the instance's
     * {@code /services/async/<version>} (Bulk API Developer Guide, "Send HTTP Requests with cURL"); the options
     * (timeouts, tracing off) are those of every force-wsc connection we make.
     */
    private BulkConnection bulkConnection() {
        lock.lock();
        try {
            ConnectorConfig config = ForceConfigs.base(settings);
            syncSession(config);
            return new BulkConnection(config);
        } catch (AsyncApiException e) {
            throw SalesforceFailures.toException("bulk connect", e);
        } finally {
            lock.unlock();
        }
    }

    /** The partner connection's current session and instance, which a SOAP call's renewal may have changed. */
    private void syncSession(ConnectorConfig bulkConfig) {
        ConnectorConfig partner = connection.getConfig();
        bulkConfig.setSessionId(partner.getSessionId());
        String endpoint = partner.getServiceEndpoint();
        int services = endpoint.indexOf("/services/");
        bulkConfig.setRestEndpoint((services < 0 ? endpoint : endpoint.substring(0, services))
                + "/services/async/" + settings.apiVersion());
    }

    /** Bulk API requests through the same lock and counters as SOAP calls, renewed once on InvalidSessionId. */
    private final class BulkCalls implements BulkQuery.Calls {
        private final BulkConnection bulk;

        BulkCalls(BulkConnection bulk) {
            this.bulk = bulk;
        }

        @Override
        public <T> T call(String operation, BulkQuery.BulkCall<T> call) {
            lock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("SalesforceClient is closed");
                }
                syncSession(bulk.getConfig());
                try {
                    return send(operation, call);
                } catch (AsyncApiException e) {
                    if (e.getExceptionCode() != AsyncExceptionCode.InvalidSessionId) {
                        throw SalesforceFailures.toException(operation, e);
                    }
                    // BulkConnection has no SessionRenewer: renew here, once. The request was refused, not run.
                    renewer.renewSession(connection.getConfig());
                    syncSession(bulk.getConfig());
                    return send(operation, call);
                }
            } catch (AsyncApiException | ConnectionException e) {
                throw SalesforceFailures.toException(operation, e);
            } catch (UncheckedIOException e) {
                throw new SalesforceException(FailureKind.RETRYABLE, "IO", "Salesforce " + operation + " failed: IO: "
                        + e.getCause().getMessage(), e);
            } finally {
                lock.unlock();
            }
        }

        private <T> T send(String operation, BulkQuery.BulkCall<T> call) throws AsyncApiException {
            calls.merge(operation, 1L, Long::sum);
            return call.run(bulk);
        }
    }

    @Override
    public String organizationId() {
        String known = organizationId;
        if (known == null) {
            known = call("getUserInfo", () -> connection.getUserInfo().getOrganizationId());
            organizationId = known;
        }
        return known;
    }

    @Override
    public Optional<String> instanceHost() {
        lock.lock();
        try {
            return Optional.ofNullable(java.net.URI.create(connection.getConfig().getServiceEndpoint()).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, Long> callCounts() {
        lock.lock();
        try {
            return Map.copyOf(calls);
        } finally {
            lock.unlock();
        }
    }

    private static boolean isInvalidSession(ConnectionException e) {
        return "INVALID_SESSION_ID".equals(SalesforceFailures.faultCode(e));
    }

    private void recordUsage() {
        LimitInfoHeader_element header = connection.getLimitInfoHeader();
        if (header == null || header.getLimitInfo() == null) {
            return;
        }
        for (LimitInfo info : header.getLimitInfo()) {
            if ("API REQUESTS".equals(info.getType())) {
                usage = new ApiUsage(info.getCurrent(), info.getLimit());
            }
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @FunctionalInterface
    private interface SoapCall<T> {
        T run() throws ConnectionException;
    }
}
