package dev.journeyconnector.salesforce.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OAuthTokenAuthenticatorTest {
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
    void clientCredentialsPostsToTheTokenEndpointOfTheLoginUrlAndUsesTheInstanceUrl() {
        salesforce.stubToken(FakeSalesforce.ACCESS_TOKEN);

        SalesforceSession session = new OAuthTokenAuthenticator(salesforce.clientCredentials()).authenticate();

        assertThat(session.sessionId()).isEqualTo(FakeSalesforce.ACCESS_TOKEN);
        assertThat(session.serviceEndpoint()).isEqualTo(salesforce.baseUrl() + "/services/Soap/u/65.0");
        assertThat(session.toString()).doesNotContain(FakeSalesforce.ACCESS_TOKEN);
        Map<String, String> form = form(salesforce.tokenRequests().get(0).getBodyAsString());
        assertThat(form).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", "3MVG9consumer.key")
                .containsEntry("client_secret", FakeSalesforce.CLIENT_SECRET);
    }

    @Test
    void anOAuthErrorNamesTheLikelySettingAndNeverTheSecret() {
        tokenEndpointAnswers(400, "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");

        SalesforceException failure = catchThrowableOfType(SalesforceException.class,
                () -> new OAuthTokenAuthenticator(salesforce.clientCredentials()).authenticate());

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(failure.faultCode()).isEqualTo("invalid_client");
        assertThat(failure.getMessage()).contains("invalid client credentials").contains("clientSecret")
                .doesNotContain(FakeSalesforce.CLIENT_SECRET);
    }

    @Test
    void aSecretEchoedByTheServerIsScrubbedFromTheMessage() {
        tokenEndpointAnswers(400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad secret "
                + FakeSalesforce.CLIENT_SECRET + "\"}");

        SalesforceException failure = catchThrowableOfType(SalesforceException.class,
                () -> new OAuthTokenAuthenticator(salesforce.clientCredentials()).authenticate());

        assertThat(failure.getMessage()).doesNotContain(FakeSalesforce.CLIENT_SECRET).contains("****");
    }

    @Test
    void aServerErrorPageIsRetryable() {
        tokenEndpointAnswers(503, "<html>Service Unavailable</html>");

        SalesforceException failure = catchThrowableOfType(SalesforceException.class,
                () -> new OAuthTokenAuthenticator(salesforce.clientCredentials()).authenticate());

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.faultCode()).isEqualTo("HTTP_503");
    }

    @Test
    void anInstanceUrlOutsideSalesforceIsRefused() {
        tokenEndpointAnswers(200, "{\"access_token\":\"" + FakeSalesforce.ACCESS_TOKEN
                + "\",\"instance_url\":\"https://attacker.example.com\"}");

        SalesforceException failure = catchThrowableOfType(SalesforceException.class,
                () -> new OAuthTokenAuthenticator(salesforce.clientCredentials()).authenticate());

        assertThat(failure.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(failure.getMessage()).contains("instance_url").contains("attacker.example.com")
                .doesNotContain(FakeSalesforce.ACCESS_TOKEN);
    }

    @Test
    void jwtBearerSendsAnAssertionSignedWithTheKeyFileThatThePublicKeyVerifies(@TempDir Path dir) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path pem = dir.resolve("server.key");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        salesforce.stubToken(FakeSalesforce.ACCESS_TOKEN);
        SalesforceClientSettings settings = SalesforceClientSettings.builder(AuthFlow.JWT_BEARER)
                .loginUrl(salesforce.baseUrl() + "/")
                .clientId("3MVG9consumer.key")
                .username("integration@acme.example")
                .jwtPrivateKeyFile(pem)
                .build();
        long before = Instant.now().getEpochSecond();

        SalesforceSession session = new OAuthTokenAuthenticator(settings).authenticate();

        assertThat(session.sessionId()).isEqualTo(FakeSalesforce.ACCESS_TOKEN);
        Map<String, String> form = form(salesforce.tokenRequests().get(0).getBodyAsString());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] parts = form.get("assertion").split("\\.");
        assertThat(parts).hasSize(3);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(Base64.getUrlDecoder().decode(parts[0])).get("alg").asText()).isEqualTo("RS256");
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("3MVG9consumer.key");
        assertThat(claims.get("sub").asText()).isEqualTo("integration@acme.example");
        assertThat(claims.get("aud").asText()).isEqualTo(salesforce.baseUrl());
        assertThat(claims.get("exp").asLong()).isBetween(before + 170, Instant.now().getEpochSecond() + 180);
    }

    @Test
    void aPkcs1KeyFileIsRefusedWithAConversionHint(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("rsa.key");
        Files.writeString(pem, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

        SalesforceException failure = catchThrowableOfType(SalesforceException.class,
                () -> JwtAssertion.readPrivateKey(pem));

        assertThat(failure.getMessage()).contains("jwtPrivateKeyFile").contains("openssl pkcs8").doesNotContain("MIIB");
    }

    private void tokenEndpointAnswers(int status, String body) {
        salesforce.server.stubFor(post(urlEqualTo(FakeSalesforce.TOKEN_PATH))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type",
                        body.startsWith("{") ? "application/json" : "text/html").withBody(body)));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}
