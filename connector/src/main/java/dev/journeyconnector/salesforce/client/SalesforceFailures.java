package dev.journeyconnector.salesforce.client;

import com.sforce.async.AsyncApiException;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that decides what a Salesforce failure means. Codes are the SOAP API's StatusCode /
 * ExceptionCode values (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm)
 * and the OAuth token endpoint's error values
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flow_errors.htm).
 * Anything not listed is PERMANENT: an unknown failure dead-letters rather than retrying forever.
 */
public final class SalesforceFailures {

    private static final Set<String> RETRYABLE_CODES = Set.of(
            "UNABLE_TO_LOCK_ROW",        // record lock held by another transaction; clears by itself
            "SERVER_UNAVAILABLE",
            "UNKNOWN_EXCEPTION",         // Salesforce's internal server error
            "QUERY_TIMEOUT",
            "IO",                       // our label for transport failures
            // Bulk API 1.0 exception codes (AsyncExceptionCode), see
            // https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/asynch_api_reference_errors.htm
            "InternalServerError",
            "Timeout",                  // a batch took too long to process
            "TooManyLockFailure");

    private static final Set<String> AUTH_CODES = Set.of(
            "INVALID_SESSION_ID",        // reaches callers only when the one renewal did not help
            "INVALID_LOGIN",
            "LOGIN_MUST_USE_SECURITY_TOKEN",
            "INVALID_OPERATION_WITH_EXPIRED_PASSWORD",
            "PASSWORD_LOCKOUT",
            "API_DISABLED_FOR_ORG",
            "API_CURRENTLY_DISABLED",
            "ORG_LOCKED",
            "InvalidSessionId",          // Bulk API: reaches callers only when the one renewal did not help
            "InvalidUser",               // Bulk API: no permission, or another user's job
            "FeatureNotEnabled",         // Bulk API not enabled for the org
            "invalid_grant",
            "invalid_client",
            "invalid_client_id",
            "unauthorized_client",
            "inactive_user",
            "inactive_org",
            "unsupported_grant_type");

    private SalesforceFailures() {
    }

    /**
     * Classifies a Salesforce status/exception code with its message.
     * REQUEST_LIMIT_EXCEEDED covers two different limits told apart only by the message: "TotalRequests Limit
     * exceeded" (rolling 24-hour allowance) and "ConcurrentPerOrgLongTxn Limit exceeded" (too many 20 s+ requests
     * at once), see https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm.
     * An unrecognised REQUEST_LIMIT_EXCEEDED counts as DAILY_LIMIT so that we stop spending the org's allowance.
     */
    public static FailureKind classify(String code, String message) {
        if (code == null) {
            return FailureKind.PERMANENT;
        }
        String text = message == null ? "" : message;
        if (code.matches("HTTP_\\d{3}")) {
            return classifyHttpStatus(Integer.parseInt(code.substring(5)));
        }
        if (code.equals("ExceededQuota")) {
            // Bulk API: the rolling 24-hour API request or batch allocation is spent.
            return FailureKind.DAILY_LIMIT;
        }
        if (code.equals("REQUEST_LIMIT_EXCEEDED")) {
            if (text.contains("TotalRequests")) {
                return FailureKind.DAILY_LIMIT;
            }
            if (text.toLowerCase(Locale.ROOT).contains("concurrent")) {
                return FailureKind.RETRYABLE;
            }
            return FailureKind.DAILY_LIMIT;
        }
        if (RETRYABLE_CODES.contains(code)) {
            return FailureKind.RETRYABLE;
        }
        if (AUTH_CODES.contains(code)) {
            return FailureKind.AUTH;
        }
        return FailureKind.PERMANENT;
    }

    /** HTTP status of a non-SOAP answer (the OAuth token endpoint): 429 and 5xx are worth retrying. */
    public static FailureKind classifyHttpStatus(int status) {
        if (status == 429 || status >= 500) {
            return FailureKind.RETRYABLE;
        }
        if (status == 401 || status == 403) {
            return FailureKind.AUTH;
        }
        return FailureKind.PERMANENT;
    }

    /** Classifies anything thrown while talking to Salesforce. */
    public static FailureKind classify(Throwable failure) {
        SalesforceException known = findCause(failure, SalesforceException.class);
        if (known != null) {
            return known.kind();
        }
        ApiFault apiFault = findCause(failure, ApiFault.class);
        if (apiFault != null) {
            return classify(faultCode(apiFault), apiFault.getExceptionMessage());
        }
        SoapFaultException soapFault = findCause(failure, SoapFaultException.class);
        if (soapFault != null) {
            return classify(faultCode(soapFault), soapFault.getMessage());
        }
        AsyncApiException asyncFault = findCause(failure, AsyncApiException.class);
        if (asyncFault != null && findCause(asyncFault, IOException.class) == null) {
            return classify(faultCode(asyncFault), asyncFault.getExceptionMessage());
        }
        // force-wsc wraps timeouts, refused connections and unreadable (e.g. HTML 503) answers in a plain
        // ConnectionException (SoapConnection.send / receive): all transport trouble, so retry.
        if (findCause(failure, IOException.class) != null || findCause(failure, ConnectionException.class) != null) {
            return FailureKind.RETRYABLE;
        }
        return FailureKind.PERMANENT;
    }

    /** Turns a force-wsc failure of {@code operation} into a classified, secret-free exception. */
    static SalesforceException toException(String operation, Throwable failure) {
        SalesforceException known = findCause(failure, SalesforceException.class);
        if (known != null) {
            return known;
        }
        String code = faultCode(failure);
        String detail = detail(failure);
        FailureKind kind = classify(failure);
        return new SalesforceException(kind, code, "Salesforce " + operation + " failed: " + code + ": " + detail, failure);
    }

    static String faultCode(Throwable failure) {
        ApiFault apiFault = findCause(failure, ApiFault.class);
        if (apiFault != null && apiFault.getExceptionCode() != null) {
            return apiFault.getExceptionCode().toString();
        }
        SoapFaultException soapFault = findCause(failure, SoapFaultException.class);
        if (soapFault != null && soapFault.getFaultCode() != null) {
            return soapFault.getFaultCode().getLocalPart();
        }
        // BulkConnection reports transport trouble as ClientInputError with the IOException as cause.
        AsyncApiException asyncFault = findCause(failure, AsyncApiException.class);
        if (asyncFault != null && asyncFault.getExceptionCode() != null && findCause(asyncFault, IOException.class) == null) {
            return asyncFault.getExceptionCode().name();
        }
        return "IO";
    }

    private static String detail(Throwable failure) {
        ApiFault apiFault = findCause(failure, ApiFault.class);
        if (apiFault != null && apiFault.getExceptionMessage() != null) {
            return apiFault.getExceptionMessage().strip();
        }
        AsyncApiException asyncFault = findCause(failure, AsyncApiException.class);
        if (asyncFault != null && asyncFault.getExceptionMessage() != null) {
            return asyncFault.getExceptionMessage().strip();
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.strip();
    }

    static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
