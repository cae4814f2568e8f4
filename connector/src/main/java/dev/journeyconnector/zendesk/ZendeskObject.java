package dev.journeyconnector.zendesk;

import dev.journeyconnector.zendesk.client.ZendeskClient;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Zendesk objects the connector pulls, with each one's page-size rules. */
enum ZendeskObject {
    /** Cursor-based incremental export; page size up to 1000 (Zendesk's per_page maximum for exports). */
    TICKETS("tickets", ZendeskClient.MAX_EXPORT_PAGE_SIZE, ZendeskClient.MAX_EXPORT_PAGE_SIZE),
    USERS("users", ZendeskClient.MAX_EXPORT_PAGE_SIZE, ZendeskClient.MAX_EXPORT_PAGE_SIZE),
    /** Time-based incremental export. */
    TICKET_EVENTS("ticket_events", ZendeskClient.MAX_EXPORT_PAGE_SIZE, ZendeskClient.MAX_EXPORT_PAGE_SIZE),
    /** A list endpoint with cursor pagination: page[size] at most 100
     *  (https://developer.zendesk.com/api-reference/introduction/pagination/#using-cursor-pagination). */
    SATISFACTION_RATINGS("satisfaction_ratings", ZendeskClient.MAX_LIST_PAGE_SIZE, ZendeskClient.MAX_LIST_PAGE_SIZE);

    private final String objectType;
    private final int defaultPageSize;
    private final int maxPageSize;

    ZendeskObject(String objectType, int defaultPageSize, int maxPageSize) {
        this.objectType = objectType;
        this.defaultPageSize = defaultPageSize;
        this.maxPageSize = maxPageSize;
    }

    /** The name in the URI, in PullPage.objectType and in the store. */
    String objectType() {
        return objectType;
    }

    int defaultPageSize() {
        return defaultPageSize;
    }

    int maxPageSize() {
        return maxPageSize;
    }

    static Optional<ZendeskObject> named(String name) {
        return Arrays.stream(values()).filter(o -> o.objectType.equals(name)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(ZendeskObject::objectType).collect(Collectors.joining(", "));
    }
}
