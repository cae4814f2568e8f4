package dev.journeyconnector.sandbox.mailchimp;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A list member as given in {@code mailchimp/members.json}. The member id (MD5 of the lower-cased address),
 * unique_email_id, contact_id, web_id, full_name and stats are computed by the simulator.
 *
 * @param status one of {@link #STATUSES}
 */
public record Member(String listId, String emailAddress, String status, Map<String, Object> mergeFields,
                     String source, Instant timestampSignup, Instant timestampOpt, Instant lastChanged,
                     List<String> tags, String unsubscribeReason, String language, boolean vip, int memberRating,
                     String ipSignup, String ipOpt) {

    public static final List<String> STATUSES = List.of("subscribed", "unsubscribed", "cleaned", "pending",
            "transactional", "archived");

    public Member {
        mergeFields = ordered(mergeFields);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** FNAME and LNAME first, then the other merge tags by name: one order whatever map was given (Map.of has none). */
    private static Map<String, Object> ordered(Map<String, Object> fields) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (fields != null) {
            for (String first : List.of("FNAME", "LNAME")) {
                if (fields.containsKey(first)) {
                    out.put(first, fields.get(first));
                }
            }
            new java.util.TreeMap<>(fields).forEach(out::putIfAbsent);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A subscribed member with first and last name, opted in at {@code at}. */
    public static Member subscribed(String listId, String email, String firstName, String lastName, Instant at) {
        return new Member(listId, email, "subscribed", Map.of("FNAME", firstName, "LNAME", lastName), "API - Generic",
                null, at, at, List.of(), null, "en", false, 2, "", "");
    }

    /** The key Mailchimp identifies a member by: the lower-cased address (its MD5 is the member id). */
    public String key() {
        return key(emailAddress);
    }

    public static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    public String firstName() {
        Object v = mergeFields.get("FNAME");
        return v == null ? "" : v.toString();
    }

    public String lastName() {
        Object v = mergeFields.get("LNAME");
        return v == null ? "" : v.toString();
    }

    public Member withStatus(String newStatus, Instant at, String reason) {
        return new Member(listId, emailAddress, newStatus, mergeFields, source, timestampSignup, timestampOpt, at, tags,
                reason, language, vip, memberRating, ipSignup, ipOpt);
    }

    public Member withMergeFields(Map<String, Object> fields, Instant at) {
        return new Member(listId, emailAddress, status, fields, source, timestampSignup, timestampOpt, at, tags,
                unsubscribeReason, language, vip, memberRating, ipSignup, ipOpt);
    }

    public Member withTags(List<String> newTags, Instant at) {
        return new Member(listId, emailAddress, status, mergeFields, source, timestampSignup, timestampOpt, at, newTags,
                unsubscribeReason, language, vip, memberRating, ipSignup, ipOpt);
    }
}
