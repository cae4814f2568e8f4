package dev.journeyconnector.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a record value meets a value written in a mapping. Records are raw JSON maps (numbers may be Long,
 * Integer, Double or BigDecimal; dates are ISO text, or java.time values straight from the Salesforce
 * converter), so a comparison first decides what kind of values it has: numbers numerically, dates and
 * datetimes chronologically, otherwise text.
 */
final class Values {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*");

    // Zendesk and Mailchimp send "2026-01-05T10:00:00Z" / "+00:00", Salesforce REST sends "+0000";
    // Mailchimp's timestamp_opt style uses a space instead of the T.
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private Values() {
    }

    /** A point in time: a calendar date, or an instant (with its UTC date). */
    record Moment(LocalDate date, Instant instant) {

        /** A date against a datetime compares calendar days (UTC), so {@code lte: 2026-01-31} keeps all of that day. */
        int compareTo(Moment other) {
            if (instant == null || other.instant == null) {
                return date.compareTo(other.date);
            }
            return instant.compareTo(other.instant);
        }
    }

    static Optional<BigDecimal> number(Object value) {
        if (value instanceof BigDecimal d) {
            return Optional.of(d);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof BigInteger i) {
            return Optional.of(new BigDecimal(i));
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // BigDecimal.valueOf uses the shortest decimal text, so 0.1d compares equal to 0.1 in YAML.
            return Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
        }
        if (value instanceof String s && !s.isEmpty() && looksNumeric(s)) {
            try {
                return Optional.of(new BigDecimal(s));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean looksNumeric(String s) {
        char c = s.charAt(0);
        return (Character.isDigit(c) || c == '-' || c == '+' || c == '.') && !DATE.matcher(s).lookingAt();
    }

    static Optional<Moment> moment(Object value) {
        if (value instanceof LocalDate d) {
            return Optional.of(new Moment(d, null));
        }
        if (value instanceof Instant i) {
            return Optional.of(new Moment(LocalDate.ofInstant(i, ZoneOffset.UTC), i));
        }
        if (value instanceof OffsetDateTime o) {
            return moment(o.toInstant());
        }
        if (value instanceof ZonedDateTime z) {
            return moment(z.toInstant());
        }
        if (value instanceof LocalDateTime l) {
            return moment(l.toInstant(ZoneOffset.UTC));
        }
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        try {
            if (DATE.matcher(s).matches()) {
                return Optional.of(new Moment(LocalDate.parse(s), null));
            }
            if (DATE_TIME_START.matcher(s).matches()) {
                TemporalAccessor parsed = DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
                // A datetime without offset is read as UTC, the zone all three vendors report in.
                return parsed instanceof OffsetDateTime o ? moment(o) : moment((LocalDateTime) parsed);
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Equality of a record value with a mapping value; the mapping value is never null. */
    static boolean same(Object actual, Object expected, boolean ignoreCase) {
        if (actual == null) {
            return false;
        }
        if (expected instanceof Boolean b) {
            return actual instanceof Boolean a ? a.equals(b)
                    : actual instanceof String s && s.equalsIgnoreCase(b.toString());
        }
        if (actual instanceof Number || expected instanceof Number) {
            Optional<BigDecimal> a = number(actual);
            Optional<BigDecimal> e = number(expected);
            return a.isPresent() && e.isPresent() && a.get().compareTo(e.get()) == 0;
        }
        if (actual instanceof TemporalAccessor || expected instanceof TemporalAccessor) {
            Optional<Moment> a = moment(actual);
            Optional<Moment> e = moment(expected);
            return a.isPresent() && e.isPresent() && a.get().compareTo(e.get()) == 0;
        }
        if (actual instanceof Boolean a && expected instanceof String e) {
            return e.equalsIgnoreCase(a.toString());
        }
        if (actual instanceof String a && expected instanceof String e) {
            return ignoreCase ? a.equalsIgnoreCase(e) : a.equals(e);
        }
        return false;
    }

    /**
     * Orders a record value against a mapping bound: negative, zero or positive, or empty when the two are
     * not of one kind (a missing value, a word against a number), so the comparison does not fire.
     */
    static Optional<Integer> compare(Object actual, Object bound) {
        if (actual == null || actual instanceof Boolean) {
            return Optional.empty();
        }
        Optional<BigDecimal> a = number(actual);
        Optional<BigDecimal> b = number(bound);
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(a.get().compareTo(b.get()));
        }
        if (a.isPresent() != b.isPresent() && (actual instanceof Number || bound instanceof Number)) {
            return Optional.empty();
        }
        Optional<Moment> ma = moment(actual);
        Optional<Moment> mb = moment(bound);
        if (ma.isPresent() && mb.isPresent()) {
            return Optional.of(ma.get().compareTo(mb.get()));
        }
        if (ma.isPresent() != mb.isPresent()) {
            return Optional.empty();
        }
        if (actual instanceof String s && bound instanceof String t) {
            return Optional.of(s.compareTo(t));
        }
        return Optional.empty();
    }

    /** The text a regex sees: numbers in plain notation, other scalars as written; null for maps and lists. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number) {
            return number(value).map(BigDecimal::toPlainString).orElse(value.toString());
        }
        if (value instanceof Boolean || value instanceof TemporalAccessor) {
            return value.toString();
        }
        return null;
    }
}
