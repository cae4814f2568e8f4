package dev.journeyconnector.sandbox.salesforce;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls received per API operation (SOAP operation names plus {@code oauthToken}), including calls that
 * were answered with a fault. Tests and benchmarks read these to prove how many calls a run cost.
 */
public final class ApiCounters {
    /** The operations always listed, even at zero. */
    public static final List<String> OPERATIONS = List.of("login", "oauthToken", "query", "queryMore", "queryAll",
            "create", "update", "upsert", "delete", "describeSObject", "describeSObjects", "describeGlobal",
            "getServerTimestamp", "getUserInfo");

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void increment(String operation) {
        counts.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    public long get(String operation) {
        AtomicLong c = counts.get(operation);
        return c == null ? 0 : c.get();
    }

    /** All counters, sorted by operation name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        OPERATIONS.forEach(op -> out.put(op, 0L));
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void reset() {
        counts.clear();
    }
}
