package dev.journeyconnector.mapping;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The mappings in force in a running connector, kept in step with the folder an ops admin edits. A run
 * starts only on a valid folder ({@link #load}); afterwards {@link #check()} (by hand, or every interval
 * once {@link #startChecking} is called) compares the folder's fingerprint with the one in force and, when
 * they differ, loads the folder again: a valid folder replaces the mappings in force and listeners hear of
 * it; an invalid one is reported once, every problem in one log message, and the mappings in force stay.
 * The same broken files are not reported again every interval: only a new edit is looked at again.
 *
 * <p>Thread-safe: {@link #get()} may be called from any thread at any time and always returns a whole,
 * valid {@link MappingSet}; checks run one at a time, and listeners are called in reload order on the
 * checking thread.
 */
public final class LiveMappings implements Supplier<MappingSet>, AutoCloseable {

    /** How a folder is loaded and checked, e.g. {@code MappingSet::load}. */
    @FunctionalInterface
    public interface Loader {
        MappingSet load(Path dir) throws MappingException;
    }

    /** What one {@link #check()} found. */
    public enum Outcome {
        /** The files are the ones in force. */
        UNCHANGED,
        /** The files changed and were valid: they are now in force. */
        APPLIED,
        /** The files changed and are not valid: their problems were reported, the mappings in force stay. */
        REJECTED,
        /** The files are the invalid ones reported before; not reported again. */
        STILL_REJECTED
    }

    private static final Logger LOG = LoggerFactory.getLogger(LiveMappings.class);
    /** Enough of the SHA-256 to tell versions apart in a log line; the whole one is in the MappingSet. */
    private static final int SHORT_FINGERPRINT = 12;

    private final Path dir;
    private final Loader loader;
    private final List<Consumer<MappingSet>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<ScheduledExecutorService> checker = new AtomicReference<>();
    private volatile MappingSet current;
    /** The problems of the files on disk while they are not the ones in force; null when they are. */
    private volatile MappingException rejected;
    /** The fingerprint of the files last reported invalid; guarded by this. */
    private String rejectedFingerprint;

    private LiveMappings(Path dir, Loader loader, MappingSet initial) {
        this.dir = dir;
        this.loader = loader;
        this.current = initial;
    }

    /**
     * Loads and checks the folder a run starts on.
     *
     * @throws MappingException with every problem of every file: a run must not start on them
     */
    public static LiveMappings load(Path dir, Loader loader) throws MappingException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(loader, "loader");
        MappingSet initial = loader.load(dir);
        LOG.info("Mappings loaded: {} files from {}, fingerprint {}", yamlFiles(dir), dir, shorten(initial.fingerprint()));
        return new LiveMappings(dir, loader, initial);
    }

    /** The mappings in force: always a whole, valid set. */
    @Override
    public MappingSet get() {
        return current;
    }

    /**
     * The problems of the files on disk when they were changed and are not valid (the mappings in force
     * are then older than the files); empty when the files on disk are the ones in force.
     */
    public Optional<MappingException> rejected() {
        return Optional.ofNullable(rejected);
    }

    /**
     * Calls {@code listener} with each newly applied set, after it is in force. Listeners run on the checking
     * thread, one reload at a time, so they should hand long work off; one that throws is logged and does
     * not undo the reload or keep the others from being called.
     */
    public void onReload(Consumer<MappingSet> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Looks at the folder once and applies or reports a change; see {@link Outcome}. */
    public synchronized Outcome check() {
        String onDisk = fingerprintOnDisk();
        MappingSet inForce = current;
        if (onDisk.equals(inForce.fingerprint())) {
            if (rejectedFingerprint != null) {
                LOG.info("Mapping files in {} are back to the ones in force (fingerprint {}); the problems reported "
                        + "before are gone", dir, shorten(onDisk));
                clearRejected();
            }
            return Outcome.UNCHANGED;
        }
        if (onDisk.equals(rejectedFingerprint)) {
            return Outcome.STILL_REJECTED;
        }
        MappingSet next;
        try {
            next = loader.load(dir);
        } catch (MappingException e) {
            reject(onDisk, e, null);
            return Outcome.REJECTED;
        } catch (RuntimeException e) {
            // A loader bug must not stop the checks or take down the mappings in force; the files are
            // reported as uncheckable, once, with the stack trace for whoever fixes the loader.
            reject(onDisk, new MappingException(List.of(new MappingProblem(dir.toString(), 0, "",
                    "could not be checked: " + e))), e);
            return Outcome.REJECTED;
        }
        if (next.fingerprint().equals(inForce.fingerprint())) {
            // Edited and put back between the fingerprint and the load: what is in force is what is on disk.
            clearRejected();
            return Outcome.UNCHANGED;
        }
        current = next;
        clearRejected();
        LOG.info("Mappings reloaded: {} files, fingerprint {}", yamlFiles(dir), shorten(next.fingerprint()));
        for (Consumer<MappingSet> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A listener of mapping reloads failed; the new mappings stay in force: {}", e.toString(), e);
            }
        }
        return Outcome.APPLIED;
    }

    /**
     * Checks the folder every {@code interval} on a background thread until {@link #close()}.
     *
     * @throws IllegalStateException when already checking
     */
    public void startChecking(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the check interval must be positive, not " + interval);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "journey-mappings-check");
            t.setDaemon(true); // never what keeps the JVM alive; close() stops it in an orderly shutdown
            return t;
        });
        if (!checker.compareAndSet(null, executor)) {
            executor.shutdown();
            throw new IllegalStateException("already checking " + dir + " for changes");
        }
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::checkAndCarryOn, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info("Mappings: checking {} for changed files every {}", dir, readable(interval));
    }

    /** Stops the checks; a check under way finishes first, so no reload is left half-reported. */
    @Override
    public void close() {
        ScheduledExecutorService executor = checker.getAndSet(null);
        if (executor == null) {
            return;
        }
        // shutdown, not shutdownNow: interrupting a check would make its file reads fail and look like a change.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The mapping check did not finish within 10 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The scheduled task: an exception would cancel every later run of it, so none escapes. */
    private void checkAndCarryOn() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Checking the mapping files in {} failed; trying again next interval: {}", dir, e.toString(), e);
        }
    }

    private void reject(String fingerprint, MappingException problems, RuntimeException cause) {
        rejectedFingerprint = fingerprint;
        rejected = problems;
        int n = problems.problems().size();
        String list = problems.problems().stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
        String message = "Mapping files in " + dir + " changed but are not valid; the mappings in force stay "
                + "(fingerprint " + shorten(current.fingerprint()) + "). " + n + (n == 1 ? " problem:" : " problems:")
                + "\n" + list;
        if (cause == null) {
            LOG.warn(message);
        } else {
            LOG.warn(message, cause);
        }
    }

    private void clearRejected() {
        rejectedFingerprint = null;
        rejected = null;
    }

    /**
     * The folder's fingerprint, or a stand-in naming why it cannot be read (the folder was deleted, or is
     * being replaced): stable while the cause lasts, so that state too is reported once.
     */
    private String fingerprintOnDisk() {
        try {
            return MappingSet.fingerprint(dir);
        } catch (IOException e) {
            return "unreadable:" + e;
        }
    }

    private static long yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    static String shorten(String fingerprint) {
        return fingerprint.length() <= SHORT_FINGERPRINT ? fingerprint : fingerprint.substring(0, SHORT_FINGERPRINT) + "…";
    }

    /** {@code PT30S} → {@code 30s}, {@code PT1M30S} → {@code 1m30s}. */
    private static String readable(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
