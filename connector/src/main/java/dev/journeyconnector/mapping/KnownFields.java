package dev.journeyconnector.mapping;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The top-level fields one kind of record has, to check the field names a mapping file writes. Only the first
 * segment of a dotted path is checked: nested maps (a Salesforce parent record, Zendesk {@code via}) have
 * fields of their own that no list here describes.
 *
 * @param owner  what the record is, for messages ({@code salesforce Case}); null to leave it out
 * @param names  the field names, exact case
 * @param lists  the fields that hold lists (a condition on them holds when any element does)
 * @param hint   said after the known fields when nothing close was written, e.g. how to pull another
 *               field; null for none
 */
public record KnownFields(String owner, Set<String> names, Set<String> lists, String hint) {

    private static final int MAX_LISTED = 60;

    public KnownFields {
        names = Set.copyOf(names);
        lists = Set.copyOf(lists);
        if (!names.containsAll(lists)) {
            throw new IllegalArgumentException("list fields must be fields too: " + lists);
        }
    }

    /** Fields with no owner, no list fields and no hint. */
    public static KnownFields of(Set<String> names) {
        return new KnownFields(null, names, Set.of(), null);
    }

    public boolean contains(FieldPath field) {
        return names.contains(field.first());
    }

    /**
     * Whether every record has at most one value at this path, so two different {@code equals} on it cannot
     * both hold. True for a top-level field that is not a list; a dotted path may pass through lists that no
     * catalogue describes, so it counts as one value only when {@code nestedSingle} says its source nests
     * none (Salesforce parent records).
     */
    public boolean singleValued(FieldPath field, boolean nestedSingle) {
        return contains(field) && !lists.contains(field.first()) && (field.segments().size() == 1 || nestedSingle);
    }

    /** The problem with a field name, or empty when it is known. */
    public Optional<String> problem(FieldPath field) {
        if (contains(field)) {
            return Optional.empty();
        }
        String name = field.first();
        String prefix = "unknown field '" + name + "'" + (owner == null ? "" : " for " + owner);
        Optional<String> close = Spelling.closest(name, names);
        if (close.isPresent()) {
            return Optional.of(prefix + " (did you mean '" + close.get() + "'?"
                    + (close.get().equalsIgnoreCase(name) ? " names are case-sensitive)" : ")"));
        }
        String known = names.size() <= MAX_LISTED ? "; known: " + String.join(", ", new TreeSet<>(names))
                : "; it is not among the " + names.size() + " fields of this object";
        return Optional.of(prefix + known + (hint == null ? "" : " (" + hint + ")"));
    }

    @Override
    public String toString() {
        return Objects.requireNonNullElse(owner, "fields") + " " + new TreeSet<>(names);
    }
}
