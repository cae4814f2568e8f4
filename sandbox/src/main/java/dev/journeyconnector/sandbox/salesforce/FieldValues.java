package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.salesforce.schema.FieldType;
import dev.journeyconnector.sandbox.salesforce.schema.SField;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Converts field values between their text forms (SOAP element text, world and state JSON) and the Java
 * values records hold (see {@link FieldType}). Salesforce's SOAP formats: booleans {@code true/false},
 * dates {@code yyyy-MM-dd}, datetimes {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC, numbers plain.
 */
public final class FieldValues {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private FieldValues() {
    }

    /** Thrown when text cannot be a value of the field's type; the message is Salesforce's wording. */
    public static final class BadValueException extends Exception {
        public BadValueException(String message) {
            super(message);
        }
    }

    /** The Java value of {@code text} for {@code field}; {@code null} or empty text means no value. */
    public static Object parse(SField field, String text) throws BadValueException {
        if (text == null || text.isEmpty() && field.type() != FieldType.STRING && field.type() != FieldType.TEXTAREA) {
            return null;
        }
        if (text.isEmpty()) {
            // Salesforce stores an empty string as null.
            return null;
        }
        String t = text.trim();
        try {
            return switch (field.type()) {
                case BOOLEAN -> parseBoolean(field, t);
                case INT -> {
                    BigDecimal d = new BigDecimal(t);
                    yield d.stripTrailingZeros().scale() > 0 ? fail(field, text) : d.longValueExact();
                }
                case DOUBLE, CURRENCY, PERCENT -> new BigDecimal(t);
                case DATE -> LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
                case DATETIME -> parseDateTime(t);
                default -> text;
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return fail(field, text);
        }
    }

    private static Object fail(SField field, String text) throws BadValueException {
        throw new BadValueException(field.label() + ": value not of required type: " + text);
    }

    private static Boolean parseBoolean(SField field, String t) throws BadValueException {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> (Boolean) fail(field, t);
        };
    }

    /** Accepts ISO instants with or without offset; a bare date means midnight UTC. */
    public static Instant parseDateTime(String t) {
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(t.replace("+0000", "Z")).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        }
    }

    /** The SOAP text of a Java value. */
    public static String format(Object value) {
        if (value instanceof Instant i) {
            return DATETIME.format(i.truncatedTo(ChronoUnit.MILLIS));
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    /** The JSON-friendly form of a value: Boolean, Long and BigDecimal stay, dates become text. */
    public static Object toJson(Object value) {
        if (value instanceof Instant || value instanceof LocalDate) {
            return format(value);
        }
        return value;
    }

    /** Now, at millisecond precision as Salesforce stores datetimes. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
