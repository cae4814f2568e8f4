package dev.journeyconnector.writeback;

import dev.journeyconnector.salesforce.client.AuthFlow;
import dev.journeyconnector.salesforce.client.SalesforceClientSettings;
import dev.journeyconnector.salesforce.client.SalesforceClients;
import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import dev.journeyconnector.sandbox.salesforce.ApiCounters;
import dev.journeyconnector.sandbox.salesforce.SalesforceSimulator;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.FindingStore.Actor;
import dev.journeyconnector.store.FindingStore.Evidence;
import dev.journeyconnector.store.FindingStore.StoredFinding;
import dev.journeyconnector.store.RawRecord;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.WritebackLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-back engine against the sandbox's Salesforce simulator (demo world "Meridian Group") and the embedded
 * store: what a cycle costs in API calls, how it sorts Salesforce's refusals, and that each finding becomes exactly
 * one Task whatever happens in between. Findings are seeded straight into the finding store for the org's real
 * Contacts, each on its own anchor, owned by the org's real users; the raw store holds the Contacts and Users as a
 * pull would have stored them (the stage takes a Contact's account and the users' activity from there).
 */
class WriteBackStageIT {
    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final String RULE = "slow-first-response";
    private static final String INTEGRATION_USER = "journey.integration@meridiangroup.example";

    private static Sandbox sandbox;
    private static SalesforceSimulator sim;
    private static ApiCounters counters;
    private static long worldDailyRequests;

