package dev.journeyconnector.sandbox.salesforce.soql;

import dev.journeyconnector.sandbox.salesforce.schema.FieldType;
import dev.journeyconnector.sandbox.salesforce.schema.SField;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;
import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;
import dev.journeyconnector.sandbox.salesforce.soql.Condition.Comparison;
import dev.journeyconnector.sandbox.salesforce.soql.Condition.Junction;
import dev.journeyconnector.sandbox.salesforce.soql.Condition.Negation;
import dev.journeyconnector.sandbox.salesforce.soql.Condition.Operator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns a WHERE clause into a row predicate once per query, checking every comparison against the field's
 * type so that evaluating a row does no parsing or conversion of literals.
 *
 * <p>Null semantics follow SOQL, not SQL: {@code = null} / {@code != null} test for an empty field, an empty
 * field is "not equal" to any value (so {@code !=} and NOT IN match it), and it never satisfies an ordering
 * operator or LIKE.
 */
final class FilterCompiler {

    /** A literal converted to the field's kind: one value (null for the null literal), or a whole-day range. */
    private sealed interface Bound {
    }

    private record Point(Object value) implements Bound {
    }

    /** [start, end) in the field's kind; from date keywords such as TODAY. */
    private record Range(Object start, Object end) implements Bound {
    }

    private final SObjectType root;
    private final SoqlDataSource dataSource;
    private final String soql;
    private final LocalDate today;
    private final ZoneId zone;

    FilterCompiler(SObjectType root, SoqlDataSource dataSource, String soql, LocalDate today, ZoneId zone) {
        this.root = root;
        this.dataSource = dataSource;
        this.soql = soql;
        this.today = today;
        this.zone = zone;
    }

    Predicate<Map<String, Object>> compile(Condition condition) {
        if (condition instanceof Negation negation) {
            return compile(negation.negated()).negate();
        }
        if (condition instanceof Junction junction) {
            List<Predicate<Map<String, Object>>> parts = new ArrayList<>();
            for (Condition part : junction.parts()) {
                parts.add(compile(part));
            }
            boolean conjunction = junction.conjunction();
            return row -> {
                for (Predicate<Map<String, Object>> part : parts) {
                    if (part.test(row) != conjunction) {
                        return !conjunction;
                    }
                }
                return conjunction;
            };
        }
        return comparison((Comparison) condition);
    }

    private Predicate<Map<String, Object>> comparison(Comparison comparison) {
        ResolvedField field = ResolvedField.resolve(root, comparison.field(), dataSource, soql);
        SField leaf = field.leaf();
        if (!leaf.filterable()) {
            throw ResolvedField.invalidField(soql, comparison.field(),
                    "field '" + leaf.name() + "' can not be filtered in a query call");
        }
        ValueKind kind = ValueKind.of(leaf.type());
        Operator operator = comparison.operator();
        checkOperatorAllowed(comparison, leaf, kind);
        List<Bound> bounds = new ArrayList<>();
        for (Literal literal : comparison.values()) {
            bounds.add(bound(literal, leaf, kind, operator, comparison.valueOffset()));
        }
        Predicate<Object> test = valueTest(operator, kind, bounds, comparison.values());
        return row -> test.test(kind.read(field.valueOf(row)));
    }

    /**
     * LIKE is for text only; Salesforce answers a LIKE on an Id with INVALID_QUERY_FILTER_OPERATOR
     * "invalid operator on id field". Ordering a boolean is refused the same way.
     */
    private void checkOperatorAllowed(Comparison comparison, SField leaf, ValueKind kind) {
        boolean refused = comparison.operator() == Operator.LIKE && kind != ValueKind.TEXT
                || comparison.operator().isOrdering() && kind == ValueKind.BOOLEAN;
        if (refused) {
            String typeName = kind == ValueKind.ID ? "id" : leaf.type().apiName();
            throw SoqlException.at(SoqlException.INVALID_QUERY_FILTER_OPERATOR, soql, comparison.field().offset(),
                    "invalid operator on " + typeName + " field");
        }
    }

    private Predicate<Object> valueTest(Operator operator, ValueKind kind, List<Bound> bounds, List<Literal> literals) {
        switch (operator) {
            case LIKE: {
                if (bounds.get(0) instanceof Point p && p.value() == null) {
                    return v -> v == null;
                }
                Pattern pattern = ((Literal.Text) literals.get(0)).value().likePattern();
                return v -> v != null && pattern.matcher(v.toString()).matches();
            }
            case EQUALS:
                return v -> equalsBound(kind, v, bounds.get(0));
            case NOT_EQUALS:
                return v -> !equalsBound(kind, v, bounds.get(0));
            case IN:
                return v -> bounds.stream().anyMatch(b -> equalsBound(kind, v, b));
            case NOT_IN:
                return v -> bounds.stream().noneMatch(b -> equalsBound(kind, v, b));
            default:
                return ordering(operator, kind, bounds.get(0));
        }
    }

