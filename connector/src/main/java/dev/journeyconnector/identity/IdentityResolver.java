package dev.journeyconnector.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which raw records belong to which customer. The Salesforce Contact is the anchor; unconverted Leads are
 * customers of their own; help-desk requesters and list members join by email (or, for Zendesk, by a Contact Id in
 * {@code external_id}); whoever matches nobody is kept as a prospect. Pure and deterministic: the same input gives
 * the same graph, whatever order the records came in.
 */
public final class IdentityResolver {

    /** Salesforce Ids are 15 characters, case-sensitive; the 18-character form only appends a case checksum. */
    private static final int SALESFORCE_ID_LENGTH = 15;

    /** Zendesk's roles for its own staff; their users are not customers. */
    private static final Set<String> STAFF_ROLES = Set.of("agent", "admin");

    private IdentityResolver() {
    }

    public static IdentityGraph resolve(IdentityInput input) {
        Resolution resolution = new Resolution(input);
        resolution.anchorContacts();
        resolution.anchorLeads();
        resolution.matchZendeskUsers();
        resolution.attachTickets();
        resolution.matchMailchimpMembers();
        return resolution.graph();
    }

    /** Where a record goes: a customer, the review list, or nowhere. */
    private sealed interface Placement {
    }

    private record ToCustomer(String key, Customer.Kind kind) implements Placement {
    }

    private record ToReview(String email, List<String> candidates) implements Placement {
    }

    private static final class Resolution {

        private final IdentityInput input;
        private final Map<String, Map<String, Object>> contactsById = new HashMap<>();
        private final Map<String, Map<String, Object>> leadsById = new HashMap<>();
        /** Every Contact Id, merged-away ones too, by its first 15 characters, for external_id. */
        private final Map<String, String> contactIdByPrefix = new HashMap<>();
        /** Surviving Contact Ids by normalised email; more than one is an ambiguous email. */
        private final Map<String, Set<String>> contactIdsByEmail = new HashMap<>();
        /** Unconverted surviving Lead Ids by normalised email, consulted when no Contact has the email. */
        private final Map<String, Set<String>> leadIdsByEmail = new HashMap<>();
        /** Zendesk users who are help-desk staff; their tickets are internal, not a customer's. */
        private final Set<String> staff = new HashSet<>();
        /** Zendesk user id to where the user went, so that tickets follow their requester. */
        private final Map<String, Placement> requesters = new HashMap<>();

        private final Map<String, Customer.Kind> kinds = new TreeMap<>();
        private final Map<String, Set<SourceRef>> records = new TreeMap<>();
        private final Map<SourceRef, AmbiguousMatch> review = new TreeMap<>();

        Resolution(IdentityInput input) {
            this.input = input;
            input.contacts().forEach(c -> contactsById.put(text(c.get("Id")), c));
            input.leads().forEach(l -> leadsById.put(text(l.get("Id")), l));
        }

        /** Each surviving Contact is a customer; merged-away Contacts join their survivor. */
        void anchorContacts() {
            for (Map<String, Object> contact : input.contacts()) {
                String id = text(contact.get("Id"));
                if (id == null) {
                    continue;
                }
                survivingContact(id).ifPresent(survivor -> place(SourceRef.contact(id), contactCustomer(survivor)));
                contactIdByPrefix.put(prefix(id), id);
                if (!isDeleted(contact)) {
                    Emails.normalise(text(contact.get("Email")))
                            .ifPresent(email -> contactIdsByEmail.computeIfAbsent(email, e -> new TreeSet<>()).add(id));
                }
            }
        }

