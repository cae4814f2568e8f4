package dev.journeyconnector.writeback;

import dev.journeyconnector.salesforce.client.ApiUsage;
import dev.journeyconnector.salesforce.client.FailureKind;
import dev.journeyconnector.salesforce.client.QueryPage;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import dev.journeyconnector.salesforce.client.SalesforceException;
import dev.journeyconnector.salesforce.client.SaveOutcome;
import dev.journeyconnector.salesforce.client.Soql;
import dev.journeyconnector.store.WritebackLedger;
import dev.journeyconnector.store.WritebackLedger.DeadLetter;
import dev.journeyconnector.store.WritebackLedger.Entry;
import dev.journeyconnector.store.WritebackLedger.State;
import dev.journeyconnector.writeback.WritePlan.Op;
import dev.journeyconnector.writeback.WritePlan.Planned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps Salesforce in step with what the write-back sources want, exactly once and within a budget.
 *
 * <p>Each cycle: find again the records an interrupted run sent but never stored ({@link #reconcile}); compare what
 * every source wants with the ledger and plan only the records whose content changed ({@link #plan}); send them 200
 * per call, marking each {@code SENDING} in the ledger before the call and {@code WRITTEN} with its id after
 * ({@link #send}). Per-record refusals are sorted by what helps: UNABLE_TO_LOCK_ROW is sent again on its own a few
 * times, grouped by parent record; other retryable ones wait for the next cycle; permanent ones go to the dead-letter
 * table and are never sent again until `journey writeback retry`. A spent allocation (the org's, or the write-back's
 * own share of it) stops writing for the cycle; concurrent-request limits back off and try again.
 */
public final class WriteBackStage {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBackStage.class);
    /** create(), update() and upsert() take at most 200 records per call. */
    public static final int BATCH = 200;
    /** Ids per reconciliation query: keeps the SOQL far below its 100,000-character limit. */
    private static final int IDS_PER_QUERY = 200;
    /** How far before the interrupted send a reconciliation looks for the record (clock skew, slow calls). */
    private static final Duration RECONCILE_MARGIN = Duration.ofMinutes(10);

    /** How the stage waits before a retry; tests replace it. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final SalesforceClient client;
    private final WritebackLedger ledger;
    private final List<WriteSource> sources;
    private final WriteBackSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private volatile OrgCapabilities org;
    private volatile WriteReport total = WriteReport.NONE;
    private volatile WritePlan lastPlan;
    private volatile java.util.function.BooleanSupplier ready = () -> true;
    private volatile boolean saidWaiting;

    public WriteBackStage(SalesforceClient client, WritebackLedger ledger, List<WriteSource> sources,
                          WriteBackSettings settings, Clock clock, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.sources = List.copyOf(sources);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        requireDistinctKinds(this.sources);
    }

    /** The ledger tells records apart by kind and key: two sources of one kind would plan each other's records. */
    private static void requireDistinctKinds(List<WriteSource> sources) {
        long kinds = sources.stream().map(WriteSource::kind).distinct().count();
        if (kinds != sources.size()) {
            throw new IllegalArgumentException("two write-back sources share a kind");
        }
    }

    /**
     * Writes nothing until {@code ready} says so. A connector that analyses while its first pulls are still
     * arriving sees half a journey (a won deal whose onboarding call is not pulled yet) and would raise alerts it
     * completes a minute later; reps would see both.
     */
    public WriteBackStage startWhen(java.util.function.BooleanSupplier ready) {
        this.ready = Objects.requireNonNull(ready, "ready");
        return this;
    }

    public WriteBackSettings settings() {
        return settings;
    }

    /** What the org offers, asked once (the client caches each describe). */
    public OrgCapabilities org() {
        OrgCapabilities known = org;
        if (known == null) {
            long before = calls();
            known = OrgCapabilities.detect(client, settings.mode());
            spend(calls() - before);
            org = known;
            LOG.info("Write-back: {}", known.describe());
        }
        return known;
    }

    /** What every run so far wrote. */
    public WriteReport report() {
        return total;
    }

    /** The last plan made (a dry run's listing). */
    public WritePlan lastPlan() {
        return lastPlan;
    }

    /** One cycle: reconcile, plan, send; or in a dry run, plan and keep the plan to print. */
    public WritePlan plan() {
        OrgCapabilities capabilities = org();
        if (!ready.getAsBoolean()) {
            if (!saidWaiting) {
                saidWaiting = true;
                LOG.info("Write-back waits until every pull has finished its first poll of this run");
            }
            WritePlan nothing = WritePlan.nothing(capabilities);
            lastPlan = nothing;
            return nothing;
        }
        int reconciled = settings.dryRun() ? 0 : reconcile();
        WritePlan plan = plan(capabilities, reconciled);
        lastPlan = plan;
        LOG.info("Write-back plan: {} to send, {} unchanged, {} dead-lettered, {} reconciled", plan.writes().size(),
                plan.unchangedTotal(), plan.dead(), plan.reconciled());
        return plan;
    }

    /** Sends a plan (nothing in a dry run) and returns what this cycle did. */
    public WriteReport send(WritePlan plan) {
        if (settings.dryRun()) {
            LOG.info("Write-back dry run: {} record(s) would be sent, none was", plan.writes().size());
            WriteReport r = new WriteReport(0, 0, plan.unchangedTotal(), 0, 0, 0, 0, 0, Map.of(), null,
                    plan.org().describe(), plan.skipped());
            total = total.plus(r);
            return r;
        }
        Cycle cycle = new Cycle(plan);
        cycle.run();
        WriteReport r = cycle.report();
        total = total.plus(r);
        if (r.written() + r.deadLettered() + r.failed() + r.deferred() > 0) {
            LOG.info("Write-back: {} created, {} updated, {} unchanged, {} dead-lettered, {} to retry, {} deferred,"
                    + " {} API calls{}", r.created(), r.updated(), r.unchanged(), r.deadLettered(), r.failed(),
                    r.deferred(), r.calls(), r.stopped() == null ? "" : "; stopped: " + r.stopped());
        }
        return r;
    }

    /** {@link #plan()} then {@link #send}. */
    public WriteReport run() {
        return send(plan());
    }

    // ---- planning ----

    private WritePlan plan(OrgCapabilities capabilities, int reconciled) {
        return compare(ledger, sources, capabilities, reconciled);
    }

    /**
     * What the sources want, compared with what the ledger says Salesforce holds, for an org offering
     * {@code capabilities}: the plan a cycle makes after reconciling, without asking Salesforce anything (no
     * describe, no reconciliation). A create an interrupted run left {@code SENDING} is therefore not planned but
     * counted as awaiting reconciliation, as in a dry run. For measuring the planning on its own
     * ({@code journey bench writeback}); a cycle uses {@link #plan()}.
     */
    public static WritePlan compare(WritebackLedger ledger, List<WriteSource> sources, OrgCapabilities capabilities) {
        requireDistinctKinds(sources);
        return compare(ledger, sources, capabilities, 0);
    }

    private static WritePlan compare(WritebackLedger ledger, List<WriteSource> sources, OrgCapabilities capabilities,
                                     int reconciled) {
        List<Planned> writes = new ArrayList<>();
        Map<String, Integer> unchanged = new TreeMap<>();
        Map<String, Integer> skipped = new TreeMap<>();
        int dead = 0;
        for (WriteSource source : sources) {
            Map<String, Entry> written = ledger.entries(source.kind());
            WriteSource.Wanted wanted = source.wanted(capabilities, written.keySet());
            // The finding sources look at the same findings: a finding left out is counted once, not per source.
            wanted.skipped().forEach((reason, n) -> skipped.merge(reason, n, Math::max));
            for (CrmWrite w : wanted.writes()) {
                if (!w.kind().equals(source.kind())) {
                    throw new IllegalStateException("source " + source.kind() + " wants a record of kind " + w.kind());
                }
                Entry e = written.get(w.key());
                if (e != null && e.state() == State.DEAD) {
                    dead++;
                    continue;
                }
                if (e != null && e.state() == State.SENDING && e.crmId() == null) {
                    // A create still in flight (a dry run does not reconcile): creating it again could make two.
                    skipped.merge("records awaiting reconciliation of an interrupted send", 1, Integer::sum);
                    continue;
                }
                if (e != null && e.state() == State.WRITTEN && w.contentHash().equals(e.contentHash())
                        && (w.operation() != CrmWrite.Operation.UPDATE || w.crmId().equals(e.crmId()))) {
                    unchanged.merge(w.kind(), 1, Integer::sum);
                    continue;
                }
                writes.add(switch (w.operation()) {
                    case UPDATE -> new Planned(w, Op.UPDATE, w.crmId());
                    case UPSERT -> new Planned(w, Op.UPSERT, null);
                    case SAVE -> e != null && e.crmId() != null ? new Planned(w, Op.UPDATE, e.crmId())
                            : new Planned(w, Op.CREATE, null);
                });
            }
        }
        return new WritePlan(capabilities, writes, unchanged, skipped, dead, reconciled);
    }

    // ---- reconciliation after an interrupted send ----

    /**
     * Settles the ledger rows an earlier run left {@code SENDING}: an update is simply sent again (it is idempotent);
     * a create is looked up by its marker line or external id, stored as written when found and forgotten (so the
     * plan creates it) when not.
     *
     * @return how many records were found in Salesforce
     */
    int reconcile() {
        List<Entry> inFlight = ledger.inFlight();
        if (inFlight.isEmpty()) {
            return 0;
        }
        String spent = budgetSpent();
        if (spent != null) {
            LOG.warn("Write-back: {} record(s) left in flight by an earlier run wait for reconciliation: {}",
                    inFlight.size(), spent);
            return 0;
        }
        long before = calls();
        List<Entry> resend = new ArrayList<>();
        List<Entry> byMarker = new ArrayList<>();
        List<Entry> byExternalId = new ArrayList<>();
        for (Entry e : inFlight) {
            if (e.crmId() != null) {
                resend.add(new Entry(e.kind(), e.key(), e.crmObject(), e.crmId(), null, State.FAILED,
                        "interrupted while sending; sent again"));
            } else if (e.locator().containsKey(CrmWrite.EXTERNAL_ID)) {
                byExternalId.add(e);
            } else if (e.locator().containsKey(CrmWrite.MARKER)) {
                byMarker.add(e);
            } else {
                resend.add(new Entry(e.kind(), e.key(), e.crmObject(), null, null, State.FAILED,
                        "interrupted while sending; no way to find it again"));
            }
        }
        ledger.recordOutcomes(resend);
        Map<Entry, String> found = new LinkedHashMap<>();
        findByMarker(byMarker, found);
        findByExternalId(byExternalId, found);
        List<Entry> writtenNow = new ArrayList<>();
        List<Entry> gone = new ArrayList<>();
        for (Entry e : concat(byMarker, byExternalId)) {
            String id = found.get(e);
            if (id != null) {
                writtenNow.add(new Entry(e.kind(), e.key(), e.crmObject(), id, e.contentHash(), State.WRITTEN, null));
            } else {
                gone.add(e);
            }
        }
        ledger.recordOutcomes(writtenNow);
        ledger.forget(gone);
        spend(calls() - before);
        LOG.info("Write-back: {} record(s) left in flight by an earlier run: {} found in Salesforce, {} never arrived"
                + " (created again), {} updates sent again", inFlight.size(), writtenNow.size(), gone.size(), resend.size());
        return writtenNow.size();
    }

    private void findByMarker(List<Entry> entries, Map<Entry, String> found) {
        Map<String, List<Entry>> byObject = entries.stream().collect(Collectors.groupingBy(Entry::crmObject,
                LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Entry>> group : byObject.entrySet()) {
            String sobject = group.getKey();
            Instant since = group.getValue().stream().map(Entry::updatedAt).min(Comparator.naturalOrder())
                    .orElseThrow().minus(RECONCILE_MARGIN);
            Map<String, Entry> byMarkerLine = new HashMap<>();
            group.getValue().forEach(e -> byMarkerLine.put(e.locator().get(CrmWrite.MARKER), e));
            List<String> whoIds = group.getValue().stream().map(e -> e.locator().getOrDefault(CrmWrite.WHO_ID, ""))
                    .filter(w -> !w.isEmpty()).distinct().toList();
            boolean withoutWho = group.getValue().stream().anyMatch(e -> e.locator().getOrDefault(CrmWrite.WHO_ID, "").isEmpty());
            String base = "SELECT Id, Description FROM " + sobject + " WHERE CreatedDate >= " + Soql.datetime(since);
            for (int from = 0; from < whoIds.size(); from += IDS_PER_QUERY) {
                List<String> chunk = whoIds.subList(from, Math.min(whoIds.size(), from + IDS_PER_QUERY));
                scan(base + " AND WhoId IN (" + chunk.stream().map(Soql::quote).collect(Collectors.joining(", ")) + ")",
                        r -> (String) r.get("Description"), byMarkerLine, found);
            }
            if (withoutWho) {
                scan(base + " AND WhoId = null AND Subject LIKE " + Soql.likeStartsWith(settings.subjectPrefix()),
                        r -> (String) r.get("Description"), byMarkerLine, found);
            }
        }
    }

    private void findByExternalId(List<Entry> entries, Map<Entry, String> found) {
        Map<String, List<Entry>> groups = entries.stream().collect(Collectors.groupingBy(
                e -> e.crmObject() + "\u0000" + e.locator().get(CrmWrite.EXTERNAL_ID_FIELD), LinkedHashMap::new,
                Collectors.toList()));
        for (List<Entry> group : groups.values()) {
            String sobject = group.get(0).crmObject();
            String field = group.get(0).locator().get(CrmWrite.EXTERNAL_ID_FIELD);
            Map<String, Entry> byValue = new HashMap<>();
            group.forEach(e -> byValue.put(e.locator().get(CrmWrite.EXTERNAL_ID), e));
            List<String> values = new ArrayList<>(byValue.keySet());
            for (int from = 0; from < values.size(); from += IDS_PER_QUERY) {
                List<String> chunk = values.subList(from, Math.min(values.size(), from + IDS_PER_QUERY));
                String soql = "SELECT Id, " + field + " FROM " + sobject + " WHERE " + field + " IN ("
                        + chunk.stream().map(Soql::quote).collect(Collectors.joining(", ")) + ")";
                for (Map<String, Object> r : all(soql)) {
                    Entry e = byValue.get(String.valueOf(r.get(field)));
                    if (e != null) {
                        found.put(e, (String) r.get("Id"));
                    }
                }
            }
        }
    }

    /** Records whose text carries one of the marker lines: the marker is a line of its own. */
    private void scan(String soql, Function<Map<String, Object>, String> text, Map<String, Entry> byMarkerLine,
                      Map<Entry, String> found) {
        for (Map<String, Object> r : all(soql)) {
            String body = text.apply(r);
            if (body == null) {
                continue;
            }
            for (String line : body.split("\n")) {
                Entry e = byMarkerLine.get(line.strip());
                if (e != null && !found.containsKey(e)) {
                    found.put(e, (String) r.get("Id"));
                }
            }
        }
    }

    private List<Map<String, Object>> all(String soql) {
        List<Map<String, Object>> out = new ArrayList<>();
        QueryPage page = client.query(soql);
        out.addAll(page.records());
        while (!page.done()) {
            page = client.queryMore(page.queryLocator());
            out.addAll(page.records());
        }
        return out;
    }

    // ---- sending ----

    /** Why no further call may be made today, or null while the org's allocation and our share of it allow one. */
    private String budgetSpent() {
        ApiUsage usage = client.apiUsage();
        if (!usage.known()) {
            return null;
        }
        if (usage.used() >= usage.limit()) {
            return "the org's daily API allocation is spent (" + usage.used() + " of " + usage.limit() + ")";
        }
        long budget = (long) Math.floor(settings.budgetShare() * usage.limit());
        long spent = ledger.callsOn(today());
        if (spent >= budget) {
            return "the write-back's daily budget is spent (" + spent + " of " + budget + " calls, "
                    + Math.round(settings.budgetShare() * 100) + "% of the org's " + usage.limit() + ")";
        }
        return null;
    }

    /** One cycle's sending: batches, retries, dead letters, budget. */
    private final class Cycle {
        private final WritePlan plan;
        private long created;
        private long updated;
        private long deadLettered;
        private long failed;
        private long deferred;
        private long callsMade;
        private String stopped;
        private final Map<String, long[]> byKind = new TreeMap<>();
        private final List<Planned> locked = new ArrayList<>();

        Cycle(WritePlan plan) {
            this.plan = plan;
        }

        void run() {
            sendAll(plan.writes());
            retryLocked();
        }

        /** Sends in calls of up to 200 while the budget allows; what it cannot send is counted deferred. */
        private void sendAll(List<Planned> writes) {
            for (List<Planned> group : WritePlan.callGroups(writes)) {
                for (int from = 0; from < group.size(); from += BATCH) {
                    List<Planned> chunk = group.subList(from, Math.min(group.size(), from + BATCH));
                    if (stopped != null || !budgetAllowsCall()) {
                        deferred += chunk.size();
                        continue;
                    }
                    sendChunk(chunk);
                }
            }
        }

        WriteReport report() {
            return new WriteReport(created, updated, plan.unchangedTotal(), deadLettered, failed, deferred,
                    plan.reconciled(), callsMade, byKind, stopped, plan.org().describe(), plan.skipped());
        }

        private boolean budgetAllowsCall() {
            ApiUsage usage = client.apiUsage();
            if (usage.known() && usage.used() >= usage.limit() && callsMade == 0) {
                // The header is from the client's last answer, which may be hours old: the allocation is a rolling
                // 24-hour one and an admin may have raised it. Without a fresh look a write-back that spent the
                // allocation would never write again on this client.
                if (freshUsage() == null) {
                    return false;
                }
            }
            String reason = budgetSpent();
            if (reason != null) {
                stopped = reason;
                return false;
            }
            return true;
        }

        /** Asks Salesforce for its usage with the cheapest call there is; null (and stopped) when it refuses. */
        private ApiUsage freshUsage() {
            long before = calls();
            try {
                client.serverTime();
                return client.apiUsage();
            } catch (SalesforceException e) {
                stopped = (e.kind() == FailureKind.DAILY_LIMIT ? "the org's daily API allocation is spent ("
                        : "Salesforce did not answer the API usage check (") + e.faultCode() + ": " + e.getMessage() + ")";
                return null;
            } finally {
                long spent = calls() - before;
                callsMade += spent;
                spend(spent);
            }
        }

        private void sendChunk(List<Planned> chunk) {
            ledger.markSending(chunk.stream().map(p -> new Entry(p.write().kind(), p.write().key(), p.write().sobject(),
                    p.crmId(), p.write().contentHash(), State.SENDING, null, p.write().locator(), null)).toList());
            List<SaveOutcome> outcomes = null;
            int attempt = 0;
            while (outcomes == null) {
                long before = calls();
                try {
                    outcomes = call(chunk);
                } catch (SalesforceException e) {
                    if (!callFailed(chunk, e, attempt++)) {
                        return;
                    }
                } finally {
                    long spent = calls() - before;
                    callsMade += spent;
                    spend(spent);
                }
            }
            if (outcomes.size() != chunk.size()) {
                throw new IllegalStateException("Salesforce answered " + outcomes.size() + " results for "
                        + chunk.size() + " records");
            }
            List<Entry> done = new ArrayList<>();
            List<DeadLetter> dead = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Planned p = chunk.get(i);
                SaveOutcome o = outcomes.get(i);
                CrmWrite w = p.write();
                if (o.success()) {
                    boolean isCreate = p.op() == Op.CREATE || p.op() == Op.UPSERT && o.created();
                    if (isCreate) {
                        created++;
                    } else {
                        updated++;
                    }
                    byKind.computeIfAbsent(w.kind(), k -> new long[2])[isCreate ? 0 : 1]++;
                    done.add(new Entry(w.kind(), w.key(), w.sobject(), o.id(), w.contentHash(), State.WRITTEN, null));
                } else if ("UNABLE_TO_LOCK_ROW".equals(o.statusCode())) {
                    locked.add(p);
                    done.add(new Entry(w.kind(), w.key(), w.sobject(), null, null, State.FAILED, reason(o)));
                } else if (o.failureKind() == FailureKind.RETRYABLE) {
                    failed++;
                    done.add(new Entry(w.kind(), w.key(), w.sobject(), null, null, State.FAILED, reason(o)));
                } else {
                    deadLettered++;
                    LOG.warn("Write-back: Salesforce refused {} ({}): {}; dead-lettered, see `journey writeback dead-letters`",
                            w.label(), p.op().wireName(), reason(o));
                    dead.add(new DeadLetter(w.kind(), w.key(), w.sobject(), p.op().wireName(), payload(p),
                            o.statusCode(), o.errors().isEmpty() ? "refused without a reason" : o.errors().get(0).message(),
                            o.errors().isEmpty() ? List.of() : o.errors().get(0).fields(), null, 1));
                }
            }
            ledger.recordOutcomes(done);
            ledger.deadLetter(dead);
        }

        /**
         * A whole call failed.
         *
         * @return true to send the chunk again
         */
        private boolean callFailed(List<Planned> chunk, SalesforceException e, int attempt) {
            if ("IO".equals(e.faultCode())) {
                // The call may have reached Salesforce: its records stay SENDING for the next cycle's reconcile.
                stopped = "the connection to Salesforce failed: " + e.getMessage();
                failed += chunk.size();
                LOG.warn("Write-back: {}; {} record(s) will be looked up and settled next cycle", stopped, chunk.size());
                return false;
            }
            if (e.kind() == FailureKind.RETRYABLE && attempt < settings.concurrencyRetries()) {
                Duration wait = settings.backoff().multipliedBy(1L << attempt);
                LOG.info("Write-back: {} ({}); trying again in {} s", e.faultCode(), e.getMessage(), wait.toSeconds());
                pause(wait);
                return true;
            }
            String reason = e.faultCode() + ": " + e.getMessage();
            if (e.kind() == FailureKind.PERMANENT) {
                deadLettered += chunk.size();
                LOG.error("Write-back: Salesforce refused a whole call of {} {} record(s): {}; dead-lettered",
                        chunk.size(), chunk.get(0).write().sobject(), reason);
                ledger.deadLetter(chunk.stream().map(p -> new DeadLetter(p.write().kind(), p.write().key(),
                        p.write().sobject(), p.op().wireName(), payload(p), e.faultCode(), e.getMessage(), List.of(),
                        null, 1)).toList());
                return false;
            }
            stopped = switch (e.kind()) {
                case DAILY_LIMIT -> "the org's daily API allocation is spent (" + reason + ")";
                case AUTH -> "Salesforce refused the credentials (" + reason + ")";
                default -> "Salesforce kept failing (" + reason + ")";
            };
            failed += chunk.size();
            ledger.recordOutcomes(chunk.stream().map(p -> new Entry(p.write().kind(), p.write().key(),
                    p.write().sobject(), null, null, State.FAILED, "not sent: " + reason)).toList());
            LOG.warn("Write-back stopped for this cycle: {}", stopped);
            return false;
        }

        /** Records refused with UNABLE_TO_LOCK_ROW, sent again on their own, grouped by parent, a bounded number of times. */
        private void retryLocked() {
            for (int attempt = 0; attempt < settings.lockRetries() && !locked.isEmpty() && stopped == null; attempt++) {
                pause(settings.backoff().multipliedBy(1L << attempt));
                List<Planned> again = new ArrayList<>(locked);
                locked.clear();
                sendAll(again);
            }
            if (!locked.isEmpty()) {
                failed += locked.size();
                LOG.warn("Write-back: {} record(s) still locked after {} retries; next cycle", locked.size(),
                        settings.lockRetries());
                locked.clear();
            }
        }

        private List<SaveOutcome> call(List<Planned> chunk) {
            Planned first = chunk.get(0);
            String sobject = first.write().sobject();
            List<Map<String, Object>> records = chunk.stream().map(WriteBackStage::payload).toList();
            return switch (first.op()) {
                case CREATE -> client.create(sobject, records);
                case UPDATE -> client.update(sobject, records);
                case UPSERT -> client.upsert(sobject, first.write().locator().get(CrmWrite.EXTERNAL_ID_FIELD), records);
            };
        }
    }

    /** The fields sent for one planned write: content, plus the create-only ones on create and upsert, plus the Id. */
    static Map<String, Object> payload(Planned p) {
        Map<String, Object> out = new LinkedHashMap<>();
        CrmWrite w = p.write();
        boolean creating = p.op() != Op.UPDATE;
        w.fields().forEach((k, v) -> {
            if (v != null || !creating) {
                out.put(k, v);
            }
        });
        if (creating) {
            w.createOnly().forEach((k, v) -> {
                if (v != null) {
                    out.put(k, v);
                }
            });
        } else {
            out.put("Id", p.crmId());
        }
        return out;
    }

    private static String reason(SaveOutcome o) {
        return o.errors().stream().map(e -> e.statusCode() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a write-back", e);
        }
    }

    private long calls() {
        return client.callCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    private void spend(long calls) {
        if (calls > 0) {
            ApiUsage usage = client.apiUsage();
            ledger.spend(today(), calls, usage.used(), usage.limit());
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
