package dev.journeyconnector.zendesk.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * One page of a time-based incremental export (ticket events).
 *
 * @param records     the exported objects, in Zendesk's order
 * @param endTime     the time of the page's last item: the start_time of the next request or export. Null when
 *                    Zendesk sent none (an empty page); the caller keeps its start time then.
 * @param endOfStream true when this page holds everything up to (one minute before) now
 */
public record TimeExportPage(List<ObjectNode> records, Instant endTime, boolean endOfStream) {
    public TimeExportPage {
        records = List.copyOf(records);
    }
}
