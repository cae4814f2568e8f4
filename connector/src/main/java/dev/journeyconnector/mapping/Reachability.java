package dev.journeyconnector.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds conditions that can never hold, so a rule that would silently never make a touchpoint is reported
 * when its file is loaded. Only sound, explainable checks: when this says "never", no record can match; when
 * it cannot tell, it says nothing. The condition is brought into a disjunction of conjunctions (negations
 * pushed down to single tests), and each conjunction is checked per field for:
 * <ul>
 *   <li>a test together with its own negation ({@code equals: X} and {@code not: {equals: X}});</li>
 *   <li>{@code exists: true} with {@code exists: false};</li>
 *   <li>{@code exists: false} with a value test that an absent or empty field cannot pass;</li>
 *   <li>on a field holding one value: {@code equals}/{@code in} with no value in common, and empty ranges
 *       ({@code gt: 5} with {@code lt: 3}; numbers, dates or text).</li>
 * </ul>
 * A field that may hold a list (Zendesk {@code tags}) is exempt from the last two: a condition on a list holds
 * when any element does, so {@code tags equals vip} and {@code tags equals billing} can both hold.
 */
final class Reachability {

    /** Beyond this many alternatives the analysis gives up rather than grow without bound. */
    private static final int MAX_ALTERNATIVES = 256;

    /** One test, possibly negated; {@code exists} negations are folded into the flag instead. */
    private record Literal(Condition test, boolean negated) {
        FieldPath field() {
            if (test instanceof Condition.Equals e) {
                return e.field();
            } else if (test instanceof Condition.In i) {
                return i.field();
            } else if (test instanceof Condition.Regex r) {
                return r.field();
            } else if (test instanceof Condition.Exists e) {
                return e.field();
            } else if (test instanceof Condition.Compare c) {
                return c.field();
            }
            throw new IllegalStateException("not a single test: " + test);
        }
    }

    private final Predicate<FieldPath> singleValued;

    /** @param singleValued whether a field holds at most one value in every record (not a list) */
    Reachability(Predicate<FieldPath> singleValued) {
        this.singleValued = singleValued;
    }

