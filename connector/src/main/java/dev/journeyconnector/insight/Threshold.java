package dev.journeyconnector.insight;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A setting a rule declares, with its type and default: {@code window: 14d}, {@code contacts: 3},
 * {@code sla: {urgent: 1h, high: 4h, normal: 24h, low: 48h}}, {@code businessHours: false}.
 *
 * @param name         the key in {@code mappings/rules.yaml}
 * @param type         what the value is
 * @param defaultValue a {@link Duration}, an {@link Integer}, a {@link Boolean} or a complete
 *                     {@code Map<Priority, Duration>}, by type
 * @param min          counts only: the smallest allowed value
 * @param max          counts only: the largest allowed value
 * @param description  one line for ops admins
 */
public record Threshold(String name, Type type, Object defaultValue, int min, int max, String description) {

    /** The name every rule measuring time uses to switch to business hours. */
    public static final String BUSINESS_HOURS = "businessHours";
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    public enum Type {
        /** {@code 14d}, {@code 4h}, {@code 90m} */
        DURATION,
        /** a whole number */
        COUNT,
        /** {@code true} or {@code false} */
        FLAG,
        /** a duration per priority: {@code {urgent: 1h, high: 4h, normal: 24h, low: 48h}} */
        PER_PRIORITY
    }

    public Threshold {
        if (name == null || !NAME.matcher(name).matches() || name.equals("enabled") || name.equals("severity")
                || name.equals("personas")) {
            throw new IllegalArgumentException("threshold name '" + name + "' must be a camelCase word other than "
                    + "enabled, severity and personas");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        boolean fits = switch (type) {
            case DURATION -> defaultValue instanceof Duration d && !d.isNegative() && !d.isZero();
            case COUNT -> defaultValue instanceof Integer i && i >= min && i <= max;
            case FLAG -> defaultValue instanceof Boolean;
            case PER_PRIORITY -> defaultValue instanceof Map<?, ?> m && m.keySet().containsAll(
                    java.util.EnumSet.allOf(Priority.class));
        };
        if (!fits) {
            throw new IllegalArgumentException("threshold " + name + ": default " + defaultValue + " is not a "
                    + type + (type == Type.COUNT ? " in " + min + ".." + max : ""));
        }
        if (type == Type.PER_PRIORITY) {
            defaultValue = new EnumMap<>(castPerPriority(defaultValue));
        }
    }

    public static Threshold duration(String name, Duration defaultValue, String description) {
        return new Threshold(name, Type.DURATION, defaultValue, 0, 0, description);
    }

    public static Threshold count(String name, int defaultValue, int min, int max, String description) {
        return new Threshold(name, Type.COUNT, defaultValue, min, max, description);
    }

    public static Threshold flag(String name, boolean defaultValue, String description) {
        return new Threshold(name, Type.FLAG, defaultValue, 0, 0, description);
    }

    /** {@code businessHours: false}: whether the rule's durations count business hours instead of calendar time. */
    public static Threshold businessHours() {
        return flag(BUSINESS_HOURS, false, "count only business hours (see businessHours at the top of the file)"
                + " instead of calendar time");
    }

    public static Threshold perPriority(String name, Map<Priority, Duration> defaultValue, String description) {
        return new Threshold(name, Type.PER_PRIORITY, defaultValue, 0, 0, description);
    }

    @SuppressWarnings("unchecked")
    static Map<Priority, Duration> castPerPriority(Object value) {
        return (Map<Priority, Duration>) value;
    }
}
