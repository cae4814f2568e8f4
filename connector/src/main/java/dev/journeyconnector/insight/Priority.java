package dev.journeyconnector.insight;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A case's or ticket's priority as the touchpoint attribute {@code priority} gives it, already normalised by the
 * mappings (Zendesk's four values as they are; Salesforce High → high, Medium → normal, Low → low). SLAs are
 * set per priority.
 */
public enum Priority {
    URGENT, HIGH, NORMAL, LOW;

    /** The name used in attributes and {@code mappings/rules.yaml}: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Priority::wireName).toList();
    }

    public static Optional<Priority> of(String wireName) {
        return wireName == null ? Optional.empty()
                : Arrays.stream(values()).filter(p -> p.wireName().equals(wireName.strip())).findFirst();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
