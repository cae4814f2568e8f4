package dev.journeyconnector.sandbox;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxPersistenceTest {
    @TempDir
    Path dataDir;

    private static Path smallWorld() throws Exception {
        return Path.of(SandboxPersistenceTest.class.getResource("/worlds/small").toURI());
    }

    @Test
    void recordsCreatedInOneRunAreThereAfterRestartAndResetRestoresTheWorld() throws Exception {
        String createdId;
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(smallWorld(), dataDir, false, 0))) {
            SObject account = new SObject("Account");
            account.setField("Name", "Made in run one");
            createdId = connect(sandbox).create(new SObject[] {account})[0].getId();
            assertThat(createdId).startsWith("001");
        }
        assertThat(dataDir.resolve("salesforce/state.json")).exists();

        try (Sandbox again = Sandbox.start(new SandboxOptions(smallWorld(), dataDir, false, 0))) {
            assertThat(again.salesforce().org().rowById(createdId)).hasValueSatisfying(
                    row -> assertThat(row).containsEntry("Name", "Made in run one"));
            assertThat(again.salesforce().apiUsageToday()).isPositive();
            SObject another = new SObject("Account");
            another.setField("Name", "Made in run two");
            String secondId = connect(again).create(new SObject[] {another})[0].getId();
            assertThat(secondId).isNotEqualTo(createdId);
        }

        try (Sandbox reset = Sandbox.start(new SandboxOptions(smallWorld(), dataDir, true, 0))) {
            assertThat(reset.salesforce().org().rowById(createdId)).isEmpty();
            assertThat(reset.salesforce().org().count("Account")).isEqualTo(2);
        }
    }

    @Test
    void withoutDataDirNothingIsWrittenAndDumpWritesTheState() throws Exception {
        Path dump = dataDir.resolve("out/dump.json");
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(smallWorld(), null, false, 0))) {
            sandbox.dump(dump);
        }
        assertThat(Files.readString(dump)).contains("Acme Corporation", "\"Contact\"");
        assertThat(dataDir.resolve("salesforce")).doesNotExist();
    }

    @Test
    void controlApiServesCountersAsJson() throws Exception {
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(smallWorld(), null, false, 0))) {
            connect(sandbox).getServerTimestamp();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> counters = http.send(HttpRequest.newBuilder(
                    URI.create(sandbox.salesforceUrl() + "/__sandbox/salesforce/counters")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> limited = http.send(HttpRequest.newBuilder(
                    URI.create(sandbox.salesforceUrl() + "/__sandbox/salesforce/controls"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dailyApiRequests\": 7}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(counters.body()).contains("\"getServerTimestamp\":1", "\"oauthToken\":1");
            assertThat(limited.body()).contains("\"dailyApiRequests\":7");
            assertThat(sandbox.salesforce().dailyApiRequests()).isEqualTo(7);
        }
    }

    @Test
    void deployedMetadataIsAppliedToTheDemoWorldAndItsFindingsSurviveARestart() throws Exception {
        Path metadata = Path.of("..", "salesforce", "force-app", "main", "default");
        SandboxOptions options = new SandboxOptions(null, dataDir, false, 0, metadata);
        String findingId;
        try (Sandbox sandbox = Sandbox.start(options)) {
            PartnerConnection connection = connect(sandbox);
            assertThat(connection.describeSObject("Journey_Finding__c").getKeyPrefix()).isEqualTo("a0J");
            SObject finding = new SObject("Journey_Finding__c");
            finding.setField("Finding_Key__c", "gap:sales-to-support");
            finding.setField("Kind__c", "Handoff gap");
            findingId = connection.upsert("Finding_Key__c", new SObject[] {finding})[0].getId();
        }

        try (Sandbox again = Sandbox.start(options)) {
            assertThat(again.salesforce().org().rowById(findingId)).hasValueSatisfying(
                    row -> assertThat(row).containsEntry("Finding_Key__c", "gap:sales-to-support").containsEntry("Name", "F-000001"));
            assertThat(again.salesforce().org().type("Contact").orElseThrow().field("Journey_Health_Score__c")).isPresent();
        }
        assertThat(new SandboxOptions(null, dataDir, false, 0).deployMetadataDir()).isNull();
    }

    private static PartnerConnection connect(Sandbox sandbox) throws Exception {
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.salesforceUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + sandbox.salesforceClientId()
                        + "&client_secret=" + sandbox.salesforceClientSecret())).build(), HttpResponse.BodyHandlers.ofString());
        String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        ConnectorConfig config = new ConnectorConfig();
        config.setSessionId(accessToken);
        config.setServiceEndpoint(sandbox.salesforceUrl() + "/services/Soap/u/65.0");
        return Connector.newConnection(config);
    }
}
