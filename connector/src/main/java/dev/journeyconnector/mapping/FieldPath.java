package dev.journeyconnector.mapping;

import java.util.List;
import java.util.Map;

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
     */
    public Object resolve(Map<String, ?> record) {
        if (record == null) {
            return null;
        }
        if (segments.size() > 1 && record.containsKey(text)) {
            return record.get(text);
        }
        Object current = record;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }
}
