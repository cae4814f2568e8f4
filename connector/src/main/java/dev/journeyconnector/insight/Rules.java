package dev.journeyconnector.insight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs every enabled rule of a configuration over one customer. */
public final class Rules {

    private Rules() {
    }

    /**
     * @return every finding for the customer, rule by rule in registry order
     * @throws IllegalStateException when a rule fails or produces two findings with one key, naming the rule and
     *                               the customer
     */
    public static List<Finding> evaluate(CustomerHistory history, RulesConfig config, Instant now) {
        List<Finding> findings = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Rule rule : config.registry().rules()) {
            RuleSettings settings = config.settings(rule, history.personaId());
            if (!settings.enabled()) {
                continue;
            }
            List<Finding> produced;
            try {
                produced = rule.evaluate(history, settings, now);
            } catch (RuntimeException e) {
                throw new IllegalStateException("rule " + rule.id() + " failed on customer " + history.customerKey()
                        + ": " + e.getMessage(), e);
            }
            for (Finding f : produced) {
                if (!keys.add(f.key())) {
                    throw new IllegalStateException("rule " + rule.id() + " produced finding " + f.key()
                            + " twice for customer " + history.customerKey());
                }
                findings.add(f);
            }
        }
        return findings;
    }
}
