package dev.journeyconnector.mailchimp.client;

/**
 * A Mailchimp call failed. {@link #kind()} says what to do about it, {@link #endpoint()} which call it was
 * (method and path, e.g. {@code GET /3.0/lists/a36b032126/members}). Messages are built by this package and
 * never contain the API key; text Mailchimp sent back is scrubbed of it as well.
 */
public class MailchimpException extends RuntimeException {
    private final MailchimpFailureKind kind;
    private final String endpoint;
    private final int status;

    public MailchimpException(MailchimpFailureKind kind, String endpoint, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.endpoint = endpoint;
        this.status = status;
    }

    public MailchimpFailureKind kind() {
        return kind;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, or 0 when there was no HTTP answer (I/O failure, malformed body read as a whole). */
    public int status() {
        return status;
    }
}
