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
 * @param onlyPersona the one persona the report is for ({@code journey kpis --persona}); null for everyone
 */
public record KpiContext(KpiPeriod period, Instant now, Vocabulary vocabulary, JourneyMap map,
                         Map<String, String> personas, KpiSettings settings, EmailBasis emailBasis,
                         String onlyPersona) {

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
        if (onlyPersona != null && !personas.containsKey(onlyPersona)) {
            throw new IllegalArgumentException("persona '" + onlyPersona + "' is not one of " + personas.keySet());
        }
    }

    /** A report for everyone. */
    public KpiContext(KpiPeriod period, Instant now, Vocabulary vocabulary, JourneyMap map,
                      Map<String, String> personas, KpiSettings settings, EmailBasis emailBasis) {
        this(period, now, vocabulary, map, personas, settings, emailBasis, null);
    }

    /** Whether customers and findings of this persona are counted. */
    boolean counts(String personaId) {
        return onlyPersona == null || onlyPersona.equals(personaId);
    }

    /** Until when waiting support items are judged: the period's end, or now when that is earlier. */
    Instant judgedAt() {
        return now.isBefore(period.to()) ? now : period.to();
    }
}
