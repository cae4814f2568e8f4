package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.salesforce.schema.SField;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlDataSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bulk API 1.0 query results as CSV: a header row of the selected fields ({@code Account.Name} for parent fields),
 * then one row per record, every value in double quotes with inner quotes doubled (RFC 4180), empty for null,
 * booleans {@code true/false}, datetimes {@code 2026-06-01T09:30:00.000Z}. An empty result is the single line
 * {@code Records not found for this query}, as Salesforce sends it (client libraries such as CumulusCI and
 * StreamSets check for that text).
 */
final class BulkCsv {
    static final String NO_RECORDS = "Records not found for this query";

    private BulkCsv() {
    }

    /** The header names: each selected path with its field and relationship names spelt as the schema spells them. */
    static List<String> columns(SoqlDataSource org, String sObjectType, List<String> selected) {
        List<String> out = new ArrayList<>();
        for (String path : selected) {
            out.add(canonical(org, sObjectType, path).orElse(path));
        }
        return out;
    }

    private static Optional<String> canonical(SoqlDataSource org, String typeName, String path) {
        String[] parts = path.split("\\.");
        Optional<SObjectType> type = org.type(typeName);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length && type.isPresent(); i++) {
            if (i > 0) {
                b.append('.');
            }
            if (i == parts.length - 1) {
                Optional<SField> field = type.get().field(parts[i]);
                return field.map(f -> b.append(f.name()).toString());
            }
            Optional<SField> reference = type.get().relationship(parts[i]);
            if (reference.isEmpty()) {
                return Optional.empty();
            }
            b.append(reference.get().relationshipName());
            // A polymorphic reference (What, Owner) resolves the next name against its first target type.
            type = reference.get().referenceTo().isEmpty() ? Optional.empty() : org.type(reference.get().referenceTo().get(0));
        }
        return Optional.empty();
    }

    static String render(List<String> columns, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return NO_RECORDS;
        }
        StringBuilder b = new StringBuilder(rows.size() * 64);
        appendRow(b, columns);
        for (Map<String, Object> row : rows) {
            List<String> values = new ArrayList<>(columns.size());
            for (String column : columns) {
                values.add(text(valueAt(row, column.split("\\."))));
            }
            appendRow(b, values);
        }
        return b.toString();
    }

    private static Object valueAt(Map<String, Object> row, String[] path) {
        Map<String, Object> current = row;
        for (int i = 0; i < path.length; i++) {
            Object v = get(current, path[i]);
            if (i == path.length - 1) {
                return v;
            }
            if (!(v instanceof Map<?, ?> nested)) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) nested;
            current = next;
        }
        return null;
    }

    private static Object get(Map<String, Object> row, String key) {
        if (row.containsKey(key)) {
            return row.get(key);
        }
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        return FieldValues.format(value);
    }

    private static void appendRow(StringBuilder b, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(values.get(i).replace("\"", "\"\"")).append('"');
        }
        b.append('\n');
    }
}
