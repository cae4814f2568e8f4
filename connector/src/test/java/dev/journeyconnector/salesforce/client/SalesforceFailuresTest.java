package dev.journeyconnector.salesforce.client;

import com.sforce.async.AsyncApiException;
import com.sforce.async.AsyncExceptionCode;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.ws.ConnectionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;

import static dev.journeyconnector.salesforce.client.FailureKind.AUTH;
import static dev.journeyconnector.salesforce.client.FailureKind.DAILY_LIMIT;
import static dev.journeyconnector.salesforce.client.FailureKind.PERMANENT;
import static dev.journeyconnector.salesforce.client.FailureKind.RETRYABLE;
import static dev.journeyconnector.salesforce.client.SalesforceFailures.classify;
import static dev.journeyconnector.salesforce.client.SalesforceFailures.classifyHttpStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** The classification table, one line per case. */
class SalesforceFailuresTest {

    @Test void ioExceptionIsRetryable() { assertThat(classify(new SocketTimeoutException("read timed out"))).isEqualTo(RETRYABLE); }
    @Test void connectionExceptionIsRetryable() { assertThat(classify(new ConnectionException("Failed to send request", new IOException()))).isEqualTo(RETRYABLE); }
    @Test void unableToLockRowIsRetryable() { assertThat(classify("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record")).isEqualTo(RETRYABLE); }
    @Test void concurrentRequestLimitIsRetryable() { assertThat(classify("REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.")).isEqualTo(RETRYABLE); }
    @Test void concurrentWordingIsRetryable() { assertThat(classify("REQUEST_LIMIT_EXCEEDED", "Too many concurrent requests")).isEqualTo(RETRYABLE); }
    @Test void serverUnavailableIsRetryable() { assertThat(classify("SERVER_UNAVAILABLE", "Server unavailable")).isEqualTo(RETRYABLE); }
    @Test void http500IsRetryable() { assertThat(classifyHttpStatus(500)).isEqualTo(RETRYABLE); }
    @Test void http503IsRetryable() { assertThat(classifyHttpStatus(503)).isEqualTo(RETRYABLE); }
    @Test void httpCodeLabelIsClassifiedByStatus() { assertThat(classify("HTTP_502", null)).isEqualTo(RETRYABLE); }
    @Test void http429IsRetryable() { assertThat(classifyHttpStatus(429)).isEqualTo(RETRYABLE); }
    @Test void totalRequestsLimitIsDailyLimit() { assertThat(classify("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")).isEqualTo(DAILY_LIMIT); }
    @Test void unrecognisedRequestLimitIsDailyLimit() { assertThat(classify("REQUEST_LIMIT_EXCEEDED", "")).isEqualTo(DAILY_LIMIT); }
    @Test void invalidSessionIdIsAuth() { assertThat(classify("INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session")).isEqualTo(AUTH); }
    @Test void invalidLoginIsAuth() { assertThat(classify("INVALID_LOGIN", "Invalid username, password, security token; or user locked out.")).isEqualTo(AUTH); }
    @Test void oauthInvalidGrantIsAuth() { assertThat(classify("invalid_grant", "authentication failure")).isEqualTo(AUTH); }
    @Test void oauthInvalidClientIsAuth() { assertThat(classify("invalid_client", "invalid client credentials")).isEqualTo(AUTH); }
    @Test void http401IsAuth() { assertThat(classifyHttpStatus(401)).isEqualTo(AUTH); }
    @Test void requiredFieldMissingIsPermanent() { assertThat(classify("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]")).isEqualTo(PERMANENT); }
    @Test void invalidFieldIsPermanent() { assertThat(classify("INVALID_FIELD", "No such column 'adfId' on entity 'Contact'")).isEqualTo(PERMANENT); }
    @Test void restrictedPicklistIsPermanent() { assertThat(classify("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "bad value for restricted picklist field")).isEqualTo(PERMANENT); }
    @Test void malformedIdIsPermanent() { assertThat(classify("MALFORMED_ID", "bad id 006i000004DAKd")).isEqualTo(PERMANENT); }
    @Test void entityIsDeletedIsPermanent() { assertThat(classify("ENTITY_IS_DELETED", "entity is deleted")).isEqualTo(PERMANENT); }
    @Test void invalidCrossReferenceKeyIsPermanent() { assertThat(classify("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")).isEqualTo(PERMANENT); }
    @Test void customValidationIsPermanent() { assertThat(classify("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Close date must be in the future")).isEqualTo(PERMANENT); }
    @Test void insufficientAccessIsPermanent() { assertThat(classify("INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY", "insufficient access rights on cross-reference id")).isEqualTo(PERMANENT); }
    @Test void insufficientAccessOrReadonlyIsPermanent() { assertThat(classify("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id")).isEqualTo(PERMANENT); }
    @Test void malformedQueryIsPermanent() { assertThat(classify("MALFORMED_QUERY", "unexpected token: FROM")).isEqualTo(PERMANENT); }
    @Test void invalidTypeIsPermanent() { assertThat(classify("INVALID_TYPE", "sObject type 'Foo' is not supported")).isEqualTo(PERMANENT); }
    @Test void unknownCodeIsPermanent() { assertThat(classify("SOMETHING_NEW", "")).isEqualTo(PERMANENT); }
    @Test void http400IsPermanent() { assertThat(classifyHttpStatus(400)).isEqualTo(PERMANENT); }
    @Test void apiFaultIsClassifiedByItsExceptionCode() { assertThat(classify(apiFault(ExceptionCode.UNABLE_TO_LOCK_ROW))).isEqualTo(RETRYABLE); }
    @Test void apiFaultInvalidFieldIsPermanent() { assertThat(classify(apiFault(ExceptionCode.INVALID_FIELD))).isEqualTo(PERMANENT); }
    @Test void alreadyClassifiedExceptionKeepsItsKind() { assertThat(classify(new ConnectionException("wrapped", new SalesforceException(DAILY_LIMIT, "REQUEST_LIMIT_EXCEEDED", "x")))).isEqualTo(DAILY_LIMIT); }
    @Test void bulkInvalidSessionIdIsAuth() { assertThat(classify("InvalidSessionId", "Invalid session id")).isEqualTo(AUTH); }
    @Test void bulkFeatureNotEnabledIsAuth() { assertThat(classify("FeatureNotEnabled", "Bulk API is not enabled for this Organization")).isEqualTo(AUTH); }
    @Test void bulkInvalidUserIsAuth() { assertThat(classify("InvalidUser", "User is not the owner of the job")).isEqualTo(AUTH); }
    @Test void bulkExceededQuotaIsDailyLimit() { assertThat(classify("ExceededQuota", "TotalRequests Limit exceeded.")).isEqualTo(DAILY_LIMIT); }
    @Test void bulkInternalServerErrorIsRetryable() { assertThat(classify("InternalServerError", "")).isEqualTo(RETRYABLE); }
    @Test void bulkTimeoutIsRetryable() { assertThat(classify("Timeout", "batch took too long")).isEqualTo(RETRYABLE); }
    @Test void bulkTooManyLockFailureIsRetryable() { assertThat(classify("TooManyLockFailure", "")).isEqualTo(RETRYABLE); }
    @Test void bulkInvalidBatchIsPermanent() { assertThat(classify("InvalidBatch", "Batch not completed")).isEqualTo(PERMANENT); }
    @Test void bulkInvalidJobIsPermanent() { assertThat(classify("InvalidJob", "Invalid job id")).isEqualTo(PERMANENT); }
    @Test void asyncApiExceptionIsClassifiedByItsCode() { assertThat(classify(new AsyncApiException("Invalid session id", AsyncExceptionCode.InvalidSessionId))).isEqualTo(AUTH); }
    @Test void asyncApiExceptionAroundAnIoFailureIsRetryable() { assertThat(classify(new AsyncApiException("Failed to get result", AsyncExceptionCode.ClientInputError, new IOException("reset")))).isEqualTo(RETRYABLE); }
    @Test void programmingErrorIsPermanent() { assertThat(classify(new IllegalStateException("bug"))).isEqualTo(PERMANENT); }

    private static ApiFault apiFault(ExceptionCode code) {
        ApiFault fault = new ApiFault();
        fault.setExceptionCode(code);
        fault.setExceptionMessage(code.toString());
        return fault;
    }
}
