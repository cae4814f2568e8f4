package dev.journeyconnector.salesforce.client;

import java.util.List;

/** Requested field names that {@code describeSObject} does not know; all of them, reported at once. */
public class UnknownFieldsException extends SalesforceException {
    private final String sobject;
    private final transient List<String> unknownFields;

    public UnknownFieldsException(String sobject, List<String> unknownFields, String detail) {
        super(FailureKind.PERMANENT, "INVALID_FIELD",
                sobject + " has no field(s) " + String.join(", ", unknownFields) + " according to describeSObject"
                        + (detail.isEmpty() ? "" : " (" + detail + ")")
                        + "; check the spelling, the __c suffix of custom fields and the integration user's field access");
        this.sobject = sobject;
        this.unknownFields = List.copyOf(unknownFields);
    }

    public String sobject() {
        return sobject;
    }

    public List<String> unknownFields() {
        return unknownFields;
    }
}
