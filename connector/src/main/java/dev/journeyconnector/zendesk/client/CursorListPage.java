package dev.journeyconnector.zendesk.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * One page of a list endpoint with cursor pagination (satisfaction ratings).
 *
 * @param records     the listed objects
 * @param afterCursor {@code meta.after_cursor}: the {@code page[after]} of the next page
 * @param hasMore     {@code meta.has_more}: false on the last page
 * @param serverTime  Zendesk's clock when it answered (the HTTP {@code Date} header; the client's clock when
 *                    absent): every record updated before it was visible to this request
 */
public record CursorListPage(List<ObjectNode> records, String afterCursor, boolean hasMore, Instant serverTime) {
    public CursorListPage {
        records = List.copyOf(records);
    }
}
