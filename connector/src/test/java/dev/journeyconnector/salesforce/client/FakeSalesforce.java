package dev.journeyconnector.salesforce.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock server on 127.0.0.1 playing Salesforce's token endpoint and Partner SOAP API with real payloads. */
final class FakeSalesforce implements AutoCloseable {
    static final String API_VERSION = "65.0";
    static final String SOAP_PATH = "/services/Soap/u/" + API_VERSION;
    static final String TOKEN_PATH = "/services/oauth2/token";
    static final String CLIENT_SECRET = "cs-9f8e7d6c5b4a-very-secret";
    static final String ACCESS_TOKEN = "00DA0000000YpZ4!AQ0AQFirstTokenValue";
    static final String RENEWED_TOKEN = "00DA0000000YpZ4!AQ0AQRenewedTokenValue";

    final WireMockServer server;

    FakeSalesforce() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    SalesforceClientSettings clientCredentials() {
        return SalesforceClientSettings.builder(AuthFlow.CLIENT_CREDENTIALS)
                .loginUrl(baseUrl())
                .clientId("3MVG9consumer.key")
                .clientSecret(CLIENT_SECRET)
                .apiVersion(API_VERSION)
                .build();
    }

    void stubToken(String accessToken) {
        server.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse(accessToken)));
    }

    com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokenResponse(String accessToken) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + accessToken + "\",\"instance_url\":\"" + baseUrl()
                        + "\",\"id\":\"" + baseUrl() + "/id/00DA0000000YpZ4MAK/005A000000AAAAAIAY\","
                        + "\"token_type\":\"Bearer\",\"scope\":\"api\",\"signature\":\"x\",\"issued_at\":\"1717000000000\"}");
    }

    /** Requests to the SOAP endpoint whose body element is {@code operation} (query, queryMore, create ...). */
    static StringValuePattern operation(String operation) {
        return matchingXPath("/*[local-name()='Envelope']/*[local-name()='Body']/*[local-name()='" + operation + "']");
    }

    static StringValuePattern describing(String sobject) {
        return matchingXPath("//*[local-name()='describeSObject']/*[local-name()='sObjectType' and text()='" + sobject + "']");
    }

    MappingBuilder soap(StringValuePattern body) {
        return post(urlEqualTo(SOAP_PATH)).withRequestBody(body);
    }

    void stubSoap(String operation, String fixture) {
        server.stubFor(soap(operation(operation)).willReturn(xml(200, fixture(fixture))));
    }

    void stubSoapFault(String operation, String fixture) {
        server.stubFor(soap(operation(operation)).willReturn(xml(500, fixture(fixture))));
    }

    void stubDescribe(String sobject, String responseXml) {
        server.stubFor(soap(describing(sobject)).willReturn(xml(200, responseXml)));
    }

    void stubStandardDescribes() {
        stubDescribe("Opportunity", DescribeXml.opportunity());
        stubDescribe("Account", DescribeXml.account());
        stubDescribe("Contact", DescribeXml.contact());
        stubDescribe("User", DescribeXml.user());
        stubDescribe("Group", DescribeXml.group());
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(body);
    }

    List<LoggedRequest> soapRequests(String operation) {
        return server.findAll(postRequestedFor(urlEqualTo(SOAP_PATH)).withRequestBody(operation(operation)));
    }

    List<LoggedRequest> tokenRequests() {
        return server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    static String fixture(String name) {
        try (InputStream in = FakeSalesforce.class.getResourceAsStream("/salesforce/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
