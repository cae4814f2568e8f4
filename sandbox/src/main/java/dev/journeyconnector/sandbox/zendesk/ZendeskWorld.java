package dev.journeyconnector.sandbox.zendesk;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The Zendesk part of a world, as read from its {@code zendesk/} files (already validated). Records are kept
 * in Zendesk's own JSON shapes, so what a world file says is what the API serves.
 *
 * @param source             where the world came from, for messages
 * @param account            the account and its API credentials
 * @param groups             {@code zendesk/groups.json}
 * @param users              {@code zendesk/users.json}: agents, admins and end users (requesters)
 * @param tickets            {@code zendesk/tickets.json}
 * @param ticketMetrics      {@code zendesk/ticket_metrics.json}: at most one metric set per ticket
 * @param ticketEvents       {@code zendesk/ticket_events.json}: ticket audits with their child events
 * @param satisfactionRatings {@code zendesk/satisfaction_ratings.json}
 */
public record ZendeskWorld(String source, Account account, List<ObjectNode> groups, List<ObjectNode> users,
                           List<ObjectNode> tickets, List<ObjectNode> ticketMetrics, List<ObjectNode> ticketEvents,
                           List<ObjectNode> satisfactionRatings) {

    /** The help desk of a world without a {@code zendesk/} folder: the default account and no records. */
    public static ZendeskWorld empty(String source) {
        return new ZendeskWorld(source, Account.DEFAULT, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * {@code zendesk/account.json}. The API accepts {@code agentEmail + "/token:" + apiToken} as Basic auth and
     * {@code oauthToken} as a Bearer token.
     *
     * @param incrementalExportsPerMinute the incremental export limit (Zendesk: 10 a minute, 30 with the
     *                                    High Volume API add-on)
     */
    public record Account(String subdomain, String agentEmail, String apiToken, String oauthToken,
                          int incrementalExportsPerMinute, Long brandId, Long ticketFormId) {

        /** Sandbox-only values for worlds that have no Zendesk data. */
        public static final Account DEFAULT = new Account("sandbox", "agent@sandbox.example",
                "sandbox-zendesk-api-token", "sandbox-zendesk-oauth-token", 10, null, null);

        @Override
        public String toString() {
            return "Account[subdomain=" + subdomain + ", agentEmail=" + agentEmail + ", apiToken=***, oauthToken=***]";
        }
    }
}
