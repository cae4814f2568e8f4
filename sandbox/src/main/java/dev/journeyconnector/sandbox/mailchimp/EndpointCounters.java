package dev.journeyconnector.sandbox.mailchimp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls received per Mailchimp endpoint, including calls answered with an error or an injected fault.
 * Tests and benchmarks read these to prove how many calls a run cost.
 */
public final class EndpointCounters {
    /** The endpoints always listed, even at zero. */
    public static final List<String> ENDPOINTS = List.of("ping", "lists", "list", "members", "member", "abuseReports",
            "campaigns", "campaign", "emailActivity", "unsubscribed", "other");

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void increment(String endpoint) {
        counts.computeIfAbsent(endpoint, k -> new AtomicLong()).incrementAndGet();
    }

    public long get(String endpoint) {
        AtomicLong c = counts.get(endpoint);
        return c == null ? 0 : c.get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** All counters, sorted by endpoint name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        ENDPOINTS.forEach(e -> out.put(e, 0L));
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void reset() {
        counts.clear();
    }
}
