package dev.journeyconnector.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyconnector.pull.PullConsumer;
import dev.journeyconnector.pull.PullPage;
import dev.journeyconnector.store.Json;
import dev.journeyconnector.store.RawRecord;
import dev.journeyconnector.zendesk.client.CursorExportPage;
import dev.journeyconnector.zendesk.client.CursorListPage;
import dev.journeyconnector.zendesk.client.TimeExportPage;
import dev.journeyconnector.zendesk.client.ZendeskClient;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One poll reads everything changed since the cursor, page by page, and sends each page down the route as a
 * {@link PullPage} carrying the cursor that is valid once it is stored. A page the route fails to store, or a
 * call Zendesk refuses, ends the poll: the cursor stays where the stored records end.
 */
final class ZendeskPullConsumer extends PullConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskPullConsumer.class);
    static final String SOURCE = "zendesk";

    private final JourneyZendeskEndpoint endpoint;

    ZendeskPullConsumer(JourneyZendeskEndpoint endpoint, Processor processor) {
        super(endpoint, processor, SOURCE, "Zendesk", endpoint.getObject(), endpoint.getComponent().progress());
        this.endpoint = endpoint;
    }

    @Override
    protected int pullChanges() throws Exception {
        String object = endpoint.getObject();
        ZendeskCursor cursor = ZendeskCursor.fromMap(
                endpoint.getComponent().cursors().cursor(SOURCE, object).orElse(null), endpoint.startInstant());
        LOG.debug("Pulling Zendesk {} from {}", object, cursor);
        int pageNumber = 1;
        int fetched = 0;
        while (true) {
            Step step = fetchAfter(cursor);
            List<RawRecord> records = toRawRecords(step.records());
            fetched += records.size();
            fetched(records.size());
            send(new PullPage(SOURCE, object, records, step.next().toMap(), pageNumber, step.last()));
            cursor = step.next();
            if (step.last()) {
                return fetched;
            }
            pageNumber++;
        }
    }

    /** One page of the object after {@code cursor}, with the cursor that follows it. */
    private record Step(List<ObjectNode> records, ZendeskCursor next, boolean last) {
    }

    private Step fetchAfter(ZendeskCursor cursor) {
        ZendeskClient client = endpoint.getComponent().client();
        int size = endpoint.effectivePageSize();
        return switch (endpoint.zendeskObject()) {
            case TICKETS -> cursorExportStep(cursor, client.tickets(cursor.startTime(), cursor.afterCursor(), size));
            case USERS -> cursorExportStep(cursor, client.users(cursor.startTime(), cursor.afterCursor(), size));
            case TICKET_EVENTS -> timeExportStep(cursor, client.ticketEvents(cursor.startTime(), size));
            case SATISFACTION_RATINGS -> listStep(cursor,
                    client.satisfactionRatings(cursor.startTime(), cursor.afterCursor(), size));
        };
    }

    /**
     * Cursor-based export: the page's after_cursor is the position after it, also at end of stream, where it is
     * what the next poll resumes from ("store the after_cursor ... for the next export":
     * https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api/#cursor-based-incremental-exports).
     */
    private Step cursorExportStep(ZendeskCursor cursor, CursorExportPage page) {
        Instant newest = newest(page.records());
        ZendeskCursor next;
        if (page.afterCursor() != null) {
            next = cursor.withAfterCursor(page.afterCursor()).withHighWater(newest);
        } else if (page.endOfStream()) {
            // No cursor to keep: the next poll restarts by time from the newest record seen. Re-read records
            // are recognised by their version and not stored twice.
            ZendeskCursor seen = cursor.withHighWater(newest);
            next = new ZendeskCursor(ZendeskCursor.later(cursor.startTime(), seen.highWater()), cursor.afterCursor(),
                    seen.highWater(), null);
        } else {
            throw new IllegalStateException("Zendesk " + endpoint.getObject()
                    + " export page has end_of_stream=false but no after_cursor: cannot go on");
        }
        if (!page.endOfStream() && page.records().isEmpty() && Objects.equals(page.afterCursor(), cursor.afterCursor())) {
            throw new IllegalStateException("Zendesk " + endpoint.getObject()
                    + " export made no progress (same after_cursor, no records, end_of_stream=false)");
        }
        return new Step(page.records(), next, page.endOfStream());
    }

    /** Time-based export: the next request starts at the page's end_time. */
    private Step timeExportStep(ZendeskCursor cursor, TimeExportPage page) {
        Instant end = page.endTime() == null ? cursor.startTime() : page.endTime();
        if (!page.endOfStream() && !end.isAfter(cursor.startTime())) {
            throw new IllegalStateException("Zendesk " + endpoint.getObject() + " export made no progress (end_time "
                    + end + " is not after start_time " + cursor.startTime() + ", end_of_stream=false)");
        }
        return new Step(page.records(), new ZendeskCursor(end, null, null, null), page.endOfStream());
    }

    /**
     * List with cursor pagination: walk page[after] inside the poll. The poll is bounded above by Zendesk's own
     * clock when it answered the first page; a complete poll moves start_time to that bound less the overlap
     * (start_time is inclusive), so a rating saved just before the bound but shown late is still read, and a poll
     * after which nothing changed reads nothing. Starting from the newest updated_at instead would read that rating
     * again on every poll. A rating changed while the poll pages is read again by the next poll, never lost.
     */
    private Step listStep(ZendeskCursor cursor, CursorListPage page) {
        ZendeskCursor seen = cursor.withUpTo(page.serverTime());
        if (!page.hasMore()) {
            Instant nextStart = ZendeskCursor.later(cursor.startTime(), seen.upTo().minus(endpoint.overlapDuration()));
            return new Step(page.records(), new ZendeskCursor(nextStart, null, null, null), true);
        }
        if (page.afterCursor() == null) {
            throw new IllegalStateException("Zendesk " + endpoint.getObject()
                    + " page has meta.has_more=true but no meta.after_cursor: cannot go on");
        }
        return new Step(page.records(), seen.withAfterCursor(page.afterCursor()), false);
    }

    private List<RawRecord> toRawRecords(List<ObjectNode> records) {
        List<RawRecord> out = new ArrayList<>(records.size());
        for (ObjectNode r : records) {
            String id = r.get("id").asText();
            Instant versionTime = versionTime(r);
            if (versionTime == null) {
                throw new IllegalStateException("Zendesk " + endpoint.getObject() + " " + id + " has no "
                        + (endpoint.zendeskObject() == ZendeskObject.TICKET_EVENTS ? "created_at or timestamp" : "updated_at")
                        + " value");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = Json.MAPPER.convertValue(r, Map.class);
            out.add(new RawRecord(id, versionTime, deleted(r), payload));
        }
        return out;
    }

    private Instant versionTime(ObjectNode r) {
        return switch (endpoint.zendeskObject()) {
            // generated_timestamp moves when Zendesk changes a ticket without touching updated_at (e.g. its
            // metrics), and the export returns the ticket again then
            // (https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api/#exporting-tickets);
            // the later of the two makes the store keep that newer copy with its newer metric_set.
            case TICKETS -> ZendeskCursor.later(isoTime(r, "updated_at"), epochTime(r, "generated_timestamp"));
            case USERS -> isoTime(r, "updated_at");
            case TICKET_EVENTS -> firstSet(isoTime(r, "created_at"), epochTime(r, "timestamp"));
            case SATISFACTION_RATINGS -> firstSet(isoTime(r, "updated_at"), isoTime(r, "created_at"));
        };
    }

    /**
     * Tombstones: the ticket export returns deleted tickets with status "deleted"
     * (https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api/#excluding-deleted-tickets);
     * a deleted user stays in the user export with active=false
     * (https://developer.zendesk.com/api-reference/ticketing/users/users/#delete-user).
     */
    private boolean deleted(ObjectNode r) {
        return switch (endpoint.zendeskObject()) {
            case TICKETS -> "deleted".equals(r.path("status").asText(null));
            case USERS -> r.path("active").isBoolean() && !r.path("active").asBoolean();
            default -> false;
        };
    }

    private Instant newest(List<ObjectNode> records) {
        Instant newest = null;
        for (ObjectNode r : records) {
            newest = ZendeskCursor.later(newest, isoTime(r, "updated_at"));
        }
        return newest;
    }

    private Instant isoTime(ObjectNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Zendesk " + endpoint.getObject() + " " + r.get("id").asText() + " has an "
                    + "unreadable " + field + " \"" + v.asText() + "\"");
        }
    }

    private static Instant firstSet(Instant a, Instant b) {
        return a != null ? a : b;
    }

    private static Instant epochTime(ObjectNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || !v.canConvertToLong() ? null : Instant.ofEpochSecond(v.asLong());
    }

}
