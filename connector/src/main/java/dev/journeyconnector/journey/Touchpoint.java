package dev.journeyconnector.journey;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One moment the customer and the business met, taken from one source record: a case opened, a first reply
 * on a ticket, a click in a campaign. Stage, channel, department and device are names from a
 * {@link Vocabulary}; {@link Vocabulary#check(Touchpoint)} says whether they are known there.
 *
 * @param key         which record and which moment in it; stable across runs, so storage can be idempotent
 * @param customerKey the resolved customer, or null until identity resolution has run
 * @param stage       a stage name
 * @param channel     a channel name
 * @param department  a department name
 * @param device      a device name (the vocabulary's default device when the record does not say)
 * @param sentiment   how the customer felt
 * @param occurredAt  when it happened, by the source's clock
 * @param title       a short human text ("Never received my itinerary"); may be empty, never null
 * @param deepLink    the record's page in its own system, built by {@link DeepLinks}; null when that
 *                    system's settings are not known
 */
public record Touchpoint(Key key, String customerKey, String stage, String channel, String department,
                         String device, Sentiment sentiment, Instant occurredAt, String title, URI deepLink) {

    /** The systems touchpoints come from. */
    public enum Source {
        SALESFORCE, ZENDESK, MAILCHIMP;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return wireName();
        }
    }

    /**
     * The natural key: a record and a kind of moment in it (one Zendesk ticket yields {@code ticket-opened}
     * and {@code ticket-first-reply}). Written as {@code source/object/recordId/type}. The record id is the
     * store's, which may hold slashes (a Mailchimp member is {@code list_id/id}, an email activity
     * {@code campaign_id/email_id/action/timestamp[/url]}); source, object and type never do, so the string
     * still parses back ({@link #parse}). No part may hold whitespace or control characters.
     *
     * @param source   the system
     * @param object   the record's type in that system: {@code Case}, {@code ticket}, {@code campaign}
     * @param recordId the record's id in that system
     * @param type     the kind of touchpoint: lower case words joined by hyphens, e.g. {@code campaign-click}
     */
    public record Key(Source source, String object, String recordId, String type) {
        private static final Pattern OBJECT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
        /** Printable, no whitespace: a clicked link's URL is part of an email activity's id. */
        private static final Pattern RECORD_ID = Pattern.compile("[^\\s\\p{Cntrl}\\p{Cf}]{1,1000}",
                Pattern.UNICODE_CHARACTER_CLASS);
        private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

        public Key {
            Objects.requireNonNull(source, "source");
            require("object", object, OBJECT, "letters, digits and underscores, e.g. Case or ticket");
            require("recordId", recordId, RECORD_ID, "1 to 1000 characters without whitespace or control characters");
            require("type", type, TYPE, "lower case words joined by hyphens, e.g. ticket-first-reply");
        }

        /** The key as one stable string, e.g. {@code zendesk/ticket/4711/ticket-first-reply}. */
        public String asString() {
            return source.wireName() + "/" + object + "/" + recordId + "/" + type;
        }

        /**
         * The key of {@link #asString()}: source and object are the first two parts, the type the last, the
         * record id everything between.
         *
         * @throws IllegalArgumentException when the text is not such a key
         */
        public static Key parse(String text) {
            int first = text == null ? -1 : text.indexOf('/');
            int second = first < 0 ? -1 : text.indexOf('/', first + 1);
            int last = text == null ? -1 : text.lastIndexOf('/');
            if (second < 0 || last <= second) {
                throw new IllegalArgumentException("'" + (text == null ? "" : printable(text, 80))
                        + "' is not a touchpoint key source/object/recordId/type");
            }
            String source = text.substring(0, first);
            Source parsed = java.util.Arrays.stream(Source.values()).filter(s -> s.wireName().equals(source))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("touchpoint key source '"
                            + printable(source, 40) + "' is not one of salesforce, zendesk, mailchimp"));
            return new Key(parsed, text.substring(first + 1, second), text.substring(second + 1, last),
                    text.substring(last + 1));
        }

        @Override
        public String toString() {
            return asString();
        }

        private static void require(String field, String value, Pattern shape, String hint) {
            if (value == null || !shape.matcher(value).matches()) {
                throw new IllegalArgumentException("touchpoint key " + field + " "
                        + (value == null ? "is missing" : "'" + printable(value, 60) + "' is not valid")
                        + "; expected " + hint);
            }
        }
    }

    public Touchpoint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(title, "title");
        if (customerKey != null && customerKey.isBlank()) {
            throw new IllegalArgumentException("customerKey is blank; use null until the customer is resolved");
        }
    }

    /** The kind of touchpoint, from its key: {@code case-opened}, {@code ticket-first-reply} ... */
    public String type() {
        return key.type();
    }

    /** The same touchpoint, resolved to a customer. */
    public Touchpoint withCustomerKey(String customerKey) {
        return new Touchpoint(key, customerKey, stage, channel, department, device, sentiment, occurredAt, title,
                deepLink);
    }

    /**
     * One line fit to quote as evidence in a finding or a log: when, what, where in the journey, and how to
     * open the record. The title is quoted, control characters escaped and long titles cut, so a record's
     * text cannot break the line or forge another one.
     */
    @Override
    public String toString() {
        return occurredAt + " " + key.asString()
                + " [stage=" + stage + " channel=" + channel + " department=" + department
                + " device=" + device + " sentiment=" + sentiment + "]"
                + " customer=" + (customerKey == null ? "unresolved" : customerKey)
                + " \"" + printable(title, 120) + "\""
                + (deepLink == null ? "" : " " + deepLink);
    }

    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(max).forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > max ? out + "…" : out.toString();
    }
}
