package dev.journeyconnector.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A rule with one threshold of each type, for the loader and settings tests; it finds nothing. */
final class TestRule implements Rule {
    private final String id;

    TestRule(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Finding.Kind kind() {
        return Finding.Kind.PAIN_POINT;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                Threshold.duration("window", Duration.ofDays(14), "how far back"),
                Threshold.count("contacts", 3, 2, 100, "how many"),
                Threshold.businessHours(),
                Threshold.perPriority("sla", Map.of(Priority.URGENT, Duration.ofHours(1),
                        Priority.HIGH, Duration.ofHours(4), Priority.NORMAL, Duration.ofHours(24),
                        Priority.LOW, Duration.ofHours(48)), "per priority"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        return List.of();
    }
}
