package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of one mapping file (one source object, e.g. Salesforce {@code Case}), loaded by
 * {@link MappingLoader}. Every rule whose {@code when} holds yields one touchpoint, so one record may yield
 * several (a ticket opened and its first reply). {@code customer} says, in order of preference, which of the
 * record's fields lead to the customer it belongs to; identity resolution follows them.
 */
public record TouchpointMapping(String file, Touchpoint.Source source, String object, List<CustomerLink> customer,
                                List<MappingRule> rules) {

    /**
     * A rule that matched a record but could not make a touchpoint of it.
     *
     * @param type   the rule's touchpoint type
     * @param reason what was wrong with the record, e.g. {@code CreatedDate is missing}
     */
    public record Unmapped(String type, String reason) {
        @Override
        public String toString() {
            return type + ": " + reason;
        }
    }

    /** The touchpoints made from a record, and the matching rules that could not make one. */
    public record Result(List<Touchpoint> touchpoints, List<Unmapped> unmapped) {
        public Result {
            touchpoints = List.copyOf(touchpoints);
            unmapped = List.copyOf(unmapped);
        }
    }

    public TouchpointMapping {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(object, "object");
        customer = List.copyOf(customer);
        rules = List.copyOf(rules);
    }

    /** The touchpoints of a record; matching rules that could not make one are left out (see {@link #apply}). */
    public List<Touchpoint> map(String recordId, Map<String, Object> record) {
        return apply(recordId, record).touchpoints();
    }

    /**
     * Applies every rule to a record. The touchpoints have no customer (identity resolution comes later) and
     * no deep link yet.
     *
     * @param recordId the record's id in its system, e.g. a Salesforce Id
     */
    public Result apply(String recordId, Map<String, Object> record) {
        List<Touchpoint> touchpoints = new ArrayList<>();
        List<Unmapped> unmapped = new ArrayList<>();
        for (MappingRule rule : rules) {
            if (rule.when().isPresent() && !rule.when().get().matches(record)) {
                continue;
            }
            Object time = rule.at().resolve(record);
            Optional<Instant> occurredAt = instant(time);
            if (occurredAt.isEmpty()) {
                unmapped.add(new Unmapped(rule.type(), rule.at() + (time == null ? " is missing"
                        : " is not a date-time: '" + Values.text(time) + "'")));
                continue;
            }
            try {
                Touchpoint.Key key = new Touchpoint.Key(source, object, recordId, rule.type());
                touchpoints.add(new Touchpoint(key, null, rule.stage().resolve(record),
                        rule.channel().resolve(record), rule.department().resolve(record),
                        rule.device().resolve(record),
                        Sentiment.of(rule.sentiment().resolve(record)).orElseThrow(),
                        occurredAt.get(), rule.title().render(record), null));
            } catch (IllegalArgumentException e) {
                unmapped.add(new Unmapped(rule.type(), e.getMessage()));
            }
        }
        return new Result(touchpoints, unmapped);
    }

    /** An instant from an ISO date-time (UTC when it has no offset) or a plain date (its start, UTC). */
    private static Optional<Instant> instant(Object value) {
        return Values.moment(value).map(m -> m.instant() != null ? m.instant()
                : m.date().atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
