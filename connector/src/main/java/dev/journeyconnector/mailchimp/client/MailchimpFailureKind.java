package dev.journeyconnector.mailchimp.client;

/** What a caller should do about a Mailchimp failure. {@link MailchimpFailures} holds the table. */
public enum MailchimpFailureKind {
    /** Mailchimp is shedding load (429, or a bare 403): wait longer and retry, more patiently than for TRANSIENT. */
    THROTTLED,
    /** A 5xx or a transport failure: retry a few times with backoff. */
    TRANSIENT,
    /** The API key is missing, wrong, for another data centre, or its user is disabled: fix the settings. */
    AUTH,
    /** The request itself is wrong (400, 404, 405 ...): retrying cannot help. */
    PERMANENT,
    /** A 2xx answer that is not the JSON the endpoint documents: retrying the same call would read the same thing. */
    MALFORMED;

    public boolean retryable() {
        return this == THROTTLED || this == TRANSIENT;
    }
}
