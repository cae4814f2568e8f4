package dev.journeyconnector.mapping;

import dev.journeyconnector.identity.AmbiguousMatch;
import dev.journeyconnector.identity.Customer;
import dev.journeyconnector.identity.CustomerAttribution;
import dev.journeyconnector.identity.CustomerAttribution.Attribution;
import dev.journeyconnector.identity.CustomerAttribution.ToReview;
import dev.journeyconnector.identity.IdentityGraph;
import dev.journeyconnector.identity.IdentityInput;
import dev.journeyconnector.identity.IdentityResolver;
import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.store.CustomerStore;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import dev.journeyconnector.store.DerivationStore;
import dev.journeyconnector.store.DerivationStore.ObjectType;
import dev.journeyconnector.store.DerivationStore.State;
import dev.journeyconnector.store.DerivationStore.StoredRecord;
import dev.journeyconnector.store.DerivationStore.UnmappedRow;
import dev.journeyconnector.store.TouchpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pipeline stage that keeps the stored journey current with the raw store and the journey model:
 * derive the records stored since the last derivation (or every stored record, when the model or the
 * deep-link settings changed), resolve identity over the stored people, give every touchpoint its customer,
 * and store customers, review list and unmapped records. Reads only the store, never a vendor API. Every
 * write is of what changed, so a derivation that finds nothing new writes nothing.
 */
public final class DerivationStage {
    private static final Logger LOG = LoggerFactory.getLogger(DerivationStage.class);

