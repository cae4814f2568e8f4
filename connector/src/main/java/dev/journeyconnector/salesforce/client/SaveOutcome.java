package dev.journeyconnector.salesforce.client;

import java.util.List;

/** Result of saving one record; {@code id} is null when a create failed. */
public record SaveOutcome(String id, boolean success, List<SaveError> errors) {
    public SaveOutcome {
        errors = List.copyOf(errors);
    }

    /** The kind of the first error, for deciding between retry and dead letter; null on success. */
    public FailureKind failureKind() {
        return success || errors.isEmpty() ? null : SalesforceFailures.classify(errors.get(0).statusCode(), errors.get(0).message());
    }
}
