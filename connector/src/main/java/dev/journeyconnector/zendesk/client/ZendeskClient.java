package dev.journeyconnector.zendesk.client;

import java.time.Instant;

/**
 * The Zendesk Support API as the connector uses it: read-only, one page per call. The OkHttp implementation
 * ({@link OkHttpZendeskClient}) keeps within the incremental exports' request limit, honours every Retry-After
 * and retries transient failures; a call that still fails throws {@link ZendeskException}, classified by
 * {@link ZendeskFailures}.
 */
public interface ZendeskClient extends AutoCloseable {

    /** Maximum page size of the incremental exports. */
    int MAX_EXPORT_PAGE_SIZE = 1000;
    /** Maximum {@code page[size]} of cursor pagination on list endpoints. */
    int MAX_LIST_PAGE_SIZE = 100;

    /**
     * Cursor-based incremental ticket export, {@code GET /api/v2/incremental/tickets/cursor.json}, with
     * {@code include=metric_sets}. Each ticket's metric set is attached to the ticket under {@code metric_set}.
     *
     * @param startTime first request of an export: tickets changed at or after it (ignored when cursor is set)
     * @param cursor    a previous page's after_cursor, or null for the first request
     */
    CursorExportPage tickets(Instant startTime, String cursor, int perPage);

    /**
     * Cursor-based incremental user export, {@code GET /api/v2/incremental/users/cursor.json}, with
     * {@code include=identities}: each user's identities are attached to the user under {@code identities}.
     */
    CursorExportPage users(Instant startTime, String cursor, int perPage);

    /**
     * Time-based incremental ticket event export, {@code GET /api/v2/incremental/ticket_events.json} with
     * {@code include=comment_events}. The next request starts at the page's {@link TimeExportPage#endTime()}.
     */
    TimeExportPage ticketEvents(Instant startTime, int perPage);

    /**
     * {@code GET /api/v2/satisfaction_ratings.json?start_time=...} with cursor pagination.
     *
     * @param afterCursor the previous page's meta.after_cursor, or null for the first page
     */
    CursorListPage satisfactionRatings(Instant startTime, String afterCursor, int pageSize);

    @Override
    void close();
}
