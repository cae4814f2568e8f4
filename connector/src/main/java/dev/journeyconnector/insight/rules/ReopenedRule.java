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
 * {@code reopened}: a solved ticket or closed case was reopened, {@code reopens} times or more (default 1, which
 * fires: one reopen is already a customer whose problem was not solved). One finding per case or ticket, detected
 * at the reopen that reached the count, cleared when it is resolved again.
 */
public final class ReopenedRule extends RuleBase {
    public static final String ID = "reopened";

    public ReopenedRule() {
        super(ID, Finding.Kind.PAIN_POINT, Severity.MEDIUM);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(Threshold.count("reopens", 1, 1, 100, "how many reopens of one case or ticket fire the rule"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        int needed = settings.count("reopens");
        List<Finding> findings = new ArrayList<>();
        for (SupportThread thread : SupportThread.of(history.touchpoints())) {
            List<Touchpoint> reopens = thread.ofTypes(SupportThread.REOPENED);
            if (reopens.size() < needed) {
                continue;
            }
            Touchpoint last = reopens.get(reopens.size() - 1);
            Finding.Builder finding = Finding.builder(this, history, settings, thread.anchor())
                    .title(Texts.capital(thread.label()) + " reopened")
                    .explanation(Texts.capital(thread.label()) + " was reopened " + Texts.plural(reopens.size(), "time")
                            + " after it was " + (thread.noun().equals("case") ? "closed" : "solved") + ", last on "
                            + Texts.day(last.occurredAt(), settings.calendar().zone())
                            + (thread.isOpen() ? "; it is still open" : ""))
                    .evidence(reopens).evidence(thread.ofTypes(SupportThread.RESOLVED))
                    .actor(Actors.forThread(thread))
                    .detectedAt(reopens.get(needed - 1).occurredAt());
            thread.opened().ifPresent(finding::evidence);
            if (!thread.isOpen()) {
                thread.resolvedAt().ifPresent(finding::clearedAt);
            }
            findings.add(finding.build());
        }
        return findings;
    }
}
