package dev.journeyconnector.mapping;

import java.util.Map;

/**
 * How a mapping rule finds one touchpoint word (a stage, channel, department, device or sentiment): a constant,
 * or a record field looked up in a table with a default. Every word in it was checked against the vocabulary
 * when the file was loaded, so {@link #resolve} always returns a known word.
 */
public sealed interface ValueSpec {

    /** The word for this record; never null. */
    String resolve(Map<String, ?> record);

    /** {@code channel: phone}. */
    record Constant(String value) implements ValueSpec {
        @Override
        public String resolve(Map<String, ?> record) {
            return value;
        }
    }

    /**
     * {@code channel: {from: Origin, map: {Phone: phone, Web: web}, default: web}}: the field's value as text
     * (numbers in plain notation), looked up exactly; a missing field or a value not in the table gives the
     * default.
     */
    record Lookup(FieldPath from, Map<String, String> table, String fallback) implements ValueSpec {
        public Lookup {
            table = Map.copyOf(table);
        }

        @Override
        public String resolve(Map<String, ?> record) {
            String text = Values.text(from.resolve(record));
            return text == null ? fallback : table.getOrDefault(text, fallback);
        }
    }
}
