package dev.journeyconnector.insight;

import dev.journeyconnector.insight.rules.PainPointRules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules the connector knows, in evaluation and report order. {@code mappings/rules.yaml} may configure only
 * these ids.
 */
public record RuleRegistry(List<Rule> rules) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public RuleRegistry {
        rules = List.copyOf(rules);
        Set<String> seen = new HashSet<>();
        for (Rule r : rules) {
            if (!ID.matcher(r.id()).matches()) {
                throw new IllegalArgumentException("rule id '" + r.id() + "' must be lower-case words joined by -");
            }
            if (!seen.add(r.id())) {
                throw new IllegalArgumentException("rule id '" + r.id() + "' is registered twice");
            }
        }
    }

    /** Every rule the connector ships: the pain points, then the handoff gaps. */
    public static RuleRegistry defaults() {
        List<Rule> all = new ArrayList<>(PainPointRules.all());
        return new RuleRegistry(all);
    }

    public Optional<Rule> find(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return rules.stream().map(Rule::id).toList();
    }
}
