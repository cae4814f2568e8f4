package dev.journeyconnector.sandbox.mailchimp;

import java.time.Instant;

/**
 * A Mailchimp list (an "audience" in Mailchimp's web app), as given in {@code mailchimp/lists.json}.
 * Statistics, web_id and links are computed by the simulator.
 */
public record Audience(String id, String name, Instant dateCreated, String permissionReminder,
                       String fromName, String fromEmail, String subject, String language) {
}
