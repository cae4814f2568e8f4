package dev.journeyconnector.writeback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the write-back did over the cycles of a run: what was written, refused and reconciled is summed; what is
 * unchanged, to retry or deferred is as the last cycle left it.
 *
 * @param created      records created (upserts that created count here)
 * @param updated      records updated (upserts that updated count here)
 * @param unchanged    records whose content Salesforce already held: no call
 * @param deadLettered records Salesforce refused for good this run (kept in the dead-letter table)
 * @param failed       records not written for a passing reason (lock, limit, lost connection): next cycle
 * @param deferred     records not sent because the budget or the org's allocation was spent
 * @param reconciled   records found again after an interrupted send
 * @param calls        API calls the write-back made (writes, reconciliation queries, describes)
 * @param byKind       kind → created/updated counts, for the summary
 * @param stopped      why writing stopped early in the last cycle that stopped, or null
 * @param mode         the last cycle's mode, in words
 * @param skipped      the last cycle's records the sources left out, by reason
 */
public record WriteReport(long created, long updated, long unchanged, long deadLettered, long failed, long deferred,
                          long reconciled, long calls, Map<String, long[]> byKind, String stopped, String mode,
                          Map<String, Integer> skipped) {

    public static final WriteReport NONE = new WriteReport(0, 0, 0, 0, 0, 0, 0, 0, Map.of(), null, null, Map.of());

    public WriteReport {
        skipped = skipped == null ? Map.of() : Map.copyOf(skipped);
    }

    public WriteReport plus(WriteReport o) {
        Map<String, long[]> kinds = new TreeMap<>();
        byKind.forEach((k, v) -> kinds.put(k, v.clone()));
        o.byKind.forEach((k, v) -> kinds.merge(k, v.clone(), (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]}));
        return new WriteReport(created + o.created, updated + o.updated, o.unchanged, deadLettered + o.deadLettered,
                o.failed, o.deferred, reconciled + o.reconciled, calls + o.calls, kinds,
                o.stopped != null ? o.stopped : stopped, o.mode != null ? o.mode : mode, o.skipped);
    }

    public long written() {
        return created + updated;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created", created);
        m.put("updated", updated);
        m.put("unchanged", unchanged);
        m.put("deadLettered", deadLettered);
        m.put("failed", failed);
        m.put("deferred", deferred);
        m.put("reconciled", reconciled);
        m.put("calls", calls);
        Map<String, Object> kinds = new TreeMap<>();
        byKind.forEach((k, v) -> kinds.put(k, Map.of("created", v[0], "updated", v[1])));
        m.put("byKind", kinds);
        if (stopped != null) {
            m.put("stopped", stopped);
        }
        if (mode != null) {
            m.put("mode", mode);
        }
        m.put("skipped", new TreeMap<>(skipped));
        return m;
    }
}
