package dev.journeyconnector.insight;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer's own records that are state rather than moments, prepared from the store so rules never query:
 * their Contact or Lead, the Account, the Account's opportunities, their Mailchimp memberships and the campaigns
 * they were sent. The vendor field names are read here, in the {@code of(...)} factories, once; rules use the
 * typed fields.
 *
 * @param person        the Contact (or, for a lead, the Lead); empty for a prospect
 * @param account       the Contact's Account; empty when there is none
 * @param opportunities the Account's opportunities, open and closed
 * @param memberships   one per Mailchimp list the customer's address is on
 * @param sends         the campaigns sent to the customer, oldest first
 */
public record CustomerFacts(Optional<Person> person, Optional<Account> account, List<Opportunity> opportunities,
                            List<Membership> memberships, List<CampaignSend> sends) {

    public static final CustomerFacts NONE = new CustomerFacts(Optional.empty(), Optional.empty(), List.of(),
            List.of(), List.of());

    public CustomerFacts {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(account, "account");
        opportunities = List.copyOf(opportunities);
        memberships = List.copyOf(memberships);
        sends = sends.stream().sorted(Comparator.comparing(CampaignSend::sentAt)
                .thenComparing(CampaignSend::campaignId)).toList();
    }

    /**
     * A Salesforce Contact or Lead.
     *
     * @param object           {@code Contact} or {@code Lead}
     * @param optedOutOfEmail  HasOptedOutOfEmail; null when the payload does not hold it
     * @param payload          the stored record, for what the typed fields do not cover
     */
    public record Person(String object, String id, String ownerId, String accountId, String email,
                         Boolean optedOutOfEmail, Map<String, Object> payload) {
        public Person {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(id, "id");
            payload = payload == null ? Map.of() : Map.copyOf(withoutNulls(payload));
        }

        public static Person contact(Map<String, Object> payload) {
            return of("Contact", payload);
        }

        public static Person lead(Map<String, Object> payload) {
            return of("Lead", payload);
        }

        private static Person of(String object, Map<String, Object> p) {
            return new Person(object, text(p.get("Id")), text(p.get("OwnerId")), text(p.get("AccountId")),
                    text(p.get("Email")), flag(p.get("HasOptedOutOfEmail")), p);
        }

        public boolean isLead() {
            return object.equals("Lead");
        }
    }

    /** A Salesforce Account. */
    public record Account(String id, String name, String ownerId, Map<String, Object> payload) {
        public Account {
            Objects.requireNonNull(id, "id");
            payload = payload == null ? Map.of() : Map.copyOf(withoutNulls(payload));
        }

        public static Account of(Map<String, Object> p) {
            return new Account(text(p.get("Id")), text(p.get("Name")), text(p.get("OwnerId")), p);
        }
    }

    /** A Salesforce Opportunity of the customer's Account. */
    public record Opportunity(String id, String name, String accountId, String ownerId, String stageName,
                              boolean closed, boolean won, Instant lastModified, Map<String, Object> payload) {
        public Opportunity {
            Objects.requireNonNull(id, "id");
            payload = payload == null ? Map.of() : Map.copyOf(withoutNulls(payload));
        }

        public static Opportunity of(Map<String, Object> p) {
            return new Opportunity(text(p.get("Id")), text(p.get("Name")), text(p.get("AccountId")),
                    text(p.get("OwnerId")), text(p.get("StageName")), Boolean.TRUE.equals(flag(p.get("IsClosed"))),
                    Boolean.TRUE.equals(flag(p.get("IsWon"))), instant(p.get("LastModifiedDate")).orElse(null), p);
        }
    }

    /** A Mailchimp member's status on one list (https://mailchimp.com/developer/marketing/api/list-members/). */
    public enum MemberStatus {
        SUBSCRIBED, UNSUBSCRIBED, CLEANED, PENDING, TRANSACTIONAL, ARCHIVED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<MemberStatus> of(String wireName) {
            return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
        }
    }

    /**
     * The customer's address on one Mailchimp list.
     *
     * @param lastChanged when the status last changed (Mailchimp's {@code last_changed}); null when unknown
     */
    public record Membership(String listId, String email, MemberStatus status, Instant lastChanged) {
        public Membership {
            Objects.requireNonNull(listId, "listId");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * One campaign sent to the customer.
     *
     * @param report the campaign's report page; null when Mailchimp links are not configured
     */
    public record CampaignSend(String campaignId, String listId, Instant sentAt, boolean opened, boolean clicked,
                               URI report) {
        public CampaignSend {
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(sentAt, "sentAt");
        }

        /** The campaign as the store names it, for a finding about a send. */
        public Finding.Anchor anchor() {
            return new Finding.Anchor(dev.journeyconnector.journey.Touchpoint.Source.MAILCHIMP, "campaigns",
                    campaignId);
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> payload) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        payload.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }

    static Boolean flag(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String s = text(value);
        return s == null ? null : Boolean.valueOf(s.equalsIgnoreCase("true"));
    }

    /** Salesforce writes {@code 2026-01-05T10:00:00.000+0000}; a plain date is midnight UTC. */
    static Optional<Instant> instant(Object value) {
        String s = text(value);
        if (s == null) {
            return Optional.empty();
        }
        try {
            if (s.length() == 10) {
                return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            return Optional.of(OffsetDateTime.parse(s.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
