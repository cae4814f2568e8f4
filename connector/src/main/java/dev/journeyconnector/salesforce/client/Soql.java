package dev.journeyconnector.salesforce.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * SOQL literals. Every value that goes into a SOQL string goes through here; field names come from
 * {@link FieldList#validate}. Escapes follow "Quoted String Escape Sequences" in the SOQL reference
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm).
 */
public final class Soql {

    /** SOQL dateTime literal: ISO 8601 in UTC with milliseconds, unquoted. Finer precision is truncated. */
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Soql() {
    }

    /** A quoted string literal: {@code O'Brien} → {@code 'O\'Brien'}. */
    public static String quote(String value) {
        return "'" + escape(value, false) + "'";
    }

    /**
     * A quoted literal for LIKE that matches {@code value} literally: additionally escapes the wildcards
     * {@code %} and {@code _}. Add your own unescaped wildcards around it, e.g. {@code "'%" + ... }: use
     * {@link #likeContains}/{@link #likeStartsWith} for that.
     */
    public static String quoteLike(String value) {
        return "'" + escape(value, true) + "'";
    }

    /** {@code LIKE} pattern matching values that contain {@code value} literally. */
    public static String likeContains(String value) {
        return "'%" + escape(value, true) + "%'";
    }

    /** {@code LIKE} pattern matching values that start with {@code value} literally. */
    public static String likeStartsWith(String value) {
        return "'" + escape(value, true) + "%'";
    }

    /** A dateTime literal such as {@code 2026-05-01T10:00:00.000Z} (never quoted in SOQL). */
    public static String datetime(Instant instant) {
        return DATETIME.format(Objects.requireNonNull(instant, "instant"));
    }

    /** A date literal such as {@code 2026-05-01}. */
    public static String date(LocalDate date) {
        return Objects.requireNonNull(date, "date").toString();
    }

    private static String escape(String value, boolean like) {
        Objects.requireNonNull(value, "SOQL literal must not be null; write IS NULL / = null explicitly");
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '%' -> out.append(like ? "\\%" : "%");
                case '_' -> out.append(like ? "\\_" : "_");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
