package dev.journeyconnector.writeback;

import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.FindingStore.Actor;
import dev.journeyconnector.store.FindingStore.Evidence;
import dev.journeyconnector.store.FindingStore.State;
import dev.journeyconnector.store.FindingStore.StoredFinding;
import dev.journeyconnector.store.RawRecord;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.WritebackLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What each finding becomes in Salesforce: who, what, owner, priority, status, text; and what is left out. */
class FindingWritesTest {
    private static final String CONTACT = "003Jx0000000001IAA";
    private static final String ACCOUNT = "001Jx0000000001IAA";
    private static final String LEAD = "00QJx0000000006MAA";
    private static final String OPPORTUNITY = "006Jx0000000001IAA";
    private static final String ACCOUNT_OWNER = "005Jx0000000002IAA";
    private static final String GONE_USER = "005Jx0000000007IAA";
    private static final String FALLBACK = "005Jx0000000009IAA";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant DETECTED = Instant.parse("2026-05-29T00:00:00Z");

    private Database db;
    private FindingStore findings;
    private WritebackLedger ledger;
    private FindingWrites writes;

    @BeforeEach
    void setUp() {
        db = TestStore.clean();
        RawStore raw = new RawStore(db.dataSource());
        raw.storePage("salesforce", "Contact", List.of(new RawRecord(CONTACT, NOW, false,
                Map.of("Id", CONTACT, "AccountId", ACCOUNT, "LastName", "Weller"))), Map.of());
        raw.storePage("salesforce", "User", List.of(
                new RawRecord(ACCOUNT_OWNER, NOW, false, Map.of("Id", ACCOUNT_OWNER, "IsActive", true)),
                new RawRecord(GONE_USER, NOW, false, Map.of("Id", GONE_USER, "IsActive", false))), Map.of());
        findings = new FindingStore(db.dataSource());
        ledger = new WritebackLedger(db.dataSource());
        WriteBackSettings settings = WriteBackSettings.defaults().withOwners(FALLBACK, null);
        writes = new FindingWrites(findings, raw, settings, (rule, persona) -> "window 7 d",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aHandoffGapIsAnAlertOnTheDealForItsOwnerDueTodayWithAReminder() {
        save(wonNotOnboarded(CONTACT, ACCOUNT_OWNER));

        CrmWrite task = only(writes.tasks().wanted(tasksOnly(), written(FindingWrites.TASK_KIND)));

        assertThat(task.sobject()).isEqualTo("Task");
        assertThat(task.fields()).containsEntry("Subject", "[Journey] Handoff gap: Won deal not onboarded")
                .containsEntry("WhoId", CONTACT).containsEntry("WhatId", OPPORTUNITY)
                .containsEntry("OwnerId", ACCOUNT_OWNER).containsEntry("Priority", "High")
                .containsEntry("Status", "Not Started");
        assertThat(task.createOnly()).containsEntry("ActivityDate", LocalDate.of(2026, 11, 23))
                .containsEntry("IsReminderSet", true)
                .containsEntry("ReminderDateTime", NOW.plus(Duration.ofMinutes(15)));
        assertThat((String) task.fields().get("Description"))
                .startsWith("Deal won on 22 May 2026; no onboarding contact in 7 days.")
                .contains("Handoff: sales -> onboarding")
                .contains("- 2026-05-22 00:00 UTC  deal-won \"Won\"\n  https://example.my.salesforce.com/lightning/r/Opportunity/" + OPPORTUNITY + "/view")
                .contains("Rule: won-not-onboarded (handoff-gap, severity high, persona leisure-traveller)")
                .contains("Thresholds: window 7 d")
                .contains("Why you: you are the account owner (owns the Account)")
                .endsWith("\njourney-connector:finding:" + key("won-not-onboarded", "sf:" + CONTACT, "salesforce/Opportunity/" + OPPORTUNITY));
        assertThat(task.locator()).containsEntry(CrmWrite.WHO_ID, CONTACT);
    }

    @Test
    void aPainPointOnATicketSitsOnTheContactsAccountWithoutDueDate() {
        save(lowSatisfaction("sf:" + CONTACT, "low", State.OPEN));

        CrmWrite task = only(writes.tasks().wanted(tasksOnly(), written(FindingWrites.TASK_KIND)));

        assertThat(task.fields()).containsEntry("Subject", "[Journey] Pain point: Low satisfaction on ticket 6")
                .containsEntry("WhatId", ACCOUNT).containsEntry("Priority", "Low");
        assertThat(task.createOnly()).isEmpty();
    }

    @Test
    void aGapFoundInACasesHistorySitsOnThatCase() {
        String caseId = "500Jx0000000002IAA";
        new RawStore(db.dataSource()).storePage("salesforce", "CaseHistory", List.of(new RawRecord("017Jx0000000001IAA",
                NOW, false, Map.of("Id", "017Jx0000000001IAA", "CaseId", caseId, "Field", "Owner"))), Map.of());
        save(new StoredFinding(key("transfer-without-context", "sf:" + CONTACT, "salesforce/CaseHistory/017Jx0000000001IAA"),
                "sf:" + CONTACT, "leisure-traveller", "transfer-without-context", "handoff-gap", "medium",
                "Handed over without a note", "Moved to billing with no note.", List.of(), "support", "billing",
                new Actor(ACCOUNT_OWNER, "case owner", "owns the case now"), DETECTED, State.OPEN, null));

        CrmWrite task = only(writes.tasks().wanted(tasksOnly(), written(FindingWrites.TASK_KIND)));
        CrmWrite record = only(writes.records().wanted(new OrgCapabilities(true, false, List.of()),
                written(FindingWrites.RECORD_KIND)));

        assertThat(task.fields()).containsEntry("WhatId", caseId).containsEntry("Priority", "Normal");
        assertThat(record.fields()).containsEntry("Case__c", caseId).containsEntry("Account__c", ACCOUNT);
    }

    @Test
    void aFindingForAnInactiveOwnerGoesToTheFallbackUserAndSaysWhy() {
        save(wonNotOnboarded(CONTACT, GONE_USER));

        CrmWrite task = only(writes.tasks().wanted(tasksOnly(), written(FindingWrites.TASK_KIND)));

        assertThat(task.fields()).containsEntry("OwnerId", FALLBACK);
        assertThat((String) task.fields().get("Description"))
                .contains("Why you: you are the fallback owner because the account owner " + GONE_USER
                        + " is no longer an active user");
    }

    @Test
    void aLeadsTaskHasNoWhatIdBecauseSalesforceRefusesOne() {
        save(lowSatisfaction("sf:" + LEAD, "medium", State.OPEN));

        CrmWrite task = only(writes.tasks().wanted(tasksOnly(), written(FindingWrites.TASK_KIND)));

        assertThat(task.fields()).containsEntry("WhoId", LEAD).containsEntry("WhatId", null)
                .containsEntry("Priority", "Normal");
    }

    @Test
    void heldProspectAndAlreadyResolvedFindingsAreLeftOutAndCounted() {
        StoredFinding held = lowSatisfaction("sf:" + CONTACT, "low", State.OPEN);
        findings.save(List.of("sf:" + CONTACT), List.of(held), Set.of("sf:" + CONTACT), NOW);
        save(lowSatisfaction("prospect:ana@example.com", "low", State.OPEN));
        save(lowSatisfaction("sf:" + LEAD, "low", State.RESOLVED));

        WriteSource.Wanted wanted = writes.tasks().wanted(tasksOnly(), written(FindingWrites.TASK_KIND));

        assertThat(wanted.writes()).isEmpty();
        assertThat(wanted.skipped()).containsExactlyInAnyOrderEntriesOf(Map.of(
                FindingWrites.HELD, 1, FindingWrites.NO_PERSON, 1, FindingWrites.RESOLVED_UNWRITTEN, 1));
    }

    @Test
    void aResolvedFindingWhoseTaskWasWrittenCompletesIt() {
        StoredFinding f = lowSatisfaction("sf:" + CONTACT, "low", State.OPEN);
        save(f);
        ledger.markSending(List.of(new WritebackLedger.Entry(FindingWrites.TASK_KIND, f.key(), "Task", null, "h",
                WritebackLedger.State.SENDING, null)));
        ledger.recordOutcomes(List.of(new WritebackLedger.Entry(FindingWrites.TASK_KIND, f.key(), "Task",
                "00TJx0000000001IAA", "h", WritebackLedger.State.WRITTEN, null)));
        save(lowSatisfaction("sf:" + CONTACT, "low", State.RESOLVED));

        CrmWrite task = only(writes.tasks().wanted(tasksOnly(), written(FindingWrites.TASK_KIND)));

        assertThat(task.fields()).containsEntry("Status", "Completed");
        assertThat((String) task.fields().get("Description")).contains("Resolved: 2026-08-20 09:00 UTC");
    }

    @Test
    void withTheMetadataEveryFindingIsARecordAndOnlyGapsAlsoATask() {
        save(wonNotOnboarded(CONTACT, ACCOUNT_OWNER), lowSatisfaction("sf:" + CONTACT, "critical", State.OPEN));
        OrgCapabilities deployed = new OrgCapabilities(true, true, List.of());

        List<CrmWrite> records = writes.records().wanted(deployed, written(FindingWrites.RECORD_KIND)).writes();
        List<CrmWrite> tasks = writes.tasks().wanted(deployed, written(FindingWrites.TASK_KIND)).writes();

        assertThat(tasks).singleElement().satisfies(t -> assertThat(t.key()).startsWith("won-not-onboarded|"));
        Map<String, CrmWrite> byRule = records.stream().collect(Collectors.toMap(r -> (String) r.fields().get("Rule__c"),
                Function.identity()));
        assertThat(byRule).hasSize(2);
        CrmWrite gap = byRule.get("won-not-onboarded");
        assertThat(gap.operation()).isEqualTo(CrmWrite.Operation.UPSERT);
        assertThat(gap.sobject()).isEqualTo("Journey_Finding__c");
        assertThat(gap.locator()).containsEntry(CrmWrite.EXTERNAL_ID_FIELD, "Finding_Key__c")
                .containsEntry(CrmWrite.EXTERNAL_ID, gap.key());
        assertThat(gap.fields()).containsEntry("Finding_Key__c", gap.key()).containsEntry("Kind__c", "Handoff gap")
                .containsEntry("State__c", "Open").containsEntry("Contact__c", CONTACT)
                .containsEntry("Opportunity__c", OPPORTUNITY).containsEntry("Account__c", ACCOUNT)
                .containsEntry("From__c", "sales").containsEntry("To__c", "onboarding")
                .containsEntry("OwnerId", ACCOUNT_OWNER).containsEntry("Detected_At__c", DETECTED);
        assertThat(byRule.get("low-satisfaction").fields()).containsEntry("Kind__c", "Pain point")
                .containsEntry("Severity__c", "critical").containsEntry("Case__c", null)
                .containsEntry("Account__c", ACCOUNT);
        assertThat(writes.records().wanted(tasksOnly(), written(FindingWrites.RECORD_KIND)).writes())
                .as("no records without the object").isEmpty();
    }

    @Test
    void theSameFindingGivesTheSameContentHash() {
        save(wonNotOnboarded(CONTACT, ACCOUNT_OWNER));

        String first = only(writes.tasks().wanted(tasksOnly(), written(FindingWrites.TASK_KIND))).contentHash();
        String second = only(writes.tasks().wanted(tasksOnly(), written(FindingWrites.TASK_KIND))).contentHash();

        assertThat(first).isEqualTo(second);
    }

    /** The keys of a kind the ledger holds, as the stage hands them to a source. */
    private Set<String> written(String kind) {
        return ledger.entries(kind).keySet();
    }

    private static OrgCapabilities tasksOnly() {
        return new OrgCapabilities(false, false, List.of("not deployed"));
    }

    /** Stores what the rules produced for each customer: a customer's findings in one evaluation. */
    private void save(StoredFinding... fs) {
        Map<String, List<StoredFinding>> byCustomer = java.util.Arrays.stream(fs)
                .collect(Collectors.groupingBy(StoredFinding::customerKey));
        byCustomer.forEach((customer, produced) -> findings.save(List.of(customer), produced, Set.of(), NOW));
    }

    private static CrmWrite only(WriteSource.Wanted wanted) {
        assertThat(wanted.writes()).hasSize(1);
        return wanted.writes().get(0);
    }

    private static String key(String rule, String customer, String anchor) {
        return rule + "|" + customer + "|" + anchor;
    }

    private static StoredFinding wonNotOnboarded(String contact, String owner) {
        return new StoredFinding(key("won-not-onboarded", "sf:" + contact, "salesforce/Opportunity/" + OPPORTUNITY),
                "sf:" + contact, "leisure-traveller", "won-not-onboarded", "handoff-gap", "high",
                "Won deal not onboarded", "Deal won on 22 May 2026; no onboarding contact in 7 days.",
                List.of(new Evidence(Instant.parse("2026-05-22T00:00:00Z"), "deal-won \"Won\"",
                        "https://example.my.salesforce.com/lightning/r/Opportunity/" + OPPORTUNITY + "/view",
                        "salesforce/Opportunity/" + OPPORTUNITY + "/deal-won")),
                "sales", "onboarding", new Actor(owner, "account owner", "owns the Account"), DETECTED, State.OPEN, null);
    }

    private static StoredFinding lowSatisfaction(String customer, String severity, State state) {
        return new StoredFinding(key("low-satisfaction", customer, "zendesk/satisfaction_ratings/6"), customer,
                "retail-shopper", "low-satisfaction", "pain-point", severity, "Low satisfaction on ticket 6",
                "Rated the support bad.", List.of(), null, null, null, Instant.parse("2026-08-15T09:12:00Z"), state,
                state == State.RESOLVED ? Instant.parse("2026-08-20T09:00:00Z") : null);
    }
}
