package dev.journeyconnector.zendesk.client;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZendeskClientSettingsTest {

    private static ZendeskClientSettings.Builder tokenAuth() {
        return ZendeskClientSettings.builder().subdomain("acme").email("a@acme.test").apiToken("tok-123456789");
    }

    @Test
    void hostIsBuiltFromTheSubdomain() {
        assertThat(tokenAuth().build().requireValid().baseUrl()).isEqualTo("https://acme.zendesk.com");
    }

    @Test
    void subdomainWithDomainOrUpperCaseIsRefusedNamingTheSetting() {
        assertThat(tokenAuth().subdomain("acme.zendesk.com").build().problems())
                .anyMatch(p -> p.startsWith("subdomain must be only the part before .zendesk.com"));
        assertThat(tokenAuth().subdomain("https://acme").build().problems()).anyMatch(p -> p.startsWith("subdomain"));
        assertThat(tokenAuth().subdomain("-acme").build().problems()).anyMatch(p -> p.startsWith("subdomain"));
        assertThat(tokenAuth().subdomain("Acme").build().problems()).anyMatch(p -> p.startsWith("subdomain"));
        assertThat(tokenAuth().subdomain("d3v-acme2").build().problems()).isEmpty();
    }

    @Test
    void subdomainIsRequiredWithoutOverride() {
        assertThat(tokenAuth().subdomain(null).build().problems()).anyMatch(p -> p.startsWith("subdomain is required"));
    }

    @Test
    void loopbackOverrideIsAccepted() {
        for (String url : new String[]{"http://127.0.0.1:8089", "http://localhost:9000/", "http://[::1]:8080", "https://127.0.0.5"}) {
            ZendeskClientSettings s = tokenAuth().baseUrlOverride(URI.create(url)).build();
            assertThat(s.problems()).as(url).isEmpty();
        }
        assertThat(tokenAuth().baseUrlOverride(URI.create("http://127.0.0.1:8089/")).build().baseUrl())
                .isEqualTo("http://127.0.0.1:8089");
    }

    @Test
    void nonLoopbackOverrideIsRefusedUnlessAllowed() {
        URI other = URI.create("https://zendesk-proxy.example.com");
        assertThat(tokenAuth().baseUrlOverride(other).build().problems())
                .anyMatch(p -> p.contains("not a loopback address") && p.contains("allowNonLoopbackOverride"));
        assertThat(tokenAuth().baseUrlOverride(other).allowNonLoopbackOverride(true).build().problems()).isEmpty();
    }

    @Test
    void plainHttpToAnotherHostIsRefusedEvenWhenAllowed() {
        assertThat(tokenAuth().baseUrlOverride(URI.create("http://10.0.0.7:8080")).allowNonLoopbackOverride(true)
                .build().problems()).anyMatch(p -> p.contains("must use https"));
    }

    @Test
    void lookalikeLoopbackNamesAreNotLoopback() {
        assertThat(ZendeskClientSettings.isLoopback("127.0.0.1.evil.test")).isFalse();
        assertThat(ZendeskClientSettings.isLoopback("localhost.evil.test")).isFalse();
        assertThat(ZendeskClientSettings.isLoopback("127.0.0.300")).isFalse();
    }

    @Test
    void eitherOAuthOrTokenAuthIsRequiredButNotBoth() {
        assertThat(ZendeskClientSettings.builder().subdomain("acme").build().problems())
                .anyMatch(p -> p.startsWith("email is required")).anyMatch(p -> p.startsWith("apiToken is required"));
        assertThat(ZendeskClientSettings.builder().subdomain("acme").oauthToken("oauth-123456").build().problems()).isEmpty();
        assertThat(tokenAuth().oauthToken("oauth-123456").build().problems()).contains("set either oauthToken or email + apiToken, not both");
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        assertThatThrownBy(() -> ZendeskClientSettings.builder().subdomain("A B").maxAttempts(-1).build().requireValid())
                .hasMessageContaining("subdomain").hasMessageContaining("email").hasMessageContaining("apiToken")
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void toStringNeverShowsTokens() {
        String apiToken = "tok-SECRET-123456789";
        String oauthToken = "oauth-SECRET-987654321";
        String text = ZendeskClientSettings.builder().subdomain("acme").email("a@acme.test").apiToken(apiToken)
                .oauthToken(oauthToken).build().toString();
        assertThat(text).doesNotContain(apiToken).doesNotContain(oauthToken).contains("apiToken=****")
                .contains("oauthToken=****").contains("subdomain=acme");
    }
}
