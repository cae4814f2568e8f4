package dev.journeyconnector.mailchimp;

import dev.journeyconnector.mailchimp.client.MailchimpTime;
import dev.journeyconnector.store.RawRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns Mailchimp items into {@link RawRecord}s: the record id and version time for each object. A record the
 * store already has with the same version time is not stored again, so version times must move when the
 * record changes and stay put when it is re-read.
 */
final class MailchimpRecords {

    private MailchimpRecords() {
    }

    static List<RawRecord> convert(MailchimpObject object, List<Map<String, Object>> items) {
        List<RawRecord> out = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) {
            switch (object) {
                case LISTS -> out.add(list(item));
                case MEMBERS -> out.add(member(item));
                case CAMPAIGNS -> out.add(campaign(item));
                case EMAIL_ACTIVITY -> out.addAll(activity(item));
                case UNSUBSCRIBES -> out.add(unsubscribe(item));
            }
        }
        return out;
    }

    /**
     * A list has no last-changed time; its newest dated fact (creation, last campaign, last subscribe or
     * unsubscribe) moves whenever its audience does, which is what the journey reads from it.
     */
    static RawRecord list(Map<String, Object> item) {
        String id = text(item, "id", "list");
        Map<?, ?> stats = item.get("stats") instanceof Map<?, ?> m ? m : Map.of();
        Instant version = Stream.of(item.get("date_created"), stats.get("campaign_last_sent"),
                        stats.get("last_sub_date"), stats.get("last_unsub_date"))
                .map(MailchimpTime::parse).flatMap(Optional::stream).max(Instant::compareTo)
                .orElseThrow(() -> missing("list", id, "date_created"));
        return new RawRecord(id, version, false, item);
    }

    /** A member's id is the MD5 of its lower-cased email, unique only within its list; hence list_id/id. */
    static RawRecord member(Map<String, Object> item) {
        String id = text(item, "id", "member");
        String listId = text(item, "list_id", "member " + id);
        return new RawRecord(listId + "/" + id, time(item, "last_changed", "member " + listId + "/" + id), false, item);
    }

    static RawRecord campaign(Map<String, Object> item) {
        String id = text(item, "id", "campaign");
        return new RawRecord(id, time(item, "send_time", "campaign " + id), false, item);
    }

    /**
     * One record per activity event, not per recipient. The events are immutable facts and each becomes one
     * touchpoint; a per-recipient record would be overwritten by each poll's answer, which under the {@code since}
     * filter may hold only the newer events. The natural key is campaign_id/email_id/action/timestamp, plus the url
     * for a click (two links clicked in the same second are two touchpoints). The payload is the event with its
     * recipient's fields beside it, the shape Airbyte's Mailchimp source also emits.
     */
    static List<RawRecord> activity(Map<String, Object> email) {
        String campaignId = text(email, "campaign_id", "email activity");
        String emailId = text(email, "email_id", "email activity of campaign " + campaignId);
        Object events = email.get("activity");
        if (!(events instanceof List<?> list)) {
            return List.of();
        }
        List<RawRecord> out = new ArrayList<>(list.size());
        for (Object e : list) {
            if (!(e instanceof Map<?, ?> event)) {
                continue;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            email.forEach((k, v) -> {
                if (!k.equals("activity")) {
                    payload.put(k, v);
                }
            });
            event.forEach((k, v) -> payload.put(k.toString(), v));
            String what = "email activity " + campaignId + "/" + emailId;
            String action = text(payload, "action", what);
            Instant at = time(payload, "timestamp", what);
            String key = campaignId + "/" + emailId + "/" + action + "/" + MailchimpTime.format(at)
                    + ("click".equals(action) && payload.get("url") != null ? "/" + payload.get("url") : "");
            out.add(new RawRecord(key, at, false, payload));
        }
        return out;
    }

    static RawRecord unsubscribe(Map<String, Object> item) {
        String campaignId = text(item, "campaign_id", "unsubscribe");
        String emailId = text(item, "email_id", "unsubscribe of campaign " + campaignId);
        return new RawRecord(campaignId + "/" + emailId,
                time(item, "timestamp", "unsubscribe " + campaignId + "/" + emailId), false, item);
    }

    /** The latest version time among {@code records}, or null when there are none. */
    static Instant latest(List<RawRecord> records) {
        return records.stream().map(RawRecord::versionTime).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
    }

    private static String text(Map<String, Object> item, String field, String what) {
        Object v = item.get(field);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalStateException("Mailchimp " + what + " has no " + field);
        }
        return v.toString();
    }

    private static Instant time(Map<String, Object> item, String field, String what) {
        return MailchimpTime.parse(item.get(field)).orElseThrow(() -> new IllegalStateException(
                "Mailchimp " + what + " has no valid " + field + " (got \"" + item.get(field) + "\")"));
    }

    private static IllegalStateException missing(String what, String id, String field) {
        return new IllegalStateException("Mailchimp " + what + " " + id + " has no " + field);
    }
}
