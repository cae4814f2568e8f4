package dev.journeyconnector.mailchimp.client;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static dev.journeyconnector.mailchimp.client.FakeMailchimp.fixture;
import static dev.journeyconnector.mailchimp.client.MailchimpFailureKind.AUTH;
import static dev.journeyconnector.mailchimp.client.MailchimpFailureKind.MALFORMED;
import static dev.journeyconnector.mailchimp.client.MailchimpFailureKind.PERMANENT;
import static dev.journeyconnector.mailchimp.client.MailchimpFailureKind.THROTTLED;
import static dev.journeyconnector.mailchimp.client.MailchimpFailureKind.TRANSIENT;
import static dev.journeyconnector.mailchimp.client.MailchimpFailures.classify;
import static org.assertj.core.api.Assertions.assertThat;

/** The classification table, one line per case. */
class MailchimpFailuresTest {
    private static final String PROBLEM_403_NO_DETAIL = "{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"\"}";

    @Test void tooManyRequestsIsThrottled() { assertThat(classify(429, "{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"You have exceeded the limit of 10 simultaneous connections.\"}")).isEqualTo(THROTTLED); }
    @Test void bare403WithEmptyBodyIsThrottled() { assertThat(classify(403, "")).isEqualTo(THROTTLED); }
    @Test void bare403WithHtmlBodyIsThrottled() { assertThat(classify(403, "<html><head><title>Access Denied</title></head><body>Access Denied</body></html>")).isEqualTo(THROTTLED); }
    @Test void problem403WithoutDetailIsThrottled() { assertThat(classify(403, PROBLEM_403_NO_DETAIL)).isEqualTo(THROTTLED); }
    @Test void problem403ForbiddenIsAuth() { assertThat(classify(403, fixture("derived_error_403_forbidden.json"))).isEqualTo(AUTH); }
    @Test void problem403UserDisabledIsAuth() { assertThat(classify(403, "{\"title\":\"User Disabled\",\"status\":403,\"detail\":\"This account has been disabled.\"}")).isEqualTo(AUTH); }
    @Test void problem401ApiKeyInvalidIsAuth() { assertThat(classify(401, fixture("derived_error_401_api_key_invalid.json"))).isEqualTo(AUTH); }
    @Test void bare401IsAuth() { assertThat(classify(401, "")).isEqualTo(AUTH); }
    @Test void badRequestIsPermanent() { assertThat(classify(400, fixture("grouparoo_error_400_member_exists.json"))).isEqualTo(PERMANENT); }
    @Test void notFoundIsPermanent() { assertThat(classify(404, fixture("grouparoo_error_404_resource_not_found.json"))).isEqualTo(PERMANENT); }
    @Test void methodNotAllowedIsPermanent() { assertThat(classify(405, "{\"title\":\"Method Not Allowed\",\"status\":405,\"detail\":\"x\"}")).isEqualTo(PERMANENT); }
    @Test void requestTimeoutIsTransient() { assertThat(classify(408, "")).isEqualTo(TRANSIENT); }
    @Test void internalServerErrorIsTransient() { assertThat(classify(500, "{\"title\":\"Internal Server Error\",\"status\":500,\"detail\":\"An unexpected internal error has occurred.\"}")).isEqualTo(TRANSIENT); }
    @Test void badGatewayIsTransient() { assertThat(classify(502, "<html>502 Bad Gateway</html>")).isEqualTo(TRANSIENT); }
    @Test void serviceUnavailableIsTransient() { assertThat(classify(503, "")).isEqualTo(TRANSIENT); }
    @Test void redirectIsPermanent() { assertThat(classify(302, "")).isEqualTo(PERMANENT); }
    @Test void readTimeoutIsTransient() { assertThat(classify(new SocketTimeoutException("timeout"))).isEqualTo(TRANSIENT); }
    @Test void refusedConnectionIsTransient() { assertThat(classify(new ConnectException("Connection refused"))).isEqualTo(TRANSIENT); }
    @Test void wrappedIoExceptionIsTransient() { assertThat(classify(new RuntimeException(new IOException("unexpected end of stream")))).isEqualTo(TRANSIENT); }
    @Test void jsonParseErrorIsMalformed() { assertThat(classify(new JsonParseException(null, "Unexpected end-of-input"))).isEqualTo(MALFORMED); }
    @Test void classifiedExceptionKeepsItsKind() { assertThat(classify(new RuntimeException(new MailchimpException(AUTH, "GET /3.0/lists", 401, "x", null)))).isEqualTo(AUTH); }
    @Test void programmingErrorIsPermanent() { assertThat(classify(new IllegalStateException("bug"))).isEqualTo(PERMANENT); }
    @Test void onlyThrottledAndTransientAreRetryable() { assertThat(java.util.Arrays.stream(MailchimpFailureKind.values()).filter(MailchimpFailureKind::retryable)).containsExactly(THROTTLED, TRANSIENT); }
}
