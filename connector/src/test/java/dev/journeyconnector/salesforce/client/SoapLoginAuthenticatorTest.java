package dev.journeyconnector.salesforce.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SoapLoginAuthenticatorTest {
    private static final String PASSWORD = "Pa55word-do-not-log";
    private static final String TOKEN = "SecTokenXYZ123";
    private FakeSalesforce salesforce;

    @BeforeEach
    void start() {
        salesforce = new FakeSalesforce();
    }

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void soapLoginOnApi64SendsPasswordPlusTokenAndReturnsTheServerUrl() {
        salesforce.server.stubFor(post(urlEqualTo("/services/Soap/u/64.0")).withRequestBody(FakeSalesforce.operation("login"))
                .willReturn(FakeSalesforce.xml(200, FakeSalesforce.fixture("soapforce_login_response.xml"))));

        SalesforceSession session = new SoapLoginAuthenticator(settings("64.0")).authenticate();

        assertThat(session.serviceEndpoint()).isEqualTo("https://na7.salesforce.com/services/Soap/u/28.0/00DA0000000YpZ4");
        assertThat(session.sessionId()).startsWith("00DA0000000YpZ4!");
        String body = salesforce.server.findAll(postRequestedFor(urlEqualTo("/services/Soap/u/64.0"))).get(0).getBodyAsString();
        assertThat(body).contains("john.doe@email.com").contains(PASSWORD + TOKEN);
    }

    @Test
    void aLoginFaultIsAuthAndNeverShowsThePassword() {
        salesforce.server.stubFor(post(urlEqualTo("/services/Soap/u/64.0")).willReturn(FakeSalesforce.xml(500, """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                <soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode>
                <faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring>
                <detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>
                <sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage>
                </sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>""")));

        SalesforceException failure = catchThrowableOfType(SalesforceException.class,
                () -> new SoapLoginAuthenticator(settings("64.0")).authenticate());

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(failure.faultCode()).isEqualTo("INVALID_LOGIN");
        assertThat(failure.getMessage()).contains("securityToken").doesNotContain(PASSWORD, TOKEN);
    }

    @Test
    void soapLoginIsRefusedFromApi65On() {
        assertThat(settings("65.0").problems()).anySatisfy(problem ->
                assertThat(problem).contains("SOAP_PASSWORD").contains("64.0"));
    }

    private SalesforceClientSettings settings(String apiVersion) {
        return SalesforceClientSettings.builder(AuthFlow.SOAP_PASSWORD)
                .loginUrl(salesforce.baseUrl())
                .username("john.doe@email.com")
                .password(PASSWORD)
                .securityToken(TOKEN)
                .apiVersion(apiVersion)
                .build();
    }
}
