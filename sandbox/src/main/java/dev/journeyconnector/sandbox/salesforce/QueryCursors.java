package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side query cursors behind queryLocators ({@code 01g...-<offset>}, the shape Salesforce uses). The rows
 * are fixed when the query runs, as Salesforce's cursors are. The oldest cursors are dropped beyond
 * {@link #MAX_OPEN} (Salesforce keeps a limited number of open cursors per user too).
 */
final class QueryCursors {
    static final int MAX_OPEN = 100;

    record Cursor(QueryExecutor.Result result, int batchSize) {
    }

    private long serial = 1;
    private final Map<String, Cursor> open = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > MAX_OPEN;
        }
    };

    synchronized String open(QueryExecutor.Result result, int batchSize) {
        String id = SalesforceIds.of("01g", serial++);
        open.put(id, new Cursor(result, batchSize));
        return id;
    }

    synchronized Optional<Cursor> get(String id) {
        return Optional.ofNullable(open.get(id));
    }

    synchronized void close(String id) {
        open.remove(id);
    }

    synchronized void clear() {
        open.clear();
    }
}
