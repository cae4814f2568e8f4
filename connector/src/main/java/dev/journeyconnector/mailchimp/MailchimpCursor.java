package dev.journeyconnector.mailchimp;

import dev.journeyconnector.mailchimp.client.MailchimpTime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a Mailchimp pull resumes: one value per list or campaign under {@code key}, stored as
 * {@code {"lists": {"a36b032126": "2022-02-23T16:25:57+00:00"}}} (members),
 * {@code {"campaigns": {"abc": "2019-10-18T14:20:00+00:00"}}} (email_activity),
 * {@code {"campaigns": {"abc": 17}}} (unsubscribes, how many are stored),
 * {@code {"sendTime": "..."}} (campaigns, one value) or {@code {"lists": {"a36b032126": "..."}}} in the lists
 * object's own cursor (each list's version time as last passed on). Immutable.
 *
 * <p>A time is Mailchimp's clock (HTTP Date) when the poll that read everything before it began; the next poll asks
 * from that time less an overlap (see {@link #since}).
 */
record MailchimpCursor(String key, Map<String, Object> values) {

    static final String LISTS = "lists";
    static final String CAMPAIGNS = "campaigns";
    static final String SEND_TIME = "sendTime";

    MailchimpCursor {
        values = Map.copyOf(values);
    }

    /** The cursor stored under {@code key} in {@code stored} (the map PullCursors returns), or an empty one. */
    static MailchimpCursor read(String key, Map<String, Object> stored) {
        Map<String, Object> values = new TreeMap<>();
        Object v = stored == null ? null : stored.get(key);
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, value) -> {
                if (k != null && value != null) {
                    values.put(k.toString(), value);
                }
            });
        } else if (v != null) {
            values.put(key, v);
        }
        return new MailchimpCursor(key, values);
    }

    /** The stored time for {@code id}, or null. */
    Instant time(String id) {
        return MailchimpTime.parse(values.get(id)).orElse(null);
    }

    /**
     * Where a since filter starts for {@code id}: the stored time less {@code overlap}, else {@code start} (may be
     * null). The overlap covers a change Mailchimp stamped before the previous poll's bound but showed only later,
     * and since filters documented as "after" on whole seconds; records read again in it are recognised by the
     * store by their unchanged version time.
     */
    Instant since(String id, Instant start, Duration overlap) {
        Instant stored = time(id);
        if (stored == null) {
            return start;
        }
        Instant resume = stored.minus(overlap);
        return start != null && start.isAfter(resume) ? start : resume;
    }

    /** The stored count for {@code id}, or 0. */
    int count(String id) {
        Object v = values.get(id);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return v == null ? 0 : Integer.parseInt(v.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** This cursor with {@code id} moved to {@code time}, unless it already is later. */
    MailchimpCursor withLatest(String id, Instant time) {
        Instant current = time(id);
        if (time == null || (current != null && !time.isAfter(current))) {
            return this;
        }
        return with(id, MailchimpTime.format(time));
    }

    MailchimpCursor with(String id, Object value) {
        Map<String, Object> next = new TreeMap<>(values);
        next.put(id, value);
        return new MailchimpCursor(key, next);
    }

    /** The map stored with a page: per-id values nested under the key, a single value directly. */
    Map<String, Object> toMap() {
        if (key.equals(SEND_TIME)) {
            return values.containsKey(SEND_TIME) ? Map.of(SEND_TIME, values.get(SEND_TIME)) : Map.of();
        }
        return Map.of(key, new TreeMap<>(values));
    }
}
