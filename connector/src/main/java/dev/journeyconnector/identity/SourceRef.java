package dev.journeyconnector.identity;

import java.util.Comparator;
import java.util.Objects;

/**
 * One raw record by the key the store keeps it under: {@code raw_record(source, object_type, record_id)}.
 * Mailchimp members are {@code list_id/id}, because a member id (the MD5 of the lower-cased email) is unique only
 * within its list.
 */
public record SourceRef(String source, String objectType, String recordId) implements Comparable<SourceRef> {

    public static final String SALESFORCE = "salesforce";
    public static final String ZENDESK = "zendesk";
    public static final String MAILCHIMP = "mailchimp";

    private static final Comparator<SourceRef> ORDER = Comparator.comparing(SourceRef::source)
            .thenComparing(SourceRef::objectType).thenComparing(SourceRef::recordId);

    public SourceRef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(recordId, "recordId");
    }

    public static SourceRef contact(String id) {
        return new SourceRef(SALESFORCE, "Contact", id);
    }

    public static SourceRef lead(String id) {
        return new SourceRef(SALESFORCE, "Lead", id);
    }

    public static SourceRef zendeskUser(String id) {
        return new SourceRef(ZENDESK, "users", id);
    }

    public static SourceRef ticket(String id) {
        return new SourceRef(ZENDESK, "tickets", id);
    }

    /** @param listAndMemberId {@code list_id/id}, as the store keeps it */
    public static SourceRef member(String listAndMemberId) {
        return new SourceRef(MAILCHIMP, "members", listAndMemberId);
    }

    @Override
    public int compareTo(SourceRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return source + "/" + objectType + "/" + recordId;
    }
}
