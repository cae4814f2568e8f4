package dev.journeyconnector.sandbox.zendesk;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests received per Zendesk endpoint, including requests answered with 401, 429, an injected fault or a
 * dropped connection. Tests and benchmarks read these to prove how many calls a run cost.
 */
public final class ZendeskCounters {
    public static final String TICKETS_CURSOR = "incremental/tickets/cursor";
    public static final String USERS_CURSOR = "incremental/users/cursor";
    public static final String TICKET_EVENTS = "incremental/ticket_events";
    public static final String SATISFACTION_RATINGS = "satisfaction_ratings";
    public static final String GROUPS = "groups";
    public static final String TICKET = "tickets/{id}";
    public static final String USERS_ME = "users/me";
    /** Incremental export requests refused with 429 because of the per-minute limit. */
    public static final String RATE_LIMITED = "rateLimited";

    /** The counters always listed, even at zero. */
    public static final List<String> ENDPOINTS = List.of(TICKETS_CURSOR, USERS_CURSOR, TICKET_EVENTS,
            SATISFACTION_RATINGS, GROUPS, TICKET, USERS_ME, RATE_LIMITED);

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void increment(String endpoint) {
        counts.computeIfAbsent(endpoint, k -> new AtomicLong()).incrementAndGet();
    }

    public long get(String endpoint) {
        AtomicLong c = counts.get(endpoint);
        return c == null ? 0 : c.get();
    }

    /** All counters, sorted by name. */
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
