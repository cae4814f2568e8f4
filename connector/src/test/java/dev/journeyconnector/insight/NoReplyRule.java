package dev.journeyconnector.insight;

import dev.journeyconnector.journey.Touchpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small rule of the tests' own, time-based like the real SLA rules: a ticket with no first reply within
 * {@code window} (default 4 h). A reply that came late clears it at the reply's time. Records which customers
 * it was asked about, so tests can see exactly whom an evaluation looked at.
 */
final class NoReplyRule implements Rule {
    final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public String id() {
        return "no-reply";
    }

    @Override
    public Finding.Kind kind() {
        return Finding.Kind.PAIN_POINT;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(Threshold.duration("window", Duration.ofHours(4), "time allowed for the first reply"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        seen.add(history.customerKey());
        Duration window = settings.duration("window");
        List<Finding> out = new ArrayList<>();
        for (Touchpoint opened : history.ofTypes(Set.of("ticket-opened"))) {
            Instant deadline = settings.deadline(opened.occurredAt(), window);
            Optional<Touchpoint> reply = history.ofTypes(Set.of("ticket-first-reply")).stream()
                    .filter(r -> r.key().recordId().equals(opened.key().recordId())).findFirst();
            boolean late = reply.map(r -> r.occurredAt().isAfter(deadline)).orElse(!now.isBefore(deadline));
            if (!late) {
                continue;
            }
            Finding.Builder b = Finding.builder(this, history, settings, Finding.Anchor.of(opened))
                    .title("No reply on ticket " + opened.key().recordId())
                    .explanation("No first reply within " + settings.describe(window))
                    .evidence(opened)
                    .actor(Finding.Actor.fallback("nobody is assigned in this test"))
                    .detectedAt(deadline);
            reply.ifPresent(r -> b.evidence(r).clearedAt(r.occurredAt()));
            out.add(b.build());
        }
        return out;
    }
}
