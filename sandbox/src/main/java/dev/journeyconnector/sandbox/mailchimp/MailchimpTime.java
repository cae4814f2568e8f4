package dev.journeyconnector.sandbox.mailchimp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Mailchimp's ISO 8601 form, {@code 2015-10-21T15:41:36+00:00}, in responses and world files. */
public final class MailchimpTime {
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private MailchimpTime() {
    }

    public static String format(Instant at) {
        return at == null ? "" : OUT.format(at.atOffset(ZoneOffset.UTC));
    }

    /** Accepts an offset ({@code +00:00}, {@code +02:00}) or {@code Z}; throws DateTimeParseException otherwise. */
    public static Instant parse(String text) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // Query strings turn a '+' into a space when the client does not encode it.
            if (t.length() > 19 && t.charAt(t.length() - 6) == ' ') {
                return OffsetDateTime.parse(t.substring(0, t.length() - 6) + "+" + t.substring(t.length() - 5)).toInstant();
            }
            throw e;
        }
    }
}
