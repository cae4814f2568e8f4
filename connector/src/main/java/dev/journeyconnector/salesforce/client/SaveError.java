package dev.journeyconnector.salesforce.client;

import java.util.List;

/** One error Salesforce reported for a record: status code (e.g. REQUIRED_FIELD_MISSING), text, fields. */
public record SaveError(String statusCode, String message, List<String> fields) {
    public SaveError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