    /**
     * What derivation did in this run (the sums) and what the journey holds now (the rest).
     *
     * @param fullDerivations     how many derivations re-derived every stored record (first run, changed model)
     * @param recordsDerived      raw records derived
     * @param touchpointsDerived  touchpoints those records yield
     * @param touchpointsChanged  touchpoints new, changed or removed by the derivations
     * @param customersAssigned   touchpoints whose customer changed when identity was resolved again
     * @param customersByKind     customers now, by kind (contact, lead, prospect)
     * @param reviewRecords       records on the identity review list now
     * @param heldForReview       touchpoints without a customer because their person is on the review list
     * @param unmappedRecords     records of mapped objects that made no touchpoint though not skipped, now (rules that
     *                            failed on a record that made other touchpoints are stored, not counted here)
     */
    public record Counts(long fullDerivations, long recordsDerived, long touchpointsDerived, long touchpointsChanged,
                         long customersAssigned, Map<String, Long> customersByKind, long reviewRecords,
                         long heldForReview, long unmappedRecords) {
        public Counts {
            customersByKind = Map.copyOf(customersByKind);
        }

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, Map.of(), 0, 0, 0);
    }

    private final Supplier<MappingSet> model;
    private final DeepLinks deepLinks;
    private final DerivationStore derivations;
    private final TouchpointStore touchpoints;
    private final CustomerStore customers;

    private long fullDerivations;
    private long recordsDerived;
    private long touchpointsDerived;
    private long touchpointsChanged;
    private long customersAssigned;
    private Counts latest = Counts.NONE;

    /**
     * @param model     the journey model in force; asked at every derivation, so a reloaded model applies next
     * @param deepLinks the systems' hosts for deep links
     */
    public DerivationStage(Supplier<MappingSet> model, DeepLinks deepLinks, DerivationStore derivations,
                           TouchpointStore touchpoints, CustomerStore customers) {
        this.model = Objects.requireNonNull(model, "model");
        this.deepLinks = Objects.requireNonNull(deepLinks, "deepLinks");
        this.derivations = derivations;
        this.touchpoints = touchpoints;
        this.customers = customers;
    }

    /** One derivation: what is new in the raw store (or all of it) becomes journey, and customers are re-resolved. */
    public synchronized void derive() {
        MappingSet journeyModel = model.get();
        Optional<State> state = derivations.state();
        String why = fullDerivationReason(state, journeyModel);
        boolean full = why != null;
        Instant horizon = derivations.horizon();

        List<ObjectType> journeyObjects = journeyObjects(journeyModel);
        List<StoredRecord> changed = full ? allRecords(journeyObjects)
                : recordsStoredSince(journeyModel, journeyObjects, state.get().watermark());
        List<JourneyDerivation.Derived> derived = deriveEach(journeyModel, changed);
        IdentityInput people = identityInput();

        saveLinks(derived);
        int forgotten = full ? derivations.forgetAllBut(journeyObjects) : 0;
        Map<SourceRef, List<CustomerLinkValue>> links = storedLinks();
        IdentityGraph graph = IdentityResolver.resolve(people);
        Attributions attributions = new Attributions(new CustomerAttribution(graph, people,
                ref -> links.getOrDefault(ref, List.of())), links);

        int changedNow = storeTouchpoints(derived, attributions) + forgotten;
        derivations.replaceUnmapped(derived.stream().map(DerivationStage::ref).toList(), unmappedRows(derived));
        int assigned = touchpoints.assignCustomers(reassignments(attributions));
        storeCustomers(graph, people, journeyModel.personas());
        customers.replaceReviewList(reviewList(graph, attributions));

        Instant watermark = watermark(state.filter(s -> !full).map(State::watermark).orElse(Instant.EPOCH),
                changed, horizon);
        derivations.saveState(new State(journeyModel.fingerprint(), deepLinks.toString(), watermark));

        count(why, derived, changedNow, assigned, attributions.heldForReview);
    }

    private List<JourneyDerivation.Derived> deriveEach(MappingSet journeyModel, List<StoredRecord> records) {
        JourneyDerivation derivation = new JourneyDerivation(journeyModel, deepLinks, campaignWebIds(journeyModel));
        List<JourneyDerivation.Derived> derived = new ArrayList<>(records.size());
        for (StoredRecord r : records) {
            derived.add(derivation.derive(source(r.ref()), r.ref().objectType(), r.ref().recordId(), r.deleted(),
                    r.payload()));
        }
        return derived;
    }

    private void count(String fullBecause, List<JourneyDerivation.Derived> derived, int changedNow, int assigned,
                       long heldForReview) {
        long derivedTouchpoints = derived.stream().mapToLong(d -> d.touchpoints().size()).sum();
        fullDerivations += fullBecause != null ? 1 : 0;
        recordsDerived += derived.size();
        touchpointsDerived += derivedTouchpoints;
        touchpointsChanged += changedNow;
        customersAssigned += assigned;
        latest = new Counts(fullDerivations, recordsDerived, touchpointsDerived, touchpointsChanged, customersAssigned,
                customers.countByKind(), customers.reviewList().size(), heldForReview,
                derivations.unmappedRecordCount());
        LOG.info("Journey: derived {} touchpoints from {} records{}, {} new, changed or removed; {} touchpoints "
                        + "changed customer; customers {}; {} records on the identity review list; {} unmapped records",
                derivedTouchpoints, derived.size(), fullBecause != null ? " (every stored record: " + fullBecause + ")" : "",
                changedNow, assigned, latest.customersByKind(), latest.reviewRecords(), latest.unmappedRecords());
    }

    /** Why every stored record must be derived again; null when only what was stored since needs deriving. */
    private String fullDerivationReason(Optional<State> state, MappingSet journeyModel) {
        if (state.isEmpty()) {
            return "first derivation of this store";
        }
        if (!state.get().mappingFingerprint().equals(journeyModel.fingerprint())) {
            return "the journey model changed";
        }
        if (!state.get().linkSettings().equals(deepLinks.toString())) {
            return "the deep-link settings changed";
        }
        return null;
    }

    /** The sums over this stage's derivations so far, and the journey as it stands after the last one. */
    public synchronized Counts counts() {
        return latest;
    }

    /** The objects whose records can be touchpoints: every mapping that is not reference data. */
    private static List<ObjectType> journeyObjects(MappingSet model) {
        return model.mappings().values().stream().filter(m -> !m.reference())
                .map(m -> new ObjectType(m.source().wireName(), m.object()))
                .sorted((a, b) -> (a.source() + "/" + a.objectType()).compareTo(b.source() + "/" + b.objectType()))
                .toList();
    }

    private List<StoredRecord> allRecords(List<ObjectType> objects) {
        List<StoredRecord> out = new ArrayList<>();
        objects.forEach(o -> out.addAll(derivations.records(o.source(), o.objectType())));
        return out;
    }

    /**
     * The records stored since the watermark, and the records whose deep link names a Mailchimp campaign stored
     * since: its web_id (which the link needs) may have arrived after them.
     */
    private List<StoredRecord> recordsStoredSince(MappingSet model, List<ObjectType> objects, Instant watermark) {
        Map<SourceRef, StoredRecord> out = new LinkedHashMap<>();
        derivations.storedAfter(objects, watermark).forEach(r -> out.put(r.ref(), r));
        List<TouchpointMapping> campaignLinked = model.mappings().values().stream()
                .filter(m -> m.link().map(l -> l.kind() == LinkSpec.Kind.MAILCHIMP_CAMPAIGN).orElse(false)).toList();
        if (!campaignLinked.isEmpty()) {
            List<String> campaigns = derivations.storedAfter(List.of(new ObjectType(SourceRef.MAILCHIMP, "campaigns")),
                    watermark).stream().map(r -> r.ref().recordId()).toList();
            for (TouchpointMapping m : campaignLinked) {
                derivations.referring(new ObjectType(m.source().wireName(), m.object()),
                                m.link().get().id().segments(), campaigns)
                        .forEach(r -> out.putIfAbsent(r.ref(), r));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The stored people identity resolution reads; Salesforce tombstones too, for merges. */
    private IdentityInput identityInput() {
        return new IdentityInput(payloads(SourceRef.SALESFORCE, "Contact"), payloads(SourceRef.SALESFORCE, "Lead"),
                payloads(SourceRef.ZENDESK, "users"), payloads(SourceRef.ZENDESK, "tickets"),
                payloads(SourceRef.MAILCHIMP, "members"));
    }

    /** Payloads as stored; a Salesforce tombstone is marked IsDeleted even if its payload predates the deletion. */
    private List<Map<String, Object>> payloads(String source, String object) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredRecord r : derivations.records(source, object)) {
            if (r.deleted() && source.equals(SourceRef.SALESFORCE) && !Boolean.TRUE.equals(r.payload().get("IsDeleted"))) {
                Map<String, Object> tombstone = new HashMap<>(r.payload());
                tombstone.put("IsDeleted", true);
                out.add(tombstone);
            } else {
                out.add(r.payload());
            }
        }
        return out;
    }

    /** Campaign id to web_id, read when a mapping links to campaign reports. */
    private Function<String, Optional<String>> campaignWebIds(MappingSet model) {
        boolean needed = model.mappings().values().stream()
                .anyMatch(m -> m.link().map(l -> l.kind() == LinkSpec.Kind.MAILCHIMP_CAMPAIGN).orElse(false));
        if (!needed) {
            return id -> Optional.empty();
        }
        Map<String, String> webIds = new HashMap<>();
        for (StoredRecord r : derivations.records(SourceRef.MAILCHIMP, "campaigns")) {
            String webId = JourneyDerivation.idText(r.payload().get("web_id"));
            if (webId != null) {
                webIds.put(r.ref().recordId(), webId);
            }
        }
        return id -> Optional.ofNullable(webIds.get(id));
    }

    private void saveLinks(List<JourneyDerivation.Derived> derived) {
        Map<SourceRef, List<List<String>>> links = new LinkedHashMap<>();
        List<SourceRef> forget = new ArrayList<>();
        for (JourneyDerivation.Derived d : derived) {
            if (d.outcome() == JourneyDerivation.Outcome.TOMBSTONE) {
                forget.add(ref(d));
            } else {
                links.put(ref(d), d.links().stream().map(l -> List.of(l.kind().key(), l.value())).toList());
            }
        }
        derivations.saveLinks(links, forget);
    }

    private Map<SourceRef, List<CustomerLinkValue>> storedLinks() {
        Map<SourceRef, List<CustomerLinkValue>> out = new HashMap<>();
        derivations.links().forEach((ref, pairs) -> {
            List<CustomerLinkValue> values = new ArrayList<>();
            for (List<String> pair : pairs) {
                CustomerLink.Kind.ofKey(pair.get(0)).ifPresent(kind -> values.add(new CustomerLinkValue(kind, pair.get(1))));
            }
            out.put(ref, values);
        });
        return out;
    }

    /** Replaces each derived record's touchpoints, with their customers, one object at a time. */
    private int storeTouchpoints(List<JourneyDerivation.Derived> derived, Attributions attributions) {
        Map<String, List<JourneyDerivation.Derived>> byObject = new TreeMap<>();
        derived.forEach(d -> byObject.computeIfAbsent(d.source().wireName() + "/" + d.object(), k -> new ArrayList<>()).add(d));
        int changed = 0;
        for (List<JourneyDerivation.Derived> records : byObject.values()) {
            List<Touchpoint> yielded = new ArrayList<>();
            for (JourneyDerivation.Derived d : records) {
                String customer = attributions.of(ref(d)).customerKey().orElse(null);
                d.touchpoints().forEach(t -> yielded.add(t.withCustomerKey(customer)));
            }
            JourneyDerivation.Derived first = records.get(0);
            changed += touchpoints.replaceForRecords(first.source().wireName(), first.object(),
                    records.stream().map(JourneyDerivation.Derived::recordId).toList(), yielded);
        }
        return changed;
    }

    private static List<UnmappedRow> unmappedRows(List<JourneyDerivation.Derived> derived) {
        List<UnmappedRow> rows = new ArrayList<>();
        for (JourneyDerivation.Derived d : derived) {
            d.unmapped().forEach(u -> rows.add(new UnmappedRow(ref(d), u.type(), u.reason())));
        }
        return rows;
    }

    /**
     * Every stored touchpoint whose customer is not the one identity gives its record now: a Contact created
     * since can claim older tickets, a merge moves a journey, an email fixed takes a record off the review list.
     */
    private Map<Touchpoint.Key, String> reassignments(Attributions attributions) {
        Map<Touchpoint.Key, String> changes = new HashMap<>();
        attributions.heldForReview = 0;
        touchpoints.customerAssignments().forEach((key, current) -> {
            SourceRef ref = new SourceRef(key.source().wireName(), key.object(), key.recordId());
            Attribution attribution = attributions.of(ref);
            if (attribution instanceof ToReview) {
                attributions.heldForReview++;
            }
            String now = attribution.customerKey().orElse(null);
            if (!Objects.equals(now, current)) {
                changes.put(key, now);
            }
        });
        return changes;
    }

    private void storeCustomers(IdentityGraph graph, IdentityInput people, Personas personas) {
        Map<String, Map<String, Object>> contacts = byId(people.contacts());
        Map<String, Map<String, Object>> leads = byId(people.leads());
        Map<String, Map<String, Object>> accounts = byId(payloads(SourceRef.SALESFORCE, "Account"));
        List<StoredCustomer> out = new ArrayList<>();
        for (Customer c : graph.customers()) {
            SourceRef anchor = anchor(c);
            Map<String, Object> contact = c.kind() == Customer.Kind.CONTACT ? contacts.get(anchor.recordId()) : null;
            Map<String, Object> lead = c.records().stream().filter(r -> r.source().equals(SourceRef.SALESFORCE)
                    && r.objectType().equals("Lead")).findFirst().map(r -> leads.get(r.recordId())).orElse(null);
            Object accountId = contact == null ? null : contact.get("AccountId");
            Map<String, Object> account = accountId == null ? null : accounts.get(accountId.toString());
            out.add(new StoredCustomer(c.customerKey(), c.kind().name().toLowerCase(Locale.ROOT),
                    personas.personaOf(contact, account, lead), anchor));
        }
        customers.replaceCustomers(out);
    }

    /** The Contact or Lead a Salesforce customer is keyed on; a prospect's first record. */
    private static SourceRef anchor(Customer c) {
        String id = c.customerKey().startsWith("sf:") ? c.customerKey().substring(3) : null;
        return switch (c.kind()) {
            case CONTACT -> SourceRef.contact(id);
            case LEAD -> SourceRef.lead(id);
            case PROSPECT -> c.records().iterator().next();
        };
    }

    /** Identity's review list, and the records an email link found ambiguous on their own. */
    private static List<AmbiguousMatch> reviewList(IdentityGraph graph, Attributions attributions) {
        Map<SourceRef, AmbiguousMatch> out = new TreeMap<>();
        graph.reviewList().forEach(m -> out.put(m.record(), m));
        attributions.ambiguous.forEach(m -> out.putIfAbsent(m.record(), m));
        return new ArrayList<>(out.values());
    }

    /**
     * The new watermark: past every record read, but never past the start of a transaction still open when the
     * derivation began (its records may become visible later with an earlier stored_at); never back.
     */
    static Instant watermark(Instant previous, List<StoredRecord> read, Instant horizon) {
        Instant latest = read.stream().map(StoredRecord::storedAt).max(Instant::compareTo).orElse(previous);
        Instant next = latest.isAfter(horizon) ? horizon : latest;
        return next.isBefore(previous) ? previous : next;
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> records) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        records.forEach(r -> {
            if (r.get("Id") != null) {
                out.put(r.get("Id").toString(), r);
            }
        });
        return out;
    }

    private static Touchpoint.Source source(SourceRef ref) {
        return Touchpoint.Source.valueOf(ref.source().toUpperCase(Locale.ROOT));
    }

    private static SourceRef ref(JourneyDerivation.Derived d) {
        return new SourceRef(d.source().wireName(), d.object(), d.recordId());
    }

    /** Each record's attribution, computed once per derivation. */
    private static final class Attributions {
        private final CustomerAttribution attribution;
        private final Map<SourceRef, List<CustomerLinkValue>> links;
        private final Map<SourceRef, Attribution> cache = new HashMap<>();
        private final Set<AmbiguousMatch> ambiguous = new LinkedHashSet<>();
        private long heldForReview;

        Attributions(CustomerAttribution attribution, Map<SourceRef, List<CustomerLinkValue>> links) {
            this.attribution = attribution;
            this.links = links;
        }

        Attribution of(SourceRef ref) {
            return cache.computeIfAbsent(ref, r -> {
                Attribution a = attribution.attribute(r, links.getOrDefault(r, List.of()));
                if (a instanceof ToReview review && review.match().record().equals(r)) {
                    ambiguous.add(review.match());
                }
                return a;
            });
        }
    }
}
