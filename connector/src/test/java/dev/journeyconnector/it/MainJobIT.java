package dev.journeyconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyconnector.salesforce.client.AuthFlow;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import dev.journeyconnector.salesforce.client.SalesforceClientSettings;
import dev.journeyconnector.salesforce.client.SalesforceClients;
import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;
import dev.journeyconnector.testing.TestWorlds;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, in-process: the main job against the sandbox's demo world with an embedded
 * PostgreSQL, run twice, then once more after a change in the org. Each test builds on the previous one's
 * data directory, as a user's runs would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainJobIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    /** Records the first run wrote back: the summary Tasks and a Task per open finding (WriteBackIT checks those). */
    private static long writtenByTheFirstRun;

    @Test
    @Order(1)
    void firstRunPullsTheDemoWorldAndWritesOneSummaryTaskPerContactToItsOwner() throws Exception {
        Path dump = dataDir.resolve("after-first-run.json");

        Cli run = Cli.run(dataDir, "--once", "--sandbox-dump", dump.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err().lines().findFirst().orElse("")).contains("starting in SANDBOX mode");
        assertThat(run.out())
                .containsPattern("salesforce Account\\s+47\\s+47")
                .containsPattern("salesforce Contact\\s+53\\s+53")
                .containsPattern("salesforce Opportunity\\s+53\\s+53")
                .containsPattern("salesforce Case\\s+39\\s+39")
                .containsPattern("salesforce CaseHistory\\s+116\\s+116")
                .containsPattern("salesforce Task\\s+110\\s+110")
                .containsPattern("journey-summary\\s+created 53, updated 0")
                .containsPattern("create\\s+1\\n");
        writtenByTheFirstRun = number(run.out(), "created (\\d+), updated 0, unchanged 0, dead-lettered 0, to retry 0");
        assertThat(writtenByTheFirstRun).isGreaterThan(53);
        assertThat(run.pulledFrom("salesforce")).containsExactly(692, 692);
        assertThat(run.pulledFrom("mailchimp")[1]).as("Mailchimp records stored").isPositive();

        JsonNode org = JSON.readTree(dump.toFile());
        Map<String, JsonNode> contacts = byId(records(org, "Contact"));
        List<JsonNode> summaries = records(org, "Task").stream()
                .filter(t -> t.path("Subject").asText().startsWith("[Journey] Journey summary: ")).toList();
        assertThat(summaries).hasSize(53);
        for (JsonNode task : summaries) {
            JsonNode contact = contacts.get(task.path("WhoId").asText());
            assertThat(contact).as("contact of %s", task.path("Subject").asText()).isNotNull();
            assertThat(task.path("OwnerId").asText()).isEqualTo(contact.path("OwnerId").asText());
            assertThat(task.path("WhatId").asText("")).isEqualTo(contact.path("AccountId").asText(""));
            assertThat(task.path("Status").asText()).isEqualTo("Completed");
            assertThat(task.path("Description").asText())
                    .startsWith("Journey context for " + contact.path("FirstName").asText())
                    .endsWith("journey-connector:summary:" + contact.path("Id").asText());
        }
        JsonNode trey = summaries.stream()
                .filter(t -> t.path("Subject").asText().endsWith("Trey Weller")).findFirst().orElseThrow();
        assertThat(trey.path("Description").asText())
                .contains("Won deal not onboarded: \"Weller - Scottish Highlands by coach (8 days)\"");
    }

    @Test
    @Order(2)
    void secondRunPullsNothingNewAndWritesNothing() {
        Cli run = Cli.run(dataDir, "--once");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.pulledFrom("salesforce")).containsExactly(0, 0);
        assertThat(run.storedTotal()).as("new or changed records, all sources").isZero();
        assertThat(run.out())
                .contains("created 0, updated 0, unchanged " + writtenByTheFirstRun + ", dead-lettered 0")
                .doesNotContainPattern("\\n\\s+create\\s")
                .doesNotContainPattern("\\n\\s+update\\s");
    }

    @Test
    @Order(3)
    void aContactChangedInTheOrgIsPulledAloneAndItsSummaryUpdatedInPlace() throws Exception {
        String treyId = "003Jx0000000001IAA";
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(null, dataDir.resolve("sandbox"), false, 0));
             SalesforceClient client = SalesforceClients.connect(SalesforceClientSettings.builder(AuthFlow.CLIENT_CREDENTIALS)
                     .loginUrl(sandbox.salesforceUrl().toString())
                     .clientId(sandbox.salesforceClientId())
                     .clientSecret(sandbox.salesforceClientSecret())
                     .build())) {
            Map<String, Object> change = new HashMap<>();
            change.put("Id", treyId);
            change.put("LastName", "Weller-Hughes");
            assertThat(client.update("Contact", List.of(change))).allMatch(o -> o.success());
        }
        Path dump = dataDir.resolve("after-change.json");

        Cli run = Cli.run(dataDir, "--once", "--sandbox-dump", dump.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.pulledFrom("salesforce")).containsExactly(1, 1);
        assertThat(run.storedTotal()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern("salesforce Contact\\s+1\\s+1")
                .contains("created 0, updated 1, unchanged " + (writtenByTheFirstRun - 1) + ", dead-lettered 0")
                .containsPattern("journey-summary\\s+created 0, updated 1");
        List<JsonNode> treysTasks = records(JSON.readTree(dump.toFile()), "Task").stream()
                .filter(t -> t.path("WhoId").asText().equals(treyId))
                .filter(t -> t.path("Subject").asText().startsWith("[Journey] Journey summary: ")).toList();
        assertThat(treysTasks).singleElement().satisfies(t ->
                assertThat(t.path("Subject").asText()).isEqualTo("[Journey] Journey summary: Trey Weller-Hughes"));
    }

    @Test
    @Order(4)
    void aSandboxResetStartsOverFromTheWorldFilesAndTheStoreStartsOverWithIt() throws Exception {
        Path dump = dataDir.resolve("after-reset.json");

        Cli run = Cli.run(dataDir, "--once", "--sandbox-reset", "--sandbox-dump", dump.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.pulledFrom("salesforce")).containsExactly(692, 692);
        assertThat(run.out()).contains("created " + writtenByTheFirstRun + ", updated 0, unchanged 0, dead-lettered 0");
        assertThat(records(JSON.readTree(dump.toFile()), "Task").stream()
                .filter(t -> t.path("Subject").asText().startsWith("[Journey]"))).hasSize((int) writtenByTheFirstRun);
    }

    @Test
    @Order(5)
    void aStoreFilledFromOneOrgRefusesAnotherOrgAndStaysAsItWas() throws Exception {
        Path otherOrg = TestWorlds.withContacts(dataDir.resolve("other-world"), 3, null);

        Cli run = Cli.run(dataDir, "--once", "--sandbox-data", otherOrg.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("this store holds data from Salesforce org 00DJx0000000001MAA")
                .contains("now connected to " + SalesforceIds.of("00D", 99))
                .contains("JOURNEY_DATA_DIR");
        Cli again = Cli.run(dataDir, "--once");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.storedTotal()).isZero();
        assertThat(again.out()).contains("unchanged " + writtenByTheFirstRun);
    }

    private static long number(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in%n%s", regex, text).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The records of one object in a sandbox dump (the Salesforce org's state). */
    static List<JsonNode> records(JsonNode dump, String object) {
        JsonNode node = dump.path("records").path(object);
        assertThat(node.isArray()).as("%s in the sandbox dump", object).isTrue();
        return StreamSupport.stream(node.spliterator(), false).toList();
    }

    private static Map<String, JsonNode> byId(List<JsonNode> records) {
        Map<String, JsonNode> out = new HashMap<>();
        records.forEach(r -> out.put(r.path("Id").asText(), r));
        return out;
    }
}
