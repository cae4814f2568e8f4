package dev.journeyconnector.salesforce.client;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** INVALID_SESSION_ID with "Illegal Session" (the CumulusCI fault) makes force-wsc call our SessionRenewer once. */
class SessionRenewalTest {
    private FakeSalesforce salesforce;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        salesforce = new FakeSalesforce();
        salesforce.stubStandardDescribes();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        salesforce.close();
    }

    @Test
    void anExpiredSessionIsRenewedExactlyOnceAndTheRetryAndLaterCallsUseTheNewSession() {
        tokenEndpointIssues(FakeSalesforce.ACCESS_TOKEN, FakeSalesforce.RENEWED_TOKEN);
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("query")).inScenario("session")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("renewed")
                .willReturn(FakeSalesforce.xml(500, FakeSalesforce.fixture("cumulusci_invalid_session_fault.xml"))));
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("query")).inScenario("session")
                .whenScenarioStateIs("renewed")
                .willReturn(FakeSalesforce.xml(200, FakeSalesforce.fixture("soapforce_query_response.xml"))));

        try (SalesforceClient client = SalesforceClients.connect(salesforce.clientCredentials())) {
            QueryPage page = client.query("SELECT Id, Name FROM Opportunity");
            client.query("SELECT Id, Name FROM Opportunity");

            assertThat(page.records()).hasSize(2);
            assertThat(client.sessionRenewals()).isEqualTo(1);
        }
        assertThat(salesforce.tokenRequests()).hasSize(2);
        var queries = salesforce.soapRequests("query");
        assertThat(queries).hasSize(3);
        assertThat(queries.get(0).getBodyAsString()).contains(FakeSalesforce.ACCESS_TOKEN);
        assertThat(queries.get(1).getBodyAsString()).contains(FakeSalesforce.RENEWED_TOKEN)
                .doesNotContain(FakeSalesforce.ACCESS_TOKEN);
        assertThat(queries.get(2).getBodyAsString()).contains(FakeSalesforce.RENEWED_TOKEN);
        assertThat(logs.list).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(FakeSalesforce.ACCESS_TOKEN, FakeSalesforce.RENEWED_TOKEN, FakeSalesforce.CLIENT_SECRET));
    }

    @Test
    void anInvalidSessionWordedOtherwiseIsAlsoRenewedOnce() {
        tokenEndpointIssues(FakeSalesforce.ACCESS_TOKEN, FakeSalesforce.RENEWED_TOKEN);
        // force-wsc's SessionRenewer hook does not fire for this text; the client renews itself.
        String fault = FakeSalesforce.fixture("cumulusci_invalid_session_fault.xml")
                .replace("Invalid Session ID found in SessionHeader: Illegal Session", "Session expired or invalid");
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("query")).inScenario("session")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("renewed")
                .willReturn(FakeSalesforce.xml(500, fault)));
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("query")).inScenario("session")
                .whenScenarioStateIs("renewed")
                .willReturn(FakeSalesforce.xml(200, FakeSalesforce.fixture("soapforce_query_response.xml"))));

        try (SalesforceClient client = SalesforceClients.connect(salesforce.clientCredentials())) {
            assertThat(client.query("SELECT Id, Name FROM Opportunity").records()).hasSize(2);
            assertThat(client.sessionRenewals()).isEqualTo(1);
        }
        var queries = salesforce.soapRequests("query");
        assertThat(queries).hasSize(2);
        assertThat(queries.get(1).getBodyAsString()).contains(FakeSalesforce.RENEWED_TOKEN);
    }

    @Test
    void whenTheRenewedSessionIsAlsoRefusedTheFailureIsAuthAfterOneRenewal() {
        tokenEndpointIssues(FakeSalesforce.ACCESS_TOKEN, FakeSalesforce.RENEWED_TOKEN);
        salesforce.stubSoapFault("query", "cumulusci_invalid_session_fault.xml");

        SalesforceClient client = SalesforceClients.connect(salesforce.clientCredentials());
        SalesforceException failure = catchThrowableOfType(SalesforceException.class,
                () -> client.query("SELECT Id FROM Opportunity"));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(failure.faultCode()).isEqualTo("INVALID_SESSION_ID");
        assertThat(failure.getMessage()).doesNotContain(FakeSalesforce.RENEWED_TOKEN, FakeSalesforce.ACCESS_TOKEN);
        assertThat(client.sessionRenewals()).isEqualTo(1);
        assertThat(salesforce.tokenRequests()).hasSize(2);
        assertThat(salesforce.soapRequests("query")).hasSize(2);
    }

    @Test
    void whenReAuthenticationIsRefusedTheOAuthErrorComesThroughAsAuth() {
        salesforce.server.stubFor(post(urlEqualTo(FakeSalesforce.TOKEN_PATH)).inScenario("token")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("revoked")
                .willReturn(salesforce.tokenResponse(FakeSalesforce.ACCESS_TOKEN)));
        salesforce.server.stubFor(post(urlEqualTo(FakeSalesforce.TOKEN_PATH)).inScenario("token")
                .whenScenarioStateIs("revoked")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"no client credentials user enabled\"}")));
        salesforce.stubSoapFault("query", "cumulusci_invalid_session_fault.xml");

        SalesforceClient client = SalesforceClients.connect(salesforce.clientCredentials());
        SalesforceException failure = catchThrowableOfType(SalesforceException.class,
                () -> client.query("SELECT Id FROM Opportunity"));

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(failure.faultCode()).isEqualTo("invalid_grant");
        assertThat(failure.getMessage()).contains("Run As");
        assertThat(client.sessionRenewals()).isZero();
    }

    private void tokenEndpointIssues(String first, String second) {
        salesforce.server.stubFor(post(urlEqualTo(FakeSalesforce.TOKEN_PATH)).inScenario("token")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("issued")
                .willReturn(salesforce.tokenResponse(first)));
        salesforce.server.stubFor(post(urlEqualTo(FakeSalesforce.TOKEN_PATH)).inScenario("token")
                .whenScenarioStateIs("issued")
                .willReturn(salesforce.tokenResponse(second)));
    }
}
