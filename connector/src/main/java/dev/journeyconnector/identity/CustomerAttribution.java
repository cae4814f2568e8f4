package dev.journeyconnector.identity;

import dev.journeyconnector.mapping.CustomerLinkValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Whose record it is: follows a record's customer links (its mapping's {@code customer:} list, resolved to the
 * record's values) through the identity graph, in order; the first link that leads to a known customer wins. A
 * link that leads to the review list ends the search: the record's person is ambiguous, and a later link must
 * not guess them. Pure: the graph, the Salesforce records it was resolved from, and the links of the records a
 * link may point to (a Case, an Opportunity, a ticket) are given.
 */
public final class CustomerAttribution {

    /** Salesforce key prefixes (https://help.salesforce.com/s/articleView?id=000385203): a WhoId is either. */
    private static final String CONTACT_PREFIX = "003";
    private static final String LEAD_PREFIX = "00Q";
    /** A Case's Contact may be a Case's parent's, and so on; real chains are one or two long. */
    private static final int MAX_DEPTH = 8;

    /** The answer for one record. */
    public sealed interface Attribution permits ToCustomer, ToReview, Unattributed {
        /** The customer key the record's touchpoints carry; empty when the record has none. */
        default Optional<String> customerKey() {
            return this instanceof ToCustomer to ? Optional.of(to.customer().customerKey()) : Optional.empty();
        }
    }

    /** The record is this customer's. */
    public record ToCustomer(Customer customer) implements Attribution {
    }

    /** A link led to a person the review list holds: nobody's until someone decides. */
    public record ToReview(AmbiguousMatch match) implements Attribution {
    }

    /** No link led to a known customer (no value, or an id identity resolution does not know). */
    public record Unattributed() implements Attribution {
    }

    private static final Unattributed NONE = new Unattributed();

    private final IdentityGraph graph;
    private final Function<SourceRef, List<CustomerLinkValue>> linksOf;
    /** Salesforce Account Id to its anchor: the oldest surviving Contact (CreatedDate, then Id). */
    private final Map<String, String> anchorContactByAccount = new HashMap<>();
    /** Normalised email to the surviving Contacts, and the unconverted surviving Leads, that have it. */
    private final Map<String, Set<String>> contactsByEmail = new HashMap<>();
    private final Map<String, Set<String>> leadsByEmail = new HashMap<>();
    private final Map<String, Customer> customersByKey = new HashMap<>();

