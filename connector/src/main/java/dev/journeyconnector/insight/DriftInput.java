package dev.journeyconnector.insight;

import dev.journeyconnector.mapping.JourneyMap;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the drift report is computed from; see {@link DriftAnalysis#analyse}.
 *
 * @param touchpoints the touchpoints of resolved customers, each with the customer's persona
 * @param unmapped    the source records of mapped objects that produced no touchpoint
 * @param mapped      the field values of the source records that did produce touchpoints, per object; its
 *                    record count is also the denominator of the unmapped share
 * @param map         the journey map
 * @param now         the report's time: what "not seen for N days" counts back from
 * @param unseenDays  days without an expected type before it is reported (JOURNEY_DRIFT_UNSEEN_DAYS); a
 *                    persona's {@code unseenDays} in the map overrides it
 * @param threshold   drift score above which the report raises an alert (JOURNEY_DRIFT_THRESHOLD), 0..1
 */
public record DriftInput(List<ObservedTouchpoint> touchpoints, List<UnmappedRecord> unmapped, ValueCounts mapped,
                         JourneyMap map, Instant now, int unseenDays, double threshold) {

    public DriftInput {
        touchpoints = List.copyOf(touchpoints);
        unmapped = List.copyOf(unmapped);
        Objects.requireNonNull(mapped, "mapped");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(now, "now");
        if (unseenDays < 1) {
            throw new IllegalArgumentException("unseenDays must be at least 1, was " + unseenDays);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the drift threshold is a share between 0 and 1, was " + threshold);
        }
    }
}
