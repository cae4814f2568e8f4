package dev.journeyconnector.store;

import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the insight rules know of a batch of customers, read in a fixed number of queries however many
 * customers the batch holds: their customer rows with the anchoring record, their timelines (along the
 * {@code touchpoint_timeline} index), the raw records of theirs that hold facts a touchpoint does not carry (the
 * Contact and Lead, Mailchimp memberships, email activity and unsubscribes: found through their touchpoints, so
 * exactly the records identity resolution gave the customer), their Accounts and those Accounts' opportunities.
 */
public final class HistoryStore {

    /** The objects whose raw payloads are read for a customer, through the touchpoints they yield. */
    static final List<String> OWN_OBJECTS = List.of("salesforce/Contact", "salesforce/Lead", "mailchimp/members",
            "mailchimp/email_activity", "mailchimp/unsubscribes");

    /** One raw record as the store keeps it. */
    public record Raw(SourceRef ref, boolean deleted, Map<String, Object> payload) {
    }

    /**
     * One customer's stored records.
     *
     * @param anchor        the record the customer is anchored on (Contact, Lead, or a prospect's first record);
     *                      null when raw_record no longer has it
     * @param own           the customer's Contact, Lead and Mailchimp records, by object ("salesforce/Contact" ...)
     * @param accounts      the Accounts their Contact records name, by Id
     * @param opportunities those Accounts' opportunities, by Id
     * @param accountTimeline the touchpoints of the other customers anchored on a Contact of those Accounts (the
     *                      customer's colleagues), in time order: some handoffs are the Account's, e.g. the deal is
     *                      on one Contact and the onboarding call or the owner's call is logged with another
     */
    public record CustomerRecords(StoredCustomer customer, List<Touchpoint> timeline, Raw anchor,
                                  Map<String, List<Raw>> own, Map<String, Raw> accounts, Map<String, Raw> opportunities,
                                  List<Touchpoint> accountTimeline) {
        public CustomerRecords {
            accountTimeline = accountTimeline == null ? List.of() : List.copyOf(accountTimeline);
        }

        /** Records without colleagues' touchpoints. */
        public CustomerRecords(StoredCustomer customer, List<Touchpoint> timeline, Raw anchor,
                               Map<String, List<Raw>> own, Map<String, Raw> accounts, Map<String, Raw> opportunities) {
            this(customer, timeline, anchor, own, accounts, opportunities, List.of());
        }

        public List<Raw> own(String source, String objectType) {
            return own.getOrDefault(source + "/" + objectType, List.of());
        }
    }

    private final DataSource dataSource;
    private final TouchpointStore touchpoints;

