package dev.journeyconnector.zendesk.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One page of a cursor-based incremental export (tickets, users), as Zendesk sent it: side-loads already attached
 * to their records (see {@link ZendeskClient#tickets}).
 *
 * @param records     the exported objects, in Zendesk's order
 * @param afterCursor where the next request starts; at end of stream it is where the next export starts.
 *                    May be null when Zendesk sends none.
 * @param endOfStream true when this page holds everything up to (one minute before) now
 */
public record CursorExportPage(List<ObjectNode> records, String afterCursor, boolean endOfStream) {
    public CursorExportPage {
        records = List.copyOf(records);
    }
}
