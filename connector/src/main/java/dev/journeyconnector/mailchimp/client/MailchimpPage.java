package dev.journeyconnector.mailchimp.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One answer of a paged Mailchimp collection.
 *
 * @param endpoint   the call that produced it, e.g. {@code GET /3.0/lists/a36b032126/members}
 * @param records    the collection's items as JSON maps (lists, members, campaigns, emails, unsubscribes)
 * @param offset     the offset asked for
 * @param totalItems Mailchimp's {@code total_items} for the whole filtered collection, or -1 when absent
 * @param last       true when no further page exists
 * @param serverTime Mailchimp's clock when it answered (the HTTP {@code Date} header, whole seconds; the client's
 *                   clock when absent)
 */
public record MailchimpPage(String endpoint, List<Map<String, Object>> records, int offset, int totalItems, boolean last,
                            Instant serverTime) {
}
