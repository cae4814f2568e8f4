package dev.journeyconnector.app;

import dev.journeyconnector.insight.InsightStage;
import dev.journeyconnector.insight.RuleSet;
import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.mapping.MappingSet;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.JourneyContextStore;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.SyntheticStore;
import dev.journeyconnector.store.WritebackLedger;
import dev.journeyconnector.store.WritebackLedger.Entry;
import dev.journeyconnector.store.WritebackLedger.State;
import dev.journeyconnector.writeback.ContextWrites;
import dev.journeyconnector.writeback.CrmWrite;
import dev.journeyconnector.writeback.FindingWrites;
import dev.journeyconnector.writeback.JourneyContext;
import dev.journeyconnector.writeback.OrgCapabilities;
import dev.journeyconnector.writeback.WriteBackSettings;
import dev.journeyconnector.writeback.WriteBackStage;
import dev.journeyconnector.writeback.WritePlan;
import dev.journeyconnector.writeback.WriteSource;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.journeyconnector.app.Benchmarks.seconds;
import static dev.journeyconnector.app.Benchmarks.since;

/**
 * {@code journey bench writeback [--customers N]}: how long the write-back takes to plan at scale, and how much
 * heap, without Salesforce. Builds a synthetic journey of N customers in a fresh embedded store in a temporary folder
 * (never the connector's own store), evaluates every customer with the shipped rules so that findings exist, then
 * plans the write-back of an org without our metadata (Task mode: a Task per finding, a journey summary Task per
 * Contact) twice: against an empty ledger, as the first run after installing the connector, where every record is
 * a create; and, after marking every planned record written as a successful send would, in the steady state, where
 * nothing changed and nothing may be planned. Each plan is {@link WriteBackStage#compare}: every source computes
 * every record it wants and each is compared with the ledger, which is the cost every cycle pays.
 */
final class WritebackBenchmark {
    private static final String COMMAND = "journey bench writeback";
    private static final long SEED = 20260701L;

    private WritebackBenchmark() {
    }

    static int run(JourneyConfig config, Map<String, String> options, PrintStream out, PrintStream err) {
        int customers;
        try {
            customers = Integer.parseInt(options.getOrDefault("customers", "100000"));
        } catch (NumberFormatException e) {
            err.println(COMMAND + ": --customers takes a whole number (" + e.getMessage() + ")");
            return JourneyConnector.BAD_CONFIG;
        }
        if (customers < 1) {
            err.println(COMMAND + ": --customers must be at least 1");
            return JourneyConnector.BAD_CONFIG;
        }
        MappingSet model;
        RuleSet rules;
        try {
            model = MappingCheck.load(config.journey().mappingsDir(), config.routesDir());
            rules = InsightCommands.rulesFile(config.journey().mappingsDir(), () -> model).get();
        } catch (MappingException e) {
            err.println(COMMAND + ": the " + MappingCheck.problems(config.journey().mappingsDir(), config.routesDir(), e));
            return JourneyConnector.BAD_CONFIG;
        }
        return Benchmarks.inFreshStore(COMMAND, db -> measure(db, model, rules, customers, out, err), err);
    }

    /**
     * One plan's figures, for the table; the plan itself is not kept, so that the next plan's heap peak is its own.
     *
     * @param contexts journey summary Tasks wanted: one per Contact with a context
     */
    private record Measured(String name, int writes, long creates, int calls, long contexts, int unchanged,
                            String byKind, Map<String, Integer> skipped, Duration time, long heapMb) {
        static Measured of(String name, WritePlan plan, Duration time, long heapMb) {
            long contexts = plan.counts().getOrDefault(ContextWrites.SUMMARY_KIND, Map.of()).values().stream()
                    .mapToLong(Integer::longValue).sum() + plan.unchanged().getOrDefault(ContextWrites.SUMMARY_KIND, 0);
            return new Measured(name, plan.writes().size(),
                    plan.writes().stream().filter(p -> p.op() == WritePlan.Op.CREATE).count(), plan.callsToSend(),
                    contexts, plan.unchangedTotal(), WritebackBenchmark.byKind(plan), plan.skipped(), time, heapMb);
        }
    }

    private static int measure(Database db, MappingSet model, RuleSet rules, int customers, PrintStream out,
                               PrintStream err) {
        DataSource ds = db.dataSource();
        out.printf(Locale.ROOT, "Write-back planning benchmark: %,d synthetic customers, Task mode, rules from %s%n",
                customers, rules.source());
        out.println(Benchmarks.machine());
        out.println();

        long t0 = System.nanoTime();
        SyntheticStore.Written written = new SyntheticStore(ds, SEED, Instant.now()).write(customers);
        out.printf(Locale.ROOT, "  synthetic store written (COPY)        %8.1f s   %s%n", seconds(since(t0)),
                written.rows());
        InsightStage insights = InsightCommands.stage(ds, () -> rules, Clock.systemUTC());
        t0 = System.nanoTime();
        insights.evaluateAll();
        long findings = new FindingStore(ds).countByRuleAndState().values().stream()
                .flatMap(byState -> byState.values().stream()).mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "  full insight evaluation               %8.1f s   %,d findings stored%n",
                seconds(since(t0)), findings);

        WritebackLedger ledger = new WritebackLedger(ds);
        List<WriteSource> sources = sources(ds, model, rules);
        Benchmarks.HeapPeak heap = new Benchmarks.HeapPeak();
        t0 = System.nanoTime();
        Measured first = firstPlan(ledger, sources, heap, out);
        heap.peakMbAndReset();
        t0 = System.nanoTime();
        WritePlan steadyPlan = WriteBackStage.compare(ledger, sources, OrgCapabilities.TASKS_ONLY);
        Measured steady = Measured.of("steady (all written)", steadyPlan, since(t0), heap.peakMbAndReset());

