package dev.journeyconnector.sandbox.salesforce.soql;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed SOQL SELECT statement, not yet checked against any schema: {@link SoqlEngine} resolves names,
 * so parsing fails only with MALFORMED_QUERY.
 *
 * <p>Supported grammar (keywords case-insensitive):
 * <pre>
 * SELECT (COUNT() | path {, path}) FROM Object
 *   [WHERE condition] [ORDER BY path [ASC|DESC] [NULLS FIRST|LAST] {, ...}] [LIMIT n]
 * path      := name {. name}
 * condition := unary {AND unary} | unary {OR unary}     -- mixing needs parentheses, as in Salesforce
 * unary     := NOT unary | ( condition ) | path op literal | path [NOT] IN ( literal {, literal} ) | path LIKE 'text'
 * </pre>
 */
public final class SoqlQuery {

    /** One ORDER BY item with Salesforce's defaults already applied (NULLS FIRST for ASC, NULLS LAST for DESC). */
    public record Ordering(String field, boolean descending, boolean nullsFirst) {
    }

    record OrderItem(FieldPath field, boolean descending, boolean nullsFirst) {
    }

    private final String soql;
    private final String objectName;
    private final int objectOffset;
    private final boolean countQuery;
    private final List<FieldPath> selected;
    private final Condition where;
    private final List<OrderItem> orderBy;
    private final Integer limit;

    SoqlQuery(String soql, String objectName, int objectOffset, boolean countQuery, List<FieldPath> selected,
              Condition where, List<OrderItem> orderBy, Integer limit) {
        this.soql = soql;
        this.objectName = objectName;
        this.objectOffset = objectOffset;
        this.countQuery = countQuery;
        this.selected = List.copyOf(selected);
        this.where = where;
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
    }

    /** Parses {@code soql}; throws {@link SoqlException} with code MALFORMED_QUERY when it is not valid SOQL. */
    public static SoqlQuery parse(String soql) {
        return SoqlParser.parse(soql);
    }

    /** The statement as given. */
    public String soql() {
        return soql;
    }

    /** The FROM object as written (case not yet canonical). */
    public String objectName() {
        return objectName;
    }

    /** True for {@code SELECT COUNT() FROM ...}, whose result is a number, not rows. */
    public boolean isCountQuery() {
        return countQuery;
    }

    /** The selected fields as written, e.g. {@code [Id, Account.Name]}; empty for a COUNT() query. */
    public List<String> selectedFields() {
        return selected.stream().map(FieldPath::text).toList();
    }

    public List<Ordering> orderBy() {
        return orderBy.stream().map(o -> new Ordering(o.field().text(), o.descending(), o.nullsFirst())).toList();
    }

    public OptionalInt limit() {
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    public boolean hasWhere() {
        return where != null;
    }

    int objectOffset() {
        return objectOffset;
    }

    List<FieldPath> selectedPaths() {
        return selected;
    }

    Optional<Condition> where() {
        return Optional.ofNullable(where);
    }

    List<OrderItem> orderItems() {
        return orderBy;
    }

    @Override
    public String toString() {
        return soql;
    }
}
