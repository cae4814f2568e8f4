package dev.journeyconnector.insight;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How urgently a finding needs a person: the write-back turns it into a Task priority. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The name used in {@code mappings/rules.yaml}, storage and reports: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Severity::wireName).toList();
    }

    public static Optional<Severity> of(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
