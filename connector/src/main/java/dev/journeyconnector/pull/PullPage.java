package dev.journeyconnector.pull;

import dev.journeyconnector.store.RawRecord;

import java.util.List;
import java.util.Map;

/**
 * One page of records from a source, with the cursor that is valid once the page is stored. This is the
 * message on the pull → store-raw hop, whatever the source.
 *
 * @param last true for the last page of a poll: storing it completes the poll
 */
public record PullPage(String source, String objectType, List<RawRecord> records, Map<String, Object> cursor,
                       int pageNumber, boolean last) {
}
