package dev.journeyconnector.zendesk.client;

/**
 * A Zendesk call failed. The message names the endpoint (path only, never a query string or header) and the
 * cause; {@link #kind()} says what to do about it. Messages never contain tokens, e-mail/token pairs or
 * Authorization headers: this package builds them from the path, the HTTP status and Zendesk's error text.
 */
public class ZendeskException extends RuntimeException {
    private final ZendeskFailureKind kind;
    private final String endpoint;
    private final int status;

    public ZendeskException(ZendeskFailureKind kind, String endpoint, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.endpoint = endpoint;
        this.status = status;
    }

    public ZendeskFailureKind kind() {
        return kind;
    }

    /** The path called, e.g. /api/v2/incremental/tickets/cursor.json. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    public boolean isRetryable() {
        return kind == ZendeskFailureKind.RETRYABLE;
    }
}
