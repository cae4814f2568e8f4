package dev.journeyconnector.zendesk.client;

import com.fasterxml.jackson.core.io.JsonEOFException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static dev.journeyconnector.zendesk.client.ZendeskFailureKind.AUTH;
import static dev.journeyconnector.zendesk.client.ZendeskFailureKind.MALFORMED;
import static dev.journeyconnector.zendesk.client.ZendeskFailureKind.PERMANENT;
import static dev.journeyconnector.zendesk.client.ZendeskFailureKind.RETRYABLE;
import static dev.journeyconnector.zendesk.client.ZendeskFailures.classify;
import static dev.journeyconnector.zendesk.client.ZendeskFailures.classifyStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** The classification table, one line per case. */
class ZendeskFailuresTest {

    @Test void http429IsRetryable() { assertThat(classifyStatus(429)).isEqualTo(RETRYABLE); }
    @Test void http500IsRetryable() { assertThat(classifyStatus(500)).isEqualTo(RETRYABLE); }
    @Test void http502IsRetryable() { assertThat(classifyStatus(502)).isEqualTo(RETRYABLE); }
    @Test void http503IsRetryable() { assertThat(classifyStatus(503)).isEqualTo(RETRYABLE); }
    @Test void http408IsRetryable() { assertThat(classifyStatus(408)).isEqualTo(RETRYABLE); }
    @Test void readTimeoutIsRetryable() { assertThat(classify(new SocketTimeoutException("timeout"))).isEqualTo(RETRYABLE); }
    @Test void refusedConnectionIsRetryable() { assertThat(classify(new ConnectException("Connection refused"))).isEqualTo(RETRYABLE); }
    @Test void bodyCutShortIsRetryable() { assertThat(classify(new EOFException("\\n not found: limit=0"))).isEqualTo(RETRYABLE); }
    @Test void wrappedIoExceptionIsRetryable() { assertThat(classify(new RuntimeException(new IOException("reset")))).isEqualTo(RETRYABLE); }
    @Test void http401IsAuth() { assertThat(classifyStatus(401)).isEqualTo(AUTH); }
    @Test void http403IsAuth() { assertThat(classifyStatus(403)).isEqualTo(AUTH); }
    @Test void http400IsPermanent() { assertThat(classifyStatus(400)).isEqualTo(PERMANENT); }
    @Test void http404IsPermanent() { assertThat(classifyStatus(404)).isEqualTo(PERMANENT); }
    @Test void http422IsPermanent() { assertThat(classifyStatus(422)).isEqualTo(PERMANENT); }
    @Test void unparsableJsonIsMalformed() { assertThat(classify(new JsonEOFException(null, null, "Unexpected end-of-input"))).isEqualTo(MALFORMED); }
    @Test void classifiedExceptionKeepsItsKind() { assertThat(classify(new ZendeskException(MALFORMED, "/x", 200, "bad", null))).isEqualTo(MALFORMED); }
    @Test void unknownFailureIsPermanent() { assertThat(classify(new IllegalStateException("?"))).isEqualTo(PERMANENT); }
}
