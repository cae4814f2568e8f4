package dev.journeyconnector.sandbox.mailchimp;

import java.time.Instant;
import java.util.List;

/**
 * One action of one recipient on one campaign, a row of {@code mailchimp/email_activity.json}. The API
 * groups these per recipient: {@code emails[].activity[]}.
 *
 * @param url  the clicked link, only for {@code click}
 * @param type {@code hard} or {@code soft}, only for {@code bounce}
 */
public record EmailActivity(String campaignId, String emailAddress, String action, Instant timestamp, String url,
                            String type, String ip) {

    /** The actions the Marketing API reports in email activity (MemberActivity.action). */
    public static final List<String> ACTIONS = List.of("open", "click", "bounce");

    public static EmailActivity open(String campaignId, String email, Instant at) {
        return new EmailActivity(campaignId, email, "open", at, null, null, "198.51.100.10");
    }

    public static EmailActivity click(String campaignId, String email, Instant at, String url) {
        return new EmailActivity(campaignId, email, "click", at, url, null, "198.51.100.10");
    }

    public static EmailActivity bounce(String campaignId, String email, Instant at, String hardOrSoft) {
        return new EmailActivity(campaignId, email, "bounce", at, null, hardOrSoft, null);
    }
}