    /** Why the condition can never hold, or empty when it may (or the analysis cannot tell). */
    Optional<String> whyNever(Condition condition) {
        List<List<Literal>> alternatives = alternatives(condition, false);
        if (alternatives == null || alternatives.isEmpty()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (List<Literal> conjunction : alternatives) {
            Optional<String> reason = contradiction(conjunction);
            if (reason.isEmpty()) {
                return Optional.empty();
            }
            if (!reasons.contains(reason.get())) {
                reasons.add(reason.get());
            }
        }
        return Optional.of(alternatives.size() == 1 || reasons.size() == 1 ? reasons.get(0)
                : "none of its " + alternatives.size() + " alternatives can hold: " + String.join("; ", reasons));
    }

    /** The condition as alternatives of conjunctions of tests; null when there would be too many. */
    private static List<List<Literal>> alternatives(Condition c, boolean negate) {
        if (c instanceof Condition.Not n) {
            return alternatives(n.condition(), !negate);
        } else if (c instanceof Condition.All a) {
            return negate ? union(a.conditions(), true) : product(a.conditions(), false);
        } else if (c instanceof Condition.Any a) {
            return negate ? product(a.conditions(), true) : union(a.conditions(), false);
        } else if (c instanceof Condition.Exists e) {
            // not exists: true is exists: false, and the other way round.
            return List.of(List.of(new Literal(new Condition.Exists(e.field(), e.present() != negate), false)));
        }
        return List.of(List.of(new Literal(c, negate)));
    }

    private static List<List<Literal>> union(List<Condition> parts, boolean negate) {
        List<List<Literal>> out = new ArrayList<>();
        for (Condition part : parts) {
            List<List<Literal>> alternatives = alternatives(part, negate);
            if (alternatives == null || out.size() + alternatives.size() > MAX_ALTERNATIVES) {
                return null;
            }
            out.addAll(alternatives);
        }
        return out;
    }

    private static List<List<Literal>> product(List<Condition> parts, boolean negate) {
        List<List<Literal>> out = List.of(List.of());
        for (Condition part : parts) {
            List<List<Literal>> alternatives = alternatives(part, negate);
            if (alternatives == null || (long) out.size() * alternatives.size() > MAX_ALTERNATIVES) {
                return null;
            }
            List<List<Literal>> next = new ArrayList<>();
            for (List<Literal> left : out) {
                for (List<Literal> right : alternatives) {
                    List<Literal> both = new ArrayList<>(left);
                    both.addAll(right);
                    next.add(both);
                }
            }
            out = next;
        }
        return out;
    }

    private Optional<String> contradiction(List<Literal> conjunction) {
        Map<FieldPath, List<Literal>> byField = new LinkedHashMap<>();
        conjunction.forEach(l -> byField.computeIfAbsent(l.field(), f -> new ArrayList<>()).add(l));
        for (Map.Entry<FieldPath, List<Literal>> entry : byField.entrySet()) {
            Optional<String> reason = contradiction(entry.getKey(), entry.getValue());
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private Optional<String> contradiction(FieldPath field, List<Literal> tests) {
        List<Literal> positive = tests.stream().filter(l -> !l.negated()).toList();
        List<Literal> negative = tests.stream().filter(Literal::negated).toList();
        boolean mustExist = positive.stream().anyMatch(l -> l.test() instanceof Condition.Exists e && e.present());
        boolean mustBeAbsent = positive.stream().anyMatch(l -> l.test() instanceof Condition.Exists e && !e.present());
        if (mustExist && mustBeAbsent) {
            return Optional.of(field + " must exist and be absent at once");
        }
        for (Literal p : positive) {
            if (mustBeAbsent && !(p.test() instanceof Condition.Exists) && !p.test().matches(emptyAt(field))) {
                return Optional.of(field + " must be absent (exists: false) and yet " + describe(p.test()));
            }
            for (Literal n : negative) {
                if (n.test().equals(p.test())) {
                    return Optional.of(field + " must " + describe(p.test()) + " and, under not:, must not");
                }
                if (excludedBy(p.test(), n.test())) {
                    return Optional.of(field + " must " + describe(p.test()) + " but not " + describe(n.test()));
                }
            }
        }
        if (!singleValued.test(field)) {
            return Optional.empty();
        }
        return disjointValues(field, positive).or(() -> emptyRange(field, positive));
    }

    /**
     * Whether a positive equals/in can only pass on a value the negated one forbids: every value it accepts
     * is listed in the negated test, which is no stricter about case. Holds for lists too (the positive needs
     * an element among its values; the negation forbids every such element).
     */
    private static boolean excludedBy(Condition positive, Condition negated) {
        Optional<ValueSet> p = ValueSet.of(positive);
        Optional<ValueSet> n = ValueSet.of(negated);
        return p.isPresent() && n.isPresent() && (n.get().ignoreCase() || !p.get().ignoreCase())
                && n.get().values().containsAll(p.get().values());
    }

    /** A field's equals/in values with how they compare text. */
    private record ValueSet(List<Object> values, boolean ignoreCase) {
        static Optional<ValueSet> of(Condition c) {
            if (c instanceof Condition.Equals e) {
                return Optional.of(new ValueSet(List.of(e.expected()), e.ignoreCase()));
            } else if (c instanceof Condition.In i) {
                return Optional.of(new ValueSet(i.values(), i.ignoreCase()));
            }
            return Optional.empty();
        }
    }

    /**
     * A single value cannot equal two values with nothing in common. Values are compared by what a record
     * value could equal: numbers by value (1, 1.0 and "1"), true/false whatever their case, dates by calendar
     * day (a date equals a datetime on that day), text exactly, or case-blind when any test on the field is.
     */
    private static Optional<String> disjointValues(FieldPath field, List<Literal> positive) {
        List<ValueSet> sets = positive.stream().map(l -> ValueSet.of(l.test())).flatMap(Optional::stream).toList();
        if (sets.size() < 2) {
            return Optional.empty();
        }
        boolean caseBlind = sets.stream().anyMatch(ValueSet::ignoreCase);
        Set<String> common = null;
        for (ValueSet set : sets) {
            Set<String> keys = set.values().stream().map(v -> key(v, caseBlind)).collect(Collectors.toSet());
            if (common == null) {
                common = keys;
            } else {
                common.retainAll(keys);
            }
        }
        if (!common.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(field + " holds one value, which cannot be " + sets.stream()
                .map(s -> s.values().size() == 1 ? shown(s.values().get(0))
                        : "one of [" + s.values().stream().map(Reachability::shown).collect(Collectors.joining(", ")) + "]")
                .collect(Collectors.joining(" and ")) + " at once");
    }

    private static String key(Object value, boolean caseBlind) {
        Optional<BigDecimal> number = Values.number(value);
        if (number.isPresent()) {
            return "n:" + number.get().stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean || value instanceof String s && (s.equalsIgnoreCase("true")
                || s.equalsIgnoreCase("false"))) {
            return "b:" + value.toString().toLowerCase(Locale.ROOT);
        }
        Optional<Values.Moment> moment = Values.moment(value);
        if (moment.isPresent()) {
            return "d:" + moment.get().date();
        }
        String text = String.valueOf(Values.text(value));
        return "t:" + (caseBlind ? text.toLowerCase(Locale.ROOT) : text);
    }

    /** One end of a range: its bound (comparable within one kind), and whether the bound itself is excluded. */
    private record End(Comparable<Object> bound, boolean strict, Condition.Compare from) {
    }

    /**
     * Comparisons on one value that leave no room: numbers against numbers, dates against dates, text against
     * text. Datetime bounds are widened to their calendar day (a record holding a plain date compares by day),
     * so only ranges empty even by day are reported.
     */
    @SuppressWarnings("unchecked")
    private static Optional<String> emptyRange(FieldPath field, List<Literal> positive) {
        List<Condition.Compare> compares = positive.stream().map(Literal::test)
                .filter(Condition.Compare.class::isInstance).map(Condition.Compare.class::cast).toList();
        if (compares.size() < 2) {
            return Optional.empty();
        }
        String kind = null;
        End lower = null;
        End upper = null;
        for (Condition.Compare c : compares) {
            Object b = c.bound();
            String k;
            Comparable<?> value;
            boolean strict = c.op() == Condition.Comparison.GT || c.op() == Condition.Comparison.LT;
            if (b instanceof BigDecimal d) {
                k = "number";
                value = d;
            } else if (b instanceof String s && Values.moment(s).isPresent()) {
                Values.Moment m = Values.moment(s).get();
                k = "date";
                value = m.date();
                strict = strict && m.instant() == null;
            } else if (b instanceof String s && Values.number(s).isEmpty()) {
                k = "text";
                value = s;
            } else {
                return Optional.empty();
            }
            if (kind != null && !kind.equals(k)) {
                return Optional.empty();
            }
            kind = k;
            End end = new End((Comparable<Object>) value, strict, c);
            boolean isLower = c.op() == Condition.Comparison.GT || c.op() == Condition.Comparison.GTE;
            if (isLower) {
                lower = tighter(lower, end, 1);
            } else {
                upper = tighter(upper, end, -1);
            }
        }
        if (lower == null || upper == null) {
            return Optional.empty();
        }
        int order = lower.bound().compareTo(upper.bound());
        if (order > 0 || order == 0 && (lower.strict() || upper.strict())) {
            return Optional.of(field + " cannot " + describe(lower.from()) + " and " + describe(upper.from())
                    + " at once");
        }
        return Optional.empty();
    }

    /** The tighter of two ends: the larger lower end ({@code direction} 1) or the smaller upper end (-1). */
    private static End tighter(End current, End candidate, int direction) {
        if (current == null) {
            return candidate;
        }
        int order = candidate.bound().compareTo(current.bound()) * direction;
        return order > 0 || order == 0 && candidate.strict() ? candidate : current;
    }

    /** A record whose field holds the empty text: what {@code exists: false} allows besides null, [] and {}. */
    private static Map<String, Object> emptyAt(FieldPath field) {
        Object value = "";
        List<String> segments = field.segments();
        for (int i = segments.size() - 1; i >= 0; i--) {
            value = Map.of(segments.get(i), value);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) value;
        return record;
    }

    /** What a test asks of its field, to follow "must": {@code equal Web}, {@code be > 5}. */
    private static String describe(Condition test) {
        if (test instanceof Condition.Equals e) {
            return "equal " + shown(e.expected()) + (e.ignoreCase() ? " (ignoring case)" : "");
        } else if (test instanceof Condition.In i) {
            return "be one of [" + i.values().stream().map(Reachability::shown).collect(Collectors.joining(", "))
                    + "]" + (i.ignoreCase() ? " (ignoring case)" : "");
        } else if (test instanceof Condition.Regex r) {
            return "match regex \"" + r.pattern().pattern() + "\"";
        } else if (test instanceof Condition.Compare c) {
            return "be " + symbol(c.op()) + " " + shown(c.bound());
        }
        return test.toString();
    }

    private static String symbol(Condition.Comparison op) {
        return switch (op) {
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
        };
    }

    private static String shown(Object value) {
        String text = Values.text(value);
        return text == null ? String.valueOf(value) : text;
    }
}
