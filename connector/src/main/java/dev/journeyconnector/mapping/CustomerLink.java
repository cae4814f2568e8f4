package dev.journeyconnector.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One way a mapping file says whose record it is: a field of the record holding an id or an email that
 * identity resolution knows. A file lists them in order; the first that leads to a customer wins.
 *
 * <pre>
 * customer:
 *   - contact: ContactId      # a Salesforce Contact Id
 *   - account: AccountId      # else the Account's anchor Contact
 * </pre>
 *
 * @param kind  what the field holds
 * @param field the record's field holding it (dotted for nested fields)
 */
public record CustomerLink(Kind kind, FieldPath field) {

    /** What a link's field holds; the YAML key is {@link #key()}. */
    public enum Kind {
        /** A Salesforce Contact Id (followed through merges). */
        CONTACT,
        /** A Salesforce Lead Id (a converted Lead's history joins its Contact). */
        LEAD,
        /** A polymorphic WhoId: a Contact or a Lead Id. */
        WHO,
        /** A Salesforce Account Id: the Account's anchor Contact (its oldest surviving Contact). */
        ACCOUNT,
        /** A Salesforce Case Id: whoever that Case belongs to. */
        CASE,
        /** A Salesforce Opportunity Id: whoever that Opportunity belongs to. */
        OPPORTUNITY,
        /** An email address, normalised (trim, case-insensitive; plus-addresses stay distinct). */
        EMAIL,
        /** A Zendesk user id (requester, or the user record itself). */
        ZENDESK_USER,
        /** A Zendesk ticket id: whoever that ticket belongs to. */
        TICKET;

        /** The key in YAML: {@code contact}, {@code zendesk-user} ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Kind> ofKey(String key) {
            return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
        }
    }

    public CustomerLink {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
    }

    @Override
    public String toString() {
        return kind.key() + ": " + field;
    }
}
