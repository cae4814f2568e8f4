package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Rule;

import java.util.List;

/** The seven handoff-gap rules of issue 5, in report order: see docs/rules.md. */
public final class HandoffGapRules {

    private HandoffGapRules() {
    }

    public static List<Rule> all() {
        return List.of(
                new WonNotOnboardedRule(),
                new EngagedLeadNotFollowedRule(),
                new TransferWithoutContextRule(),
                ContactSwitchRule.channels(),
                ContactSwitchRule.devices(),
                new SupportBlindToDealRule(),
                new ConsentDriftRule());
    }
}
