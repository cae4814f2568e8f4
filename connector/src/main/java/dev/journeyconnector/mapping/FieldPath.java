package dev.journeyconnector.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dotted field name reaching into nested record maps: Zendesk {@code via.channel}, Salesforce
 * {@code Account.Name} (the Salesforce converter nests parent relationships as maps).
 */
public record FieldPath(String text, List<String> segments) {

    public FieldPath {
        segments = List.copyOf(segments);
    }

    /** @throws IllegalArgumentException when the text is blank or has an empty segment ({@code a..b}) */
    public static FieldPath of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a field name is required");
        }
        List<String> segments = List.of(text.split("\\.", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + text + "' has an empty part between dots");
        }
        return new FieldPath(text, segments);
    }

    /** The top-level field, the one an object's field list can check. */
    public String first() {
        return segments.get(0);
    }

    /**
     * The value at this path, or null when any part is missing, null or not a map. A key holding the whole
     * dotted text is used first, so records flattened by other tools ({@code "Account.Name": ...}) work too.
     * A list met before the last part is descended element by element: Zendesk's {@code child_events} is a
     * list of maps, so {@code child_events.field_name} is the list of every element's {@code field_name} (lists
     * found there are flattened in, nulls and missing ones left out; null when none has one). Conditions then
     * hold when any element does.
     */
    public Object resolve(Map<String, ?> record) {
        if (record == null) {
            return null;
        }
        if (segments.size() > 1 && record.containsKey(text)) {
            return record.get(text);
        }
        return resolve(record, 0);
    }

    private Object resolve(Object current, int from) {
        for (int i = from; i < segments.size(); i++) {
            if (current instanceof List<?> list) {
                return each(list, i);
            }
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segments.get(i));
        }
        return current;
    }

    private Object each(List<?> list, int from) {
        List<Object> values = new ArrayList<>();
        for (Object element : list) {
            Object value = resolve(element, from);
            if (value instanceof List<?> nested) {
                nested.stream().filter(Objects::nonNull).forEach(values::add);
            } else if (value != null) {
                values.add(value);
            }
        }
        return values.isEmpty() ? null : Collections.unmodifiableList(values);
    }

    @Override
    public String toString() {
        return text;
    }
}
