package dev.journeyconnector.mailchimp.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * The one place that decides what a Mailchimp failure means.
 *
 * <p>Mailchimp answers errors with an RFC 7807 problem document ({@code type, title, status, detail, instance}),
 * see https://mailchimp.com/developer/marketing/docs/errors/. The glossary's 401s (API Key Missing, API Key
 * Invalid) and 403s (Forbidden, User Disabled, Wrong Datacenter) are all about the key: AUTH.
 *
 * <p>Mailchimp limits an account to 10 simultaneous connections and answers 429 beyond that
 * (https://mailchimp.com/developer/marketing/docs/fundamentals/#api-limits). Under heavy load its edge
 * also answers a bare 403 (an HTML page or an empty body, no problem document, or one without a detail),
 * which is a throttle, not a verdict on the key; it is retried like a 429. A 403 with a proper problem
 * document is AUTH.
 *
 * <p>Anything not listed is PERMANENT: an unknown failure ends the poll rather than retrying forever.
 */
public final class MailchimpFailures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SNIPPET = 160;

    private MailchimpFailures() {
    }

    /** Classifies an HTTP error answer by its status and body. */
    public static MailchimpFailureKind classify(int status, String body) {
        if (status == 429) {
            return MailchimpFailureKind.THROTTLED;
        }
        if (status == 401) {
            return MailchimpFailureKind.AUTH;
        }
        if (status == 403) {
            return Problem.parse(body).hasDetail() ? MailchimpFailureKind.AUTH : MailchimpFailureKind.THROTTLED;
        }
        if (status == 408 || status >= 500) {
            return MailchimpFailureKind.TRANSIENT;
        }
        return MailchimpFailureKind.PERMANENT;
    }

    /** Classifies anything thrown while talking to Mailchimp. */
    public static MailchimpFailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MailchimpException known) {
                return known.kind();
            }
            // Before IOException: Jackson's parse errors are IOExceptions too, but re-reading gives the same bytes.
            if (t instanceof JsonProcessingException) {
                return MailchimpFailureKind.MALFORMED;
            }
            if (t instanceof IOException) {
                return MailchimpFailureKind.TRANSIENT;
            }
        }
        return MailchimpFailureKind.PERMANENT;
    }

    /** The exception for an HTTP error answer from {@code endpoint}; Mailchimp's words scrubbed of the key. */
    static MailchimpException fromResponse(String endpoint, int status, String body, Redactor redactor) {
        MailchimpFailureKind kind = classify(status, body);
        Problem problem = Problem.parse(body);
        String what;
        if (problem.title != null) {
            what = problem.title + (problem.hasDetail() ? ": " + problem.detail : "");
        } else if (body == null || body.isBlank()) {
            what = "(empty body)";
        } else {
            what = "(not a Mailchimp error document: " + snippet(body) + ")";
        }
        String hint = switch (kind) {
            case AUTH -> " (check MAILCHIMP_API_KEY and its data centre suffix)";
            case THROTTLED -> " (Mailchimp is throttling this account)";
            default -> "";
        };
        return new MailchimpException(kind, endpoint, status,
                redactor.scrub("Mailchimp " + endpoint + " answered " + status + " " + what + hint), null);
    }

    /** The exception for a transport failure of {@code endpoint}. */
    static MailchimpException fromIo(String endpoint, IOException failure, Redactor redactor) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return new MailchimpException(MailchimpFailureKind.TRANSIENT, endpoint, 0,
                redactor.scrub("Mailchimp " + endpoint + " failed: " + message), failure);
    }

    /** The exception for a 2xx answer from {@code endpoint} that is not the documented JSON. */
    static MailchimpException malformed(String endpoint, int status, String why, Throwable cause, Redactor redactor) {
        return new MailchimpException(MailchimpFailureKind.MALFORMED, endpoint, status,
                redactor.scrub("Mailchimp " + endpoint + " answered " + status + " with malformed JSON: " + why), cause);
    }

    static String snippet(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SNIPPET ? oneLine : oneLine.substring(0, SNIPPET) + "...";
    }

    /** The fields of a problem document we use; all null when the body is not one. */
    private record Problem(String title, String detail) {
        static final Problem NONE = new Problem(null, null);

        static Problem parse(String body) {
            if (body == null || body.isBlank()) {
                return NONE;
            }
            try {
                JsonNode node = JSON.readTree(body);
                if (node == null || !node.isObject() || !node.path("title").isTextual()) {
                    return NONE;
                }
                return new Problem(node.get("title").asText(), node.path("detail").isTextual() ? node.get("detail").asText() : null);
            } catch (JsonProcessingException e) {
                return NONE;
            }
        }

        boolean hasDetail() {
            return title != null && detail != null && !detail.isBlank();
        }
    }
}
