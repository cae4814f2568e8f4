package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.insight.Threshold;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code escalation}: a case was escalated ({@code case-escalated}, {@code ticket-escalated}) or a case or ticket
 * was raised to urgent (a {@code ticket-priority-changed} or {@code case-priority-changed} touchpoint with
 * {@code priority: urgent}; raised to high does not fire). One finding per case or ticket, detected at the
 * first escalation, cleared when it is resolved after it.
 */
public final class EscalationRule extends RuleBase {
    public static final String ID = "escalation";

    public EscalationRule() {
        super(ID, Finding.Kind.PAIN_POINT, Severity.HIGH);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of();
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (SupportThread thread : SupportThread.of(history.touchpoints())) {
            List<Touchpoint> escalations = thread.escalations();
            if (escalations.isEmpty()) {
                continue;
            }
            Touchpoint first = escalations.get(0);
            String how = SupportThread.ESCALATED.contains(first.type()) ? "escalated" : "raised to urgent";
            Finding.Builder finding = Finding.builder(this, history, settings, thread.anchor())
                    .title(Texts.capital(thread.label()) + " " + how)
                    .explanation(Texts.capital(thread.label()) + " was " + how + " on "
                            + Texts.day(first.occurredAt(), settings.calendar().zone())
                            + (escalations.size() > 1 ? " (" + Texts.plural(escalations.size(), "escalation")
                            + " in all)" : "")
                            + thread.opened().map(o -> ", " + SlowFirstResponseRule.waited(settings, o.occurredAt(),
                                    first.occurredAt()) + " after it was opened").orElse("")
                            + (thread.isOpen() ? "; it is still open" : ""))
                    .evidence(escalations).actor(Actors.forThread(thread)).detectedAt(first.occurredAt());
            thread.opened().ifPresent(finding::evidence);
            if (!thread.isOpen()) {
                thread.resolvedAt().filter(r -> !r.isBefore(first.occurredAt())).ifPresent(finding::clearedAt);
            }
            findings.add(finding.build());
        }
        return findings;
    }
}
