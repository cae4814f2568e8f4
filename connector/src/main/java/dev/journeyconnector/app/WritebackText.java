package dev.journeyconnector.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.journeyconnector.store.Json;
import dev.journeyconnector.store.WritebackLedger.Budget;
import dev.journeyconnector.store.WritebackLedger.DeadLetter;
import dev.journeyconnector.store.WritebackLedger.State;
import dev.journeyconnector.writeback.ContextWrites;
import dev.journeyconnector.writeback.DriftAlert;
import dev.journeyconnector.writeback.FindingWrites;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code journey writeback status} and {@code journey writeback dead-letters} print, as text for the terminal
 * or as JSON. Times are UTC to the minute in text, ISO-8601 in JSON; Salesforce's words are kept on one line.
 */
final class WritebackText {
    /** The write-back's kinds in the order a cycle sends them; kinds the store holds beyond these follow. */
    static final List<String> KINDS = List.of(FindingWrites.TASK_KIND, FindingWrites.RECORD_KIND,
            ContextWrites.SUMMARY_KIND, ContextWrites.FIELDS_KIND, DriftAlert.KIND);

    /** The payload fields that say what a dead letter was: a Task's subject, a Journey_Finding__c's title. */
    static final List<String> TITLE_FIELDS = List.of("Subject", "Title__c");

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private WritebackText() {
    }

    /**
     * What the status shows.
     *
     * @param day          the UTC day the budget counts
     * @param counts       kind → state → entries, from the ledger
     * @param today        the write-back's spending on {@code day}; empty when it made no call
     * @param lastOrgUsage the newest usage Salesforce reported; empty before the first write-back call
     * @param budgetShare  JOURNEY_WRITEBACK_BUDGET_SHARE
     * @param enabled      JOURNEY_WRITEBACK_ENABLED
     * @param dryRun       JOURNEY_WRITEBACK_DRY_RUN
     */
    record Status(LocalDate day, Map<String, Map<State, Long>> counts, Optional<Budget> today,
                  Optional<Budget> lastOrgUsage, double budgetShare, boolean enabled, boolean dryRun) {

        long total(State state) {
            return counts.values().stream().mapToLong(byState -> byState.getOrDefault(state, 0L)).sum();
        }

        long total() {
            return counts.values().stream().flatMap(byState -> byState.values().stream()).mapToLong(Long::longValue)
                    .sum();
        }

        /** The write-back's share of the last known org allocation, as a cycle computes it; empty when unknown. */
        Optional<Long> allowance() {
            return lastOrgUsage.map(Budget::orgLimit).map(limit -> (long) Math.floor(budgetShare * limit));
        }

        long callsToday() {
            return today.map(Budget::calls).orElse(0L);
        }

        /** Every kind to show: the write-back's own, then any other the store holds. */
        List<String> kinds() {
            List<String> out = new ArrayList<>(KINDS);
            counts.keySet().stream().filter(k -> !KINDS.contains(k)).sorted().forEach(out::add);
            return out;
        }
    }

    static String status(Status s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Write-back ledger: %s (each record the connector keeps in Salesforce,"
                + " by its own key)%n%n", count(s.total(), "record")));
        out.append(String.format(Locale.ROOT, "  %-18s %9s %10s %9s %14s%n", "kind", "written", "in flight",
                "to retry", "dead-lettered"));
        for (String kind : s.kinds()) {
            Map<State, Long> byState = s.counts().getOrDefault(kind, Map.of());
            out.append(row(kind, byState.getOrDefault(State.WRITTEN, 0L), byState.getOrDefault(State.SENDING, 0L),
                    byState.getOrDefault(State.FAILED, 0L), byState.getOrDefault(State.DEAD, 0L)));
        }
        out.append(row("all", s.total(State.WRITTEN), s.total(State.SENDING), s.total(State.FAILED),
                s.total(State.DEAD)));

        out.append(String.format("%nAPI budget (UTC day %s)%n", s.day()));
        out.append("  write-back calls today  ").append(callsLine(s)).append('\n');
        out.append("  org usage               ").append(orgLine(s)).append('\n');

