package dev.journeyconnector.sandbox.mailchimp;

import java.time.Instant;
import java.util.List;

/**
 * A campaign as given in {@code mailchimp/campaigns.json}. Who received it, emails_sent and the
 * report summary are computed from the members and the email activity.
 *
 * @param sendTime null unless {@code status} is {@code sent} or {@code sending}
 */
public record Campaign(String id, String type, String status, String listId, Instant createTime, Instant sendTime,
                       String subjectLine, String previewText, String title, String fromName, String replyTo) {

    public static final List<String> TYPES = List.of("regular", "plaintext", "absplit", "rss", "variate");
    public static final List<String> STATUSES = List.of("save", "paused", "schedule", "sending", "sent", "canceled",
            "canceling", "archived");

    public boolean isSent() {
        return sendTime != null && ("sent".equals(status) || "sending".equals(status));
    }
}
