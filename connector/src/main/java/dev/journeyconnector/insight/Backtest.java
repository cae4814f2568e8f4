package dev.journeyconnector.insight;

import dev.journeyconnector.store.EvaluationStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replays the stored history with two sets of rules (a candidate file and the rules in force) and says what
 * each would have found in a period, and the difference. Reads the store only: it writes no finding, no
 * evaluation state and nothing to any CRM, so a candidate can be tried on real history before it is put in force.
 *
 * <p>How history is replayed: every customer's history is cut at the end of the period (touchpoints and campaign
 * sends after it are left out) and evaluated once, as of that moment. Rules take a finding's detectedAt from the
 * data (the moment the SLA passed, the third contact arrived) and report a condition that cleared as well as one
 * that holds, so this one evaluation finds every finding whose condition arose in the period, including those that
 * cleared before its end; a finding counts for the period when its detectedAt is in it. The customers' records
 * that are state rather than moments (Contact fields, opportunities, memberships) are as stored now: the store
 * keeps no earlier versions of them.
 */
public final class Backtest {

    /** The findings one set of rules would have produced in the period, by key. */
    public record Fired(Map<String, Finding> byKey) {
        public Fired {
            byKey = Map.copyOf(byKey);
        }

        public Map<String, Long> perRule() {
            Map<String, Long> out = new TreeMap<>();
            byKey.values().forEach(f -> out.merge(f.ruleId(), 1L, Long::sum));
            return out;
        }
    }

    /**
     * What a backtest found.
     *
     * @param from      the period's start (inclusive)
     * @param to        its end (exclusive): also the moment history was evaluated as of
     * @param customers how many customers were replayed
     * @param current   what the rules in force would have found
     * @param candidate what the candidate rules would have found
     */
    public record Result(Instant from, Instant to, int customers, String currentSource, String candidateSource,
                         Fired current, Fired candidate) {

        /** Findings the candidate has and the current rules do not, per rule, in key order. */
        public Map<String, List<Finding>> added() {
            return difference(candidate, current);
        }

        /** Findings the current rules have and the candidate does not, per rule, in key order. */
        public Map<String, List<Finding>> removed() {
            return difference(current, candidate);
        }

        /** Every rule either set fired, sorted. */
        public List<String> rules() {
            TreeSet<String> out = new TreeSet<>(current.perRule().keySet());
            out.addAll(candidate.perRule().keySet());
            return new ArrayList<>(out);
        }

        private static Map<String, List<Finding>> difference(Fired a, Fired b) {
            Map<String, List<Finding>> out = new TreeMap<>();
            new TreeMap<>(a.byKey()).forEach((key, f) -> {
                if (!b.byKey().containsKey(key)) {
                    out.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
                }
            });
            return out;
        }
    }

    private static final int BATCH = InsightStage.BATCH;

    private final HistoryLoader loader;
    private final EvaluationStore evaluations;

    public Backtest(HistoryLoader loader, EvaluationStore evaluations) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.evaluations = Objects.requireNonNull(evaluations, "evaluations");
    }

    /**
     * @param from the period's first moment
     * @param to   the moment after its last; history is evaluated as of it
     */
    public Result run(RuleSet current, RuleSet candidate, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the backtest period must end after it starts (from " + from + ", to " + to + ")");
        }
        List<String> customers = evaluations.allCustomers();
        Map<String, Finding> byCurrent = new LinkedHashMap<>();
        Map<String, Finding> byCandidate = new LinkedHashMap<>();
        for (int i = 0; i < customers.size(); i += BATCH) {
            Collection<CustomerHistory> batch = loader.load(customers.subList(i, Math.min(customers.size(), i + BATCH))).values();
            for (CustomerHistory history : batch) {
                CustomerHistory asOf = asOf(history, to);
                collect(Rules.evaluate(asOf, current.config(), to), from, to, byCurrent);
                collect(Rules.evaluate(asOf, candidate.config(), to), from, to, byCandidate);
            }
        }
        return new Result(from, to, customers.size(), current.source(), candidate.source(), new Fired(byCurrent),
                new Fired(byCandidate));
    }

    /** The history as it stood at {@code to}: moments after it left out. */
    static CustomerHistory asOf(CustomerHistory h, Instant to) {
        CustomerFacts f = h.facts();
        CustomerFacts facts = new CustomerFacts(f.person(), f.account(), f.opportunities(), f.memberships(),
                f.sends().stream().filter(s -> s.sentAt().isBefore(to)).toList());
        return new CustomerHistory(h.customerKey(), h.kind(), h.personaId(),
                h.touchpoints().stream().filter(t -> t.occurredAt().isBefore(to)).toList(), facts,
                h.accountTouchpoints().stream().filter(t -> t.occurredAt().isBefore(to)).toList());
    }

    private static void collect(List<Finding> findings, Instant from, Instant to, Map<String, Finding> into) {
        for (Finding f : findings) {
            if (!f.detectedAt().isBefore(from) && f.detectedAt().isBefore(to)) {
                into.put(f.key(), f);
            }
        }
    }
}
