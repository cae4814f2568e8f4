package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.Priority;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.insight.Threshold;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code unresolved-too-long}: a case or ticket open longer than the resolution SLA for its priority, counted from
 * its opening to its final resolution (a reopened one counts its whole life) or, while open, to now. Defaults:
 * urgent 1 d, high 3 d, normal 5 d, low 10 d, calendar time. Resolved exactly at the SLA meets it. Resolved late is
 * a finding resolved at the resolution. A record whose status says solved but which has no resolution moment is
 * skipped: when it was solved is not known.
 */
public final class UnresolvedTooLongRule extends RuleBase {
    public static final String ID = "unresolved-too-long";
    static final Map<Priority, Duration> DEFAULT_SLA = Map.of(Priority.URGENT, Duration.ofDays(1),
            Priority.HIGH, Duration.ofDays(3), Priority.NORMAL, Duration.ofDays(5), Priority.LOW,
            Duration.ofDays(10));

    public UnresolvedTooLongRule() {
        super(ID, Finding.Kind.PAIN_POINT, Severity.MEDIUM);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                Threshold.perPriority("sla", DEFAULT_SLA, "the longest a case or ticket may stay unresolved, "
                        + "per priority"),
                Threshold.businessHours());
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (SupportThread thread : SupportThread.of(history.touchpoints())) {
            Optional<Touchpoint> opened = thread.opened();
            if (opened.isEmpty()) {
                continue;
            }
            Priority priority = thread.priority();
            Duration sla = settings.perPriority("sla", priority);
            Instant start = opened.get().occurredAt();
            Instant deadline = settings.deadline(start, sla);
            String slaText = "the resolution SLA for " + priority + " priority"
                    + (thread.priorityGiven() ? "" : " (none given)") + " is " + settings.describe(sla)
                    + settings.calendarNote();
            Finding.Builder finding = Finding.builder(this, history, settings, thread.anchor())
                    .evidence(opened.get()).evidence(thread.ofTypes(SupportThread.REOPENED))
                    .actor(Actors.forThread(thread)).detectedAt(deadline);
            if (thread.isOpen()) {
                if (now.isAfter(deadline)) {
                    findings.add(finding.title(Texts.capital(thread.label()) + " unresolved for "
                                    + SlowFirstResponseRule.waited(settings, start, now))
                            .explanation("Open for " + SlowFirstResponseRule.waited(settings, start, now)
                                    + reopens(thread) + "; " + slaText).build());
                }
                continue;
            }
            Optional<Instant> resolved = thread.resolvedAt();
            if (resolved.isPresent() && resolved.get().isAfter(deadline)) {
                findings.add(finding.title(Texts.capital(thread.label()) + " took "
                                + SlowFirstResponseRule.waited(settings, start, resolved.get()) + " to resolve")
                        .explanation("Resolved after " + SlowFirstResponseRule.waited(settings, start, resolved.get())
                                + reopens(thread) + "; " + slaText)
                        .evidence(thread.ofTypes(SupportThread.RESOLVED)).clearedAt(resolved.get()).build());
            }
        }
        return findings;
    }

    private static String reopens(SupportThread thread) {
        int n = thread.ofTypes(SupportThread.REOPENED).size();
        return n == 0 ? "" : " (reopened " + Texts.plural(n, "time") + ")";
    }
}
