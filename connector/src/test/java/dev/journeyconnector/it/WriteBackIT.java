package dev.journeyconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyconnector.salesforce.client.AuthFlow;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import dev.journeyconnector.salesforce.client.SalesforceClientSettings;
import dev.journeyconnector.salesforce.client.SalesforceClients;
import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.journeyconnector.it.OrgDump.FINDING_MARKER;
import static dev.journeyconnector.it.OrgDump.SUMMARY_MARKER;
import static dev.journeyconnector.it.OrgDump.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 through the command line, in an org without our metadata (findings as Tasks): {@code --once} on the demo
 * world writes one Task per open finding of a customer Salesforce knows, on that Contact or Lead, owned by the person
 * the rule names; a second run writes nothing; a follow-up logged in the org completes the finding's Task and
 * nothing else. The expected owners come from the demo world's files, not from the connector's store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriteBackIT {
    /** Ana Lopes, the admin: owns no account, contact, lead, deal or case in the demo world, so only fallbacks are hers. */
    static final String FALLBACK_OWNER = "005Jx0000000001IAA";
    /** Jonas Becker's newsletter lead (Open - Not Contacted): one open engaged-lead-not-followed finding, no Contact. */
    private static final String BECKER_LEAD = "00QJx0000000005MAA";

    @TempDir
    static Path dataDir;
    private static final DemoWorld WORLD = DemoWorld.load();
    private static Cli first;
    private static OrgDump org;
    private static List<ListedFinding> openFindings;

    @BeforeAll
    static void runTheDemoWorldOnceAndListTheOpenFindings() {
        first = run("--once", "--sandbox-dump", dataDir.resolve("first.json").toString());
        assertThat(first.exit()).as(first.err()).isZero();
        org = OrgDump.read(dataDir.resolve("first.json"));
        Cli listed = run("findings", "--state", "open");
        assertThat(listed.exit()).as(listed.err()).isZero();
        openFindings = ListedFinding.parseAll(listed.out());
        assertThat(openFindings).isNotEmpty().allMatch(ListedFinding::open);
    }

    @Test
    @Order(1)
    void theOrgHoldsOneTaskPerOpenFindingOfACustomerWithAContactOrLeadAndNoOther() {
        Set<String> expected = writable(openFindings).stream().map(ListedFinding::key).collect(Collectors.toSet());
        Map<String, JsonNode> tasks = org.oneTaskByMarker(FINDING_MARKER);

        assertThat(first.out()).contains("Written back to Salesforce (findings as Tasks, journey context as a summary Task");
        assertThat(expected).as("findings a Task is wanted for").hasSizeGreaterThan(40);
        assertThat(tasks.keySet()).isEqualTo(expected);
        assertThat(openFindings).as("prospects only Mailchimp knows: left out").anyMatch(f -> f.personId() == null);
        assertThat(first.out()).containsPattern("finding-task\\s+created " + expected.size() + ", updated 0");
    }

    @Test
    @Order(1)
    void eachFindingTaskIsOnTheCustomersRecordOwnedByThePersonTheRuleNames() {
        Map<String, JsonNode> tasks = org.oneTaskByMarker(FINDING_MARKER);
        Map<String, Integer> byOwnerRole = new TreeMap<>();

        for (ListedFinding f : writable(openFindings)) {
            JsonNode task = tasks.get(f.key());
            String who = f.personId();
            String subject = "[Journey] " + (f.handoffGap() ? "Handoff gap: " : "Pain point: ") + f.title();
            assertThat(text(task, "Subject")).as("subject of %s", f.key()).isEqualTo(subject);
            assertThat(text(task, "WhoId")).as("WhoId of %s", f.key()).isEqualTo(who);
            assertThat(text(task, "WhatId")).as("WhatId of %s", f.key()).isEqualTo(expectedWhat(f));
            String owner = expectedOwner(f);
            assertThat(text(task, "OwnerId")).as("OwnerId of %s", f.key()).isEqualTo(owner);
            byOwnerRole.merge(owner.equals(FALLBACK_OWNER) ? "fallback" : "rule's person", 1, Integer::sum);
            assertThat(text(task, "Priority")).as("Priority of %s (severity %s)", f.key(), f.severity())
                    .isEqualTo(switch (f.severity()) {
                        case "critical", "high" -> "High";
                        case "low" -> "Low";
                        default -> "Normal";
                    });
            assertThat(text(task, "Status")).as(f.key()).isEqualTo("Not Started");
        }
        // Zendesk agents have no Salesforce user in the demo world: their tickets' findings go to the fallback owner.
        assertThat(byOwnerRole).containsOnlyKeys("fallback", "rule's person");
    }

    @Test
    @Order(1)
    void aHandoffGapIsDueTheDayItIsWrittenWithAReminderAndAPainPointIsNot() {
        Map<String, JsonNode> tasks = org.oneTaskByMarker(FINDING_MARKER);

        for (ListedFinding f : writable(openFindings)) {
            JsonNode task = tasks.get(f.key());
            Instant created = Instant.parse(text(task, "CreatedDate"));
            if (f.handoffGap()) {
                assertThat(text(task, "ActivityDate")).as("due date of %s", f.key())
                        .isEqualTo(LocalDate.ofInstant(created, ZoneOffset.UTC).toString());
                assertThat(task.path("IsReminderSet").asBoolean()).as("reminder of %s", f.key()).isTrue();
                // JOURNEY_WRITEBACK_REMINDER: 15 minutes after the plan was made, so the same hour as the Task.
                assertThat(Instant.parse(text(task, "ReminderDateTime"))).as("reminder of %s", f.key())
                        .isAfter(created).isBefore(created.plus(Duration.ofMinutes(15)));
            } else {
                assertThat(text(task, "ActivityDate")).as("due date of %s", f.key()).isNull();
                assertThat(task.path("IsReminderSet").asBoolean()).as("reminder of %s", f.key()).isFalse();
            }
        }
        assertThat(writable(openFindings)).anyMatch(ListedFinding::handoffGap).anyMatch(f -> !f.handoffGap());
    }

    @Test
    @Order(1)
    void aFindingTasksDescriptionExplainsItShowsTheEvidenceAndTheRuleAndEndsWithItsMarker() {
        Map<String, JsonNode> tasks = org.oneTaskByMarker(FINDING_MARKER);
        assertThat(writable(openFindings)).as("findings with a link into Salesforce, Zendesk or Mailchimp")
                .anyMatch(f -> f.links().stream().anyMatch(l -> l.contains(".my.salesforce.com/")))
                .anyMatch(f -> f.links().stream().anyMatch(l -> l.contains(".zendesk.com/")))
                .anyMatch(f -> f.links().stream().anyMatch(l -> l.contains(".mailchimp.com/")));

        for (ListedFinding f : writable(openFindings)) {
            String description = text(tasks.get(f.key()), "Description");
            assertThat(description).as(f.key())
                    .startsWith(f.explanation())
                    .contains("\nRule: " + f.rule() + " (" + f.kind() + ", severity " + f.severity())
                    .containsPattern("\nThresholds: \\S")
                    .endsWith("\n" + FINDING_MARKER + f.key());
            assertThat(f.evidence()).as("evidence of %s", f.key()).isNotEmpty();
            f.evidence().forEach(e -> assertThat(description).as(f.key()).contains("\n- " + e + "\n"));
            f.links().forEach(link -> assertThat(description).as(f.key()).contains("\n  " + link + "\n"));
            assertThat(description).as(f.key()).contains(expectedOwner(f).equals(FALLBACK_OWNER)
                    ? "Why you: you are the fallback owner because " : "Why you: you are the ");
        }
    }

    @Test
    @Order(1)
    void eachContactHasOneCompletedSummaryTaskAndNoOtherTaskIsTheConnectors() {
        Map<String, JsonNode> summaries = org.oneTaskByMarker(SUMMARY_MARKER);
        Set<String> contacts = org.records("Contact").stream().map(c -> c.path("Id").asText()).collect(Collectors.toSet());

        assertThat(summaries.keySet()).isEqualTo(contacts);
        summaries.forEach((contactId, task) -> {
            JsonNode contact = org.byId("Contact", contactId);
            assertThat(text(task, "WhoId")).isEqualTo(contactId);
            assertThat(text(task, "OwnerId")).isEqualTo(text(contact, "OwnerId"));
            assertThat(text(task, "Status")).isEqualTo("Completed");
            assertThat(text(task, "Subject")).startsWith("[Journey] Journey summary: ");
        });
        assertThat(org.connectorTasks()).hasSize(summaries.size() + org.tasksByMarker(FINDING_MARKER).size());
    }

    @Test
    @Order(2)
    void aSecondRunWritesNothing() {
        Cli second = run("--once", "--sandbox-dump", dataDir.resolve("second.json").toString());

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out())
                .contains("created 0, updated 0, unchanged " + org.connectorTasks().size() + ", dead-lettered 0")
                .doesNotContainPattern("\\n\\s+create\\s")
                .doesNotContainPattern("\\n\\s+update\\s");
        assertThat(OrgDump.read(dataDir.resolve("second.json")).connectorTasks())
                .containsExactlyInAnyOrderElementsOf(org.connectorTasks());
    }

    @Test
    @Order(3)
    void aLeadFollowedUpInTheOrgHasItsFindingsTaskCompletedAndNothingElseChanges() {
        ListedFinding lead = openFindings.stream().filter(f -> f.customer().equals("sf:" + BECKER_LEAD)).findFirst()
                .orElseThrow();
        assertThat(lead.rule()).isEqualTo("engaged-lead-not-followed");
        assertThat(openFindings).filteredOn(f -> f.customer().equals("sf:" + BECKER_LEAD)).hasSize(1);
        logCall(BECKER_LEAD, WORLD.field(BECKER_LEAD, "OwnerId"), "Call: Christmas markets by coach");

        Cli third = run("--once", "--sandbox-dump", dataDir.resolve("third.json").toString());

        assertThat(third.exit()).as(third.err()).isZero();
        assertThat(third.out()).containsPattern("salesforce Task\\s+1\\s+1")
                .contains("created 0, updated 1, unchanged " + (org.connectorTasks().size() - 1))
                .containsPattern("finding-task\\s+created 0, updated 1");
        OrgDump after = OrgDump.read(dataDir.resolve("third.json"));
        JsonNode task = after.oneTaskByMarker(FINDING_MARKER).get(lead.key());
        assertThat(text(task, "Status")).isEqualTo("Completed");
        assertThat(text(task, "Description")).contains("\nResolved: ").endsWith("\n" + FINDING_MARKER + lead.key());
        String completedId = text(task, "Id");
        assertThat(after.connectorTasks()).filteredOn(t -> !text(t, "Id").equals(completedId))
                .containsExactlyInAnyOrderElementsOf(org.connectorTasks().stream()
                        .filter(t -> !text(t, "Id").equals(completedId)).toList());
        Cli resolved = run("findings", "--state", "resolved", "--customer", "sf:" + BECKER_LEAD);
        assertThat(resolved.out()).contains("key: " + lead.key());
    }

    /** Open, not held, of a customer with a Contact or Lead: what the write-back puts on a Task. */
    static List<ListedFinding> writable(List<ListedFinding> findings) {
        return findings.stream().filter(f -> f.open() && !f.held() && f.personId() != null).toList();
    }

    private static String expectedOwner(ListedFinding f) {
        return WORLD.expectedOwner(f, FALLBACK_OWNER);
    }

    private static String expectedWhat(ListedFinding f) {
        return WORLD.expectedWhat(f);
    }

    // ---- the connector and the org ----

    private static Cli run(String... args) {
        return Cli.run(Map.of("JOURNEY_WRITEBACK_FALLBACK_OWNER", FALLBACK_OWNER), dataDir, args);
    }

    /** A sales rep logs a completed call on a Lead, as the org's own users would between two runs. */
    private static void logCall(String leadId, String ownerId, String subject) {
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(null, dataDir.resolve("sandbox"), false, 0));
             SalesforceClient client = SalesforceClients.connect(SalesforceClientSettings.builder(AuthFlow.CLIENT_CREDENTIALS)
                     .loginUrl(sandbox.salesforceUrl().toString())
                     .clientId(sandbox.salesforceClientId())
                     .clientSecret(sandbox.salesforceClientSecret())
                     .build())) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("WhoId", leadId);
            call.put("OwnerId", ownerId);
            call.put("Subject", subject);
            call.put("Type", "Call");
            call.put("TaskSubtype", "Call");
            call.put("Status", "Completed");
            call.put("ActivityDate", LocalDate.now(ZoneOffset.UTC));
            assertThat(client.create("Task", List.of(call))).allMatch(o -> o.success());
        } catch (Exception e) {
            throw new AssertionError("could not log a call in the sandbox org", e);
        }
    }
}
