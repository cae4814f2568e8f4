package dev.journeyconnector.sandbox.salesforce.soql;

import dev.journeyconnector.sandbox.salesforce.schema.SField;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;
import dev.journeyconnector.sandbox.salesforce.soql.ResolvedField.Hop;
import dev.journeyconnector.sandbox.salesforce.soql.ResolvedField.Parent;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs parsed SOQL against a {@link SoqlDataSource}: checks names against the schema, then filters the
 * object's rows in one pass, sorts, applies LIMIT and projects the selected fields.
 *
 * <p>Result rows are fresh maps the caller may change. Keys are the schema's canonical field names in
 * SELECT order. A parent field such as {@code Account.Name} appears as a nested map under the relationship
 * name ({@code "Account"}) holding {@code "type"} (the parent's sObject type, which the SOAP layer writes as
 * {@code <sf:type>}) and the selected parent fields; an empty or dangling reference gives {@code null} there.
 */
public final class SoqlEngine {

    /** Key of the parent's sObject type name inside a nested relationship map. */
    public static final String TYPE_KEY = "type";

    private static final String NO_SUCH_TYPE = "sObject type '%s' is not supported. If you are attempting to use a "
            + "custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the "
            + "describe call for the appropriate names.";

    private final SoqlDataSource dataSource;
    private final Clock clock;