        out.println();
        table(out, customers, findings, List.of(first, steady));
        out.println();
        out.println("First plan, by kind: " + first.byKind());
        first.skipped().forEach((reason, n) -> out.printf(Locale.ROOT, "  left out %,d: %s%n", n, reason));
        if (steady.writes() > 0) {
            err.printf(Locale.ROOT, "%s: the steady-state plan has %,d writes where nothing changed (expected 0): %s%n",
                    COMMAND, steady.writes(), steady.byKind());
            return JourneyConnector.FAILED;
        }
        out.printf(Locale.ROOT, "Steady state: 0 writes, as expected (%,d unchanged records, no call)%n",
                steady.unchanged());
        return JourneyConnector.OK;
    }

    /**
     * Plans against the empty ledger, then marks every planned record written; only the figures outlive this
     * method, so the steady plan's heap peak does not include the first plan.
     */
    private static Measured firstPlan(WritebackLedger ledger, List<WriteSource> sources, Benchmarks.HeapPeak heap,
                                      PrintStream out) {
        long t0 = System.nanoTime();
        WritePlan plan = WriteBackStage.compare(ledger, sources, OrgCapabilities.TASKS_ONLY);
        Measured first = Measured.of("first (empty ledger)", plan, since(t0), heap.peakMbAndReset());
        t0 = System.nanoTime();
        markWritten(ledger, plan);
        out.printf(Locale.ROOT, "  ledger: every planned record written  %8.1f s   %,d records, as %,d successful"
                + " calls would%n", seconds(since(t0)), plan.writes().size(), plan.callsToSend());
        return first;
    }

    /** The sources a connector has in Task mode, built as {@link ConnectorRun} builds them. */
    private static List<WriteSource> sources(DataSource ds, MappingSet model, RuleSet rules) {
        WriteBackSettings settings = WriteBackSettings.defaults().withMode(OrgCapabilities.Mode.TASKS);
        FindingWrites findingWrites = new FindingWrites(new FindingStore(ds), new RawStore(ds), settings,
                (ruleId, personaId) -> ConnectorRun.thresholds(rules, ruleId, personaId), Clock.systemUTC());
        JourneyContext.Labels labels = JourneyContext.Labels.of(model.vocabulary(), model.personas());
        return List.of(findingWrites.tasks(),
                ContextWrites.summaryTasks(new JourneyContextStore(ds, labels)::forEachBatch, settings));
    }

    /**
     * Records every planned write as sent and stored, call by call as {@link WriteBackStage#send} does: SENDING
     * before the call, WRITTEN with the new record's id after, here a made-up Task id.
     */
    private static void markWritten(WritebackLedger ledger, WritePlan plan) {
        List<WritePlan.Planned> writes = plan.writes();
        for (int from = 0; from < writes.size(); from += WriteBackStage.BATCH) {
            List<WritePlan.Planned> chunk = writes.subList(from, Math.min(writes.size(), from + WriteBackStage.BATCH));
            List<Entry> sending = new ArrayList<>(chunk.size());
            List<Entry> done = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                CrmWrite w = chunk.get(i).write();
                String hash = w.contentHash();
                sending.add(new Entry(w.kind(), w.key(), w.sobject(), null, hash, State.SENDING, null, w.locator(), null));
                done.add(new Entry(w.kind(), w.key(), w.sobject(), String.format(Locale.ROOT, "00TBw%010dAAA", from + i),
                        hash, State.WRITTEN, null));
            }
            ledger.markSending(sending);
            ledger.recordOutcomes(done);
        }
    }

    private static void table(PrintStream out, int customers, long findings, List<Measured> rows) {
        out.printf(Locale.ROOT, "  %-22s %10s %10s %10s %15s %10s %9s %14s%n", "plan", "customers", "findings",
                "contexts", "planned writes", "calls", "seconds", "heap peak MB");
        for (Measured m : rows) {
            out.printf(Locale.ROOT, "  %-22s %,10d %,10d %,10d %,15d %,10d %9.1f %,14d%n", m.name(), customers,
                    findings, m.contexts(), m.writes(), m.calls(), seconds(m.time()), m.heapMb());
        }
        out.printf(Locale.ROOT, "  (findings: stored; contexts: journey summary Tasks wanted; calls: create calls of"
                + " up to %d records; first plan: %,d of its writes are creates)%n", WriteBackStage.BATCH, rows.get(0).creates());
    }

    /** "finding-task 12 create, journey-summary 200 create". */
    private static String byKind(WritePlan plan) {
        Map<String, String> parts = new TreeMap<>();
        plan.counts().forEach((kind, ops) -> {
            List<String> each = new ArrayList<>();
            ops.forEach((op, n) -> each.add(String.format(Locale.ROOT, "%,d %s", n, op.wireName())));
            parts.put(kind, String.join(", ", each));
        });
        plan.unchanged().forEach((kind, n) -> parts.merge(kind, String.format(Locale.ROOT, "%,d unchanged", n),
                (a, b) -> a + ", " + b));
        if (parts.isEmpty()) {
            return "nothing";
        }
        List<String> out = new ArrayList<>();
        parts.forEach((kind, what) -> out.add(kind + " " + what));
        return String.join("; ", out);
    }
}