        /**
         * An unconverted Lead is a customer of its own; a converted one joins the Contact it became (followed through
         * any later Contact merge). A converted Lead whose Contact we do not have stays its own customer rather than
         * lose its history.
         */
        void anchorLeads() {
            for (Map<String, Object> lead : input.leads()) {
                String id = text(lead.get("Id"));
                if (id == null) {
                    continue;
                }
                Optional<String> survivor = survivingLead(id);
                if (survivor.isEmpty()) {
                    continue;
                }
                Map<String, Object> surviving = leadsById.get(survivor.get());
                Optional<String> contact = isTrue(surviving.get("IsConverted"))
                        ? Optional.ofNullable(text(surviving.get("ConvertedContactId"))).flatMap(this::survivingContact)
                        : Optional.empty();
                if (contact.isPresent()) {
                    place(SourceRef.lead(id), contactCustomer(contact.get()));
                } else {
                    place(SourceRef.lead(id), new ToCustomer(salesforceKey(survivor.get()), Customer.Kind.LEAD));
                    if (id.equals(survivor.get()) && !isTrue(surviving.get("IsConverted"))) {
                        Emails.normalise(text(lead.get("Email")))
                                .ifPresent(email -> leadIdsByEmail.computeIfAbsent(email, e -> new TreeSet<>()).add(id));
                    }
                }
            }
        }

        /**
         * A Contact Id in external_id is the help desk saying who this is, so it wins over the email; an
         * external_id that names no Contact we have (another system's id, or a deleted Contact) falls back to email.
         */
        void matchZendeskUsers() {
            for (Map<String, Object> user : input.zendeskUsers()) {
                String id = text(user.get("id"));
                if (id == null) {
                    continue;
                }
                if (STAFF_ROLES.contains(String.valueOf(user.get("role")).toLowerCase(Locale.ROOT))) {
                    staff.add(id);
                    continue;
                }
                SourceRef ref = SourceRef.zendeskUser(id);
                Optional<String> byExternalId = Optional.ofNullable(text(user.get("external_id")))
                        .map(String::strip)
                        .filter(x -> x.length() == 15 || x.length() == 18)
                        .map(x -> contactIdByPrefix.get(prefix(x)))
                        .flatMap(this::survivingContact);
                Placement placement = byExternalId.<Placement>map(this::contactCustomer)
                        .orElseGet(() -> byEmail(zendeskEmail(user), ref));
                place(ref, placement);
                requesters.put(id, placement);
            }
        }

        /**
         * A ticket belongs to its requester's customer, or goes to review with them. A ticket whose requester we
         * have not pulled is grouped under that requester id, where the user will land if they have no email.
         * Deleted tickets (status {@code deleted}, Zendesk's tombstone) drop out.
         */
        void attachTickets() {
            for (Map<String, Object> ticket : input.tickets()) {
                String id = text(ticket.get("id"));
                if (id == null || "deleted".equals(ticket.get("status"))) {
                    continue;
                }
                String requester = text(ticket.get("requester_id"));
                if (requester != null && staff.contains(requester)) {
                    continue;
                }
                SourceRef ref = SourceRef.ticket(id);
                Placement placement = requester == null
                        ? new ToCustomer(ownKey(ref), Customer.Kind.PROSPECT)
                        : requesters.getOrDefault(requester,
                        new ToCustomer(ownKey(SourceRef.zendeskUser(requester)), Customer.Kind.PROSPECT));
                place(ref, placement);
            }
        }

        void matchMailchimpMembers() {
            for (Map<String, Object> member : input.members()) {
                String email = text(member.get("email_address"));
                String listId = text(member.get("list_id"));
                if (email == null || listId == null) {
                    continue;
                }
                String memberId = Optional.ofNullable(text(member.get("id"))).orElseGet(() -> subscriberHash(email));
                SourceRef ref = SourceRef.member(listId + "/" + memberId);
                place(ref, byEmail(Emails.normalise(email), ref));
            }
        }

        IdentityGraph graph() {
            List<Customer> customers = new ArrayList<>();
            records.forEach((key, refs) -> customers.add(new Customer(key, kinds.get(key), refs)));
            return new IdentityGraph(customers, new ArrayList<>(review.values()));
        }

