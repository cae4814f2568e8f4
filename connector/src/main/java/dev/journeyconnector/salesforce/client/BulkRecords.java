package dev.journeyconnector.salesforce.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns Bulk API CSV rows into the same maps {@link RecordConverter} makes of Partner API query results: values
 * typed by the describe field type, empty text as null, {@code Account.Name} as a nested map under "Account" with
 * "type" (the parent's sObject type) and "Id", and "Id" always present (null when not selected), because the
 * Partner API sends {@code <sf:Id xsi:nil="true"/>} for every record. A parent whose columns are all empty is
 * null, as an empty reference is in the Partner API. The CSV cannot tell the type of a polymorphic parent
 * (Owner, What, Who), so such a nested map has no "type" and its values stay text.
 */
final class BulkRecords {
    /** What Salesforce sends instead of a header when a query batch found nothing. */
    static final String NO_RECORDS = "Records not found for this query";

    private final Function<String, Optional<SObjectDescription>> describer;

    BulkRecords(Function<String, Optional<SObjectDescription>> describer) {
        this.describer = describer;
    }

    /** Reads one result file: a header row, then records. */
    List<Map<String, Object>> read(String sobject, CsvRows csv) {
        List<String> header = csv.next();
        if (header == null || header.size() == 1 && header.get(0).strip().equals(NO_RECORDS)) {
            return List.of();
        }
        Node root = plan(sobject, header);
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue; // a trailing blank line
            }
            if (row.size() != header.size()) {
                throw new SalesforceException(FailureKind.PERMANENT, "UNREADABLE_CSV", "A Bulk API result row of "
                        + sobject + " has " + row.size() + " fields, the header " + header.size());
            }
            out.add(root.build(row));
        }
        return out;
    }

    /** One level of the record: its own columns and its parents'. */
    private final class Node {
        final String type;
        final Optional<SObjectDescription> description;
        final Map<String, Integer> columns = new LinkedHashMap<>();
        final Map<String, Node> parents = new LinkedHashMap<>();

        Node(String type) {
            this.type = type;
            this.description = type == null ? Optional.empty() : describer.apply(type);
        }

        void add(String[] path, int from, int column) {
            if (from == path.length - 1) {
                String name = description.flatMap(d -> d.field(path[from])).map(FieldDescription::name).orElse(path[from]);
                columns.put(name, column);
                return;
            }
            Optional<FieldDescription> reference = description.flatMap(d -> d.relationship(path[from]));
            String relationship = reference.map(FieldDescription::relationshipName).orElse(path[from]);
            String parentType = reference.filter(r -> r.referenceTo().size() == 1).map(r -> r.referenceTo().get(0)).orElse(null);
            parents.computeIfAbsent(relationship, k -> new Node(parentType)).add(path, from + 1, column);
        }

        Map<String, Object> build(List<String> row) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Id", null);
            columns.forEach((name, column) -> out.put(name, value(name, row.get(column))));
            parents.forEach((relationship, parent) -> out.put(relationship, parent.buildNested(row)));
            return Collections.unmodifiableMap(out);
        }

        Map<String, Object> buildNested(List<String> row) {
            boolean empty = columns.values().stream().allMatch(c -> row.get(c).isEmpty());
            List<Object> nested = new ArrayList<>();
            for (Node parent : parents.values()) {
                nested.add(parent.buildNested(row));
            }
            if (empty && nested.stream().allMatch(v -> v == null)) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            if (type != null) {
                out.put("type", type);
            }
            out.putAll(build(row));
            return Collections.unmodifiableMap(out);
        }

        private Object value(String name, String text) {
            if (text.isEmpty()) {
                return null;
            }
            Optional<FieldDescription> field = description.flatMap(d -> d.field(name));
            if (field.isEmpty()) {
                return text;
            }
            try {
                return RecordConverter.fromSoap(text, field.get().type());
            } catch (RuntimeException e) {
                // The value itself stays out of the message: it is customer data.
                throw new SalesforceException(FailureKind.PERMANENT, "UNREADABLE_VALUE",
                        "Cannot read " + type + "." + name + " as " + field.get().type(), e);
            }
        }
    }

    private Node plan(String sobject, List<String> header) {
        Node root = new Node(sobject);
        for (int i = 0; i < header.size(); i++) {
            root.add(header.get(i).strip().split("\\."), 0, i);
        }
        return root;
    }
}
