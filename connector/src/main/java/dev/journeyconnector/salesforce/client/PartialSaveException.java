package dev.journeyconnector.salesforce.client;

import java.util.List;

/**
 * A create/update failed part-way: chunks before the failing call were saved. {@link #completed()} holds the
 * outcomes of records {@code 0 .. completed().size() - 1}; nothing from the failing chunk on was saved
 * (a SOAP fault rejects the whole call). Callers writing back exactly once must record the completed ones.
 */
public class PartialSaveException extends SalesforceException {
    private final transient List<SaveOutcome> completed;

    public PartialSaveException(SalesforceException failure, List<SaveOutcome> completed) {
        super(failure.kind(), failure.faultCode(),
                failure.getMessage() + " (after " + completed.size() + " record(s) had been processed)", failure);
        this.completed = List.copyOf(completed);
    }

    public List<SaveOutcome> completed() {
        return completed;
    }
}
