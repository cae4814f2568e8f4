package dev.journeyconnector.mapping;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a mapping rule finds one touchpoint attribute ({@code priority}, {@code owner}, {@code internal} ...): a
 * record field copied as text, a field looked up in a table, a fixed value, or alternatives tried in order.
 * Unlike a stage or channel an attribute may be absent: a missing field, an unlisted value without a default,
 * or a {@code when} that does not hold gives none, never an error, since a fact the record does not have is
 * simply not known.
 *
 * <p>Values are text as {@link #text} writes them: numbers in plain form ({@code 1500}, not {@code 1500.0}),
 * booleans {@code true}/{@code false}, so insight rules compare text without knowing how a vendor's JSON typed
 * the field.
 */
public sealed interface AttributeSpec {

    /** The attribute's value for this record; empty when the record does not give one. */
    Optional<String> resolve(Map<String, ?> record);

    /** {@code owner: OwnerId}, or {@code {from: WhatId, when: ...}}: the field's value as text. */
    record Copy(FieldPath from, Optional<String> fallback, Optional<Condition> when) implements AttributeSpec {
        public Copy {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(fallback, "fallback");
            Objects.requireNonNull(when, "when");
        }

        @Override
        public Optional<String> resolve(Map<String, ?> record) {
            if (!holds(when, record)) {
                return Optional.empty();
            }
            return Optional.ofNullable(text(from.resolve(record))).or(() -> fallback);
        }
    }

    /**
     * {@code priority: {from: Priority, map: {High: high}, default: normal}}: the field's value as text, looked up
     * exactly; a missing field or an unlisted value gives the default, or nothing without one.
     */
    record Lookup(FieldPath from, Map<String, String> table, Optional<String> fallback, Optional<Condition> when)
            implements AttributeSpec {
        public Lookup {
            Objects.requireNonNull(from, "from");
            table = Map.copyOf(table);
            Objects.requireNonNull(fallback, "fallback");
            Objects.requireNonNull(when, "when");
        }

        @Override
        public Optional<String> resolve(Map<String, ?> record) {
            if (!holds(when, record)) {
                return Optional.empty();
            }
            String value = text(from.resolve(record));
            return Optional.ofNullable(value == null ? null : table.get(value)).or(() -> fallback);
        }
    }

    /** {@code internal: {value: "true"}}: the same value for every record the {@code when} holds for. */
    record Fixed(String value, Optional<Condition> when) implements AttributeSpec {
        public Fixed {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(when, "when");
        }

        @Override
        public Optional<String> resolve(Map<String, ?> record) {
            return holds(when, record) ? Optional.of(value) : Optional.empty();
        }
    }

    /**
     * A list of the forms above: the first that gives a value wins ({@code status: [{value: closed, when:
     * {field: IsClosed, equals: true}}, {from: Status, map: {...}}]}).
     */
    record FirstOf(List<AttributeSpec> alternatives) implements AttributeSpec {
        public FirstOf {
            alternatives = List.copyOf(alternatives);
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("an attribute needs at least one alternative");
            }
        }

        @Override
        public Optional<String> resolve(Map<String, ?> record) {
            for (AttributeSpec alternative : alternatives) {
                Optional<String> value = alternative.resolve(record);
                if (value.isPresent()) {
                    return value;
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A record value as attribute text: text stripped, numbers in plain form without trailing zeros
     * ({@code 1500.0} → {@code 1500}, {@code 12.50} → {@code 12.5}), booleans and dates as written; null for a
     * missing or blank value, a map, or a list of other than one value (which of several would it be?).
     */
    static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.size() == 1 ? text(list.get(0)) : null;
        }
        if (value instanceof Number) {
            Optional<BigDecimal> number = Values.number(value);
            if (number.isPresent()) {
                BigDecimal plain = number.get().stripTrailingZeros();
                return (plain.signum() == 0 ? BigDecimal.ZERO : plain).toPlainString();
            }
            return value.toString();
        }
        if (value instanceof String || value instanceof Boolean || value instanceof TemporalAccessor) {
            String text = value.toString().strip();
            return text.isEmpty() ? null : text;
        }
        return null;
    }

    private static boolean holds(Optional<Condition> when, Map<String, ?> record) {
        return when.map(c -> c.matches(record)).orElse(true);
    }
}
