package dev.journeyconnector.salesforce.client;

import java.util.List;

/**
 * Result of saving one record; {@code id} is null when a create failed.
 *
 * @param created true when the save created the record (always for a successful create, never for an update; for an
 *                upsert, Salesforce's UpsertResult says which happened)
 */
public record SaveOutcome(String id, boolean success, List<SaveError> errors, boolean created) {
    public SaveOutcome {
        errors = List.copyOf(errors);
    }

    /** A create or update outcome, where the operation itself says whether the record was created. */
    public SaveOutcome(String id, boolean success, List<SaveError> errors) {
        this(id, success, errors, false);
    }

    /** The kind of the first error, for deciding between retry and dead letter; null on success. */
    public FailureKind failureKind() {
        return success || errors.isEmpty() ? null : SalesforceFailures.classify(errors.get(0).statusCode(), errors.get(0).message());
    }

    /** The first error's status code (e.g. UNABLE_TO_LOCK_ROW); null on success. */
    public String statusCode() {
        return success || errors.isEmpty() ? null : errors.get(0).statusCode();
    }
}
