package dev.journeyconnector.app;

import dev.journeyconnector.insight.InsightStage;
import dev.journeyconnector.insight.RuleSet;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.mapping.MappingSet;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.StoreException;
import dev.journeyconnector.store.SyntheticStore;
import dev.journeyconnector.store.TouchpointStore;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

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
        Path dir;
        try {
            dir = Files.createTempDirectory("journey-bench");
        } catch (IOException e) {
            err.println("journey bench insights: cannot create a temporary folder: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
        try (Database db = Database.open(new JourneyConfig.Database("", "", "", 4), dir)) {
            return measure(db, rules, customers, touched, out);
        } catch (StoreException e) {
            err.println("journey bench insights: " + e.getMessage());
            return JourneyConnector.FAILED;
        } finally {
            delete(dir);
        }
    }

    private static int measure(Database db, RuleSet rules, int customers, int touched, PrintStream out) {
        Instant now = Instant.now();
        out.printf(Locale.ROOT, "Insight benchmark: %,d synthetic customers, %,d touched, rules from %s%n",
                customers, touched, rules.source());
        out.println(machine());
        out.println();

        long t0 = System.nanoTime();
        SyntheticStore.Written written = new SyntheticStore(db.dataSource(), SEED, now).write(customers);
        Duration generate = since(t0);
        out.printf(Locale.ROOT, "  synthetic store written (COPY)  %8.1f s   %s%n", seconds(generate), written.rows());

        InsightStage stage = InsightCommands.stage(db.dataSource(), () -> rules, Clock.systemUTC());
        HeapPeak heap = new HeapPeak();
        t0 = System.nanoTime();
        stage.evaluateAll();
        Duration full = since(t0);
        long fullPeak = heap.peakAndReset();
        InsightStage.Counts afterFull = stage.counts();
        out.printf(Locale.ROOT, "  full evaluation                 %8.1f s   %,d customers, %,d findings stored,"
                        + " heap peak %,d MB%n", seconds(full), afterFull.customersEvaluated(),
                afterFull.changes().opened() + afterFull.changes().resolved(), fullPeak / (1 << 20));

        touch(db, customers, touched, now);
        t0 = System.nanoTime();
        stage.evaluate();
        Duration incremental = since(t0);
        long incrementalPeak = heap.peakAndReset();
        long evaluatedIncrementally = stage.counts().customersEvaluated() - afterFull.customersEvaluated();
        out.printf(Locale.ROOT, "  incremental evaluation          %8.1f s   %,d customers (%,d touched), heap peak"
                + " %,d MB%n", seconds(incremental), evaluatedIncrementally, touched, incrementalPeak / (1 << 20));
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

    /** nproc, memory and CPU, as docs/benchmarks.md records them. */
    static String machine() {
        String cpu = "unknown CPU";
        String memory = "unknown";
        try {
            try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
                cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
            }
            try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
                memory = lines.filter(l -> l.startsWith("MemTotal")).findFirst()
                        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024) + " GB").orElse(memory);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figures are printed without them
        }
        return String.format(Locale.ROOT, "Machine: %d processors (nproc), %s RAM, %s; Java %s, max heap %,d MB",
                Runtime.getRuntime().availableProcessors(), memory, cpu, System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1 << 20));
    }

    /** The heap's peak usage since the last reset, as the JVM's memory pools record it. */
    private static final class HeapPeak {
        HeapPeak() {
            reset();
        }

        long peakAndReset() {
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            reset();
            return peak;
        }

        private static void reset() {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is the OS's to clean
        }
    }
}