    /**
     * @param graph   identity resolved from {@code input}
     * @param input   the records the graph was resolved from: Contacts give Account anchors and emails
     * @param linksOf the customer links of another record (a Case, an Opportunity, a ticket), as its own
     *                mapping resolves them; empty when that record is not known
     */
    public CustomerAttribution(IdentityGraph graph, IdentityInput input, Function<SourceRef, List<CustomerLinkValue>> linksOf) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.linksOf = Objects.requireNonNull(linksOf, "linksOf");
        Map<String, Map<String, Object>> anchors = new HashMap<>();
        Comparator<Map<String, Object>> oldest = Comparator
                .comparing((Map<String, Object> c) -> createdAt(c.get("CreatedDate")))
                .thenComparing(c -> String.valueOf(c.get("Id")));
        graph.customers().forEach(c -> customersByKey.put(c.customerKey(), c));
        for (Map<String, Object> contact : input.contacts()) {
            String id = text(contact.get("Id"));
            if (id == null || isTrue(contact.get("IsDeleted"))) {
                continue;
            }
            String account = text(contact.get("AccountId"));
            if (account != null) {
                anchors.merge(account, contact, (a, b) -> oldest.compare(a, b) <= 0 ? a : b);
            }
            Emails.normalise(text(contact.get("Email")))
                    .ifPresent(e -> contactsByEmail.computeIfAbsent(e, k -> new TreeSet<>()).add(id));
        }
        anchors.forEach((account, contact) -> anchorContactByAccount.put(account, text(contact.get("Id"))));
        for (Map<String, Object> lead : input.leads()) {
            String id = text(lead.get("Id"));
            if (id != null && !isTrue(lead.get("IsDeleted")) && !isTrue(lead.get("IsConverted"))) {
                Emails.normalise(text(lead.get("Email")))
                        .ifPresent(e -> leadsByEmail.computeIfAbsent(e, k -> new TreeSet<>()).add(id));
            }
        }
    }

    /** The anchor Contact of a Salesforce Account: its oldest surviving Contact. */
    public Optional<String> anchorContact(String accountId) {
        return Optional.ofNullable(anchorContactByAccount.get(accountId));
    }

    /**
     * Whose record it is.
     *
     * @param record the record, named in a review-list answer
     * @param links  its links with its values, in the mapping's order
     */
    public Attribution attribute(SourceRef record, List<CustomerLinkValue> links) {
        return attribute(record, links, new HashSet<>(), 0);
    }

    private Attribution attribute(SourceRef record, List<CustomerLinkValue> links, Set<SourceRef> visiting, int depth) {
        if (depth > MAX_DEPTH || !visiting.add(record)) {
            return NONE;
        }
        try {
            for (CustomerLinkValue link : links) {
                Attribution found = follow(record, link, visiting, depth);
                if (!(found instanceof Unattributed)) {
                    return found;
                }
            }
            return NONE;
        } finally {
            visiting.remove(record);
        }
    }

    private Attribution follow(SourceRef record, CustomerLinkValue link, Set<SourceRef> visiting, int depth) {
        String value = link.value().strip();
        return switch (link.kind()) {
            case CONTACT -> placed(SourceRef.contact(value));
            case LEAD -> placed(SourceRef.lead(value));
            case WHO -> value.startsWith(CONTACT_PREFIX) ? placed(SourceRef.contact(value))
                    : value.startsWith(LEAD_PREFIX) ? placed(SourceRef.lead(value)) : NONE;
            case ACCOUNT -> anchorContact(value).map(contact -> placed(SourceRef.contact(contact))).orElse(NONE);
            case CASE -> related(new SourceRef(SourceRef.SALESFORCE, "Case", value), visiting, depth);
            case OPPORTUNITY -> related(new SourceRef(SourceRef.SALESFORCE, "Opportunity", value), visiting, depth);
            case TICKET -> {
                Attribution viaMapping = related(SourceRef.ticket(value), visiting, depth);
                yield viaMapping instanceof Unattributed ? placed(SourceRef.ticket(value)) : viaMapping;
            }
            case ZENDESK_USER -> placed(SourceRef.zendeskUser(value));
            case EMAIL -> Emails.normalise(value).map(email -> byEmail(record, email)).orElse(NONE);
        };
    }

    /** Where identity resolution put a record it knows: a customer, the review list, or nowhere. */
    private Attribution placed(SourceRef ref) {
        Optional<Customer> customer = graph.customerOf(ref);
        if (customer.isPresent()) {
            return new ToCustomer(customer.get());
        }
        return graph.reviewOf(ref).<Attribution>map(ToReview::new).orElse(NONE);
    }

    private Attribution related(SourceRef ref, Set<SourceRef> visiting, int depth) {
        List<CustomerLinkValue> links = linksOf.apply(ref);
        return links == null || links.isEmpty() ? NONE : attribute(ref, links, visiting, depth + 1);
    }

    /**
     * The same order identity resolution matches by email in: one surviving Contact is that customer, several
     * are ambiguous; then unconverted Leads likewise; then a prospect identity resolution kept under the email.
     */
    private Attribution byEmail(SourceRef record, String email) {
        Set<String> contacts = contactsByEmail.getOrDefault(email, Set.of());
        Set<String> leads = leadsByEmail.getOrDefault(email, Set.of());
        for (Set<String> ids : List.of(contacts, leads)) {
            Set<Customer> customers = new LinkedHashSet<>();
            for (String id : ids) {
                graph.customerOf(id.startsWith(LEAD_PREFIX) ? SourceRef.lead(id) : SourceRef.contact(id))
                        .ifPresent(customers::add);
            }
            if (customers.size() == 1) {
                return new ToCustomer(customers.iterator().next());
            }
            if (customers.size() > 1) {
                return new ToReview(new AmbiguousMatch(record, email, List.copyOf(ids)));
            }
        }
        Customer prospect = customersByKey.get("prospect:" + email);
        return prospect == null ? NONE : new ToCustomer(prospect);
    }

    /** A Contact without a readable CreatedDate sorts last: it cannot be shown to be the oldest. */
    private static Instant createdAt(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        try {
            return value == null ? Instant.MAX : OffsetDateTime.parse(value.toString().replace("+0000", "Z")).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.MAX;
        }
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return s.isBlank() ? null : s;
    }
}
