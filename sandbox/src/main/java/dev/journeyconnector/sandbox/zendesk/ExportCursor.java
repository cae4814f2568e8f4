package dev.journeyconnector.sandbox.zendesk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A position in a cursor-based incremental export: after the record with this timestamp and id. Encoded the way
 * Zendesk's after_cursor values decode, {@code base64("<timestamp>.0||<id>|")} (e.g. {@code MTY5NTA1MjY2My4wfHwyOHw=}
 * is {@code 1695052663.0||28|}); clients must treat it as opaque.
 */
record ExportCursor(long timestamp, long id) {

    /** The position before every record updated at or after {@code startTime}; record ids start at 1. */
    static ExportCursor startingAt(long startTime) {
        return new ExportCursor(startTime, 0);
    }

    /** True when a record with this (timestamp, id) comes after the cursor in export order. */
    boolean precedes(long recordTimestamp, long recordId) {
        return recordTimestamp > timestamp || (recordTimestamp == timestamp && recordId > id);
    }

    String encode() {
        return Base64.getEncoder().encodeToString((timestamp + ".0||" + id + "|").getBytes(StandardCharsets.UTF_8));
    }

    static Optional<ExportCursor> decode(String cursor) {
        try {
            String raw = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|");
            if (parts.length < 3 || !parts[0].endsWith(".0")) {
                return Optional.empty();
            }
            return Optional.of(new ExportCursor(Long.parseLong(parts[0].substring(0, parts[0].length() - 2)),
                    Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
