package dev.journeyconnector.salesforce.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** PLACEHOLDER until the client branch is merged. */
public interface SalesforceClient extends AutoCloseable {
    Instant serverTime();
    SObjectDescription describe(String sobject);
    QueryPage query(String soql);
    QueryPage queryAll(String soql);
    QueryPage queryMore(String queryLocator);
    List<SaveOutcome> create(String sobject, List<Map<String, Object>> records);
    List<SaveOutcome> update(String sobject, List<Map<String, Object>> records);
    ApiUsage apiUsage();
    void close();
}
