package dev.journeyconnector.sandbox.salesforce;

import java.util.List;

/** One entry of a SaveResult/UpsertResult/DeleteResult {@code errors} list. */
public record RecordError(String statusCode, String message, List<String> fields) {
    public RecordError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static RecordError of(String statusCode, String message, String... fields) {
        return new RecordError(statusCode, message, List.of(fields));
    }
}
