package dev.journeyconnector.identity;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One person, and the raw records across CRM, help desk and email that are theirs. The key is stable across runs
 * for the same data: {@code sf:<Contact Id>}, {@code sf:<Lead Id>}, {@code prospect:<normalised email>}, or, for
 * someone with no email at all, {@code prospect:<source>/<object>/<id>} of the one record that is them.
 */
public record Customer(String customerKey, Kind kind, Set<SourceRef> records) {

    public enum Kind {
        /** Anchored on a surviving Salesforce Contact. */
        CONTACT,
        /** An unconverted Salesforce Lead. */
        LEAD,
        /** Known only to the help desk or the mailing lists. */
        PROSPECT
    }

    public Customer {
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(kind, "kind");
        records = Collections.unmodifiableSet(new TreeSet<>(records));
    }
}
