package dev.journeyconnector.insight;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as ops admins write them in {@code mappings/rules.yaml} and read them in explanations. */
public final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})(m|h|d|w)");

    private DurationText() {
    }

    /** {@code 90m}, {@code 4h}, {@code 14d}, {@code 2w}; empty for anything else, including zero. */
    public static Optional<Duration> parse(String text) {
        Matcher m = SHORT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /**
     * For explanations: {@code 45 min}, {@code 31 h}, {@code 4 h 30 min}, {@code 6 d 3 h}. Hours up to two days
     * (an SLA of 48 h reads better as hours), days beyond. Rounded down to the minute.
     */
    public static String format(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes <= 48 * 60) {
            long h = minutes / 60;
            long m = minutes % 60;
            return h + " h" + (m == 0 ? "" : " " + m + " min");
        }
        long days = minutes / (24 * 60);
        long h = (minutes % (24 * 60)) / 60;
        return days + " d" + (h == 0 ? "" : " " + h + " h");
    }

    /** As written in the rules file: {@code 14d}, {@code 4h}, {@code 90m}. */
    public static String write(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + "h";
        }
        return minutes + "m";
    }
}
