package dev.journeyconnector.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When time alone could next change a customer's findings, so an incremental evaluation can look at the customer
 * again then even though nothing new arrived: a reply still missing when its SLA passes, no onboarding within 7
 * days of a won deal, a deal left alone for 21 days.
 *
 * <p>The contract with the rules (see {@link Rule}): a rule's answer for an unchanged history can change with the
 * evaluation time only at a moment {@code settings.deadline(t, d)}, where {@code t} is the time of one of the
 * customer's touchpoints or facts and {@code d} one of the durations the rule declares (a duration threshold, or one
 * priority's value of a per-priority threshold), counted as the rule counts time (business hours when on). The
 * candidates are a superset of the real deadlines (most pairs are no deadline at all), so the answer errs on the
 * side of looking again; a look that finds nothing new writes nothing.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /** The first such moment after {@code now}; empty when none is ahead (only new data can change the findings). */
    public static Optional<Instant> next(CustomerHistory history, RulesConfig config, Instant now) {
        List<Instant> moments = moments(history);
        if (moments.isEmpty()) {
            return Optional.empty();
        }
        Instant best = null;
        for (Rule rule : config.registry().rules()) {
            RuleSettings settings = config.settings(rule, history.personaId());
            if (!settings.enabled()) {
                continue;
            }
            for (Duration d : durations(rule, settings)) {
                Instant first = firstAfter(moments, settings, d, now);
                if (first != null && (best == null || first.isBefore(best))) {
                    best = first;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every time the customer's history holds, sorted, each once. */
    static List<Instant> moments(CustomerHistory history) {
        TreeSet<Instant> out = new TreeSet<>();
        history.touchpoints().forEach(t -> out.add(t.occurredAt()));
        CustomerFacts facts = history.facts();
        facts.opportunities().forEach(o -> {
            if (o.lastModified() != null) {
                out.add(o.lastModified());
            }
        });
        facts.memberships().forEach(m -> {
            if (m.lastChanged() != null) {
                out.add(m.lastChanged());
            }
        });
        facts.sends().forEach(s -> out.add(s.sentAt()));
        return new ArrayList<>(out);
    }

    private static List<Duration> durations(Rule rule, RuleSettings settings) {
        List<Duration> out = new ArrayList<>();
        for (Threshold t : rule.thresholds()) {
            switch (t.type()) {
                case DURATION -> out.add(settings.duration(t.name()));
                case PER_PRIORITY -> out.addAll(settings.perPriority(t.name()).values());
                default -> {
                }
            }
        }
        return out;
    }

    /**
     * The earliest {@code deadline(t, d)} after {@code now} over the moments: deadlines grow with t, so the first
     * moment whose deadline is after now gives it (binary search).
     */
    private static Instant firstAfter(List<Instant> moments, RuleSettings settings, Duration d, Instant now) {
        int lo = 0;
        int hi = moments.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (settings.deadline(moments.get(mid), d).isAfter(now)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < moments.size() ? settings.deadline(moments.get(lo), d) : null;
    }
}
