package dev.journeyconnector.writeback;

import dev.journeyconnector.salesforce.client.ApiUsage;
import dev.journeyconnector.salesforce.client.QueryPage;
import dev.journeyconnector.salesforce.client.SObjectDescription;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import dev.journeyconnector.salesforce.client.SaveOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real client, with every save call it was asked to make kept in order: which records went together in one
 * call is what the write-back's batching and lock retries are about, and the simulator's counters only count calls.
 */
final class RecordingSalesforceClient implements SalesforceClient {

    /** One create, update or upsert call as the stage made it. */
    record Save(String operation, String sobject, List<Map<String, Object>> records) {
    }

    private final SalesforceClient real;
    private final List<Save> saves = Collections.synchronizedList(new ArrayList<>());

    RecordingSalesforceClient(SalesforceClient real) {
        this.real = real;
    }

    /** The save calls so far, oldest first. */
    List<Save> saves() {
        return List.copyOf(saves);
    }

    @Override
    public Instant serverTime() {
        return real.serverTime();
    }

    @Override
    public SObjectDescription describe(String sobject) {
        return real.describe(sobject);
    }

    @Override
    public QueryPage query(String soql) {
        return real.query(soql);
    }

    @Override
    public QueryPage queryAll(String soql) {
        return real.queryAll(soql);
    }

    @Override
    public QueryPage queryMore(String queryLocator) {
        return real.queryMore(queryLocator);
    }

    @Override
    public Iterator<List<Map<String, Object>>> bulkQuery(String sobject, String soql, boolean includeDeleted, int pkChunkSize) {
        return real.bulkQuery(sobject, soql, includeDeleted, pkChunkSize);
    }

    @Override
    public List<SaveOutcome> create(String sobject, List<Map<String, Object>> records) {
        saves.add(new Save("create", sobject, List.copyOf(records)));
        return real.create(sobject, records);
    }

    @Override
    public List<SaveOutcome> update(String sobject, List<Map<String, Object>> records) {
        saves.add(new Save("update", sobject, List.copyOf(records)));
        return real.update(sobject, records);
    }

    @Override
    public List<SaveOutcome> upsert(String sobject, String externalIdField, List<Map<String, Object>> records) {
        saves.add(new Save("upsert", sobject, List.copyOf(records)));
        return real.upsert(sobject, externalIdField, records);
    }

    @Override
    public ApiUsage apiUsage() {
        return real.apiUsage();
    }

    @Override
    public String organizationId() {
        return real.organizationId();
    }

    @Override
    public Optional<String> instanceHost() {
        return real.instanceHost();
    }

    @Override
    public Map<String, Long> callCounts() {
        return real.callCounts();
    }

    @Override
    public int sessionRenewals() {
        return real.sessionRenewals();
    }

    @Override
    public void close() {
        real.close();
    }
}
