package dev.journeyconnector.mailchimp.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailchimpClientSettingsTest {
    private static final String KEY = FakeMailchimp.API_KEY;

    @Test
    void dataCentreAndApiRootComeFromTheKeySuffix() {
        MailchimpClientSettings settings = MailchimpClientSettings.of(KEY);

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.dataCentre()).contains("us21");
        assertThat(settings.apiRoot()).isEqualTo("https://us21.api.mailchimp.com/3.0");
        assertThat(MailchimpClientSettings.of("abc123-us3").apiRoot()).isEqualTo("https://us3.api.mailchimp.com/3.0");
    }

    @Test
    void keyWithoutADataCentreSuffixIsRefusedWithoutShowingIt() {
        for (String bad : new String[]{"5f2a9c0d4e8b7a6f1c3d2e0b9a8f7c6d", "5f2a9c0d4e8b7a6f-", "5f2a9c0d4e8b7a6f-21us",
                "5f2a9c0d4e8b7a6f-US21", "5f2a9c0d4e8b7a6f-us21.evil.com/x", "5f2a9c0d4e8b7a6f-us"}) {
            MailchimpClientSettings settings = MailchimpClientSettings.of(bad);
            assertThat(settings.problems()).as(bad).singleElement().asString().contains("data centre").doesNotContain(bad);
            assertThat(settings.dataCentre()).as(bad).isEmpty();
        }
    }

    @Test
    void missingKeyIsNamed() {
        assertThat(MailchimpClientSettings.of(" ").problems()).singleElement().asString().startsWith("apiKey is required");
    }

    @Test
    void loopbackOverrideIsAcceptedAndGetsTheApiPath() {
        for (String url : new String[]{"http://127.0.0.1:8089", "http://localhost:8089/", "http://[::1]:8089", "http://127.0.0.1:8089/3.0"}) {
            MailchimpClientSettings settings = MailchimpClientSettings.of(KEY).withBaseUrlOverride(URI.create(url), false);
            assertThat(settings.problems()).as(url).isEmpty();
            assertThat(settings.apiRoot()).as(url).endsWith(":8089/3.0");
        }
    }

    @Test
    void nonLoopbackOverrideIsRefusedUnlessAllowed() {
        MailchimpClientSettings refused = MailchimpClientSettings.of(KEY)
                .withBaseUrlOverride(URI.create("https://mailchimp-sim.internal.example"), false);
        assertThat(refused.problems()).singleElement().asString()
                .contains("not a loopback address").contains("allowNonLoopbackOverride");

        MailchimpClientSettings allowed = MailchimpClientSettings.of(KEY)
                .withBaseUrlOverride(URI.create("https://mailchimp-sim.internal.example"), true);
        assertThat(allowed.problems()).isEmpty();
        assertThat(allowed.apiRoot()).isEqualTo("https://mailchimp-sim.internal.example/3.0");
    }

    @Test
    void plainHttpToAnotherHostIsRefusedEvenWhenAllowed() {
        MailchimpClientSettings settings = MailchimpClientSettings.of(KEY)
                .withBaseUrlOverride(URI.create("http://10.0.0.5:8089"), true);
        assertThat(settings.problems()).singleElement().asString().contains("must use https");
    }

    @Test
    void lookalikeLoopbackNamesAreNotLoopback() {
        assertThat(MailchimpClientSettings.isLoopback("127.0.0.1.nip.io")).isFalse();
        assertThat(MailchimpClientSettings.isLoopback("localhost.example.com")).isFalse();
        assertThat(MailchimpClientSettings.isLoopback("127.0.0.300")).isFalse();
        assertThat(MailchimpClientSettings.isLoopback("127.1.2.3")).isTrue();
    }

    @Test
    void maxConnectionsDefaultsToFiveAndNeverExceedsTen() {
        assertThat(MailchimpClientSettings.of(KEY).maxConnections()).isEqualTo(5);
        assertThat(MailchimpClientSettings.of(KEY).withMaxConnections(10).problems()).isEmpty();
        assertThat(MailchimpClientSettings.of(KEY).withMaxConnections(11).problems()).singleElement().asString()
                .contains("maxConnections must be between 1 and 10");
        assertThat(MailchimpClientSettings.of(KEY).withMaxConnections(-1).problems()).hasSize(1);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        MailchimpClientSettings settings = new MailchimpClientSettings("nokey", URI.create("http://example.com"), false,
                42, Duration.ZERO, Duration.ofSeconds(-1), null, null);
        assertThat(settings.problems()).hasSize(5);
        assertThatThrownBy(settings::requireValid).hasMessageStartingWith("Mailchimp client settings are not usable: ");
    }

    @Test
    void toStringNeverShowsTheKey() {
        MailchimpClientSettings settings = MailchimpClientSettings.of(KEY);
        assertThat(settings.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 32)).contains("apiKey=****-us21");
    }
}
