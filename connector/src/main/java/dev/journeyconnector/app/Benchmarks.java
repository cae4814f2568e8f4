package dev.journeyconnector.app;

import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.StoreException;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the {@code journey bench} subjects share: a throwaway embedded store, the machine line docs/benchmarks.md
 * records with every figure, the heap's peak during a step, and times in seconds.
 */
final class Benchmarks {
    private Benchmarks() {
    }

    /** A measurement on a fresh store; returns the exit code. */
    interface Measurement {
        int run(Database db);
    }

    /**
     * Runs {@code measurement} on a fresh embedded PostgreSQL in a temporary folder, never the connector's own store,
     * and deletes the folder afterwards.
     *
     * @param command the command's name for error messages, e.g. {@code journey bench insights}
     */
    static int inFreshStore(String command, Measurement measurement, PrintStream err) {
        Path dir;
        try {
            dir = Files.createTempDirectory("journey-bench");
        } catch (IOException e) {
            err.println(command + ": cannot create a temporary folder: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
        try (Database db = Database.open(new JourneyConfig.Database("", "", "", 4), dir)) {
            return measurement.run(db);
        } catch (StoreException e) {
            err.println(command + ": " + e.getMessage());
            return JourneyConnector.FAILED;
        } finally {
            delete(dir);
        }
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

    /**
     * The heap's peak usage since the last reset, as the JVM's memory pools record it: the sum of the heap pools'
     * peaks, so an upper bound (the pools need not peak at the same moment). A reset collects garbage first, so a
     * step's peak starts from what is live, not from what the step before left behind.
     */
    static final class HeapPeak {
        HeapPeak() {
            reset();
        }

        /** The peak in MB since the last reset, then a reset. */
        long peakMbAndReset() {
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            reset();
            return peak / (1 << 20);
        }

        private static void reset() {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static double seconds(Duration d) {
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
