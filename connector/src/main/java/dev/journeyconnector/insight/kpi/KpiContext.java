package dev.journeyconnector.insight.kpi;

import dev.journeyconnector.insight.kpi.JourneyKpis.EmailBasis;
import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.mapping.JourneyMap;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a KPI report is computed against, apart from the customers and findings themselves.
 *
 * @param period     the period counted
 * @param now        when the report is made: a case still unanswered is judged against its SLA at the earlier
 *                   of the period's end and now
 * @param vocabulary the stages (their order for everyone together, and for a persona without a journey map entry)
 * @param map        the personas' journeys: each persona's stage order
 * @param personas   persona id → name, in the order reports list them (personas.yaml's)
 * @param settings   types, SLAs, path limits
 * @param emailBasis what the email rates are out of: sends when the reader knows them
 */
public record KpiContext(KpiPeriod period, Instant now, Vocabulary vocabulary, JourneyMap map,
                         Map<String, String> personas, KpiSettings settings, EmailBasis emailBasis) {

    public KpiContext {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(map, "map");
        personas = Collections.unmodifiableMap(new LinkedHashMap<>(personas));
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(emailBasis, "emailBasis");
        vocabulary.requireStage(settings.purchaseStage());
        vocabulary.requireStage(settings.retentionStage());
    }

    /** Until when waiting support items are judged: the period's end, or now when that is earlier. */
    Instant judgedAt() {
        return now.isBefore(period.to()) ? now : period.to();
    }
}
