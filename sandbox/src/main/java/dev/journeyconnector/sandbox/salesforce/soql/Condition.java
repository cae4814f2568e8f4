package dev.journeyconnector.sandbox.salesforce.soql;

import java.util.List;

/** The parsed WHERE clause: comparisons combined with AND, OR and NOT. */
sealed interface Condition {

    enum Operator {
        EQUALS, NOT_EQUALS, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL, LIKE, IN, NOT_IN;

        boolean isOrdering() {
            return this == LESS || this == GREATER || this == LESS_OR_EQUAL || this == GREATER_OR_EQUAL;
        }
    }

    /**
     * {@code field operator value}; IN and NOT IN carry several values, the others exactly one.
     *
     * @param valueOffset where the (first) value starts, for error carets
     */
    record Comparison(FieldPath field, Operator operator, List<Literal> values, int valueOffset) implements Condition {
        public Comparison {
            values = List.copyOf(values);
        }
    }

    /** Parts joined by AND ({@code conjunction}) or by OR. */
    record Junction(boolean conjunction, List<Condition> parts) implements Condition {
        public Junction {
            parts = List.copyOf(parts);
        }
    }

    record Negation(Condition negated) implements Condition {
    }
}
