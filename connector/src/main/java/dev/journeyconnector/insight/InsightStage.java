package dev.journeyconnector.insight;

import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.store.EvaluationStore;
import dev.journeyconnector.store.EvaluationStore.Due;
import dev.journeyconnector.store.EvaluationStore.State;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.FindingStore.Changes;
import dev.journeyconnector.store.FindingStore.StoredFinding;
import dev.journeyconnector.store.HistoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The pipeline stage that keeps the stored findings current with the stored journey: after each derivation it
 * evaluates the rules for the customers whose findings can have changed, and only those (see {@link Due}): a
 * touchpoint of theirs derived or moved since the last evaluation, their customer row changed, or one of their
 * deadlines passed ({@link Deadlines}). Every customer is evaluated on the first evaluation of a store, when the
 * rules changed (their fingerprint), and on demand ({@link #evaluateAll}). Reads and writes only the store.
 *
 * <p>Customers on the identity review list (a record that may be theirs is waiting for a person to decide) are
 * evaluated like everyone else, and their findings stored <em>held</em>: shown, but not written back to the CRM
 * until the review is decided, because their journey may be missing that record or hold someone else's.
 */
public final class InsightStage {
    private static final Logger LOG = LoggerFactory.getLogger(InsightStage.class);
    /** Customers per read-evaluate-write round: a few queries and one transaction each. */
    static final int BATCH = 500;

    /**
     * What evaluation did in this run (the sums) and what the store holds now (byRuleAndState).
     *
     * @param evaluations        evaluations run
     * @param fullEvaluations    of them, those that evaluated every customer
     * @param customersEvaluated customers evaluated, over all evaluations
     * @param customersFailed    customers a rule failed on (logged; evaluated again next time)
     * @param changes            what the evaluations wrote
     * @param byRuleAndState     findings stored now, by rule and state (open, resolved)
     * @param held               findings now held for identity review
     */
    public record Counts(long evaluations, long fullEvaluations, long customersEvaluated, long customersFailed,
                         Changes changes, Map<String, Map<FindingStore.State, Long>> byRuleAndState, long held) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, Changes.NONE, Map.of(), 0);

        public Counts {
            byRuleAndState = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byRuleAndState));
        }
    }

    private final Supplier<RuleSet> rules;
    private final DeepLinks links;
    private final HistoryStore histories;
    private final FindingStore findings;
    private final EvaluationStore evaluations;
    private final Clock clock;

    private long evaluationCount;
    private long fullCount;
    private long customersEvaluated;
    private long customersFailed;
    private Changes changes = Changes.NONE;
    private Counts latest = Counts.NONE;

    /**
     * @param rules the rules in force; asked at every evaluation, so an edited rules file applies next time
     * @param links where campaign reports live, for the evidence of campaign sends
     */
    public InsightStage(Supplier<RuleSet> rules, DeepLinks links, HistoryStore histories, FindingStore findings,
                        EvaluationStore evaluations, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.links = Objects.requireNonNull(links, "links");
        this.histories = histories;
        this.findings = findings;
        this.evaluations = evaluations;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One incremental evaluation (every customer when the store was never evaluated or the rules changed). */
    public synchronized void evaluate() {
        run(false);
    }

    /** Every customer evaluated again, whatever changed. */
    public synchronized void evaluateAll() {
        run(true);
    }

    private void run(boolean requested) {
        RuleSet ruleSet = rules.get();
        Optional<State> state = evaluations.state();
        String why = requested ? "asked for" : fullEvaluationReason(state, ruleSet);
        Instant horizon = evaluations.horizon();
        Instant now = clock.instant();

        Due due = why != null ? null : evaluations.due(state.get().watermark(), now);
        Collection<String> customers = due == null ? evaluations.allCustomers() : due.all();
        Set<String> held = evaluations.heldForReview();
        Outcome outcome = evaluateInBatches(customers, ruleSet.config(), held, now);
        // A full evaluation looks at every stored finding's customer; an incremental one at those the triggers noted.
        int gone = findings.resolveForGoneCustomers(due == null ? findings.customersWithOpenFindings() : due.gone(), now);
        if (due == null || !due.gone().isEmpty()) {
            evaluations.forgetGoneCustomers();
        }
        findings.holdForReview(held);
        Instant watermark = state.map(State::watermark).filter(w -> w.isAfter(horizon)).orElse(horizon);
        evaluations.saveState(new State(ruleSet.fingerprint(), watermark), horizon);

        count(why, due, customers.size(), outcome, gone);
    }

    /** Why every customer must be evaluated; null when only those due need it. */
    private static String fullEvaluationReason(Optional<State> state, RuleSet ruleSet) {
        if (state.isEmpty()) {
            return "first evaluation of this store";
        }
        if (!state.get().rulesFingerprint().equals(ruleSet.fingerprint())) {
            return "the rules changed (" + ruleSet.source() + ")";
        }
        return null;
    }

    private record Outcome(int failed, Changes changes) {
    }

    private Outcome evaluateInBatches(Collection<String> customers, RulesConfig config, Set<String> held, Instant now) {
        HistoryLoader loader = new HistoryLoader(histories, links);
        List<String> all = new ArrayList<>(new LinkedHashSet<>(customers));
        int failed = 0;
        Changes written = Changes.NONE;
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            Map<String, CustomerHistory> loaded = loader.load(batch);
            List<StoredFinding> produced = new ArrayList<>();
            List<String> evaluated = new ArrayList<>();
            Map<String, Instant> deadlines = new HashMap<>();
            for (CustomerHistory history : loaded.values()) {
                try {
                    Rules.evaluate(history, config, now).forEach(f -> produced.add(stored(f)));
                    evaluated.add(history.customerKey());
                    deadlines.put(history.customerKey(), Deadlines.next(history, config, now).orElse(null));
                } catch (RuntimeException e) {
                    // One customer's data a rule cannot read must not stop everyone else's findings; their stored
                    // findings stay as they were, and they are due again at once so the next evaluation retries.
                    LOG.warn("Insights: {}; the customer's findings are left as they were", e.getMessage());
                    failed++;
                    deadlines.put(history.customerKey(), now);
                }
            }
            written = written.plus(findings.save(evaluated, produced, held, now));
            evaluations.saveDeadlines(deadlines);
        }
        return new Outcome(failed, written);
    }

    /** The store's view of a finding: a finding the rule saw clear is stored resolved at that time. */
    static StoredFinding stored(Finding f) {
        List<FindingStore.Evidence> evidence = f.evidence().stream().map(e -> new FindingStore.Evidence(e.at(), e.what(),
                e.link() == null ? null : e.link().toString(),
                e.touchpoint() == null ? null : e.touchpoint().asString())).toList();
        Finding.Actor a = f.actor();
        return new StoredFinding(f.key(), f.customerKey(), f.personaId(), f.ruleId(), f.kind().wireName(),
                f.severity().wireName(), f.title(), f.explanation(), evidence, f.from(), f.to(),
                new FindingStore.Actor(a.userId(), a.role(), a.reason()), f.detectedAt(),
                f.state() == Finding.State.OPEN ? FindingStore.State.OPEN : FindingStore.State.RESOLVED,
                f.conditionClearedAt());
    }

    private void count(String fullBecause, Due due, int customers, Outcome outcome, int gone) {
        evaluationCount++;
        fullCount += fullBecause != null ? 1 : 0;
        customersEvaluated += customers;
        customersFailed += outcome.failed();
        changes = changes.plus(outcome.changes()).plus(new Changes(0, 0, gone, 0, 0));
        Map<String, Map<FindingStore.State, Long>> byRule = findings.countByRuleAndState();
        long held = findings.countHeld();
        latest = new Counts(evaluationCount, fullCount, customersEvaluated, customersFailed, changes, byRule, held);
        Changes now = outcome.changes();
        LOG.info("Insights: evaluated {} customers{}: {} findings opened, {} updated, {} resolved, {} reopened, "
                        + "{} unchanged{}{}",
                customers, fullBecause != null ? " (every customer: " + fullBecause + ")" : due == null ? ""
                        : " (" + due.touched().size() + " with new or changed touchpoints, " + due.lost().size()
                        + " that lost touchpoints, " + due.changed().size() + " re-resolved, " + due.deadline().size()
                        + " with a deadline passed)",
                now.opened(), now.updated(), now.resolved() + gone, now.reopened(), now.unchanged(),
                outcome.failed() > 0 ? "; " + outcome.failed() + " customers failed (see the warnings above)" : "",
                held > 0 ? "; " + held + " findings held for identity review" : "");
    }

    /** The sums over this stage's evaluations so far, and the findings as they stand after the last one. */
    public synchronized Counts counts() {
        return latest;
    }
}
