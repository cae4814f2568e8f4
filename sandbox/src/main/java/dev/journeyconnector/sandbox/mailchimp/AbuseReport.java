package dev.journeyconnector.sandbox.mailchimp;

import java.time.Instant;

/** A spam complaint about a campaign, a row of {@code mailchimp/abuse_reports.json} (optional file). */
public record AbuseReport(int id, String campaignId, String emailAddress, Instant date) {
}
