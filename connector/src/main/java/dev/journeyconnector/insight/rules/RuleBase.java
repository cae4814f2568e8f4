package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.Rule;
import dev.journeyconnector.insight.Severity;

/** What every rule states the same way: its id, whether it finds pain points or handoff gaps, its default severity. */
abstract class RuleBase implements Rule {
    private final String id;
    private final Finding.Kind kind;
    private final Severity defaultSeverity;

    RuleBase(String id, Finding.Kind kind, Severity defaultSeverity) {
        this.id = id;
        this.kind = kind;
        this.defaultSeverity = defaultSeverity;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Finding.Kind kind() {
        return kind;
    }

    @Override
    public final Severity defaultSeverity() {
        return defaultSeverity;
    }
}
