package dev.journeyconnector.sandbox.mailchimp;

import java.time.Instant;

/** A member who unsubscribed through a campaign, a row of {@code mailchimp/unsubscribes.json}. */
public record Unsubscribe(String campaignId, String emailAddress, Instant timestamp, String reason) {
}
