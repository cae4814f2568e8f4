package dev.journeyconnector.insight.kpi;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One finding as the KPIs count it: enough of a stored finding to count pain points per rule and handoff gaps
 * per from → to pair, nothing of its evidence or explanation.
 *
 * @param rule        the rule id, e.g. {@code slow-first-response}
 * @param kind        pain point or handoff gap
 * @param customerKey whose finding it is
 * @param personaId   the customer's persona id
 * @param from        for a handoff gap, where the customer came from (a department, channel or device);
 *                    null for a pain point
 * @param to          for a handoff gap, where the customer went; null for a pain point
 * @param detectedAt  when the finding was first detected: what places it in a period
 */
public record FindingRow(String rule, Kind kind, String customerKey, String personaId, String from, String to,
                         Instant detectedAt) {

    /** The two kinds of finding. */
    public enum Kind {
        PAIN_POINT, HANDOFF_GAP;

        /** Reads a stored kind, e.g. {@code HANDOFF_GAP} or {@code handoff-gap}. */
        public static Kind parse(String text) {
            String normal = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Kind k : values()) {
                if (k.name().equals(normal)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("finding kind '" + text + "' is not pain-point or handoff-gap");
        }
    }

    public FindingRow {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(personaId, "personaId");
        Objects.requireNonNull(detectedAt, "detectedAt");
        if (kind == Kind.HANDOFF_GAP && (from == null || to == null)) {
            throw new IllegalArgumentException("handoff gap " + rule + " of " + customerKey
                    + " needs both a from and a to");
        }
    }
}
