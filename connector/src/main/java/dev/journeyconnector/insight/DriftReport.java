package dev.journeyconnector.insight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How far the journey data has moved from the journey model, made by {@link DriftAnalysis} and shown by
 * {@link DriftReportText}. Plain records all the way down, so the same report serialises as JSON for the ops
 * console. Lists are sorted most-drifted first.
 *
 * @param generatedAt     the time the report was computed for
 * @param journeyMapFile  the journey map compared with
 * @param unmapped        (a) source records no mapping made a touchpoint of, per object
 * @param unexpected      (b) touchpoint types a persona had in a stage its map does not expect them in
 * @param unseen          (c) expected types nobody of the persona has had for the persona's unseen days
 * @param outOfOrder      (d) stage pairs customers reached the wrong way round
 * @param score           (e) the drift score and whether it raises an alert
 */
public record DriftReport(Instant generatedAt, String journeyMapFile, List<UnmappedObject> unmapped,
                          List<UnexpectedType> unexpected, List<UnseenType> unseen, List<OrderViolation> outOfOrder,
                          DriftScore score) {

    public DriftReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        unmapped = List.copyOf(unmapped);
        unexpected = List.copyOf(unexpected);
        unseen = List.copyOf(unseen);
        outOfOrder = List.copyOf(outOfOrder);
        Objects.requireNonNull(score, "score");
    }

    /**
     * (a) The unmapped records of one source object.
     *
     * @param source        e.g. {@code salesforce}
     * @param object        e.g. {@code Case}
     * @param records       unmapped records of this object
     * @param mappedRecords records of this object that made touchpoints: what the values are compared with
     * @param reasons       why, most frequent first
     * @param values        values of categorical fields that unmapped records have and no mapped record has,
     *                      most frequent first; empty when there is no mapped record to compare with
     * @param valuesLeftOut further such values not listed (the list keeps the most frequent)
     * @param examples      a few of the record ids, to look them up in the source system
     */
    public record UnmappedObject(String source, String object, int records, int mappedRecords,
                                 List<ReasonCount> reasons, List<DistinguishingValue> values, int valuesLeftOut,
                                 List<String> examples) {
        public UnmappedObject {
            reasons = List.copyOf(reasons);
            values = List.copyOf(values);
            examples = List.copyOf(examples);
        }
    }

    /** How many unmapped records of an object gave this reason. */
    public record ReasonCount(String reason, int records) {
    }

    /**
     * A field value that sets unmapped records apart: present among them, absent from every mapped record of
     * the same object (e.g. {@code Origin = WhatsApp}).
     *
     * @param field   the field, dotted when nested ({@code via.channel})
     * @param value   the value as text; {@link ValueCounts#EMPTY} for null or empty
     * @param records unmapped records with it
     */
    public record DistinguishingValue(String field, String value, int records) {
    }

    /**
     * (b) Touchpoints of one type, in one stage, that a persona's map does not expect there.
     *
     * @param personaId   the persona
     * @param type        the touchpoint type
     * @param stage       the stage the touchpoints had
     * @param touchpoints how many
     * @param customers   of how many customers
     * @param lastSeen    the latest of them
     * @param mapStages   the stages the persona's map lists the type under; empty when the map does not have it
     */
    public record UnexpectedType(String personaId, String type, String stage, int touchpoints, int customers,
                                 Instant lastSeen, List<String> mapStages) {
        public UnexpectedType {
            mapStages = List.copyOf(mapStages);
        }

        /** True when the persona's map has the type under some other stage. */
        public boolean inOtherStage() {
            return !mapStages.isEmpty();
        }
    }

    /**
     * (c) An expected type no customer of the persona has had for at least {@code unseenDays} days.
     *
     * @param personaId  the persona
     * @param type       the touchpoint type
     * @param stages     the stages its map lists the type under
     * @param unseenDays the persona's window
     * @param lastSeen   the latest such touchpoint of the persona; null when there was never one
     * @param daysSince  whole days from lastSeen to the report's time; null when never seen
     */
    public record UnseenType(String personaId, String type, List<String> stages, int unseenDays, Instant lastSeen,
                             Long daysSince) {
        public UnseenType {
            stages = List.copyOf(stages);
        }

        public boolean neverSeen() {
            return lastSeen == null;
        }
    }

    /**
     * (d) Customers of a persona who reached {@code later} before {@code earlier}, although the map has
     * {@code earlier} first: the first touchpoint in {@code later} is strictly older than the first in
     * {@code earlier}.
     *
     * @param personaId     the persona
     * @param earlier       the stage the map puts first
     * @param later         the stage the map puts after it
     * @param customers     customers who reached {@code later} first
     * @param customersWithBoth customers who reached both stages (what {@code customers} is out of)
     * @param examples      a few of the customers' keys, to look at their journeys
     */
    public record OrderViolation(String personaId, String earlier, String later, int customers,
                                 int customersWithBoth, List<String> examples) {
        public OrderViolation {
            examples = List.copyOf(examples);
        }
    }
}