        List<String> notes = notes(s);
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append(n).append('\n'));
        }
        return out.toString();
    }

    private static String row(String kind, long written, long inFlight, long toRetry, long dead) {
        return String.format(Locale.ROOT, "  %-18s %,9d %,10d %,9d %,14d%n", kind, written, inFlight, toRetry, dead);
    }

    private static String callsLine(Status s) {
        String calls = s.today().isEmpty() ? "none" : number(s.callsToday());
        Optional<Long> allowance = s.allowance();
        if (allowance.isEmpty()) {
            return calls + " (its budget, " + percent(s.budgetShare()) + " of the org's daily requests, is known"
                    + " once Salesforce reports the org's allocation)";
        }
        String line = calls + " of " + number(allowance.get()) + " (" + percent(s.budgetShare()) + " of the org's "
                + number(s.lastOrgUsage().orElseThrow().orgLimit()) + " daily requests)";
        return s.callsToday() >= allowance.get()
                ? line + ": spent, the write-back waits for the next UTC day" : line;
    }

    private static String orgLine(Status s) {
        if (s.lastOrgUsage().isEmpty()) {
            return "not reported yet (Salesforce reports it with each answer to a write-back call)";
        }
        Budget b = s.lastOrgUsage().get();
        String used = b.orgUsed() == null ? "?" : number(b.orgUsed());
        String line = used + " of " + number(b.orgLimit()) + " requests in the org's 24 hours, reported "
                + MINUTE.format(b.updatedAt());
        // Salesforce counts a rolling 24 hours, so a spent allocation frees up over time, not at midnight.
        return b.orgUsed() != null && b.orgUsed() >= b.orgLimit()
                ? line + ": spent, cycles write nothing until requests free up" : line;
    }

    private static List<String> notes(Status s) {
        List<String> notes = new ArrayList<>();
        if (!s.enabled()) {
            notes.add("JOURNEY_WRITEBACK_ENABLED is false: cycles write nothing back.");
        } else if (s.dryRun()) {
            notes.add("JOURNEY_WRITEBACK_DRY_RUN is on: cycles print their plan and write nothing.");
        }
        if (s.total() == 0) {
            notes.add("Nothing has been written back yet: 'journey --once' runs a cycle.");
        }
        long dead = s.total(State.DEAD);
        if (dead > 0) {
            notes.add(count(dead, "dead letter") + ": Salesforce refused " + (dead == 1 ? "it" : "them")
                    + " for good. See why with 'journey writeback dead-letters';\nonce the cause is fixed,"
                    + " 'journey writeback retry --key KEY' (or --all) hands " + (dead == 1 ? "it" : "them")
                    + " to the next run.");
        }
        long toRetry = s.total(State.FAILED);
        if (toRetry > 0) {
            notes.add(number(toRetry) + " to retry: not written for a passing reason (a locked record, the budget,"
                    + " a refused call);\nthe next cycle sends " + (toRetry == 1 ? "it" : "them") + ".");
        }
        long inFlight = s.total(State.SENDING);
        if (inFlight > 0) {
            notes.add(number(inFlight) + " in flight: sent and not yet answered (a cycle is running, or one stopped"
                    + " mid-call); the next cycle\nlooks for " + (inFlight == 1 ? "it" : "them")
                    + " in Salesforce before sending anything again.");
        }
        return notes;
    }

    static String statusJson(Status s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("day", s.day());
        Map<String, Object> kinds = new LinkedHashMap<>();
        for (String kind : s.kinds()) {
            kinds.put(kind, states(s.counts().getOrDefault(kind, Map.of())));
        }
        root.put("kinds", kinds);
        Map<State, Long> all = new TreeMap<>();
        for (State state : State.values()) {
            all.put(state, s.total(state));
        }
        root.put("all", states(all));
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("callsToday", s.callsToday());
        budget.put("share", s.budgetShare());
        budget.put("allowance", s.allowance().orElse(null));
        budget.put("orgUsed", s.lastOrgUsage().map(Budget::orgUsed).orElse(null));
        budget.put("orgLimit", s.lastOrgUsage().map(Budget::orgLimit).orElse(null));
        budget.put("orgReportedAt", s.lastOrgUsage().map(Budget::updatedAt).orElse(null));
        root.put("budget", budget);
        root.put("enabled", s.enabled());
        root.put("dryRun", s.dryRun());
        return json(root);
    }

    private static Map<String, Long> states(Map<State, Long> byState) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("written", byState.getOrDefault(State.WRITTEN, 0L));
        out.put("inFlight", byState.getOrDefault(State.SENDING, 0L));
        out.put("toRetry", byState.getOrDefault(State.FAILED, 0L));
        out.put("deadLettered", byState.getOrDefault(State.DEAD, 0L));
        return out;
    }

    /** The dead letters, newest first as the ledger lists them; {@code kind} the filter, null for all. */
    static String deadLetters(List<DeadLetter> letters, String kind) {
        if (letters.isEmpty()) {
            return kind == null ? "No dead letters.\n" : "No dead letters of kind " + kind + ".\n";
        }
        Map<String, Long> byKind = new TreeMap<>();
        letters.forEach(d -> byKind.merge(d.kind(), 1L, Long::sum));
        StringBuilder out = new StringBuilder();
        out.append(count(letters.size(), "dead letter"));
        out.append(kind == null ? " (" + String.join(", ", byKind.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()) + ")" : " of kind " + kind);
        out.append(", newest first\n");
        for (DeadLetter d : letters) {
            out.append('\n').append(d.kind()).append("  ").append(d.key()).append('\n');
            out.append("  refused     ").append(d.crmObject()).append(' ').append(d.operation()).append(", ")
                    .append(MINUTE.format(d.failedAt())).append(", attempts ").append(d.attempts()).append('\n');
            out.append("  salesforce  ").append(d.statusCode() == null ? "" : d.statusCode() + ": ")
                    .append(oneLine(d.message())).append('\n');
            if (!d.fields().isEmpty()) {
                out.append("  fields      ").append(String.join(", ", d.fields())).append('\n');
            }
            for (String field : TITLE_FIELDS) {
                Object value = d.payload().get(field);
                if (value != null) {
                    out.append(String.format("  %-11s %s%n", field, oneLine(value.toString())));
                }
            }
        }
        out.append("""

                Fix the cause (the validation rule, permission or field Salesforce names), then hand them back:
                'journey writeback retry --key KEY' (or --all). The next 'journey --once', or the running connector's
                next cycle, sends them again; a record refused again comes back here with one attempt more.
                """);
        return out.toString();
    }

    static String deadLettersJson(List<DeadLetter> letters) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeadLetter d : letters) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", d.kind());
            m.put("key", d.key());
            m.put("object", d.crmObject());
            m.put("operation", d.operation());
            m.put("statusCode", d.statusCode());
            m.put("message", d.message());
            m.put("fields", d.fields());
            m.put("failedAt", d.failedAt());
            m.put("attempts", d.attempts());
            m.put("payload", d.payload());
            out.add(m);
        }
        return json(out);
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the write-back view could not be written as JSON", e);
        }
    }

    /** Salesforce's messages and the payload's subjects may span lines; each is printed on one. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static String count(long n, String noun) {
        return number(n) + " " + noun + (n == 1 ? "" : "s");
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String percent(double share) {
        return java.math.BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
