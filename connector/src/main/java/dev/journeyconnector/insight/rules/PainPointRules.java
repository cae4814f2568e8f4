package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Rule;

import java.util.List;

/** The eight pain-point rules of issue 5, in report order. */
public final class PainPointRules {

    private PainPointRules() {
    }

    public static List<Rule> all() {
        return List.of(new RepeatContactRule(), new SlowFirstResponseRule(), new UnresolvedTooLongRule(),
                new LowSatisfactionRule(), new ReopenedRule(), new EscalationRule(), new StalledDealRule(),
                new EmailFatigueRule());
    }
}
