package dev.journeyconnector.salesforce.client;

/**
 * A Salesforce call failed. {@link #kind()} says what to do about it; {@link #faultCode()} is Salesforce's
 * code (e.g. INVALID_FIELD, REQUEST_LIMIT_EXCEEDED, invalid_grant) or a transport label (e.g. IO).
 * Messages are built by this package and never contain tokens, passwords, secrets or session ids.
 */
public class SalesforceException extends RuntimeException {
    private final FailureKind kind;
    private final String faultCode;

    public SalesforceException(FailureKind kind, String faultCode, String message) {
        this(kind, faultCode, message, null);
    }

    public SalesforceException(FailureKind kind, String faultCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.faultCode = faultCode;
    }

    public FailureKind kind() {
        return kind;
    }

    public String faultCode() {
        return faultCode;
    }

    public boolean isRetryable() {
        return kind == FailureKind.RETRYABLE;
    }
}
