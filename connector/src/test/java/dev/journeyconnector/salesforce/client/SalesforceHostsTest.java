package dev.journeyconnector.salesforce.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceHostsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://login.salesforce.com",
            "https://test.salesforce.com",
            "https://acme.my.salesforce.com",
            "https://acme--uat.sandbox.my.salesforce.com",
            "https://acme.lightning.force.com",
            "https://na7.salesforce.com/services/Soap/u/64.0/00DA0000000YpZ4",
            "https://acme.my.salesforce.mil",
            "https://acme.cloudforce.com",
            "https://LOGIN.SALESFORCE.COM."})
    void httpsSalesforceDomainsAreAccepted(String url) {
        assertThat(SalesforceHosts.problem("loginUrl", URI.create(url), false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089", "http://127.10.0.3:1234", "http://localhost:8080", "http://[::1]:9000",
            "https://127.0.0.1:8443"})
    void loopbackIsAcceptedOverHttpForTheSandboxAndTests(String url) {
        assertThat(SalesforceHosts.problem("loginUrl", URI.create(url), false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://login.salesforce.com", "http://acme.my.salesforce.com", "http://10.0.0.5:8080",
            "ftp://login.salesforce.com"})
    void nonHttpsToANonLoopbackHostIsRefused(String url) {
        assertThat(SalesforceHosts.problem("loginUrl", URI.create(url), false)).get().asString().contains("https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://salesforce.com.attacker.example", "https://evilsalesforce.com",
            "https://login.salesforce.com@attacker.example", "https://salesforce.com", "https://128.0.0.1",
            "https://localhost.attacker.example"})
    void hostsOutsideSalesforceAreRefused(String url) {
        assertThat(SalesforceHosts.problem("loginUrl", URI.create(url), false)).isPresent();
    }

    @Test
    void theOverrideFlagAllowsOtherHttpsHosts() {
        assertThat(SalesforceHosts.problem("loginUrl", URI.create("https://sfproxy.internal.example"), true)).isEmpty();
    }

    @Test
    void theOverrideFlagStillRequiresHttpsForRemoteHosts() {
        assertThat(SalesforceHosts.problem("loginUrl", URI.create("http://sfproxy.internal.example"), true)).isPresent();
    }

    @Test
    void theProblemNamesTheSetting() {
        assertThat(SalesforceHosts.problem("loginUrl", URI.create("https://example.com"), false)).get().asString()
                .startsWith("loginUrl").contains("allowNonSalesforceHosts");
    }
}
