package dev.journeyconnector.journey;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the customer felt at a touchpoint. Fixed rather than configurable: the insight rules (pain points,
 * drift) compare sentiments across sources, so every mapping must speak the same three words.
 */
public enum Sentiment {
    POSITIVE, NEUTRAL, NEGATIVE;

    /** The name used in mappings, storage and reports: lower case. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Sentiment::wireName).toList();
    }

    public static Optional<Sentiment> of(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
