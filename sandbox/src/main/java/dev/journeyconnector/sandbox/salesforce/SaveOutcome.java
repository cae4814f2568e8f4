package dev.journeyconnector.sandbox.salesforce;

import java.util.List;

/** The result of saving or deleting one record; {@code created} is meaningful for upsert only. */
public record SaveOutcome(String id, boolean success, boolean created, List<RecordError> errors) {
    public SaveOutcome {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static SaveOutcome ok(String id, boolean created) {
        return new SaveOutcome(id, true, created, List.of());
    }

    public static SaveOutcome failed(RecordError... errors) {
        return new SaveOutcome(null, false, false, List.of(errors));
    }

    public static SaveOutcome failed(List<RecordError> errors) {
        return new SaveOutcome(null, false, false, errors);
    }
}