    public SoqlEngine(SoqlDataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** {@code clock} fixes "today" for TODAY, YESTERDAY, LAST_N_DAYS:n ... and its zone is the user's time zone. */
    public SoqlEngine(SoqlDataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The rows the query selects. {@code includeDeleted} is queryAll: rows with {@code IsDeleted=true} count
     * too. A COUNT() query selects no rows (its records are empty in the SOAP response); use {@link #count}.
     *
     * @throws SoqlException INVALID_TYPE, INVALID_FIELD or INVALID_QUERY_FILTER_OPERATOR
     */
    public List<Map<String, Object>> execute(SoqlQuery query, boolean includeDeleted) {
        Plan plan = plan(query);
        if (query.isCountQuery()) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : plan.matchingRows(includeDeleted)) {
            out.add(plan.project(row));
        }
        return out;
    }

    /** How many rows the query matches, after LIMIT; the {@code size} of the SOAP QueryResult. */
    public int count(SoqlQuery query, boolean includeDeleted) {
        return plan(query).matchingRows(includeDeleted).size();
    }

    private Plan plan(SoqlQuery query) {
        String soql = query.soql();
        SObjectType type = dataSource.type(query.objectName())
                .filter(SObjectType::queryable)
                .orElseThrow(() -> SoqlException.at(SoqlException.INVALID_TYPE, soql, query.objectOffset(),
                        NO_SUCH_TYPE.formatted(query.objectName())));
        List<ResolvedField> selected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FieldPath path : query.selectedPaths()) {
            ResolvedField field = ResolvedField.resolve(type, path, dataSource, soql);
            if (!seen.add(field.canonicalName().toLowerCase(Locale.ROOT))) {
                throw ResolvedField.invalidField(soql, path, "duplicate field selected: " + path.text());
            }
            selected.add(field);
        }
        LocalDate today = LocalDate.now(clock);
        Predicate<Map<String, Object>> filter = query.where()
                .map(w -> new FilterCompiler(type, dataSource, soql, today, clock.getZone()).compile(w))
                .orElse(row -> true);
        List<SortKey> sortKeys = new ArrayList<>();
        for (SoqlQuery.OrderItem item : query.orderItems()) {
            ResolvedField field = ResolvedField.resolve(type, item.field(), dataSource, soql);
            if (!field.leaf().sortable()) {
                throw ResolvedField.invalidField(soql, item.field(),
                        "field '" + field.leaf().name() + "' can not be sorted in a query call");
            }
            sortKeys.add(new SortKey(field, ValueKind.of(field.leaf().type()), item.descending(), item.nullsFirst()));
        }
        int limit = query.limit().orElse(Integer.MAX_VALUE);
        return new Plan(type, selected, filter, sortKeys, limit);
    }

    private record SortKey(ResolvedField field, ValueKind kind, boolean descending, boolean nullsFirst) {

        int compare(Object a, Object b) {
            if (a == null || b == null) {
                if (a == b) {
                    return 0;
                }
                return (a == null) == nullsFirst ? -1 : 1;
            }
            int order = kind.compare(a, b);
            return descending ? -order : order;
        }
    }

    /** A row with its ORDER BY values read once, so sorting 10,000 rows does not re-walk parents per comparison. */
    private record Sortable(Map<String, Object> row, Object[] keys) {
    }

    private final class Plan {
        private final SObjectType type;
        private final List<ResolvedField> selected;
        private final Predicate<Map<String, Object>> filter;
        private final List<SortKey> sortKeys;
        private final int limit;

        Plan(SObjectType type, List<ResolvedField> selected, Predicate<Map<String, Object>> filter,
             List<SortKey> sortKeys, int limit) {
            this.type = type;
            this.selected = selected;
            this.filter = filter;
            this.sortKeys = sortKeys;
            this.limit = limit;
        }

        List<Map<String, Object>> matchingRows(boolean includeDeleted) {
            List<Map<String, Object>> matching = new ArrayList<>();
            for (Map<String, Object> row : dataSource.rows(type.name())) {
                if ((includeDeleted || !Boolean.TRUE.equals(row.get("IsDeleted"))) && filter.test(row)) {
                    matching.add(row);
                }
            }
            if (!sortKeys.isEmpty()) {
                matching = sorted(matching);
            }
            return matching.size() > limit ? matching.subList(0, limit) : matching;
        }

        /** List.sort is a stable merge sort, so rows equal on every key keep the data source's order. */
        private List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
            List<Sortable> decorated = new ArrayList<>(rows.size());
            for (Map<String, Object> row : rows) {
                Object[] keys = new Object[sortKeys.size()];
                for (int i = 0; i < keys.length; i++) {
                    SortKey key = sortKeys.get(i);
                    keys[i] = key.kind().read(key.field().valueOf(row));
                }
                decorated.add(new Sortable(row, keys));
            }
            Comparator<Sortable> order = (a, b) -> {
                for (int i = 0; i < sortKeys.size(); i++) {
                    int c = sortKeys.get(i).compare(a.keys()[i], b.keys()[i]);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };
            decorated.sort(order);
            List<Map<String, Object>> out = new ArrayList<>(decorated.size());
            for (Sortable s : decorated) {
                out.add(s.row());
            }
            return out;
        }

        Map<String, Object> project(Map<String, Object> row) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (ResolvedField field : selected) {
                put(out, row, field);
            }
            return out;
        }

        /** Writes one selected field, creating (or reusing) the nested map of each relationship on its path. */
        private void put(Map<String, Object> out, Map<String, Object> row, ResolvedField field) {
            Map<String, Object> target = out;
            Map<String, Object> source = row;
            SObjectType sourceType = null;
            for (Hop hop : field.hops()) {
                String key = hop.relationshipName();
                if (target.containsKey(key) && target.get(key) == null) {
                    return;
                }
                Parent parent = field.parent(source, hop);
                if (parent == null) {
                    target.put(key, null);
                    return;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) target.computeIfAbsent(key, k -> {
                    Map<String, Object> created = new LinkedHashMap<>();
                    created.put(TYPE_KEY, parent.type().name());
                    return created;
                });
                target = nested;
                source = parent.row();
                sourceType = parent.type();
            }
            SField leaf = field.leafOn(sourceType);
            if (leaf == null) {
                target.put(field.leaf().name(), null);
            } else {
                target.put(leaf.name(), source.get(leaf.name()));
            }
        }
    }
}
