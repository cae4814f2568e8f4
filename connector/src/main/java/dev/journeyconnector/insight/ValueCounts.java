package dev.journeyconnector.insight;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How often each value of each field occurs among the records of each source object: what the drift report
 * compares unmapped records with ("no mapped Case has Origin = WhatsApp"). Fed one record at a time, so the
 * caller can stream mapped records from the store without holding them; memory stays bounded because a field
 * stops being counted once it shows it is no category (see {@link #add}).
 *
 * <p>Only categories are worth comparing: a value an unmapped record has and no mapped one has is news when the
 * field is a picklist (Origin, Status, via.channel), and noise when it is an id, a time, an email address or a
 * sentence, since those differ between any two records. Fields are judged by name and shape here, and by
 * cardinality in {@link DriftAnalysis}, which sees mapped and unmapped records together.
 *
 * <p>Not thread-safe: one caller fills it, then hands it to the analysis.
 */
public final class ValueCounts {

    /** Past this many distinct values among one object's records a field is an identifier or text. */
    public static final int MAX_DISTINCT = 200;
    /** Longer values are free text (subjects, descriptions), not picklist values. */
    public static final int MAX_CATEGORY_LENGTH = 60;
    /** How a null, empty text or empty list is counted: its absence can set records apart too. */
    public static final String EMPTY = "(empty)";
    /** Nesting deeper than this (Zendesk's via.source.from.address) holds no categories worth the cost. */
    static final int MAX_DEPTH = 4;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}.*)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern LINK = Pattern.compile("(?i)(https?://|/)\\S*");

    /** One field of one object: in how many records it occurred, and its values' counts while it looks categorical. */
    static final class Field {
        int records;
        final Map<String, Integer> counts = new LinkedHashMap<>();
        /** Why the field is no category (e.g. "dates and times"), null while it looks like one. */
        String notCategory;

        void exclude(String why) {
            if (notCategory == null) {
                notCategory = why;
                counts.clear();
            }
        }
    }

    /** The fields of one source object. */
    static final class ObjectValues {
        int records;
        final Map<String, Field> fields = new TreeMap<>();
    }

    private final Map<String, ObjectValues> objects = new TreeMap<>();

    /**
     * Counts one record's values. Nested maps become dotted fields ({@code via.channel}); each distinct scalar
     * of a list counts once ({@code tags}); lists of maps are left out (they have no single field name). A field
     * is no longer counted once it is the record's own id ({@code Id}, {@code id}) or holds
     * a date or time, an email address, a link or free text (longer than {@value #MAX_CATEGORY_LENGTH}
     * characters or on several lines), or more than {@value #MAX_DISTINCT} distinct values.
     *
     * @param source the source's wire name, e.g. {@code salesforce}
     * @param object the object as stored, e.g. {@code Case}
     * @return this, for chaining
     */
    public ValueCounts add(String source, String object, Map<String, ?> record) {
        Objects.requireNonNull(record, "record");
        ObjectValues values = objects.computeIfAbsent(key(source, object), k -> new ObjectValues());
        values.records++;
        Map<String, Set<String>> recordValues = new LinkedHashMap<>();
        Map<String, String> excluded = new LinkedHashMap<>();
        flatten("", record, 1, recordValues, excluded);
        excluded.forEach((field, why) -> values.fields.computeIfAbsent(field, f -> new Field()).exclude(why));
        recordValues.forEach((name, set) -> {
            Field field = values.fields.computeIfAbsent(name, f -> new Field());
            field.records++;
            if (field.notCategory != null) {
                return;
            }
            set.forEach(v -> field.counts.merge(v, 1, Integer::sum));
            if (field.counts.size() > MAX_DISTINCT) {
                field.exclude("more than " + MAX_DISTINCT + " distinct values");
            }
        });
        return this;
    }

    /** Records counted for one object. */
    public int records(String source, String object) {
        ObjectValues values = objects.get(key(source, object));
        return values == null ? 0 : values.records;
    }

    /** Records counted for every object together. */
    public int records() {
        return objects.values().stream().mapToInt(o -> o.records).sum();
    }

    Optional<ObjectValues> object(String source, String object) {
        return Optional.ofNullable(objects.get(key(source, object)));
    }

    private static String key(String source, String object) {
        return Objects.requireNonNull(source, "source") + "/" + Objects.requireNonNull(object, "object");
    }

    private static void flatten(String prefix, Map<String, ?> map, int depth, Map<String, Set<String>> values,
                                Map<String, String> excluded) {
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String name = prefix + entry.getKey();
            if (isOwnId(entry.getKey())) {
                excluded.put(name, "the record's own id");
                continue;
            }
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                if (depth < MAX_DEPTH) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> typed = (Map<String, ?>) nested;
                    flatten(name + ".", typed, depth + 1, values, excluded);
                }
                continue;
            }
            if (value instanceof Collection<?> list) {
                if (list.stream().anyMatch(e -> e instanceof Map<?, ?> || e instanceof Collection<?>)) {
                    continue;
                }
                if (list.isEmpty()) {
                    values.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(EMPTY);
                }
                for (Object element : list) {
                    scalar(name, element, values, excluded);
                }
                continue;
            }
            scalar(name, value, values, excluded);
        }
    }

    private static void scalar(String name, Object value, Map<String, Set<String>> values,
                               Map<String, String> excluded) {
        values.computeIfAbsent(name, n -> new LinkedHashSet<>());
        notCategory(value).ifPresentOrElse(why -> excluded.put(name, why),
                () -> values.get(name).add(text(value)));
    }

    /** Why a value's shape shows its field is no category, or empty when it could be one. */
    static Optional<String> notCategory(Object value) {
        if (value instanceof TemporalAccessor) {
            return Optional.of("dates and times");
        }
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        if (DATE.matcher(s).matches()) {
            return Optional.of("dates and times");
        }
        if (EMAIL.matcher(s.strip()).matches()) {
            return Optional.of("email addresses");
        }
        if (LINK.matcher(s).matches() && s.length() > 1) {
            return Optional.of("links");
        }
        if (s.length() > MAX_CATEGORY_LENGTH || s.contains("\n")) {
            return Optional.of("free text");
        }
        return Optional.empty();
    }

    /**
     * The record's own id (Salesforce {@code Id}, Zendesk {@code id}) differs on every record, so it never sets
     * a group apart. References to other records are kept: {@code RecordTypeId}, {@code OwnerId} (a new queue),
     * {@code group_id} are categories, and the many-valued ones ({@code AccountId}, {@code requester_id}) are
     * left out by their cardinality in the analysis.
     */
    static boolean isOwnId(String key) {
        return key.equalsIgnoreCase("id");
    }

    /** The value as compared and shown: numbers by value (1 and 1.0 alike), null and empty text as {@link #EMPTY}. */
    static String text(Object value) {
        if (value == null) {
            return EMPTY;
        }
        if (value instanceof String s) {
            return s.isBlank() ? EMPTY : s;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : value.toString();
        }
        return String.valueOf(value);
    }

    /** For tests: the counted values of one field, empty when it is not counted. */
    Map<String, Integer> counts(String source, String object, String field) {
        return object(source, object).map(o -> o.fields.get(field)).map(f -> Map.copyOf(f.counts))
                .orElse(Map.of());
    }

    /** For tests: why a field is not counted, empty when it is. */
    Optional<String> whyNotCounted(String source, String object, String field) {
        return object(source, object).map(o -> o.fields.get(field)).map(f -> f.notCategory);
    }

    /** The object keys counted, {@code source/object}. */
    List<String> objects() {
        return List.copyOf(objects.keySet());
    }
}
