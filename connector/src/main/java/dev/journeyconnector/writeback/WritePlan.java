package dev.journeyconnector.writeback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one write-back cycle will send: the creates, updates and upserts whose content changed, and what it leaves
 * alone. Printed as is by a dry run.
 *
 * @param org          what the org offers (the mode)
 * @param writes       the records to send, in sending order
 * @param unchanged    kind → records whose content Salesforce already holds: no call
 * @param skipped      reason → records a source left out
 * @param dead         records wanted but dead-lettered: not sent until `journey writeback retry`
 * @param reconciled   records found again in Salesforce after an interrupted send (crash between send and store)
 */
public record WritePlan(OrgCapabilities org, List<Planned> writes, Map<String, Integer> unchanged,
                        Map<String, Integer> skipped, int dead, int reconciled) {

    public WritePlan {
        writes = List.copyOf(writes);
        unchanged = Map.copyOf(unchanged);
        skipped = Map.copyOf(skipped);
    }

    /** How one record is sent. */
    public enum Op {
        CREATE, UPDATE, UPSERT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One record to send.
     *
     * @param crmId the record to update; null for creates and upserts
     */
    public record Planned(CrmWrite write, Op op, String crmId) {
    }

    public static WritePlan nothing(OrgCapabilities org) {
        return new WritePlan(org, List.of(), Map.of(), Map.of(), 0, 0);
    }

    /**
     * How many create, update and upsert calls sending every write takes (at most {@link WriteBackStage#BATCH}
     * records each), before retries: what a cycle spends of the API allocation when nothing goes wrong.
     */
    public int callsToSend() {
        return callGroups(writes).stream().mapToInt(g -> (g.size() + WriteBackStage.BATCH - 1) / WriteBackStage.BATCH).sum();
    }

    /**
     * The writes that can share calls: same sObject, operation and external-id field, each group ordered by parent
     * record so that records locking the same parent go in the same call rather than contend across calls.
     */
    static List<List<Planned>> callGroups(List<Planned> writes) {
        Map<String, List<Planned>> groups = new LinkedHashMap<>();
        for (Planned p : writes) {
            groups.computeIfAbsent(p.write().sobject() + "\u0000" + p.op() + "\u0000"
                    + p.write().locator().getOrDefault(CrmWrite.EXTERNAL_ID_FIELD, ""), k -> new ArrayList<>())
                    .add(p);
        }
        return groups.values().stream().map(g -> g.stream()
                .sorted(Comparator.comparing((Planned p) -> Objects.toString(p.write().parentId(), "")))
                .toList()).toList();
    }

    public int unchangedTotal() {
        return unchanged.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** kind → op → count of the writes. */
    public Map<String, Map<Op, Integer>> counts() {
        Map<String, Map<Op, Integer>> out = new TreeMap<>();
        for (Planned p : writes) {
            out.computeIfAbsent(p.write().kind(), k -> new TreeMap<>()).merge(p.op(), 1, Integer::sum);
        }
        return out;
    }

    /** The dry run's listing: every planned write with its fields, then the counts. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Write-back plan (").append(org.describe()).append(")\n");
        if (writes.isEmpty()) {
            out.append("  nothing to write\n");
        }
        for (Planned p : writes) {
            CrmWrite w = p.write();
            out.append(String.format("  %-6s %s%s  %s%n", p.op().wireName(), w.sobject(),
                    p.crmId() == null ? "" : " " + p.crmId(), w.label()));
            Map<String, Object> shown = new LinkedHashMap<>(w.fields());
            if (p.op() != Op.UPDATE) {
                shown.putAll(w.createOnly());
            }
            shown.forEach((k, v) -> out.append("      ").append(k).append(": ").append(indent(String.valueOf(v)))
                    .append('\n'));
        }
        out.append(String.format("  %d to send, %d unchanged, %d dead-lettered (not sent), %d reconciled%n",
                writes.size(), unchangedTotal(), dead, reconciled));
        skipped.forEach((reason, n) -> out.append(String.format("  skipped %d: %s%n", n, reason)));
        return out.toString();
    }

    private static String indent(String text) {
        return text.replace("\n", "\n        ");
    }
}
