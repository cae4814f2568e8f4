package dev.journeyconnector.it;

import dev.journeyconnector.salesforce.client.AuthFlow;
import dev.journeyconnector.salesforce.client.QueryPage;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import dev.journeyconnector.salesforce.client.SalesforceClientSettings;
import dev.journeyconnector.salesforce.client.SalesforceClients;
import dev.journeyconnector.salesforce.client.SaveOutcome;
import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import dev.journeyconnector.sandbox.salesforce.ApiCounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connector's own Salesforce client (force-wsc inside) against the sandbox's simulator. */
class SalesforceClientSandboxIT {
    private static final String INTEGRATION_USER = "journey.integration@meridiangroup.example";

    private static Sandbox sandbox;
    private static ApiCounters counters;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(new SandboxOptions(null, null, false, 0));
        counters = sandbox.salesforce().counters();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void clearControls() {
        sandbox.salesforce().clearControls();
        counters.reset();
    }

    private static SalesforceClientSettings.Builder oauth() {
        return SalesforceClientSettings.builder(AuthFlow.CLIENT_CREDENTIALS)
                .loginUrl(sandbox.salesforceUrl())
                .clientId(sandbox.salesforceClientId())
                .clientSecret(sandbox.salesforceClientSecret());
    }

    @Test
    void oauthClientCredentialsGivesASessionThatQueries() {
        try (SalesforceClient client = SalesforceClients.connect(oauth().build())) {
            QueryPage page = client.query("SELECT Id, Name, Owner.Email FROM Account WHERE Industry = 'Banking' ORDER BY Name");

            assertThat(page.records()).isNotEmpty().allSatisfy(r -> assertThat(r.get("Owner")).isInstanceOf(Map.class));
            assertThat(counters.get("oauthToken")).isEqualTo(1);
        }
    }

    @Test
    void oauthJwtBearerWithTheConnectedAppsKeyGivesASession() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        sandbox.salesforce().registerJwtKey(sandbox.salesforceClientId(), keys.getPublic());
        Path pem = dir.resolve("jwt.key");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        try (SalesforceClient client = SalesforceClients.connect(SalesforceClientSettings.builder(AuthFlow.JWT_BEARER)
                .loginUrl(sandbox.salesforceUrl()).clientId(sandbox.salesforceClientId())
                .username(INTEGRATION_USER).jwtPrivateKeyFile(pem).build())) {
            assertThat(client.serverTime()).isNotNull();
            assertThat(counters.get("oauthToken")).isEqualTo(1);
        }
    }

    @Test
    void soapLoginWorksAtApi64AndIsRefusedFrom65() {
        SalesforceClientSettings.Builder soap = SalesforceClientSettings.builder(AuthFlow.SOAP_PASSWORD)
                .loginUrl(sandbox.salesforceUrl()).username(INTEGRATION_USER)
                .password("sandbox-password").securityToken("sandboxtoken");

        try (SalesforceClient client = SalesforceClients.connect(soap.apiVersion("64.0").build())) {
            assertThat(client.query("SELECT COUNT() FROM Contact").totalSize()).isPositive();
            assertThat(counters.get("login")).isEqualTo(1);
        }
        assertThatThrownBy(() -> SalesforceClients.connect(soap.apiVersion("65.0").build()))
                .hasMessageContaining("65.0");
    }

    @Test
    void aQueryOver4500ContactsAtBatchSize2000CostsExactlyThreeCalls() {
        try (SalesforceClient client = SalesforceClients.connect(oauth().queryBatchSize(2000).build())) {
            createContacts(client, 4500, "Paging");
            counters.reset();

            Set<Object> ids = new HashSet<>();
            QueryPage page = client.query("SELECT Id, LastName FROM Contact WHERE LastName LIKE 'Paging %' ORDER BY Id");
            ids.addAll(page.records().stream().map(r -> r.get("Id")).toList());
            while (!page.done()) {
                page = client.queryMore(page.queryLocator());
                ids.addAll(page.records().stream().map(r -> r.get("Id")).toList());
            }

            assertThat(ids).hasSize(4500);
            assertThat(counters.get("query") + counters.get("queryMore")).isEqualTo(3);
            assertThat(client.callCounts()).containsEntry("query", 1L).containsEntry("queryMore", 2L);
        }
    }

    @Test
    void creating450TasksCostsExactlyThreeCreateCalls() {
        try (SalesforceClient client = SalesforceClients.connect(oauth().build())) {
            List<Map<String, Object>> tasks = new ArrayList<>();
            for (int i = 0; i < 450; i++) {
                tasks.add(Map.of("Subject", "Call back #" + i, "Status", "Not Started", "Priority", "Normal"));
            }

            List<SaveOutcome> outcomes = client.create("Task", tasks);

            assertThat(outcomes).hasSize(450).allMatch(SaveOutcome::success);
            assertThat(counters.get("create")).isEqualTo(3);
        }
    }

    @Test
    void aSessionExpiredInTheMiddleOfARunCausesExactlyOneReauthenticationAndTheRunCompletes() {
        try (SalesforceClient client = SalesforceClients.connect(oauth().queryBatchSize(200).build())) {
            createContacts(client, 600, "Expiry");
            counters.reset();
            sandbox.salesforce().expireSessionsAfter(1); // the first page is served, then the session dies

            int seen = 0;
            QueryPage page = client.query("SELECT Id FROM Contact WHERE LastName LIKE 'Expiry %'");
            seen += page.records().size();
            while (!page.done()) {
                page = client.queryMore(page.queryLocator());
                seen += page.records().size();
            }

            assertThat(seen).isEqualTo(600);
            assertThat(client.sessionRenewals()).isEqualTo(1);
            assertThat(counters.get("oauthToken")).isEqualTo(1);
        }
    }

    private static void createContacts(SalesforceClient client, int n, String lastNamePrefix) {
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            contacts.add(Map.of("LastName", lastNamePrefix + " " + i, "Email", lastNamePrefix.toLowerCase() + i + "@example.com"));
        }
        assertThat(client.create("Contact", contacts)).allMatch(SaveOutcome::success);
    }
}
