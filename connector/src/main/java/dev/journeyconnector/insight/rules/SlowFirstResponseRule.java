package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.DurationText;
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
 * {@code slow-first-response}: a case's or ticket's first reply the customer saw came later than the SLA for its
 * priority, or is still missing after it. A reply exactly at the SLA meets it. A late reply is a finding
 * resolved when the reply came; a case closed past the SLA without any reply is resolved when it closed; one
 * closed within the SLA without a reply (answered by phone, a duplicate) is none.
 */
public final class SlowFirstResponseRule extends RuleBase {
    public static final String ID = "slow-first-response";
    static final Map<Priority, Duration> DEFAULT_SLA = Map.of(Priority.URGENT, Duration.ofHours(1),
            Priority.HIGH, Duration.ofHours(4), Priority.NORMAL, Duration.ofHours(24), Priority.LOW,
            Duration.ofHours(48));

    public SlowFirstResponseRule() {
        super(ID, Finding.Kind.PAIN_POINT, Severity.HIGH);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                Threshold.perPriority("sla", DEFAULT_SLA, "the longest a first reply may take, per priority"),
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
            String slaText = "the SLA for " + priority + " priority" + (thread.priorityGiven() ? "" : " (none given)")
                    + " is " + settings.describe(sla) + settings.calendarNote();
            Optional<Touchpoint> reply = thread.firstReply();
            Finding.Builder finding = Finding.builder(this, history, settings, thread.anchor())
                    .evidence(opened.get()).actor(Actors.forThread(thread)).detectedAt(deadline);
            if (reply.isPresent()) {
                Instant at = reply.get().occurredAt();
                if (!at.isAfter(deadline)) {
                    continue;
                }
                findings.add(finding.title("Slow first response on " + thread.label())
                        .explanation("First reply after " + waited(settings, start, at) + "; " + slaText)
                        .evidence(reply.get()).clearedAt(at).build());
                continue;
            }
            Optional<Instant> closed = thread.resolvedAfter(start);
            if (closed.isPresent()) {
                if (!closed.get().isAfter(deadline)) {
                    continue;
                }
                findings.add(finding.title("No reply on " + thread.label() + " before it was closed")
                        .explanation("No reply within the SLA; the " + thread.noun() + " was closed after "
                                + waited(settings, start, closed.get()) + " without a reply; " + slaText)
                        .evidence(thread.ofTypes(SupportThread.RESOLVED)).clearedAt(closed.get()).build());
            } else if (now.isAfter(deadline)) {
                findings.add(finding.title("No reply yet on " + thread.label())
                        .explanation("No reply yet after " + waited(settings, start, now) + "; " + slaText).build());
            }
        }
        return findings;
    }

    /** {@code 31 h}, or {@code 12 h of business hours (31 h in calendar time)}. */
    static String waited(RuleSettings settings, Instant from, Instant to) {
        Duration calendar = Duration.between(from, to);
        if (!settings.businessHours()) {
            return DurationText.format(calendar);
        }
        return settings.describe(settings.elapsed(from, to)) + " (" + DurationText.format(calendar)
                + " in calendar time)";
    }
}
