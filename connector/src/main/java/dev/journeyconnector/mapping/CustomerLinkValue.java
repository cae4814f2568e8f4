package dev.journeyconnector.mapping;

import java.util.Objects;

/**
 * One of a record's customer links with the record's value in it, e.g. {@code contact: 003Jx0000000001IAA}:
 * what identity resolution follows to find whose record it is.
 *
 * @param kind  what the value is
 * @param value the record's value as text (Zendesk ids are JSON numbers in the payload), never blank
 */
public record CustomerLinkValue(CustomerLink.Kind kind, String value) {

    public CustomerLinkValue {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + (kind == null ? "" : kind.key() + " ") + "link needs a value");
        }
    }

    @Override
    public String toString() {
        return kind.key() + ": " + value;
    }
}
