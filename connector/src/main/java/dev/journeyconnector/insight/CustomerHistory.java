package dev.journeyconnector.insight;

import dev.journeyconnector.identity.Customer;
import dev.journeyconnector.journey.Touchpoint;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the rules see of one customer: who they are, their touchpoints across the three systems in time
 * order, and their records' current state ({@link CustomerFacts}). Built from the store before evaluation, so a
 * rule is a pure function of it, the rule settings and the evaluation time.
 *
 * @param customerKey the customer ({@code sf:003...}, {@code prospect:...})
 * @param kind        contact, lead or prospect
 * @param personaId   the customer's persona; picks the persona overrides of {@code mappings/rules.yaml}
 * @param touchpoints in time order (ties by key); sorted here whatever order they come in
 * @param facts       the customer's records; {@link CustomerFacts#NONE} when there are none
 */
public record CustomerHistory(String customerKey, Customer.Kind kind, String personaId, List<Touchpoint> touchpoints,
                              CustomerFacts facts) {

    private static final Comparator<Touchpoint> TIME_ORDER = Comparator.comparing(Touchpoint::occurredAt)
            .thenComparing(t -> t.key().asString());

    public CustomerHistory {
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(personaId, "personaId");
        touchpoints = touchpoints.stream().sorted(TIME_ORDER).toList();
        facts = facts == null ? CustomerFacts.NONE : facts;
    }

    /** The touchpoints of these types, in time order. */
    public List<Touchpoint> ofTypes(java.util.Collection<String> types) {
        return touchpoints.stream().filter(t -> types.contains(t.type())).toList();
    }
}
