package dev.journeyconnector.insight.kpi;

import dev.journeyconnector.journey.Touchpoint;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One customer as the KPIs see them: their persona, their touchpoints and the campaign emails sent to them.
 * Touchpoints and sends outside the report's period are ignored, so a reader may pass more than the period.
 *
 * @param customerKey the resolved customer
 * @param personaId   the customer's persona id
 * @param touchpoints the customer's touchpoints, in any order (they are sorted by time, then by key)
 * @param sends       the campaign emails sent to the customer; empty when none were, or when sends are not known
 */
public record KpiCustomer(String customerKey, String personaId, List<Touchpoint> touchpoints,
                          List<CampaignSend> sends) {

    /** Time order, with the key as tie-breaker so that equal times always give the same path. */
    static final Comparator<Touchpoint> TIME_ORDER = Comparator.comparing(Touchpoint::occurredAt)
            .thenComparing(t -> t.key().asString());

    public KpiCustomer {
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(personaId, "personaId");
        touchpoints = touchpoints.stream().sorted(TIME_ORDER).toList();
        sends = List.copyOf(sends);
    }

    public KpiCustomer(String customerKey, String personaId, List<Touchpoint> touchpoints) {
        this(customerKey, personaId, touchpoints, List.of());
    }
}