    public HistoryStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.touchpoints = new TouchpointStore(dataSource);
    }

    /** The records of these customers; a key identity resolution does not have is absent from the answer. */
    public Map<String, CustomerRecords> load(Collection<String> customerKeys) {
        Set<String> keys = new LinkedHashSet<>(customerKeys);
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Touchpoint>> timelines = touchpoints.timelines(keys);
        try (Connection c = dataSource.getConnection()) {
            Map<String, StoredCustomer> customers = new LinkedHashMap<>();
            Map<String, Raw> anchors = new HashMap<>();
            readCustomers(c, keys, customers, anchors);
            Map<String, Map<String, List<Raw>>> own = readOwn(c, keys);
            Set<String> accountIds = new LinkedHashSet<>();
            own.values().forEach(byObject -> byObject.getOrDefault("salesforce/Contact", List.of())
                    .forEach(r -> addText(accountIds, r.payload().get("AccountId"))));
            anchors.values().forEach(r -> {
                if (r.ref().objectType().equals("Contact")) {
                    addText(accountIds, r.payload().get("AccountId"));
                }
            });
            Map<String, Raw> accounts = byId(readByIds(c, "Account", accountIds));
            Map<String, List<Raw>> opportunitiesByAccount = new HashMap<>();
            readOpportunities(c, accountIds).forEach(r -> opportunitiesByAccount
                    .computeIfAbsent(String.valueOf(r.payload().get("AccountId")), k -> new ArrayList<>()).add(r));
            Map<String, Set<String>> customersByAccount = readAccountCustomers(c, accountIds);
            Set<String> colleagues = new LinkedHashSet<>();
            customersByAccount.values().forEach(colleagues::addAll);
            colleagues.removeAll(keys);
            Map<String, List<Touchpoint>> colleagueTimelines = new HashMap<>(timelines);
            colleagueTimelines.putAll(touchpoints.timelines(colleagues));

            Map<String, CustomerRecords> out = new LinkedHashMap<>();
            for (StoredCustomer customer : customers.values()) {
                String key = customer.customerKey();
                Map<String, List<Raw>> mine = own.getOrDefault(key, Map.of());
                Raw anchor = anchors.get(key);
                Set<String> myAccounts = new LinkedHashSet<>();
                mine.getOrDefault("salesforce/Contact", List.of()).forEach(r -> addText(myAccounts, r.payload().get("AccountId")));
                if (anchor != null && anchor.ref().objectType().equals("Contact")) {
                    addText(myAccounts, anchor.payload().get("AccountId"));
                }
                Map<String, Raw> myAccountRecords = new TreeMap<>();
                Map<String, Raw> myOpportunities = new TreeMap<>();
                for (String accountId : myAccounts) {
                    if (accounts.containsKey(accountId)) {
                        myAccountRecords.put(accountId, accounts.get(accountId));
                    }
                    opportunitiesByAccount.getOrDefault(accountId, List.of())
                            .forEach(o -> myOpportunities.put(o.ref().recordId(), o));
                }
                List<Touchpoint> accountTimeline = new ArrayList<>();
                myAccounts.stream().flatMap(a -> customersByAccount.getOrDefault(a, Set.of()).stream()).distinct()
                        .filter(other -> !other.equals(key))
                        .forEach(other -> accountTimeline.addAll(colleagueTimelines.getOrDefault(other, List.of())));
                accountTimeline.sort(Comparator.comparing(Touchpoint::occurredAt).thenComparing(t -> t.key().asString()));
                out.put(key, new CustomerRecords(customer, timelines.getOrDefault(key, List.of()), anchor, mine,
                        myAccountRecords, myOpportunities, accountTimeline));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the records of " + keys.size() + " customers failed: " + e.getMessage(), e);
        }
    }

    /** Every stored record of a reference object (Mailchimp campaigns, Salesforce users), by record id. */
    public Map<String, Raw> reference(String source, String objectType) {
        Map<String, Raw> out = new TreeMap<>();
        new DerivationStore(dataSource).records(source, objectType)
                .forEach(r -> out.put(r.ref().recordId(), new Raw(r.ref(), r.deleted(), r.payload())));
        return out;
    }

    private static void readCustomers(Connection c, Set<String> keys, Map<String, StoredCustomer> customers,
                                      Map<String, Raw> anchors) throws SQLException {
        String sql = """
                select c.customer_key, c.kind, c.persona_id, c.anchor_source, c.anchor_object_type, c.anchor_record_id,
                       r.deleted, r.payload
                  from customer c
                  left join raw_record r on r.source = c.anchor_source and r.object_type = c.anchor_object_type
                                        and r.record_id = c.anchor_record_id
                 where c.customer_key = any (?)
                 order by c.customer_key
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SourceRef anchor = new SourceRef(rs.getString(4), rs.getString(5), rs.getString(6));
                    StoredCustomer customer = new StoredCustomer(rs.getString(1), rs.getString(2), rs.getString(3), anchor);
                    customers.put(customer.customerKey(), customer);
                    String payload = rs.getString(8);
                    if (payload != null) {
                        anchors.put(customer.customerKey(), new Raw(anchor, rs.getBoolean(7), RawStore.fromJson(payload)));
                    }
                }
            }
        }
    }

    /** customer → "source/object" → records, each once even when it yields several touchpoints. */
    private static Map<String, Map<String, List<Raw>>> readOwn(Connection c, Set<String> keys) throws SQLException {
        String sql = """
                select distinct t.customer_key, r.source, r.object_type, r.record_id, r.deleted, r.payload::text
                  from touchpoint t
                  join raw_record r on r.source = t.source and r.object_type = t.object_type and r.record_id = t.record_id
                 where t.customer_key = any (?) and (t.source || '/' || t.object_type) = any (?)
                 order by t.customer_key, r.source, r.object_type, r.record_id
                """;
        Map<String, Map<String, List<Raw>>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            ps.setArray(2, c.createArrayOf("text", OWN_OBJECTS.toArray()));
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Raw raw = new Raw(new SourceRef(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getBoolean(5),
                            RawStore.fromJson(rs.getString(6)));
                    out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .computeIfAbsent(rs.getString(2) + "/" + rs.getString(3), k -> new ArrayList<>()).add(raw);
                }
            }
        }
        return out;
    }

    private static List<Raw> readByIds(Connection c, String salesforceObject, Set<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String sql = "select record_id, deleted, payload from raw_record"
                + " where source = 'salesforce' and object_type = ? and record_id = any (?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, salesforceObject);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            return rows(ps, salesforceObject);
        }
    }

    /** Along the raw_record_opportunity_account index. */
    private static List<Raw> readOpportunities(Connection c, Set<String> accountIds) throws SQLException {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        String sql = "select record_id, deleted, payload from raw_record"
                + " where source = 'salesforce' and object_type = 'Opportunity' and payload ->> 'AccountId' = any (?)"
                + " order by record_id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", accountIds.toArray()));
            return rows(ps, "Opportunity");
        }
    }

    /**
     * Account → the customers anchored on a surviving Contact of it, along the raw_record_contact_account index.
     * A merged-away Contact has no customer of its own, so the join leaves it out.
     */
    private static Map<String, Set<String>> readAccountCustomers(Connection c, Set<String> accountIds)
            throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        if (accountIds.isEmpty()) {
            return out;
        }
        String sql = """
                select r.payload ->> 'AccountId', c.customer_key
                  from raw_record r
                  join customer c on c.customer_key = 'sf:' || r.record_id
                 where r.source = 'salesforce' and r.object_type = 'Contact' and not r.deleted
                   and r.payload ->> 'AccountId' = any (?)
                 order by c.customer_key
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", accountIds.toArray()));
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    private static List<Raw> rows(PreparedStatement ps, String salesforceObject) throws SQLException {
        ps.setFetchSize(1000);
        List<Raw> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Raw(new SourceRef(SourceRef.SALESFORCE, salesforceObject, rs.getString(1)), rs.getBoolean(2),
                        RawStore.fromJson(rs.getString(3))));
            }
        }
        return out;
    }

    private static Map<String, Raw> byId(List<Raw> records) {
        Map<String, Raw> out = new HashMap<>();
        records.forEach(r -> out.put(r.ref().recordId(), r));
        return out;
    }

    private static void addText(Set<String> into, Object value) {
        if (value != null && !value.toString().isBlank()) {
            into.add(value.toString());
        }
    }
}
