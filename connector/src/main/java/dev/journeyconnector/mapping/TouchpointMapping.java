package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The mapping of one source object (e.g. Salesforce {@code Case}), loaded by {@link MappingLoader}. Every rule
 * whose {@code when} holds yields one touchpoint, so one record may yield several (a ticket opened and its
 * first reply). {@code customer} says, in order of preference, which of the record's fields lead to the
 * customer it belongs to; identity resolution follows them.
 *
 * @param file      the file it was read from, as named in problems
 * @param reference true for reference data (people, lists, campaigns): its records feed identity, titles and
 *                  links, never become touchpoints and are never unmapped; such a mapping has no customer,
 *                  link, skip or rules
 * @param customer  the ways to the record's customer, first that leads to a known one wins; empty only for
 *                  reference data
 * @param link      which record the touchpoints' deep link opens; empty for no link
 * @param skip      records that are deliberately no journey moment (open Tasks, the connector's own Tasks)
 * @param rules     the rules, in file order
 */
public record TouchpointMapping(String file, Touchpoint.Source source, String object, boolean reference,
                                List<CustomerLink> customer, Optional<LinkSpec> link, Optional<Condition> skip,
                                List<MappingRule> rules) {

    /** The reason a record no rule matched is reported with, so the drift report can count it. */
    public static final String NO_RULE_MATCHED = "no rule matched";

    /**
     * A record, or one rule's part of it, that made no touchpoint though it should have.
     *
     * @param type   the rule's touchpoint type; null when no rule matched the record at all
     * @param reason what was wrong with the record, e.g. {@code CreatedDate is missing}, or
     *               {@link #NO_RULE_MATCHED}
     */
    public record Unmapped(String type, String reason) {
        public Unmapped {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return type == null ? reason : type + ": " + reason;
        }
    }

    /**
     * The touchpoints made from a record, and the rules that matched but could not make one.
     *
     * @param skipped true when the record is deliberately no journey moment (the file's {@code skip} matched,
     *                or the object is reference data); then there are no touchpoints and nothing unmapped
     */
    public record Result(List<Touchpoint> touchpoints, List<Unmapped> unmapped, boolean skipped) {
        public Result {
            touchpoints = List.copyOf(touchpoints);
            unmapped = List.copyOf(unmapped);
            if (skipped && !(touchpoints.isEmpty() && unmapped.isEmpty())) {
                throw new IllegalArgumentException("a skipped record has no touchpoints and nothing unmapped");
            }
        }

        public Result(List<Touchpoint> touchpoints, List<Unmapped> unmapped) {
            this(touchpoints, unmapped, false);
        }

        public static Result skippedRecord() {
            return new Result(List.of(), List.of(), true);
        }
    }

    public TouchpointMapping {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(skip, "skip");
        customer = List.copyOf(customer);
        rules = List.copyOf(rules);
        if (reference && !(customer.isEmpty() && link.isEmpty() && skip.isEmpty() && rules.isEmpty())) {
            throw new IllegalArgumentException("a reference mapping has no customer, link, skip or rules");
        }
    }

    /** A mapping of journey records with no link and no skip. */
    public TouchpointMapping(String file, Touchpoint.Source source, String object, List<CustomerLink> customer,
                             List<MappingRule> rules) {
        this(file, source, object, false, customer, Optional.empty(), Optional.empty(), rules);
    }

    /** The touchpoints of a record; matching rules that could not make one are left out (see {@link #apply}). */
    public List<Touchpoint> map(String recordId, Map<String, Object> record) {
        return apply(recordId, record).touchpoints();
    }

    /**
     * Applies the mapping to a record: nothing, flagged skipped, for reference data or a record {@code skip}
     * matches; else a touchpoint per matching rule, an {@link Unmapped} per matching rule that could not make
     * one, and one {@link Unmapped} without type when no rule matched. The touchpoints have no customer
     * (identity resolution comes later) and no deep link yet.
     *
     * @param recordId the record's id in its system, e.g. a Salesforce Id
     */
    public Result apply(String recordId, Map<String, Object> record) {
        if (reference || skip.map(s -> s.matches(record)).orElse(false)) {
            return Result.skippedRecord();
        }
        List<Touchpoint> touchpoints = new ArrayList<>();
        List<Unmapped> unmapped = new ArrayList<>();
        boolean matched = false;
        for (MappingRule rule : rules) {
            if (rule.when().isPresent() && !rule.when().get().matches(record)) {
                continue;
            }
            matched = true;
            try {
                Instant occurredAt = rule.at().resolve(record);
                Touchpoint.Key key = new Touchpoint.Key(source, object, recordId, rule.type());
                touchpoints.add(new Touchpoint(key, null, rule.stage().resolve(record),
                        rule.channel().resolve(record), rule.department().resolve(record),
                        rule.device().resolve(record),
                        Sentiment.of(rule.sentiment().resolve(record)).orElseThrow(),
                        occurredAt, rule.title().render(record), null, rule.attributes(record)));
            } catch (IllegalArgumentException e) {
                unmapped.add(new Unmapped(rule.type(), e.getMessage()));
            }
        }
        if (!matched) {
            unmapped.add(new Unmapped(null, NO_RULE_MATCHED));
        }
        return new Result(touchpoints, unmapped);
    }
}