    private static boolean equalsBound(ValueKind kind, Object v, Bound bound) {
        if (bound instanceof Point p) {
            if (p.value() == null || v == null) {
                return p.value() == v;
            }
            return kind.compare(v, p.value()) == 0;
        }
        Range r = (Range) bound;
        return v != null && kind.compare(v, r.start()) >= 0 && kind.compare(v, r.end()) < 0;
    }

    /** For a day range, "< TODAY" means before today's start and "<= TODAY" before tomorrow's start. */
    private static Predicate<Object> ordering(Operator operator, ValueKind kind, Bound bound) {
        if (bound instanceof Point p) {
            Object x = p.value();
            if (x == null) {
                return v -> false;
            }
            return switch (operator) {
                case LESS -> v -> v != null && kind.compare(v, x) < 0;
                case LESS_OR_EQUAL -> v -> v != null && kind.compare(v, x) <= 0;
                case GREATER -> v -> v != null && kind.compare(v, x) > 0;
                default -> v -> v != null && kind.compare(v, x) >= 0;
            };
        }
        Range r = (Range) bound;
        return switch (operator) {
            case LESS -> v -> v != null && kind.compare(v, r.start()) < 0;
            case LESS_OR_EQUAL -> v -> v != null && kind.compare(v, r.end()) < 0;
            case GREATER -> v -> v != null && kind.compare(v, r.end()) >= 0;
            default -> v -> v != null && kind.compare(v, r.start()) >= 0;
        };
    }

    private Bound bound(Literal literal, SField leaf, ValueKind kind, Operator operator, int offset) {
        if (literal instanceof Literal.Null) {
            return new Point(null);
        }
        switch (kind) {
            case TEXT:
                if (literal instanceof Literal.Text text) {
                    return new Point(text.value().value());
                }
                break;
            case ID:
                if (literal instanceof Literal.Text text) {
                    String id = text.value().value();
                    // Salesforce: INVALID_QUERY_FILTER_OPERATOR "invalid ID field: <value>" for anything not Id-shaped.
                    return new Point(SalesforceIds.normalise(id).orElseThrow(() -> SoqlException.at(
                            SoqlException.INVALID_QUERY_FILTER_OPERATOR, soql, offset, "invalid ID field: " + id)));
                }
                break;
            case BOOLEAN:
                if (literal instanceof Literal.Bool bool) {
                    return new Point(bool.value());
                }
                break;
            case NUMBER:
                if (literal instanceof Literal.Numeric number) {
                    return new Point(number.value());
                }
                break;
            case DATE:
                if (literal instanceof Literal.Date date) {
                    return new Point(date.value());
                }
                if (literal instanceof Literal.RelativeDate relative) {
                    LocalDate[] days = dayRange(relative);
                    return new Range(days[0], days[1]);
                }
                break;
            case DATETIME:
                if (literal instanceof Literal.DateTime dateTime) {
                    return new Point(dateTime.value());
                }
                if (literal instanceof Literal.RelativeDate relative) {
                    LocalDate[] days = dayRange(relative);
                    return new Range(days[0].atStartOfDay(zone).toInstant(), days[1].atStartOfDay(zone).toInstant());
                }
                break;
            default:
                break;
        }
        throw wrongType(leaf, offset);
    }

    /**
     * Day ranges of the date keywords, start inclusive and end exclusive (SOQL reference, "Date Formats and
     * Date Literals"): LAST_N_DAYS:n includes today and the n days before it, NEXT_N_DAYS:n starts tomorrow.
     */
    private LocalDate[] dayRange(Literal.RelativeDate relative) {
        return switch (relative.keyword()) {
            case "TODAY" -> new LocalDate[] {today, today.plusDays(1)};
            case "YESTERDAY" -> new LocalDate[] {today.minusDays(1), today};
            case "TOMORROW" -> new LocalDate[] {today.plusDays(1), today.plusDays(2)};
            case "LAST_N_DAYS" -> new LocalDate[] {today.minusDays(relative.n()), today.plusDays(1)};
            case "NEXT_N_DAYS" -> new LocalDate[] {today.plusDays(1), today.plusDays(1 + relative.n())};
            default -> throw new IllegalStateException("date keyword without a range: " + relative.keyword());
        };
    }

    /** Salesforce's wording, e.g. "... must be of type dateTime and should not be enclosed in quotes". */
    private SoqlException wrongType(SField leaf, int offset) {
        FieldType type = leaf.type();
        String typeName = switch (ValueKind.of(type)) {
            case TEXT -> "string";
            case ID -> "id";
            case BOOLEAN -> "boolean";
            case NUMBER -> type == FieldType.INT ? "integer" : "double";
            case DATE -> "date";
            case DATETIME -> "dateTime";
        };
        String quotes = type.isText() ? "should be enclosed in quotes" : "should not be enclosed in quotes";
        return SoqlException.at(SoqlException.INVALID_FIELD, soql, offset,
                "value of filter criterion for field '" + leaf.name() + "' must be of type " + typeName + " and " + quotes);
    }
}
