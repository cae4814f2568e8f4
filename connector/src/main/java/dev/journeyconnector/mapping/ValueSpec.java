package dev.journeyconnector.mapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a mapping rule finds one touchpoint word (a stage, channel, department, device or sentiment): a constant,
 * a record field looked up in a table with a default, or several such lookups tried in order. Every word in it
 * was checked against the vocabulary when the file was loaded, so {@link #resolve} always returns a known word.
 */
public sealed interface ValueSpec {

    /** The word for this record; never null. */
    String resolve(Map<String, ?> record);

    /** Every word this spec can give, for checks over the whole folder (e.g. the stages a type can land in). */
    Set<String> words();

    /** {@code channel: phone}. */
    record Constant(String value) implements ValueSpec {
        @Override
        public String resolve(Map<String, ?> record) {
            return value;
        }

        @Override
        public Set<String> words() {
            return Set.of(value);
        }
    }

    /**
     * {@code channel: {from: Origin, map: {Phone: phone, Web: web}, default: web}}: the field's value as text
     * (numbers in plain notation), looked up exactly; a missing field or a value not in the table gives the
     * default. A field holding a list (Zendesk {@code tags}) gives the word of its first element the table lists:
     * a ticket tagged {@code [stores, web, device_mobile]} finds {@code device_mobile}.
     */
    record Lookup(FieldPath from, Map<String, String> table, String fallback) implements ValueSpec {
        public Lookup {
            table = Map.copyOf(table);
        }

        @Override
        public String resolve(Map<String, ?> record) {
            return match(record).orElse(fallback);
        }

        /** The table's word for the record's value, if the table lists it. */
        Optional<String> match(Map<String, ?> record) {
            Object value = from.resolve(record);
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    String text = Values.text(element);
                    if (text != null && table.containsKey(text)) {
                        return Optional.of(table.get(text));
                    }
                }
                return Optional.empty();
            }
            String text = Values.text(value);
            return text == null ? Optional.empty() : Optional.ofNullable(table.get(text));
        }

        @Override
        public Set<String> words() {
            Set<String> words = new LinkedHashSet<>(table.values());
            words.add(fallback);
            return words;
        }
    }

    /**
     * Lookups tried in order: the first whose table lists the record's value gives the word, else the default.
     * For a word two fields may tell, e.g. the device: the ticket's channel says mobile for the mobile app, and
     * for the web a tag the web widget set says which device the visitor used.
     *
     * @param alternatives the lookups in file order; their own fallback is not used (only the last one in the
     *                     file has a default, and it is this spec's)
     */
    record FirstOf(List<Lookup> alternatives, String fallback) implements ValueSpec {
        public FirstOf {
            alternatives = List.copyOf(alternatives);
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("at least one alternative is needed");
            }
        }

        @Override
        public String resolve(Map<String, ?> record) {
            for (Lookup lookup : alternatives) {
                Optional<String> word = lookup.match(record);
                if (word.isPresent()) {
                    return word.get();
                }
            }
            return fallback;
        }

        @Override
        public Set<String> words() {
            Set<String> words = new LinkedHashSet<>();
            alternatives.forEach(a -> words.addAll(a.table().values()));
            words.add(fallback);
            return words;
        }
    }
}
