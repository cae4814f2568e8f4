package dev.journeyconnector.zendesk.client;

/** What a caller should do about a Zendesk failure. {@link ZendeskFailures} decides which one applies. */
public enum ZendeskFailureKind {
    /** Transient (429, 5xx, transport trouble, timeouts): retry later with backoff. */
    RETRYABLE,
    /** 401/403: the credentials or their permissions are not accepted; fix the settings. */
    AUTH,
    /** 400/404/422 and other 4xx: the request itself is wrong; retrying cannot help. */
    PERMANENT,
    /** A 2xx answer whose body is not the JSON the endpoint documents (truncated, HTML, missing keys). */
    MALFORMED
}
