package dev.journeyconnector.mailchimp.client;

import java.time.Instant;

/**
 * The Mailchimp Marketing API v3 reads the connector needs. Every method returns a lazy {@link MailchimpPages}:
 * nothing is called until it is iterated, and each page is one call of {@code pageSize} (at most 1000, Mailchimp's
 * maximum {@code count}) items. Implementations are safe for concurrent use and hold the number of simultaneous
 * calls to their configured maximum. Failures are {@link MailchimpException}s, already retried where that helps.
 */
public interface MailchimpClient extends AutoCloseable {

    /** Mailchimp's largest {@code count} for every collection read here. */
    int MAX_PAGE_SIZE = 1000;

    /** {@code GET /lists}: the account's audiences. */
    MailchimpPages lists(int pageSize);

    /**
     * {@code GET /lists/{listId}/members}, newest change first, only members changed after {@code sinceLastChanged}
     * (null: all members).
     */
    MailchimpPages members(String listId, Instant sinceLastChanged, int pageSize);

    /** {@code GET /campaigns?status=sent}, oldest send first, only campaigns sent after {@code sinceSendTime} (null: all). */
    MailchimpPages sentCampaigns(Instant sinceSendTime, int pageSize);

    /**
     * {@code GET /reports/{campaignId}/email-activity}: one item per recipient email with its {@code activity[]}
     * (open; click with url; bounce with type), only activity after {@code since} (null: all).
     */
    MailchimpPages emailActivity(String campaignId, Instant since, int pageSize);

    /** {@code GET /reports/{campaignId}/unsubscribed}, starting at {@code fromOffset}. */
    MailchimpPages unsubscribes(String campaignId, int fromOffset, int pageSize);

    @Override
    void close();
}
