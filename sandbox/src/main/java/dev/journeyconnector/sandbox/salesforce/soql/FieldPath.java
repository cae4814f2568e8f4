package dev.journeyconnector.sandbox.salesforce.soql;

import java.util.List;

/**
 * A field reference as written in the query: {@code Name}, or through parent relationships
 * {@code Account.Owner.Email}. {@code offset} points at its first character for error carets.
 */
record FieldPath(List<String> segments, int offset) {

    FieldPath {
        segments = List.copyOf(segments);
    }

    String text() {
        return String.join(".", segments);
    }

    String leaf() {
        return segments.get(segments.size() - 1);
    }

    List<String> relationships() {
        return segments.subList(0, segments.size() - 1);
    }
}
