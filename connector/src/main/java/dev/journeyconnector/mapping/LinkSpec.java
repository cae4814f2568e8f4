package dev.journeyconnector.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a touchpoint's deep link points, as a mapping file's {@code link:} says: the record (or a parent
 * record) whose page in its own system shows the moment. The deriver turns it into a URL with the configured
 * instance addresses; this is only which record.
 *
 * <pre>
 * link: { zendesk-ticket: id }                       # a Zendesk ticket id
 * link: { salesforce: Id }                           # a record of the file's own Salesforce object
 * link: { salesforce: { object: Case, id: CaseId } } # a parent Salesforce record
 * link: { mailchimp-campaign: campaign_id }          # a Mailchimp campaign id (the deriver looks up its web_id)
 * </pre>
 *
 * @param kind             which system's page
 * @param salesforceObject the Salesforce object the id belongs to; null unless {@link Kind#SALESFORCE}
 * @param id               the record's field holding the id
 */
public record LinkSpec(Kind kind, String salesforceObject, FieldPath id) {

    /** Which system's page; the YAML key is {@link #key()}. */
    public enum Kind {
        SALESFORCE, ZENDESK_TICKET, MAILCHIMP_CAMPAIGN;

        /** {@code salesforce}, {@code zendesk-ticket}, {@code mailchimp-campaign}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Kind> ofKey(String key) {
            return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
        }
    }

    public LinkSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if ((kind == Kind.SALESFORCE) != (salesforceObject != null)) {
            throw new IllegalArgumentException("a Salesforce link, and only that, names its object");
        }
    }

    @Override
    public String toString() {
        return kind.key() + ": " + (salesforceObject == null ? id : salesforceObject + " " + id);
    }
}
