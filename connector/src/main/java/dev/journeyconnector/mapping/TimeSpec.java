package dev.journeyconnector.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a rule's touchpoint happened: a field holding a date-time ({@code at: CreatedDate}), or a field plus
 * a number of minutes held in another field. Zendesk keeps no first-reply time, only the ticket's
 * {@code created_at} and its metric set's {@code reply_time_in_minutes.calendar}:
 *
 * <pre>
 * at:
 *   field: created_at
 *   plusMinutes: metric_set.reply_time_in_minutes.calendar
 * </pre>
 *
 * @param field       the field holding an ISO date-time, a plain date (midnight UTC) or a java.time value
 * @param plusMinutes the field holding the minutes to add (a number or numeric text, fractions allowed);
 *                    null when the time is the field's own
 */
public record TimeSpec(FieldPath field, FieldPath plusMinutes) {

    public TimeSpec {
        Objects.requireNonNull(field, "field");
    }

    /** {@code at: Field}. */
    public static TimeSpec of(FieldPath field) {
        return new TimeSpec(field, null);
    }

    public Optional<FieldPath> plusMinutesField() {
        return Optional.ofNullable(plusMinutes);
    }

    /**
     * The time for a record.
     *
     * @throws IllegalArgumentException saying which field is missing or unusable, the reason a rule is
     *                                  reported unmapped
     */
    public Instant resolve(Map<String, ?> record) {
        Object time = field.resolve(record);
        if (time == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        Instant base = Values.moment(time)
                .map(m -> m.instant() != null ? m.instant() : m.date().atStartOfDay().toInstant(ZoneOffset.UTC))
                .orElseThrow(() -> new IllegalArgumentException(field + " is not a date-time: '" + shown(time) + "'"));
        if (plusMinutes == null) {
            return base;
        }
        Object minutes = plusMinutes.resolve(record);
        if (minutes == null) {
            throw new IllegalArgumentException(plusMinutes + " is missing");
        }
        BigDecimal number = Values.number(minutes).orElseThrow(() -> new IllegalArgumentException(
                plusMinutes + " is not a number of minutes: '" + shown(minutes) + "'"));
        // Millisecond precision is plenty for a journey; fractional minutes (Double from JSON) are kept.
        long millis = number.multiply(BigDecimal.valueOf(60_000)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return base.plus(Duration.ofMillis(millis));
    }

    private static String shown(Object value) {
        String text = Values.text(value);
        return text != null ? text : String.valueOf(value);
    }

    /** {@code created_at} or {@code created_at + metric_set.reply_time_in_minutes.calendar minutes}. */
    @Override
    public String toString() {
        return plusMinutes == null ? field.toString() : field + " + " + plusMinutes + " minutes";
    }
}
