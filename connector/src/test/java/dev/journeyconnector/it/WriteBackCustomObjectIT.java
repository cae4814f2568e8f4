package dev.journeyconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.journeyconnector.it.OrgDump.FINDING_MARKER;
import static dev.journeyconnector.it.OrgDump.SUMMARY_MARKER;
import static dev.journeyconnector.it.OrgDump.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 in an org with our metadata deployed ({@code --sandbox-metadata}, salesforce/force-app): on a fresh data
 * directory a dry run lists every planned write and writes nothing; the next run writes exactly that list: each finding
 * a Journey_Finding__c upserted on its key, handoff gaps also as Tasks, the journey context in the Contacts' Journey_*
 * fields and no summary Task; a second run writes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriteBackCustomObjectIT {
    private static final String METADATA = Path.of("..", "salesforce", "force-app", "main", "default").toString();
    private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    /** Depend on the moment the plan is made: a dry run and the run after it differ by the minutes between them. */
    private static final Set<String> PLAN_TIME_FIELDS = Set.of("ActivityDate", "ReminderDateTime");
    private static final DemoWorld WORLD = DemoWorld.load();

    @TempDir
    static Path dataDir;
    private static Cli dryRun;
    private static OrgDump afterDryRun;
    private static List<PlannedWrite> planned;
    private static Cli written;
    private static OrgDump org;
    private static List<ListedFinding> openFindings;

    @BeforeAll
    static void dryRunThenRunTheDemoWorldWithTheMetadataDeployed() {
        dryRun = run("--once", "--dry-run", "--sandbox-dump", dataDir.resolve("dry-run.json").toString());
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        afterDryRun = OrgDump.read(dataDir.resolve("dry-run.json"));
        planned = PlannedWrite.parseAll(dryRun.out());

        written = run("--once", "--sandbox-dump", dataDir.resolve("run.json").toString());
        assertThat(written.exit()).as(written.err()).isZero();
        org = OrgDump.read(dataDir.resolve("run.json"));

        Cli listed = run("findings", "--state", "open");
        assertThat(listed.exit()).as(listed.err()).isZero();
        openFindings = ListedFinding.parseAll(listed.out());
    }

    @Test
    @Order(1)
    void aDryRunListsEveryPlannedWriteAndTheOrgGetsNone() {
        assertThat(dryRun.out()).contains("Dry run: nothing was written to Salesforce. Write-back plan (findings in "
                + "Journey_Finding__c, journey context in Contact fields)")
                .contains("  " + planned.size() + " to send, 0 unchanged");
        assertThat(planned).extracting(p -> p.op() + " " + p.sobject()).containsOnly("upsert Journey_Finding__c",
                "create Task", "update Contact");
        assertThat(planned).filteredOn(p -> p.sobject().equals("Task"))
                .allSatisfy(p -> assertThat(p.field("Subject")).startsWith("[Journey] Handoff gap: "));
        assertThat(planned).filteredOn(p -> p.sobject().equals("Journey_Finding__c"))
                .allSatisfy(p -> assertThat(p.label()).isEqualTo("Journey_Finding__c " + p.field("Finding_Key__c")));

        assertThat(afterDryRun.records("Journey_Finding__c")).isEmpty();
        assertThat(afterDryRun.connectorTasks()).isEmpty();
        assertThat(afterDryRun.records("Contact")).allSatisfy(c -> assertThat(text(c, "Journey_Stage__c")).isNull());
    }

    @Test
    @Order(1)
    void theRunAfterADryRunWritesExactlyWhatItListed() {
        Map<String, PlannedWrite> upserts = byKey(planned, "Journey_Finding__c", p -> p.field("Finding_Key__c"));
        Map<String, PlannedWrite> tasks = byKey(planned, "Task", p -> markerOf(p.field("Description")));
        Map<String, PlannedWrite> contacts = byKey(planned, "Contact", PlannedWrite::crmId);
        assertThat(upserts.size() + tasks.size() + contacts.size()).isEqualTo(planned.size());

        assertThat(written.out()).contains("created " + (upserts.size() + tasks.size()) + ", updated " + contacts.size()
                + ", unchanged 0, dead-lettered 0, to retry 0");
        Map<String, JsonNode> records = org.records("Journey_Finding__c").stream()
                .collect(Collectors.toMap(r -> text(r, "Finding_Key__c"), r -> r));
        assertThat(records.keySet()).isEqualTo(upserts.keySet());
        upserts.forEach((key, p) -> assertWritten(p, records.get(key)));
        Map<String, JsonNode> orgTasks = org.oneTaskByMarker(FINDING_MARKER);
        assertThat(orgTasks.keySet()).isEqualTo(tasks.keySet());
        tasks.forEach((key, p) -> assertWritten(p, orgTasks.get(key)));
        assertThat(org.records("Contact")).filteredOn(c -> text(c, "Journey_Stage__c") != null)
                .extracting(c -> text(c, "Id")).containsExactlyInAnyOrderElementsOf(contacts.keySet());
        contacts.forEach((id, p) -> assertWritten(p, org.byId("Contact", id)));
    }

    @Test
    @Order(1)
    void everyOpenFindingOfACustomerWithAContactOrLeadIsAJourneyFindingOwnedByThePersonTheRuleNames() {
        List<ListedFinding> expected = WriteBackIT.writable(openFindings);
        Map<String, JsonNode> records = org.records("Journey_Finding__c").stream()
                .collect(Collectors.toMap(r -> text(r, "Finding_Key__c"), r -> r));

        assertThat(records.keySet()).isEqualTo(expected.stream().map(ListedFinding::key).collect(Collectors.toSet()));
        for (ListedFinding f : expected) {
            JsonNode r = records.get(f.key());
            String who = f.personId();
            String[] anchor = f.anchor();
            boolean onSalesforce = anchor[0].equals("salesforce");
            assertThat(text(r, "OwnerId")).as("owner of %s", f.key())
                    .isEqualTo(WORLD.expectedOwner(f, WriteBackIT.FALLBACK_OWNER));
            assertThat(text(r, "Rule__c")).isEqualTo(f.rule());
            assertThat(text(r, "Kind__c")).isEqualTo(f.handoffGap() ? "Handoff gap" : "Pain point");
            assertThat(text(r, "Severity__c")).isEqualTo(f.severity());
            assertThat(text(r, "State__c")).isEqualTo("Open");
            assertThat(text(r, "Title__c")).isEqualTo(f.title());
            assertThat(text(r, "Explanation__c")).as(f.key()).startsWith(f.explanation()).contains("\nThresholds: ");
            f.links().forEach(link -> assertThat(text(r, "Evidence__c")).as(f.key()).contains(link));
            assertThat(text(r, "Contact__c")).as(f.key()).isEqualTo(who.startsWith("003") ? who : null);
            assertThat(text(r, "Lead__c")).as(f.key()).isEqualTo(who.startsWith("00Q") ? who : null);
            String[] about = WORLD.about(f);
            assertThat(text(r, "Opportunity__c")).as(f.key())
                    .isEqualTo(about != null && about[0].equals("Opportunity") ? about[1] : null);
            assertThat(text(r, "Case__c")).as(f.key()).isEqualTo(about != null && about[0].equals("Case") ? about[1] : null);
            assertThat(text(r, "Account__c")).as(f.key()).isEqualTo(who.startsWith("00Q") ? null : WORLD.field(who, "AccountId"));
        }
        assertThat(records.values()).extracting(r -> text(r, "Lead__c")).anyMatch(l -> l != null);
        assertThat(records.values()).extracting(r -> text(r, "Case__c")).anyMatch(c -> c != null);
    }

    @Test
    @Order(1)
    void handoffGapsAreAlsoTasksPainPointsAreNotAndNoContactGetsASummaryTask() {
        Set<String> gaps = WriteBackIT.writable(openFindings).stream().filter(ListedFinding::handoffGap)
                .map(ListedFinding::key).collect(Collectors.toSet());
        Map<String, JsonNode> tasks = org.oneTaskByMarker(FINDING_MARKER);

        assertThat(tasks.keySet()).isEqualTo(gaps);
        for (ListedFinding f : WriteBackIT.writable(openFindings)) {
            if (f.handoffGap()) {
                assertThat(text(tasks.get(f.key()), "WhoId")).isEqualTo(f.personId());
                assertThat(text(tasks.get(f.key()), "OwnerId")).isEqualTo(WORLD.expectedOwner(f, WriteBackIT.FALLBACK_OWNER));
                assertThat(tasks.get(f.key()).path("IsReminderSet").asBoolean()).isTrue();
            }
        }
        assertThat(org.tasksByMarker(SUMMARY_MARKER)).isEmpty();
        assertThat(org.connectorTasks()).hasSize(gaps.size());
    }

    @Test
    @Order(1)
    void everyContactCarriesItsJourneyContextInTheJourneyFields() {
        List<JsonNode> contacts = org.records("Contact");

        assertThat(contacts).hasSize(53).allSatisfy(c -> {
            String name = text(c, "FirstName") + " " + text(c, "LastName");
            assertThat(text(c, "Journey_Stage__c")).as(name).isNotBlank();
            assertThat(text(c, "Journey_Persona__c")).as(name).isNotBlank();
            assertThat(c.path("Journey_Health_Score__c").asInt(-1)).as(name).isBetween(0, 100);
            assertThat(text(c, "Journey_Last_Touchpoint__c")).as(name).matches(DATETIME);
            assertThat(text(c, "Journey_Summary__c")).as(name).startsWith("Journey context for " + name + "\nStage: "
                    + text(c, "Journey_Stage__c") + "\nPersona: " + text(c, "Journey_Persona__c") + "\n");
        });
        // The three story customers of docs/sandbox.md, one per persona.
        assertThat(text(org.byId("Contact", "003Jx0000000001IAA"), "Journey_Persona__c")).isEqualTo("Leisure traveller");
        assertThat(text(org.byId("Contact", "003Jx0000000002IAA"), "Journey_Persona__c"))
                .isEqualTo("Small-business banking client");
        assertThat(text(org.byId("Contact", "003Jx0000000003IAA"), "Journey_Persona__c")).isEqualTo("Retail shopper");
        assertThat(text(org.byId("Contact", "003Jx0000000001IAA"), "Journey_Summary__c"))
                .contains("Won deal not onboarded: \"Weller - Scottish Highlands by coach (8 days)\"");
    }

    @Test
    @Order(2)
    void aSecondRunWritesNothing() {
        Cli second = run("--once", "--sandbox-dump", dataDir.resolve("second.json").toString());

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("created 0, updated 0, unchanged " + planned.size() + ", dead-lettered 0")
                .doesNotContainPattern("\\n\\s+(create|update|upsert)\\s+\\d");
        OrgDump after = OrgDump.read(dataDir.resolve("second.json"));
        assertThat(after.records("Journey_Finding__c")).containsExactlyInAnyOrderElementsOf(org.records("Journey_Finding__c"));
        assertThat(after.connectorTasks()).containsExactlyInAnyOrderElementsOf(org.connectorTasks());
        assertThat(after.records("Contact")).containsExactlyInAnyOrderElementsOf(org.records("Contact"));
    }

    // ---- helpers ----

    private static Cli run(String... args) {
        return Cli.run(Map.of("JOURNEY_WRITEBACK_FALLBACK_OWNER", WriteBackIT.FALLBACK_OWNER), dataDir,
                concat(args, "--sandbox-metadata", METADATA));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Map<String, PlannedWrite> byKey(List<PlannedWrite> writes, String sobject,
                                                   Function<PlannedWrite, String> key) {
        return writes.stream().filter(p -> p.sobject().equals(sobject))
                .collect(Collectors.toMap(key, p -> p, (a, b) -> {
                    throw new AssertionError("planned twice: " + a.label());
                }));
    }

    /** The last line of a Task's description: its marker, without the prefix. */
    private static String markerOf(String description) {
        String last = description.substring(description.lastIndexOf('\n') + 1);
        assertThat(last).startsWith(FINDING_MARKER);
        return last.substring(FINDING_MARKER.length());
    }

    /** Every field the dry run listed holds that value in the org's record (null: the field is empty). */
    private static void assertWritten(PlannedWrite p, JsonNode record) {
        assertThat(record).as("record of %s", p.label()).isNotNull();
        p.fields().forEach((field, listed) -> {
            if (PLAN_TIME_FIELDS.contains(field)) {
                return;
            }
            JsonNode actual = record.path(field);
            String what = p.label() + " " + field;
            if (listed.equals("null")) {
                assertThat(actual.isMissingNode() || actual.isNull()).as("%s is empty, was %s", what, actual).isTrue();
            } else if (actual.isNumber()) {
                assertThat(actual.decimalValue()).as(what).isEqualByComparingTo(new BigDecimal(listed));
            } else if (DATETIME.matcher(listed).matches()) {
                assertThat(Instant.parse(actual.asText())).as(what).isEqualTo(Instant.parse(listed));
            } else {
                assertThat(actual.asText()).as(what).isEqualTo(listed);
            }
        });
    }
}
