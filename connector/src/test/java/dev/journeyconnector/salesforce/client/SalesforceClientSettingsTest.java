package dev.journeyconnector.salesforce.client;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SalesforceClientSettingsTest {

    @Test
    void toStringRedactsSecretsButShowsTheRest() {
        SalesforceClientSettings settings = SalesforceClientSettings.builder(AuthFlow.SOAP_PASSWORD)
                .loginUrl("https://login.salesforce.com")
                .clientId("3MVG9consumer.key")
                .clientSecret("client-secret-value")
                .username("integration@acme.example")
                .password("password-value")
                .securityToken("token-value")
                .apiVersion("64.0")
                .build();

        assertThat(settings.toString())
                .doesNotContain("client-secret-value", "password-value", "token-value")
                .contains("clientSecret=****", "password=****", "securityToken=****",
                        "integration@acme.example", "https://login.salesforce.com", "apiVersion=64.0");
    }

    @Test
    void defaultsApply() {
        SalesforceClientSettings settings = SalesforceClientSettings.builder(AuthFlow.CLIENT_CREDENTIALS).build();

        assertThat(settings.apiVersion()).isEqualTo("65.0");
        assertThat(settings.queryBatchSize()).isEqualTo(2000);
        assertThat(settings.connectTimeout()).isPositive();
        assertThat(settings.readTimeout()).isPositive();
    }

    @Test
    void allProblemsAreReportedAtOnceNamingEachSetting() {
        SalesforceClientSettings settings = SalesforceClientSettings.builder(AuthFlow.JWT_BEARER)
                .loginUrl("http://login.example.com")
                .jwtPrivateKeyFile(Path.of("/nonexistent/key.pem"))
                .queryBatchSize(50)
                .apiVersion("v65")
                .build();

        assertThat(settings.problems()).hasSize(6).anySatisfy(p -> assertThat(p).startsWith("loginUrl"))
                .anySatisfy(p -> assertThat(p).startsWith("clientId"))
                .anySatisfy(p -> assertThat(p).startsWith("username"))
                .anySatisfy(p -> assertThat(p).startsWith("jwtPrivateKeyFile"))
                .anySatisfy(p -> assertThat(p).startsWith("queryBatchSize"))
                .anySatisfy(p -> assertThat(p).startsWith("apiVersion"));
    }

    @Test
    void requireValidThrowsWithoutSecrets() {
        SalesforceClientSettings settings = SalesforceClientSettings.builder(AuthFlow.SOAP_PASSWORD)
                .loginUrl("https://login.salesforce.com")
                .username("u@acme.example")
                .password("password-value")
                .build();

        assertThatThrownBy(settings::requireValid).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SOAP_PASSWORD").hasMessageNotContaining("password-value");
    }
}
