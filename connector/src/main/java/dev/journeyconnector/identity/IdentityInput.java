package dev.journeyconnector.identity;

import java.util.List;
import java.util.Map;

/**
 * The raw payloads identity resolution reads, one list per source object, each item the payload as the source sent
 * it (Salesforce field names for Contact and Lead; Zendesk users and tickets; Mailchimp members). Salesforce
 * tombstones arrive as payloads with {@code IsDeleted = true}, as queryAll returns them.
 */
public record IdentityInput(List<Map<String, Object>> contacts,
                            List<Map<String, Object>> leads,
                            List<Map<String, Object>> zendeskUsers,
                            List<Map<String, Object>> tickets,
                            List<Map<String, Object>> members) {

    public IdentityInput {
        contacts = List.copyOf(contacts);
        leads = List.copyOf(leads);
        zendeskUsers = List.copyOf(zendeskUsers);
        tickets = List.copyOf(tickets);
        members = List.copyOf(members);
    }
}
