package dev.journeyconnector.app;

import dev.journeyconnector.insight.InsightStage;
import dev.journeyconnector.insight.RuleSet;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.mapping.MappingSet;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.SyntheticStore;
import dev.journeyconnector.store.TouchpointStore;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static dev.journeyconnector.app.Benchmarks.seconds;
import static dev.journeyconnector.app.Benchmarks.since;

/**
 * {@code journey bench insights [--customers N] [--touched M]}: how long the insight evaluation takes at scale.
 * Builds a synthetic journey of N customers in a fresh embedded store in a temporary folder (never the
 * connector's own store), evaluates every customer with the shipped rules, touches M customers (one new
 * touchpoint each, as a sync would) and runs the incremental evaluation, then prints the times, the heap used
 * and the machine. The temporary store is deleted afterwards.
 */
final class InsightBenchmark {
    private static final long SEED = 20260701L;

    private InsightBenchmark() {
    }

    static int run(JourneyConfig config, Map<String, String> options, PrintStream out, PrintStream err) {
        int customers;
        int touched;
        try {
            customers = Integer.parseInt(options.getOrDefault("customers", "100000"));
            touched = Integer.parseInt(options.getOrDefault("touched", "1000"));
        } catch (NumberFormatException e) {
            err.println("journey bench insights: --customers and --touched take whole numbers (" + e.getMessage() + ")");
            return JourneyConnector.BAD_CONFIG;
        }
        if (customers < 1 || touched < 0 || touched > customers) {
            err.println("journey bench insights: --customers must be at least 1 and --touched between 0 and it");
            return JourneyConnector.BAD_CONFIG;
        }
        RuleSet rules;
        try {
            MappingSet model = MappingCheck.load(config.journey().mappingsDir(), config.routesDir());
            rules = InsightCommands.rulesFile(config.journey().mappingsDir(), () -> model).get();
        } catch (MappingException e) {
            err.println("journey bench insights: the " + MappingCheck.problems(config.journey().mappingsDir(),
                    config.routesDir(), e));
            return JourneyConnector.BAD_CONFIG;
        }
        return Benchmarks.inFreshStore("journey bench insights", db -> measure(db, rules, customers, touched, out),
                err);
    }

    private static int measure(Database db, RuleSet rules, int customers, int touched, PrintStream out) {
        Instant now = Instant.now();
        out.printf(Locale.ROOT, "Insight benchmark: %,d synthetic customers, %,d touched, rules from %s%n",
                customers, touched, rules.source());
        out.println(Benchmarks.machine());
        out.println();

        long t0 = System.nanoTime();
        SyntheticStore.Written written = new SyntheticStore(db.dataSource(), SEED, now).write(customers);
        Duration generate = since(t0);
        out.printf(Locale.ROOT, "  synthetic store written (COPY)  %8.1f s   %s%n", seconds(generate), written.rows());

        InsightStage stage = InsightCommands.stage(db.dataSource(), () -> rules, Clock.systemUTC());
        Benchmarks.HeapPeak heap = new Benchmarks.HeapPeak();
        t0 = System.nanoTime();
        stage.evaluateAll();
        Duration full = since(t0);
        long fullPeak = heap.peakMbAndReset();
        InsightStage.Counts afterFull = stage.counts();
        out.printf(Locale.ROOT, "  full evaluation                 %8.1f s   %,d customers, %,d findings stored,"
                        + " heap peak %,d MB%n", seconds(full), afterFull.customersEvaluated(),
                afterFull.changes().opened() + afterFull.changes().resolved(), fullPeak);

        touch(db, customers, touched, now);
        t0 = System.nanoTime();
        stage.evaluate();
        Duration incremental = since(t0);
        long incrementalPeak = heap.peakMbAndReset();
        long evaluatedIncrementally = stage.counts().customersEvaluated() - afterFull.customersEvaluated();
        out.printf(Locale.ROOT, "  incremental evaluation          %8.1f s   %,d customers (%,d touched), heap peak"
                + " %,d MB%n", seconds(incremental), evaluatedIncrementally, touched, incrementalPeak);
        out.printf(Locale.ROOT, "  incremental / full              %8.1f %%%n",
                100.0 * incremental.toNanos() / Math.max(1, full.toNanos()));
        out.println();
        out.println("Findings by rule after the full evaluation");
        out.print(dev.journeyconnector.insight.FindingsText.byRuleAndState(afterFull.byRuleAndState(), "  "));
        return JourneyConnector.OK;
    }

    /** One new touchpoint (a follow-up call today) for each of {@code touched} distinct customers, as a sync would bring. */
    private static void touch(Database db, int customers, int touched, Instant now) {
        Random random = new Random(SEED + 1);
        List<Integer> all = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, random);
        List<Touchpoint> fresh = new ArrayList<>(touched);
        for (int i : all.subList(0, touched)) {
            fresh.add(new Touchpoint(new Touchpoint.Key(Touchpoint.Source.SALESFORCE, "Task",
                    String.format("00TBench%09dA", i), "call"), SyntheticStore.customerKey(i), "engagement", "phone",
                    "sales", "desktop", Sentiment.NEUTRAL, now.minusSeconds(60), "Follow-up call", null));
        }
        new TouchpointStore(db.dataSource()).upsert(fresh);
    }
}
