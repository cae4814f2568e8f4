package dev.journeyconnector.insight;

import dev.journeyconnector.identity.Customer;
import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.insight.CustomerFacts.Account;
import dev.journeyconnector.insight.CustomerFacts.CampaignSend;
import dev.journeyconnector.insight.CustomerFacts.MemberStatus;
import dev.journeyconnector.insight.CustomerFacts.Membership;
import dev.journeyconnector.insight.CustomerFacts.Opportunity;
import dev.journeyconnector.insight.CustomerFacts.Person;
import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.store.HistoryStore;
import dev.journeyconnector.store.HistoryStore.CustomerRecords;
import dev.journeyconnector.store.HistoryStore.Raw;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the {@link CustomerHistory} of a batch of customers from the store, in the few queries of
 * {@link HistoryStore#load}, so rules never query. The Mailchimp facts are worked out here: a customer's
 * memberships are the members identity gave them, and the campaigns they were sent are the campaigns sent to a
 * list while they were on it (send time at or after their opt-in and before they left), opened or clicked as
 * their own email activity shows.
 *
 * <p>One loader serves one evaluation: the campaigns (reference data, one row per campaign) are read once, on
 * first use.
 */
public final class HistoryLoader {
    private final HistoryStore store;
    private final DeepLinks links;
    private Campaigns campaigns;

    /**
     * The sent campaigns, read and parsed once per loader: every member of a list is compared with every campaign
     * sent to it, so parsing their times per member would dominate loading.
     *
     * @param byList   the sent campaigns by the list they went to
     * @param listById every campaign's list, sent or not (an unsubscribe names only its campaign)
     */
    record Campaigns(Map<String, List<Campaign>> byList, Map<String, String> listById) {
        static Campaigns of(Map<String, Raw> records, DeepLinks links) {
            Map<String, List<Campaign>> byList = new HashMap<>();
            Map<String, String> listById = new HashMap<>();
            for (Raw c : records.values()) {
                Map<String, Object> p = c.payload();
                String list = p.get("recipients") instanceof Map<?, ?> recipients
                        ? CustomerFacts.text(recipients.get("list_id")) : null;
                if (list != null) {
                    listById.put(c.ref().recordId(), list);
                }
                Optional<Instant> sent = CustomerFacts.instant(p.get("send_time"));
                if (c.deleted() || list == null || sent.isEmpty() || !"sent".equals(CustomerFacts.text(p.get("status")))) {
                    continue;
                }
                byList.computeIfAbsent(list, k -> new ArrayList<>())
                        .add(new Campaign(c.ref().recordId(), sent.get(), report(p, links)));
            }
            return new Campaigns(byList, listById);
        }
    }

    /** A campaign that was sent. */
    record Campaign(String id, Instant sentAt, URI report) {
    }

    /** @param links where campaign reports live; links of unconfigured systems are left out */
    public HistoryLoader(HistoryStore store, DeepLinks links) {
        this.store = Objects.requireNonNull(store, "store");
        this.links = Objects.requireNonNull(links, "links");
    }

    /** The histories of these customers, by key; a key identity resolution does not have is absent. */
    public Map<String, CustomerHistory> load(Collection<String> customerKeys) {
        Map<String, CustomerHistory> out = new LinkedHashMap<>();
        store.load(customerKeys).forEach((key, records) -> out.put(key, history(records, campaigns())));
        return out;
    }

    private Campaigns campaigns() {
        if (campaigns == null) {
            campaigns = Campaigns.of(store.reference(SourceRef.MAILCHIMP, "campaigns"), links);
        }
        return campaigns;
    }

    /** One customer's history from its stored records. */
    static CustomerHistory history(CustomerRecords r, Campaigns campaigns) {
        CustomerFacts facts = new CustomerFacts(person(r), r.accounts().values().stream().filter(a -> !a.deleted())
                .findFirst().map(a -> Account.of(a.payload())),
                r.opportunities().values().stream().filter(o -> !o.deleted()).map(o -> Opportunity.of(o.payload())).toList(),
                memberships(r), sends(r, campaigns));
        return new CustomerHistory(r.customer().customerKey(),
                Customer.Kind.valueOf(r.customer().kind().toUpperCase(Locale.ROOT)), r.customer().personaId(),
                r.timeline(), facts, r.accountTimeline());
    }

    /** The Contact (or Lead) the customer is anchored on; else the first Contact, then Lead, identity gave them. */
    private static Optional<Person> person(CustomerRecords r) {
        Raw anchor = r.anchor();
        if (anchor != null && !anchor.deleted() && anchor.ref().source().equals(SourceRef.SALESFORCE)) {
            if (anchor.ref().objectType().equals("Contact")) {
                return Optional.of(Person.contact(anchor.payload()));
            }
            if (anchor.ref().objectType().equals("Lead")) {
                return Optional.of(Person.lead(anchor.payload()));
            }
        }
        Optional<Person> contact = r.own(SourceRef.SALESFORCE, "Contact").stream().filter(c -> !c.deleted())
                .findFirst().map(c -> Person.contact(c.payload()));
        return contact.or(() -> r.own(SourceRef.SALESFORCE, "Lead").stream().filter(l -> !l.deleted()).findFirst()
                .map(l -> Person.lead(l.payload())));
    }

    private static List<Membership> memberships(CustomerRecords r) {
        List<Membership> out = new ArrayList<>();
        for (Raw m : r.own(SourceRef.MAILCHIMP, "members")) {
            Optional<MemberStatus> status = MemberStatus.of(CustomerFacts.text(m.payload().get("status")));
            String list = CustomerFacts.text(m.payload().get("list_id"));
            if (m.deleted() || status.isEmpty() || list == null) {
                continue;
            }
            out.add(new Membership(list, CustomerFacts.text(m.payload().get("email_address")), status.get(),
                    CustomerFacts.instant(m.payload().get("last_changed")).orElse(null)));
        }
        return out;
    }

    /**
     * The campaigns sent to each list the customer opted in to, while they were on it. A member who left
     * (unsubscribed, cleaned) left at their unsubscribe from that list when one is stored, else at the member's
     * last status change.
     */
    static List<CampaignSend> sends(CustomerRecords r, Campaigns campaigns) {
        Map<String, List<Map<String, Object>>> activityByCampaign = new HashMap<>();
        r.own(SourceRef.MAILCHIMP, "email_activity").forEach(a -> activityByCampaign
                .computeIfAbsent(CustomerFacts.text(a.payload().get("campaign_id")), k -> new ArrayList<>()).add(a.payload()));
        List<CampaignSend> out = new ArrayList<>();
        for (Raw m : r.own(SourceRef.MAILCHIMP, "members")) {
            Map<String, Object> member = m.payload();
            String list = CustomerFacts.text(member.get("list_id"));
            Optional<Instant> optIn = CustomerFacts.instant(member.get("timestamp_opt"));
            Optional<MemberStatus> status = MemberStatus.of(CustomerFacts.text(member.get("status")));
            if (m.deleted() || list == null || optIn.isEmpty() || status.isEmpty()) {
                continue; // never opted in (pending, transactional): no campaign was sent to them
            }
            Instant leftAt = leftAt(r, member, list, status.get(), campaigns);
            String memberId = m.ref().recordId().substring(m.ref().recordId().indexOf('/') + 1);
            String email = CustomerFacts.text(member.get("email_address"));
            for (Campaign c : campaigns.byList().getOrDefault(list, List.of())) {
                if (c.sentAt().isBefore(optIn.get()) || (leftAt != null && !c.sentAt().isBefore(leftAt))) {
                    continue;
                }
                List<Map<String, Object>> activity = activityByCampaign.getOrDefault(c.id(), List.of())
                        .stream().filter(a -> memberId.equals(CustomerFacts.text(a.get("email_id")))
                                || (email != null && email.equalsIgnoreCase(CustomerFacts.text(a.get("email_address")))))
                        .toList();
                out.add(new CampaignSend(c.id(), list, c.sentAt(), did(activity, "open") || did(activity, "click"),
                        did(activity, "click"), c.report()));
            }
        }
        return out;
    }

    private static Instant leftAt(CustomerRecords r, Map<String, Object> member, String list, MemberStatus status,
                                  Campaigns campaigns) {
        if (status != MemberStatus.UNSUBSCRIBED && status != MemberStatus.CLEANED && status != MemberStatus.ARCHIVED) {
            return null;
        }
        Optional<Instant> unsubscribed = r.own(SourceRef.MAILCHIMP, "unsubscribes").stream()
                .map(Raw::payload)
                .filter(u -> list.equals(CustomerFacts.text(u.get("list_id")))
                        || list.equals(campaigns.listById().get(CustomerFacts.text(u.get("campaign_id")))))
                .map(u -> CustomerFacts.instant(u.get("timestamp")))
                .flatMap(Optional::stream).min(Instant::compareTo);
        return unsubscribed.orElseGet(() -> CustomerFacts.instant(member.get("last_changed")).orElse(null));
    }

    private static boolean did(List<Map<String, Object>> activity, String action) {
        return activity.stream().anyMatch(a -> action.equals(CustomerFacts.text(a.get("action"))));
    }

    private static URI report(Map<String, Object> campaign, DeepLinks links) {
        String webId = CustomerFacts.text(campaign.get("web_id"));
        try {
            return webId == null ? null : links.mailchimpCampaignReport(webId).orElse(null);
        } catch (IllegalArgumentException e) {
            return null; // a web_id that is not one: the send is still evidence, without a link
        }
    }
}
