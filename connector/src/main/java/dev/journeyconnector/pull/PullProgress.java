package dev.journeyconnector.pull;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every pull has done in this run: polls finished, records fetched and stored, failures. Pull
 * consumers and the store-raw stage report here; the run summary and the --once mode read it.
 */
public final class PullProgress {

    /** Counters of one source object. */
    public static final class Counts {
        private final AtomicLong polls = new AtomicLong();
        private final AtomicLong fetched = new AtomicLong();
        private final AtomicLong stored = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private volatile String lastError;

        public long polls() { return polls.get(); }
        public long fetched() { return fetched.get(); }
        public long stored() { return stored.get(); }
        public long failures() { return failures.get(); }
        public String lastError() { return lastError; }
    }

    private final Map<String, Counts> counts = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    /** A pull consumer announces itself when it starts, so --once knows whom to wait for. */
    public void register(String source, String objectType) {
        registered.add(key(source, objectType));
        counts(source, objectType);
    }

    public void fetched(String source, String objectType, int records) {
        counts(source, objectType).fetched.addAndGet(records);
    }

    public void stored(String source, String objectType, int records) {
        counts(source, objectType).stored.addAndGet(records);
    }

    public void pollFinished(String source, String objectType) {
        counts(source, objectType).polls.incrementAndGet();
    }

    public void pollFailed(String source, String objectType, String error) {
        Counts c = counts(source, objectType);
        c.failures.incrementAndGet();
        c.lastError = error;
        c.polls.incrementAndGet();
    }

    /** True when every registered pull has finished (or failed) at least one poll. */
    public boolean everyPullPolled() {
        return registered.stream().allMatch(k -> counts.get(k).polls() > 0);
    }

    public boolean anyFailed() {
        return counts.values().stream().anyMatch(c -> c.failures() > 0);
    }

    /** Counters by "source object", sorted. */
    public Map<String, Counts> snapshot() {
        return new TreeMap<>(counts);
    }

    private Counts counts(String source, String objectType) {
        return counts.computeIfAbsent(key(source, objectType), k -> new Counts());
    }

    private static String key(String source, String objectType) {
        return source + " " + objectType;
    }
}
