package dev.journeyconnector.insight;

import dev.journeyconnector.journey.Touchpoint;

import java.time.Instant;
import java.util.Objects;

/**
 * A touchpoint as the drift report sees it: whose it was, which persona they have, what kind, in which stage
 * and when. Touchpoints whose customer is not resolved yet have no persona; leave them out.
 *
 * @param customerKey the resolved customer
 * @param personaId   the customer's persona id (the default persona's id when no rule matched)
 * @param type        the touchpoint type, e.g. {@code ticket-opened}
 * @param stage       the stage name the mapping gave it
 * @param occurredAt  when it happened
 */
public record ObservedTouchpoint(String customerKey, String personaId, String type, String stage,
                                 Instant occurredAt) {

    public ObservedTouchpoint {
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(personaId, "personaId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** A stored touchpoint of a resolved customer; fails when it has no customer. */
    public static ObservedTouchpoint of(Touchpoint touchpoint, String personaId) {
        if (touchpoint.customerKey() == null) {
            throw new IllegalArgumentException("touchpoint " + touchpoint.key() + " has no customer yet; "
                    + "the drift report only takes touchpoints of resolved customers");
        }
        return new ObservedTouchpoint(touchpoint.customerKey(), personaId, touchpoint.key().type(),
                touchpoint.stage(), touchpoint.occurredAt());
    }
}
