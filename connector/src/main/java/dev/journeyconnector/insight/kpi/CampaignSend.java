package dev.journeyconnector.insight.kpi;

import java.time.Instant;
import java.util.Objects;

/**
 * One campaign email sent to one customer: the denominator of the email rates when sends are known.
 *
 * @param campaignId the Mailchimp campaign id, as in the {@code campaign} attribute of the customer's
 *                   campaign-open/-click/-bounce and unsubscribed touchpoints
 * @param sentAt     the campaign's send time
 */
public record CampaignSend(String campaignId, Instant sentAt) {
    public CampaignSend {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