        /** One Contact is that customer; several are ambiguous; none falls to Leads, then to a prospect. */
        private Placement byEmail(Optional<String> email, SourceRef ref) {
            if (email.isEmpty()) {
                return new ToCustomer(ownKey(ref), Customer.Kind.PROSPECT);
            }
            Set<String> contacts = contactIdsByEmail.getOrDefault(email.get(), Set.of());
            if (contacts.size() == 1) {
                return contactCustomer(contacts.iterator().next());
            }
            if (contacts.size() > 1) {
                return new ToReview(email.get(), List.copyOf(contacts));
            }
            Set<String> leads = leadIdsByEmail.getOrDefault(email.get(), Set.of());
            if (leads.size() == 1) {
                return new ToCustomer(salesforceKey(leads.iterator().next()), Customer.Kind.LEAD);
            }
            if (leads.size() > 1) {
                return new ToReview(email.get(), List.copyOf(leads));
            }
            return new ToCustomer("prospect:" + email.get(), Customer.Kind.PROSPECT);
        }

        private void place(SourceRef ref, Placement placement) {
            if (placement instanceof ToCustomer to) {
                kinds.put(to.key(), to.kind());
                records.computeIfAbsent(to.key(), k -> new TreeSet<>()).add(ref);
            } else if (placement instanceof ToReview to) {
                review.put(ref, new AmbiguousMatch(ref, to.email(), to.candidates()));
            }
        }

        private ToCustomer contactCustomer(String contactId) {
            return new ToCustomer(salesforceKey(contactId), Customer.Kind.CONTACT);
        }

        private Optional<String> survivingContact(String id) {
            return survivor(id, contactsById);
        }

        private Optional<String> survivingLead(String id) {
            return survivor(id, leadsById);
        }

        /**
         * Follows MasterRecordId from a merged-away (deleted) record to the record that survived the merge. Empty
         * when the chain ends at a plain tombstone, at a record we do not have, or runs in a cycle.
         */
        private static Optional<String> survivor(String id, Map<String, Map<String, Object>> byId) {
            Set<String> seen = new HashSet<>();
            String current = id;
            while (seen.add(current)) {
                Map<String, Object> record = byId.get(current);
                if (record == null) {
                    return Optional.empty();
                }
                if (!isDeleted(record)) {
                    return Optional.of(current);
                }
                current = text(record.get("MasterRecordId"));
                if (current == null) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    /** The primary email; failing that, the first email identity (the demo's identities are empty, real ones not). */
    private static Optional<String> zendeskEmail(Map<String, Object> user) {
        Optional<String> primary = Emails.normalise(text(user.get("email")));
        if (primary.isPresent() || !(user.get("identities") instanceof List<?> identities)) {
            return primary;
        }
        return identities.stream()
                .filter(i -> i instanceof Map<?, ?> m && "email".equals(m.get("type")))
                .map(i -> Emails.normalise(text(((Map<?, ?>) i).get("value"))))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static String salesforceKey(String id) {
        return "sf:" + id;
    }

    /** A prospect with no email is the one record that is them. */
    private static String ownKey(SourceRef ref) {
        return "prospect:" + ref.source() + "/" + ref.objectType() + "/" + ref.recordId();
    }

    private static String prefix(String salesforceId) {
        return salesforceId.length() > SALESFORCE_ID_LENGTH ? salesforceId.substring(0, SALESFORCE_ID_LENGTH) : salesforceId;
    }

    /** Mailchimp's member id: the MD5 of the lower-cased address (https://mailchimp.com/developer/marketing/docs/methods-parameters/). */
    private static String subscriberHash(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    private static boolean isDeleted(Map<String, Object> record) {
        return isTrue(record.get("IsDeleted"));
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    /** Ids arrive as strings (Salesforce) or JSON numbers (Zendesk); blank is absent. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = (value instanceof Double || value instanceof Float) && ((Number) value).doubleValue() % 1 == 0
                ? Long.toString(((Number) value).longValue())
                : value.toString();
        return s.isBlank() ? null : s;
    }
}
