package dev.journeyconnector.salesforce.client;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The connector's only door to Salesforce. Implementations hide the vendor SDK (force-wsc, Partner API);
 * callers see plain Java values and {@link SalesforceException}s classified by {@link FailureKind}.
 *
 * <p>Thread-safety: implementations are safe to share, but serialise calls (force-wsc's connection keeps
 * per-call headers in mutable fields). Give each route its own client if calls must run in parallel.
 */
public interface SalesforceClient extends AutoCloseable {

    /** Salesforce's own clock ({@code getServerTimestamp}): use it, not the local clock, for cursors. */
    Instant serverTime();

    /** {@code describeSObject}, called at most once per sObject for the lifetime of this client. */
    SObjectDescription describe(String sobject);

    /** First page of a SOQL query; the page size is {@link SalesforceClientSettings#queryBatchSize()}. */
    QueryPage query(String soql);

    /** Like {@link #query} but includes deleted and archived records ({@code IsDeleted = true}). */
    QueryPage queryAll(String soql);

    /** The next page after a page whose {@link QueryPage#done()} is false. */
    QueryPage queryMore(String queryLocator);

    /**
     * Runs {@code soql} as a Bulk API 1.0 query job on {@code sobject} (the SOQL's FROM object): for large first
     * loads, where paging with queryMore would cost one call per 2,000 records. Returns once every batch has
     * finished and the job is closed; each {@code next()} then downloads one result file and returns its records,
     * typed as {@link #query} types them. Calls are counted in {@link #callCounts()} as bulkCreateJob,
     * bulkAddBatch, bulkBatchList, bulkResultList, bulkCloseJob and bulkResult.
     *
     * @param includeDeleted true for queryAll (deleted and archived records too)
     * @param pkChunkSize    records per PK chunk (Salesforce splits the query by record Id ranges), 1..250,000;
     *                       0 for no PK chunking
     */
    Iterator<List<Map<String, Object>>> bulkQuery(String sobject, String soql, boolean includeDeleted, int pkChunkSize);

    /** Creates records in chunks of at most 200; outcome {@code i} belongs to record {@code i}. */
    List<SaveOutcome> create(String sobject, List<Map<String, Object>> records);

    /** Updates records (each carries "Id") in chunks of at most 200; null values are cleared on the record. */
    List<SaveOutcome> update(String sobject, List<Map<String, Object>> records);

    /**
     * Creates or updates records by an external-id field, in chunks of at most 200: a record whose
     * {@code externalIdField} value matches none is created, one match is updated, several fail with
     * DUPLICATE_EXTERNAL_ID. Sending the same record twice never makes two, so an upsert needs no reconciliation
     * after a crash. {@link SaveOutcome#created()} says which happened.
     */
    List<SaveOutcome> upsert(String sobject, String externalIdField, List<Map<String, Object>> records);

    /** The last "API REQUESTS" usage Salesforce reported in a LimitInfoHeader, or {@link ApiUsage#UNKNOWN}. */
    ApiUsage apiUsage();

    /** The 18-character Id of the org this client is connected to (getUserInfo, asked once per client). */
    String organizationId();

    /**
     * The host of the instance this client's session talks to (e.g. {@code acme.my.salesforce.com}), as the
     * login or token response named it; the host of the org's record pages. Asks Salesforce nothing.
     */
    default java.util.Optional<String> instanceHost() {
        return java.util.Optional.empty();
    }

    /** SOAP requests this client sent, by operation (query, queryMore, create ...), retries included. */
    Map<String, Long> callCounts();

    /** How many times this client re-authenticated after Salesforce reported an expired session. */
    int sessionRenewals();

    @Override
    void close();
}
