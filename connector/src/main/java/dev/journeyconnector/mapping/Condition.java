package dev.journeyconnector.mapping;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A test over one raw source record (a JSON-like map), written by ops admins in a mapping's {@code when:}.
 * A field that is missing, null, or reached through a missing or null part is absent: only {@code exists: false}
 * and {@code not} fire on it. When the field holds a list (Zendesk {@code tags}), {@code equals}, {@code in},
 * {@code regex} and the comparisons fire when any element does.
 */
public sealed interface Condition {

    boolean matches(Map<String, ?> record);

    /** {@code field: X, equals: value}; text is compared exactly unless {@code ignoreCase: true}. */
    record Equals(FieldPath field, Object expected, boolean ignoreCase) implements Condition {
        public Equals {
            Objects.requireNonNull(field);
            Objects.requireNonNull(expected, "use exists: false to test for a missing value");
        }

        @Override
        public boolean matches(Map<String, ?> record) {
            return anyElement(field.resolve(record), v -> Values.same(v, expected, ignoreCase));
        }
    }

    /** {@code field: X, in: [a, b]}: equals one of the values. */
    record In(FieldPath field, List<Object> values, boolean ignoreCase) implements Condition {
        public In {
            Objects.requireNonNull(field);
            values = List.copyOf(values);
        }

        @Override
        public boolean matches(Map<String, ?> record) {
            return anyElement(field.resolve(record),
                    v -> values.stream().anyMatch(expected -> Values.same(v, expected, ignoreCase)));
        }
    }

    /**
     * {@code field: X, regex: "..."}: the whole value must match (as {@link java.util.regex.Matcher#matches()}),
     * so {@code regex: high} does not fire on "highest"; write {@code .*high.*} to search.
     */
    record Regex(FieldPath field, Pattern pattern) implements Condition {
        public Regex {
            Objects.requireNonNull(field);
            Objects.requireNonNull(pattern);
        }

        @Override
        public boolean matches(Map<String, ?> record) {
            return anyElement(field.resolve(record), v -> {
                String text = Values.text(v);
                return text != null && pattern.matcher(text).matches();
            });
        }

        /** Same field, same pattern text and flags: {@link Pattern} itself has identity equality. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Regex r && r.field.equals(field) && r.pattern.pattern().equals(pattern.pattern())
                    && r.pattern.flags() == pattern.flags();
        }

        @Override
        public int hashCode() {
            return Objects.hash(field, pattern.pattern(), pattern.flags());
        }
    }

    /** {@code field: X, exists: true}: present, not null, not the empty string, not an empty list or map. */
    record Exists(FieldPath field, boolean present) implements Condition {
        public Exists {
            Objects.requireNonNull(field);
        }

        @Override
        public boolean matches(Map<String, ?> record) {
            Object value = field.resolve(record);
            boolean has = value != null
                    && !(value instanceof String s && s.isEmpty())
                    && !(value instanceof List<?> l && l.isEmpty())
                    && !(value instanceof Map<?, ?> m && m.isEmpty());
            return has == present;
        }
    }

    /** The comparison operators and how they read an ordering result. */
    enum Comparison {
        GT("gt"), GTE("gte"), LT("lt"), LTE("lte");

        private final String keyword;

        Comparison(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        boolean accepts(int order) {
            return switch (this) {
                case GT -> order > 0;
                case GTE -> order >= 0;
                case LT -> order < 0;
                case LTE -> order <= 0;
            };
        }
    }

    /**
     * {@code field: X, gt|gte|lt|lte: bound}: numbers numerically (a numeric text counts as a number),
     * ISO dates and datetimes chronologically (a date against a datetime compares UTC calendar days),
     * otherwise text by code point. Values of different kinds never fire.
     */
    record Compare(FieldPath field, Comparison op, Object bound) implements Condition {
        public Compare {
            Objects.requireNonNull(field);
            Objects.requireNonNull(op);
            Objects.requireNonNull(bound);
        }

        @Override
        public boolean matches(Map<String, ?> record) {
            return anyElement(field.resolve(record),
                    v -> Values.compare(v, bound).map(op::accepts).orElse(false));
        }
    }

    /** {@code all: [...]}: every condition fires. */
    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("all: needs at least one condition");
            }
        }

        @Override
        public boolean matches(Map<String, ?> record) {
            return conditions.stream().allMatch(c -> c.matches(record));
        }
    }

    /** {@code any: [...]}: at least one condition fires. */
    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("any: needs at least one condition");
            }
        }

        @Override
        public boolean matches(Map<String, ?> record) {
            return conditions.stream().anyMatch(c -> c.matches(record));
        }
    }

    /** {@code not: {...}}: the condition does not fire (so it fires on an absent field). */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition);
        }

        @Override
        public boolean matches(Map<String, ?> record) {
            return !condition.matches(record);
        }
    }

    private static boolean anyElement(Object value, Predicate<Object> test) {
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(test);
        }
        return value != null && test.test(value);
    }
}
