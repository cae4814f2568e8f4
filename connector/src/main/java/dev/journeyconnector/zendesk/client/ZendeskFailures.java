package dev.journeyconnector.zendesk.client;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * The one place that decides what a Zendesk failure means. Status codes follow Zendesk's API reference
 * (https://developer.zendesk.com/api-reference/introduction/requests/#response-format and
 * https://developer.zendesk.com/api-reference/introduction/rate-limits/): 429 carries Retry-After, 5xx are
 * Zendesk's own trouble, 401/403 are credentials or role (incremental exports are "Allowed for: Admins").
 * Anything not listed is PERMANENT, so an unknown failure ends the poll rather than looping.
 */
public final class ZendeskFailures {

    private ZendeskFailures() {
    }

    /** Classifies an HTTP status of a non-2xx answer. */
    public static ZendeskFailureKind classifyStatus(int status) {
        if (status == 429 || status == 408 || status >= 500) {
            return ZendeskFailureKind.RETRYABLE;
        }
        if (status == 401 || status == 403) {
            return ZendeskFailureKind.AUTH;
        }
        return ZendeskFailureKind.PERMANENT;
    }

    /** Classifies anything thrown while talking to Zendesk. */
    public static ZendeskFailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ZendeskException known) {
                return known.kind();
            }
            if (t instanceof JsonProcessingException) {
                // Checked before IOException, which it extends: a body that is not JSON will not parse on retry either.
                return ZendeskFailureKind.MALFORMED;
            }
            if (t instanceof InterruptedIOException || t instanceof IOException) {
                // Includes SocketTimeoutException (connect/read timeouts) and a body cut short by a dropped connection.
                return ZendeskFailureKind.RETRYABLE;
            }
        }
        return ZendeskFailureKind.PERMANENT;
    }
}
