package dev.journeyconnector.mailchimp.client;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Mailchimp's time format: ISO 8601 with an offset and whole seconds, {@code 2015-10-21T15:41:36+00:00}, both in
 * answers and in filters such as since_last_changed (https://mailchimp.com/developer/marketing/docs/methods-parameters/).
 */
public final class MailchimpTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private MailchimpTime() {
    }

    /** {@code 2015-10-21T15:41:36+00:00}; fractions of a second are dropped. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** The instant in a Mailchimp time value; empty for null, "" (Mailchimp's "never") or anything unparseable. */
    public static Optional<Instant> parse(Object value) {
        if (value == null || value.toString().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.toString().strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
