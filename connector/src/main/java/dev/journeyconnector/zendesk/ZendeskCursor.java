package dev.journeyconnector.zendesk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an incremental Zendesk pull resumes. What is set depends on the object:
 * <ul>
 *   <li>tickets, users (cursor-based export): {@code afterCursor} is Zendesk's after_cursor of the last stored
 *       page; at end of stream it is where the next poll starts. {@code startTime} only serves the very first
 *       request (and a fallback if Zendesk ever sends no cursor).</li>
 *   <li>ticket_events (time-based export): {@code startTime} is the end_time of the last stored page.</li>
 *   <li>satisfaction_ratings (list with cursor pagination): {@code startTime} is the start_time filter of the
 *       current poll, {@code afterCursor} the page[after] inside it, {@code upTo} Zendesk's clock (HTTP Date) when
 *       the poll's first page was answered; a complete poll moves {@code startTime} to {@code upTo} less the
 *       overlap, so the next one reads only what changed since, and nothing at all when nothing did.</li>
 * </ul>
 * {@code highWater} (tickets, users) is the latest updated_at seen, for the end-of-stream fallback.
 */
record ZendeskCursor(Instant startTime, String afterCursor, Instant highWater, Instant upTo) {

    static ZendeskCursor start(Instant startTime) {
        return new ZendeskCursor(startTime == null ? Instant.EPOCH : startTime, null, null, null);
    }

    ZendeskCursor withAfterCursor(String cursor) {
        return new ZendeskCursor(startTime, cursor, highWater, upTo);
    }

    ZendeskCursor withHighWater(Instant seen) {
        return new ZendeskCursor(startTime, afterCursor, later(highWater, seen), upTo);
    }

    /** The poll's upper bound: the first one set in a poll stays, also when the poll resumes after a failure. */
    ZendeskCursor withUpTo(Instant serverTime) {
        return new ZendeskCursor(startTime, afterCursor, highWater, upTo != null ? upTo : serverTime);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startTime", startTime == null ? null : startTime.toString());
        m.put("afterCursor", afterCursor);
        m.put("highWater", highWater == null ? null : highWater.toString());
        m.put("upTo", upTo == null ? null : upTo.toString());
        return m;
    }

    /** The stored cursor, or a fresh start at {@code firstLoadStart} when there is none. */
    static ZendeskCursor fromMap(Map<String, Object> m, Instant firstLoadStart) {
        if (m == null) {
            return start(firstLoadStart);
        }
        Instant start = instant(m.get("startTime"));
        return new ZendeskCursor(start == null ? start(firstLoadStart).startTime() : start,
                m.get("afterCursor") == null ? null : m.get("afterCursor").toString(), instant(m.get("highWater")),
                instant(m.get("upTo")));
    }

    static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant instant(Object v) {
        return v == null ? null : Instant.parse(v.toString());
    }
}
