package dev.journeyconnector.sandbox.salesforce;

import java.util.List;
import java.util.Map;

/**
 * A record as a client sent it: the sObject type, the Id (update, upsert), field values as text with
 * {@code null} for xsi:nil, in the order sent, and the fieldsToNull list. Field names are as sent.
 */
public record IncomingRecord(String type, String id, Map<String, String> values, List<String> fieldsToNull) {
    public IncomingRecord {
        fieldsToNull = fieldsToNull == null ? List.of() : List.copyOf(fieldsToNull);
    }
}