    private DataSource dataSource;
    private FindingStore findings;
    private RawStore raw;
    private WritebackLedger ledger;
    private RecordingSalesforceClient client;
    private MovableClock clock;
    private final List<Duration> waits = new ArrayList<>();
    /** What the sleeper does besides recording the wait: a test may use it to clear a lock "meanwhile". */
    private Runnable duringWait = () -> { };
    private List<Map<String, Object>> contacts;
    private List<String> users;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(new SandboxOptions(null, null, false, 0));
        sim = sandbox.salesforce();
        counters = sim.counters();
        worldDailyRequests = sim.dailyApiRequests();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void freshOrgAndStore() {
        sim.resetToWorld();
        sim.clearControls();
        sim.resetApiUsage();
        sim.setDailyApiRequests(worldDailyRequests);
        dataSource = TestStore.clean().dataSource();
        findings = new FindingStore(dataSource);
        raw = new RawStore(dataSource);
        ledger = new WritebackLedger(dataSource);
        clock = new MovableClock(NOW);
        contacts = liveRows("Contact").stream().sorted(Comparator.comparing(c -> (String) c.get("Id"))).toList();
        users = liveRows("User").stream()
                .filter(u -> Boolean.TRUE.equals(u.get("IsActive")) && !INTEGRATION_USER.equals(u.get("Username")))
                .map(u -> (String) u.get("Id")).sorted().toList();
        storeAsPulled("Contact", contacts, "AccountId");
        storeAsPulled("User", liveRows("User"), "IsActive");
        client = new RecordingSalesforceClient(SalesforceClients.connect(
                SalesforceClientSettings.builder(AuthFlow.CLIENT_CREDENTIALS).loginUrl(sandbox.salesforceUrl())
                        .clientId(sandbox.salesforceClientId()).clientSecret(sandbox.salesforceClientSecret()).build()));
        counters.reset();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    // ---- economy ----

    @Test
    void fourHundredFiftyNewFindingsCostThreeCreateCallsAndAnUnchangedSecondCycleCostsNone() {
        List<StoredFinding> seeded = seed(450);
        WriteBackStage stage = stage(settings());

        WriteReport first = stage.run();

        assertThat(counters.get("create")).isEqualTo(3);
        // The client describes Task once (cached for its lifetime) to check the fields before its first save.
        assertThat(counters.get("describeSObject")).isEqualTo(1);
        assertThat(first.calls()).as("the report counts every call the simulator saw").isEqualTo(soapCalls()).isEqualTo(4);
        assertThat(client.saves()).extracting(s -> s.records().size()).containsExactly(200, 200, 50);
        assertThat(first.created()).isEqualTo(450);
        assertThat(first.deadLettered() + first.failed() + first.deferred()).isZero();
        Map<String, List<Map<String, Object>>> tasks = findingTasks();
        assertThat(tasks.keySet()).isEqualTo(keys(seeded));
        assertThat(tasks.values()).allSatisfy(t -> assertThat(t).as("Tasks per finding").hasSize(1));
        assertLedgerHoldsTheOrgsIds(tasks);

        long writesBefore = writeCalls();
        WritePlan plan = stage.plan();
        WriteReport second = stage.send(plan);

        assertThat(plan.writes()).isEmpty();
        assertThat(plan.unchanged()).containsEntry(FindingWrites.TASK_KIND, 450);
        assertThat(writeCalls()).isEqualTo(writesBefore);
        assertThat(second.calls()).isZero();
        assertThat(second.unchanged()).isEqualTo(450);
    }

    // ---- refusals ----

    @Test
    void recordsRefusedForGoodAreDeadLetteredAloneAndSentAgainOnlyWhenHandedBack() {
        // 197 findings on 50 Contacts, and one finding each on three Contacts someone deletes in Salesforce after
        // the pull stored them: the Tasks for those three name a deleted WhoId.
        List<StoredFinding> seeded = new ArrayList<>();
        for (int i = 0; i < 197; i++) {
            seeded.add(finding(i, contactId(i % 50)));
        }
        List<StoredFinding> doomed = List.of(finding(197, contactId(50)), finding(198, contactId(51)),
                finding(199, contactId(52)));
        seeded.addAll(doomed);
        save(seeded);
        sim.org().delete(List.of(contactId(50), contactId(51), contactId(52)), integrationUserId());
        WriteBackStage stage = stage(settings());

        WriteReport first = stage.run();

        assertThat(counters.get("create")).as("one call for the 200").isEqualTo(1);
        assertThat(first.created()).isEqualTo(197);
        assertThat(first.deadLettered()).isEqualTo(3);
        assertThat(first.failed() + first.deferred()).isZero();
        assertThat(findingTasks().keySet()).isEqualTo(keys(seeded.subList(0, 197)));
        List<WritebackLedger.DeadLetter> letters = ledger.deadLetters(FindingWrites.TASK_KIND);
        assertThat(letters).extracting(WritebackLedger.DeadLetter::key).containsExactlyInAnyOrderElementsOf(keys(doomed));
        assertThat(letters).allSatisfy(d -> {
            assertThat(d.statusCode()).isEqualTo("ENTITY_IS_DELETED");
            assertThat(d.message()).isEqualTo("entity is deleted");
            assertThat(d.fields()).containsExactly("WhoId");
            assertThat(d.operation()).isEqualTo("create");
            assertThat(d.crmObject()).isEqualTo("Task");
            assertThat(d.payload().get("Description").toString()).endsWith(FindingWrites.MARKER + d.key());
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(ledger.counts().get(FindingWrites.TASK_KIND))
                .isEqualTo(Map.of(WritebackLedger.State.WRITTEN, 197L, WritebackLedger.State.DEAD, 3L));

        WritePlan second = stage.plan();
        WriteReport secondReport = stage.send(second);

        assertThat(second.writes()).as("neither the 197 nor the 3 are sent again").isEmpty();
        assertThat(second.dead()).isEqualTo(3);
        assertThat(second.unchanged()).containsEntry(FindingWrites.TASK_KIND, 197);
        assertThat(secondReport.calls()).isZero();
        assertThat(counters.get("create")).isEqualTo(1);

        assertThat(ledger.retryDead(keys(doomed))).isEqualTo(3);
        WritePlan third = stage.plan();
        stage.send(third);

        assertThat(third.writes()).extracting(p -> p.write().key()).containsExactlyInAnyOrderElementsOf(keys(doomed));
        assertThat(third.writes()).extracting(WritePlan.Planned::op).containsOnly(WritePlan.Op.CREATE);
        assertThat(counters.get("create")).isEqualTo(2);
        assertThat(markers(client.saves().get(client.saves().size() - 1))).isEqualTo(keys(doomed));
        // Still deleted in the org: refused again and dead-lettered again (retryDead dropped the old letters).
        assertThat(ledger.deadLetters(FindingWrites.TASK_KIND)).extracting(WritebackLedger.DeadLetter::key)
                .containsExactlyInAnyOrderElementsOf(keys(doomed));
        assertThat(ledger.counts().get(FindingWrites.TASK_KIND))
                .isEqualTo(Map.of(WritebackLedger.State.WRITTEN, 197L, WritebackLedger.State.DEAD, 3L));
        assertThat(findingTasks()).hasSize(197);
    }

    @Test
    void aFindingThatClearsCostsOneUpdateThatCompletesItsTaskAndLeavesTheOthersAlone() {
        List<StoredFinding> seeded = seed(10);
        WriteBackStage stage = stage(settings());
        stage.run();
        StoredFinding cleared = seeded.get(0);
        String taskId = ledger.entries(FindingWrites.TASK_KIND).get(cleared.key()).crmId();
        Map<String, List<Map<String, Object>>> before = findingTasks();
        long createsBefore = counters.get("create");
        save(List.of(resolved(cleared, NOW.plus(Duration.ofHours(3)))));

        WriteReport report = stage.run();

        assertThat(counters.get("update")).isEqualTo(1);
        assertThat(counters.get("create")).isEqualTo(createsBefore);
        assertThat(counters.get("upsert")).isZero();
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.created()).isZero();
        assertThat(report.unchanged()).isEqualTo(9);
        RecordingSalesforceClient.Save update = client.saves().get(client.saves().size() - 1);
        assertThat(update.operation()).isEqualTo("update");
        assertThat(update.records()).singleElement().satisfies(r -> assertThat(r.get("Id")).isEqualTo(taskId));
        Map<String, List<Map<String, Object>>> after = findingTasks();
        Map<String, Object> task = after.get(cleared.key()).get(0);
        assertThat(task.get("Id")).isEqualTo(taskId);
        assertThat(task.get("Status")).isEqualTo("Completed");
        assertThat((String) task.get("Description")).contains("Resolved: 2026-11-21 12:00 UTC");
        for (StoredFinding f : seeded.subList(1, seeded.size())) {
            assertThat(after.get(f.key())).as(f.key()).isEqualTo(before.get(f.key()));
        }
        assertThat(after).hasSize(10);
        assertThat(stage.plan().writes()).as("the completed Task is now current").isEmpty();
    }

    // ---- locks ----

    @Test
    void recordsWhoseParentIsLockedAreSentAgainAloneGroupedByParentAndWrittenOnce() {
        List<StoredFinding> seeded = seed(40);
        List<String> lockedParents = List.of(accountOf(contactId(0)), accountOf(contactId(7)));
        Set<String> lockedKeys = seeded.stream().filter(f -> lockedParents.contains(accountOf(contactOf(f))))
                .map(StoredFinding::key).collect(Collectors.toSet());
        assertThat(lockedKeys).hasSizeGreaterThanOrEqualTo(2);
        sim.lockRecords(lockedParents);
        duringWait = sim::unlockRecords; // the other transaction commits while the stage waits

        WriteReport report = stage(settings()).run();

        assertThat(counters.get("create")).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(client.saves()).hasSize(2);
        assertThat(client.saves().get(0).records()).hasSize(40);
        RecordingSalesforceClient.Save retry = client.saves().get(1);
        assertThat(markers(retry)).as("only the refused records are sent again").isEqualTo(lockedKeys);
        List<String> parents = retry.records().stream().map(r -> (String) r.get("WhatId")).toList();
        assertThat(parents).as("grouped by parent").isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(report.created()).isEqualTo(40);
        assertThat(report.failed() + report.deadLettered() + report.deferred()).isZero();
        Map<String, List<Map<String, Object>>> tasks = findingTasks();
        assertThat(tasks.keySet()).isEqualTo(keys(seeded));
        assertThat(tasks.values()).allSatisfy(t -> assertThat(t).as("Tasks per finding").hasSize(1));
        assertLedgerHoldsTheOrgsIds(tasks);
    }

    @Test
    void recordsStillLockedAfterTheLastRetryFailForThisCycleAndAreWrittenTheNext() {
        List<StoredFinding> seeded = seed(40);
        List<String> lockedParents = List.of(accountOf(contactId(3)));
        Set<String> lockedKeys = seeded.stream().filter(f -> lockedParents.contains(accountOf(contactOf(f))))
                .map(StoredFinding::key).collect(Collectors.toSet());
        sim.lockRecords(lockedParents);
        WriteBackStage stage = stage(settings());

        WriteReport first = stage.run();

        assertThat(counters.get("create")).as("the first call and three retries").isEqualTo(4);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(client.saves().subList(1, 4)).allSatisfy(s -> assertThat(markers(s)).isEqualTo(lockedKeys));
        assertThat(first.created()).isEqualTo(40 - lockedKeys.size());
        assertThat(first.failed()).isEqualTo(lockedKeys.size());
        assertThat(first.deadLettered()).isZero();
        Map<String, WritebackLedger.Entry> entries = ledger.entries(FindingWrites.TASK_KIND);
        for (String key : lockedKeys) {
            assertThat(entries.get(key).state()).isEqualTo(WritebackLedger.State.FAILED);
            assertThat(entries.get(key).lastError()).startsWith("UNABLE_TO_LOCK_ROW");
        }
        assertThat(findingTasks().keySet()).doesNotContainAnyElementsOf(lockedKeys);

        sim.unlockRecords();
        WriteReport second = stage.run();

        assertThat(counters.get("create")).isEqualTo(5);
        assertThat(markers(client.saves().get(4))).isEqualTo(lockedKeys);
        assertThat(second.created()).isEqualTo(lockedKeys.size());
        Map<String, List<Map<String, Object>>> tasks = findingTasks();
        assertThat(tasks.keySet()).isEqualTo(keys(seeded));
        assertThat(tasks.values()).allSatisfy(t -> assertThat(t).hasSize(1));
        assertLedgerHoldsTheOrgsIds(tasks);
    }

    // ---- limits ----

    @Test
    void aCallRefusedForConcurrentRequestsIsSentAgainAfterABackoff() {
        List<StoredFinding> seeded = seed(50);
        WriteBackStage stage = stage(settings());
        client.describe("Task"); // the client knows Task already: the refused call is the create itself
        WritePlan plan = stage.plan();
        sim.failNextCallsWithConcurrentLimit(1);

        WriteReport report = stage.send(plan);

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(counters.get("create")).as("the refused call and the one that went through").isEqualTo(2);
        assertThat(client.saves()).hasSize(2).allSatisfy(s -> assertThat(markers(s)).isEqualTo(keys(seeded)));
        assertThat(report.created()).isEqualTo(50);
        assertThat(report.failed() + report.deferred() + report.deadLettered()).isZero();
        assertThat(report.stopped()).isNull();
        Map<String, List<Map<String, Object>>> tasks = findingTasks();
        assertThat(tasks.keySet()).isEqualTo(keys(seeded));
        assertThat(tasks.values()).allSatisfy(t -> assertThat(t).hasSize(1));
    }

    @Test
    void whenTheOrgsDailyAllocationRunsOutWritingStopsAndTheNextCycleWritesTheRestOnce() {
        List<StoredFinding> seeded = seed(450);
        WriteBackStage stage = stage(settings());
        client.describe("Task");
        WritePlan plan = stage.plan();
        sim.setDailyApiRequests(sim.apiUsageToday() + 1); // room for exactly one more call today

        WriteReport first = stage.send(plan);

        assertThat(counters.get("create")).isEqualTo(1);
        assertThat(first.created()).isEqualTo(200);
        assertThat(first.deferred()).isEqualTo(250);
        assertThat(first.stopped()).contains("daily API allocation is spent");
        assertThat(findingTasks()).hasSize(200);
        assertThat(ledger.counts().get(FindingWrites.TASK_KIND)).isEqualTo(Map.of(WritebackLedger.State.WRITTEN, 200L));

        // The client's last header says "spent": a cycle looks again with one call before giving up on the day.
        WriteReport stillSpent = stage.run();

        assertThat(counters.get("getServerTimestamp")).as("refused, nothing sent").isEqualTo(1);
        assertThat(counters.get("create")).isEqualTo(1);
        assertThat(stillSpent.created()).isZero();
        assertThat(stillSpent.deferred()).isEqualTo(250);
        assertThat(stillSpent.stopped()).contains("daily API allocation is spent");

        sim.setDailyApiRequests(worldDailyRequests);
        WriteReport second = stage.run();

        assertThat(counters.get("getServerTimestamp")).isEqualTo(2);
        assertThat(second.created()).isEqualTo(250);
        assertThat(second.deferred() + second.failed()).isZero();
        assertThat(counters.get("create")).isEqualTo(3);
        assertThat(second.calls()).isEqualTo(3);
        Map<String, List<Map<String, Object>>> tasks = findingTasks();
        assertThat(tasks.keySet()).isEqualTo(keys(seeded));
        assertThat(tasks.values()).allSatisfy(t -> assertThat(t).as("Tasks per finding").hasSize(1));
        assertLedgerHoldsTheOrgsIds(tasks);
    }

    @Test
    void aCallRefusedBecauseTheAllocationIsSpentStopsTheCycleAndLosesNothing() {
        List<StoredFinding> seeded = seed(450);
        WriteBackStage stage = stage(settings());
        client.describe("Task");
        WritePlan plan = stage.plan();
        // Other integrations spent the rest of today's allocation since the client last heard from Salesforce.
        sim.setDailyApiRequests(sim.apiUsageToday());

        WriteReport first = stage.send(plan);

        assertThat(counters.get("create")).as("the one refused call").isEqualTo(1);
        assertThat(waits).as("no point waiting for a daily allocation").isEmpty();
        assertThat(first.created()).isZero();
        assertThat(first.failed()).isEqualTo(200);
        assertThat(first.deferred()).isEqualTo(250);
        assertThat(first.stopped()).contains("TotalRequests");
        assertThat(findingTasks()).isEmpty();
        assertThat(ledger.counts().get(FindingWrites.TASK_KIND)).isEqualTo(Map.of(WritebackLedger.State.FAILED, 200L));

        sim.setDailyApiRequests(worldDailyRequests);
        WriteReport second = stage.run();

        assertThat(second.created()).isEqualTo(450);
        assertThat(counters.get("create")).isEqualTo(4);
        Map<String, List<Map<String, Object>>> tasks = findingTasks();
        assertThat(tasks.keySet()).isEqualTo(keys(seeded));
        assertThat(tasks.values()).allSatisfy(t -> assertThat(t).hasSize(1));
        assertLedgerHoldsTheOrgsIds(tasks);
    }

    // ---- budget ----

    @Test
    void theWriteBacksShareOfTheAllocationAllowsOneCallADayAndTheNextDayContinues() {
        List<StoredFinding> seeded = seed(450);
        sim.setDailyApiRequests(1000);
        client.describe("Task"); // the header now says the org allows 1,000 calls a day
        // 0.15% of 1,000 = 1.5: one call a day for the write-back.
        WriteBackStage stage = stage(new WriteBackSettings("[Journey]", null, null, OrgCapabilities.Mode.TASKS, 0.0015,
                Duration.ofMinutes(15), 3, 3, Duration.ofSeconds(1), false));

        WriteReport day1 = stage.run();

        assertThat(writeCalls()).isEqualTo(1);
        assertThat(day1.created()).isEqualTo(200);
        assertThat(day1.deferred()).isEqualTo(250);
        assertThat(day1.stopped()).contains("the write-back's daily budget is spent (1 of 1 calls");
        assertThat(ledger.callsOn(NOW.atZone(ZoneOffset.UTC).toLocalDate())).isEqualTo(1);

        WriteReport laterThatDay = stage.run();

        assertThat(writeCalls()).isEqualTo(1);
        assertThat(laterThatDay.calls()).isZero();
        assertThat(laterThatDay.deferred()).isEqualTo(250);

        clock.advance(Duration.ofDays(1));
        WriteReport day2 = stage.run();

        assertThat(writeCalls()).isEqualTo(2);
        assertThat(day2.created()).isEqualTo(200);
        assertThat(day2.deferred()).isEqualTo(50);

        clock.advance(Duration.ofDays(1));
        WriteReport day3 = stage.run();

        assertThat(writeCalls()).isEqualTo(3);
        assertThat(day3.created()).isEqualTo(50);
        assertThat(day3.deferred()).isZero();
        Map<String, List<Map<String, Object>>> tasks = findingTasks();
        assertThat(tasks.keySet()).isEqualTo(keys(seeded));
        assertThat(tasks.values()).allSatisfy(t -> assertThat(t).hasSize(1));
    }

    // ---- exactly once ----

    @Test
    void afterACrashBetweenSendAndStoreTheNextPlanFindsTheCreatedTasksAndCreatesOnlyTheMissingOnes() {
        List<StoredFinding> seeded = seed(10);
        WriteBackSettings settings = settings();
        List<CrmWrite> wanted = new FindingWrites(findings, raw, settings, WriteBackStageIT::thresholds, clock)
                .tasks().wanted(OrgCapabilities.TASKS_ONLY, ledger.entries(FindingWrites.TASK_KIND).keySet()).writes();
        assertThat(wanted).hasSize(10);
        // The interrupted run: all ten marked in flight, one create call for them that Salesforce carried out for
        // the first six (the rest of the run never came: no outcome was stored).
        ledger.markSending(wanted.stream().map(w -> new WritebackLedger.Entry(w.kind(), w.key(), w.sobject(), null,
                w.contentHash(), WritebackLedger.State.SENDING, null, w.locator(), null)).toList());
        List<CrmWrite> arrived = wanted.subList(0, 6);
        List<CrmWrite> lost = wanted.subList(6, 10);
        client.create("Task", arrived.stream()
                .map(w -> WriteBackStage.payload(new WritePlan.Planned(w, WritePlan.Op.CREATE, null))).toList());
        Map<String, List<Map<String, Object>>> afterCrash = findingTasks();
        assertThat(afterCrash).hasSize(6);
        counters.reset();
        WriteBackStage restarted = stage(settings);

        WritePlan plan = restarted.plan();

        assertThat(plan.reconciled()).isEqualTo(6);
        assertThat(counters.get("create")).isZero();
        assertThat(counters.get("query")).isEqualTo(1);
        assertThat(plan.writes()).extracting(p -> p.write().key())
                .containsExactlyInAnyOrderElementsOf(lost.stream().map(CrmWrite::key).toList());
        assertThat(plan.writes()).extracting(WritePlan.Planned::op).containsOnly(WritePlan.Op.CREATE);
        Map<String, WritebackLedger.Entry> entries = ledger.entries(FindingWrites.TASK_KIND);
        for (CrmWrite w : arrived) {
            assertThat(entries.get(w.key()).state()).isEqualTo(WritebackLedger.State.WRITTEN);
            assertThat(entries.get(w.key()).crmId()).isEqualTo(afterCrash.get(w.key()).get(0).get("Id"));
        }
        assertThat(ledger.inFlight()).isEmpty();

        WriteReport report = restarted.send(plan);

        assertThat(counters.get("create")).isEqualTo(1);
        assertThat(report.created()).isEqualTo(4);
        assertThat(report.reconciled()).isEqualTo(6);
        Map<String, List<Map<String, Object>>> tasks = findingTasks();
        assertThat(tasks.keySet()).isEqualTo(keys(seeded));
        assertThat(tasks.values()).allSatisfy(t -> assertThat(t).as("Tasks per finding").hasSize(1));
        assertLedgerHoldsTheOrgsIds(tasks);
        assertThat(restarted.plan().writes()).isEmpty();
    }

    // ---- dry run ----

    @Test
    void aDryRunListsTheWritesAndChangesNothingInTheOrgOrTheLedger() {
        List<StoredFinding> seeded = seed(20);
        stage(settings()).run();
        StoredFinding cleared = seeded.get(0);
        save(List.of(resolved(cleared, NOW.plus(Duration.ofHours(1)))));
        List<StoredFinding> fresh = new ArrayList<>();
        for (int i = 20; i < 25; i++) {
            fresh.add(finding(i, contactId(i)));
        }
        save(fresh);
        Map<String, WritebackLedger.Entry> ledgerBefore = ledger.entries(FindingWrites.TASK_KIND);
        Map<String, List<Map<String, Object>>> orgBefore = findingTasks();
        long tasksBefore = liveRows("Task").size();
        long writesBefore = writeCalls();
        long spentBefore = ledger.callsOn(NOW.atZone(ZoneOffset.UTC).toLocalDate());
        WriteBackStage dry = stage(settings().withDryRun(true));

        WritePlan plan = dry.plan();
        WriteReport report = dry.send(plan);

        assertThat(plan.counts()).isEqualTo(Map.of(FindingWrites.TASK_KIND,
                Map.of(WritePlan.Op.CREATE, 5, WritePlan.Op.UPDATE, 1)));
        assertThat(plan.writes()).filteredOn(p -> p.op() == WritePlan.Op.UPDATE).singleElement()
                .satisfies(p -> {
                    assertThat(p.write().key()).isEqualTo(cleared.key());
                    assertThat(p.crmId()).isEqualTo(ledgerBefore.get(cleared.key()).crmId());
                    assertThat(p.write().fields()).containsEntry("Status", "Completed");
                });
        String listing = plan.render();
        assertThat(listing).contains("update Task " + ledgerBefore.get(cleared.key()).crmId())
                .contains("6 to send, 19 unchanged");
        fresh.forEach(f -> assertThat(listing).contains(f.key()));
        assertThat(dry.lastPlan()).isSameAs(plan);
        assertThat(report.written() + report.calls()).isZero();
        assertThat(writeCalls()).isEqualTo(writesBefore);
        assertThat(liveRows("Task")).hasSize((int) tasksBefore);
        assertThat(findingTasks()).isEqualTo(orgBefore);
        assertThat(ledger.entries(FindingWrites.TASK_KIND)).isEqualTo(ledgerBefore);
        assertThat(ledger.callsOn(NOW.atZone(ZoneOffset.UTC).toLocalDate())).isEqualTo(spentBefore);
    }

    // ---- helpers ----

    private String contactId(int i) {
        return (String) contacts.get(i).get("Id");
    }

    private static String contactOf(StoredFinding f) {
        return f.customerKey().substring("sf:".length());
    }

    /** The Contact's account: the WhatId of its findings' Tasks (the Contact itself for one without an account). */
    private String accountOf(String contactId) {
        return contacts.stream().filter(c -> contactId.equals(c.get("Id"))).findFirst()
                .map(c -> (String) c.get("AccountId")).orElse(contactId);
    }

    private static String integrationUserId() {
        return liveRows("User").stream().filter(u -> INTEGRATION_USER.equals(u.get("Username")))
                .map(u -> (String) u.get("Id")).findFirst().orElseThrow();
    }

    private static StoredFinding resolved(StoredFinding f, Instant at) {
        return new StoredFinding(f.key(), f.customerKey(), f.personaId(), f.ruleId(), f.kind(), f.severity(), f.title(),
                f.explanation(), f.evidence(), f.handoffFrom(), f.handoffTo(), f.actor(), f.detectedAt(),
                FindingStore.State.RESOLVED, at);
    }

    /** The finding keys of the Tasks one save call carried, by their marker lines. */
    private static Set<String> markers(RecordingSalesforceClient.Save save) {
        return save.records().stream().map(r -> {
            String description = (String) r.get("Description");
            return description.substring(description.lastIndexOf('\n') + 1 + FindingWrites.MARKER.length());
        }).collect(Collectors.toSet());
    }

    private WriteBackSettings settings() {
        return WriteBackSettings.defaults().withMode(OrgCapabilities.Mode.TASKS);
    }

    private WriteBackStage stage(WriteBackSettings settings) {
        FindingWrites writes = new FindingWrites(findings, raw, settings, WriteBackStageIT::thresholds, clock);
        return new WriteBackStage(client, ledger, List.of(writes.records(), writes.tasks()), settings, clock, d -> {
            waits.add(d);
            duringWait.run();
        });
    }

    private static String thresholds(String ruleId, String personaId) {
        return "first reply within 4 business hours for " + personaId;
    }

    /**
     * {@code n} open findings, round-robin over the org's Contacts, each on its own help-desk ticket (so each has its
     * own key), owned round-robin by the org's users; stored as one evaluation of those customers.
     */
    private List<StoredFinding> seed(int n) {
        List<StoredFinding> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(finding(i, (String) contacts.get(i % contacts.size()).get("Id")));
        }
        save(out);
        return out;
    }

    private StoredFinding finding(int i, String contactId) {
        String customer = "sf:" + contactId;
        int ticket = 5000 + i;
        String key = RULE + "|" + customer + "|zendesk/tickets/" + ticket;
        return new StoredFinding(key, customer, "leisure-traveller", RULE, "pain-point", "high",
                "Slow first reply on ticket " + ticket, "Ticket " + ticket + ": first reply after 31 h; the target is 4 h.",
                List.of(new Evidence(NOW.minus(Duration.ofDays(2)), "ticket-opened \"Where is my itinerary?\"",
                        "https://meridiangroup.zendesk.com/agent/tickets/" + ticket, "zendesk/tickets/" + ticket + "/ticket-opened")),
                null, null, new Actor(users.get(i % users.size()), "ticket assignee", "assigned to the ticket"),
                NOW.minus(Duration.ofDays(1)), FindingStore.State.OPEN, null);
    }

    /** Stores the findings as one evaluation of their customers (a customer's findings must all be given). */
    private void save(List<StoredFinding> all) {
        Set<String> customers = all.stream().map(StoredFinding::customerKey).collect(Collectors.toSet());
        findings.save(customers, all, Set.of(), NOW);
    }

    private static Set<String> keys(List<StoredFinding> fs) {
        return fs.stream().map(StoredFinding::key).collect(Collectors.toSet());
    }

    /** The org's live Tasks that carry a finding marker line, by finding key. */
    private static Map<String, List<Map<String, Object>>> findingTasks() {
        Map<String, List<Map<String, Object>>> out = new TreeMap<>();
        for (Map<String, Object> t : liveRows("Task")) {
            String description = (String) t.get("Description");
            if (description == null) {
                continue;
            }
            for (String line : description.split("\n")) {
                if (line.startsWith(FindingWrites.MARKER)) {
                    out.computeIfAbsent(line.substring(FindingWrites.MARKER.length()), k -> new ArrayList<>()).add(t);
                }
            }
        }
        return out;
    }

    private void assertLedgerHoldsTheOrgsIds(Map<String, List<Map<String, Object>>> tasks) {
        Map<String, WritebackLedger.Entry> entries = ledger.entries(FindingWrites.TASK_KIND);
        assertThat(entries.keySet()).isEqualTo(tasks.keySet());
        entries.forEach((key, e) -> {
            assertThat(e.state()).as(key).isEqualTo(WritebackLedger.State.WRITTEN);
            assertThat(e.crmId()).as(key).isEqualTo(tasks.get(key).get(0).get("Id"));
        });
    }

    /** Every SOAP call the simulator received (the OAuth token request is no API call). */
    private static long soapCalls() {
        return counters.snapshot().entrySet().stream().filter(e -> !e.getKey().equals("oauthToken"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static long writeCalls() {
        return counters.get("create") + counters.get("update") + counters.get("upsert");
    }

    /** The org's rows that are not deleted, copied (the simulator is idle while a test reads them). */
    private static List<Map<String, Object>> liveRows(String sobject) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : List.copyOf(sim.org().rows(sobject))) {
            if (!Boolean.TRUE.equals(row.get("IsDeleted"))) {
                out.add(new LinkedHashMap<>(row));
            }
        }
        return out;
    }

    /** Stores the rows' Id and one field as the Salesforce pull would have stored the records. */
    private void storeAsPulled(String sobject, List<Map<String, Object>> rows, String field) {
        List<RawRecord> records = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> payload = new HashMap<>();
            payload.put("Id", row.get("Id"));
            if (row.get(field) != null) {
                payload.put(field, row.get(field));
            }
            records.add(new RawRecord((String) row.get("Id"), NOW.minus(Duration.ofDays(3)), false, payload));
        }
        raw.storePage("salesforce", sobject, records, null);
    }

    /** A clock a test moves on, e.g. to the next day. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the write-back reads UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
