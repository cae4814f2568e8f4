package dev.journeyconnector.store;

import dev.journeyconnector.identity.AmbiguousMatch;
import dev.journeyconnector.identity.SourceRef;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The customers identity resolution found, with their persona, and the records on its review list. Both are
 * replaced whole after each resolution, writing only the rows that changed: a resolution that finds what is
 * stored writes nothing, and a customer's derived_at says when its row last changed.
 */
public final class CustomerStore {

    /**
     * One customer as stored.
     *
     * @param customerKey the key its touchpoints carry
     * @param kind        contact, lead or prospect
     * @param personaId   its persona's id
     * @param anchor      the record it is anchored on
     */
    public record StoredCustomer(String customerKey, String kind, String personaId, SourceRef anchor) {
        public StoredCustomer {
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(personaId, "personaId");
            Objects.requireNonNull(anchor, "anchor");
        }
    }

    /** How many rows a replacement inserted, changed and deleted. */
    public record Changes(int inserted, int updated, int deleted) {
        public int total() {
            return inserted + updated + deleted;
        }
    }

    private final DataSource dataSource;

    public CustomerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Makes the stored customers exactly {@code customers}, in one transaction. */
    public Changes replaceCustomers(List<StoredCustomer> customers) {
        Map<String, StoredCustomer> wanted = new HashMap<>();
        customers.forEach(c -> {
            if (wanted.put(c.customerKey(), c) != null) {
                throw new IllegalArgumentException("customer " + c.customerKey() + " is given twice");
            }
        });
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, StoredCustomer> stored = customers(c);
                List<StoredCustomer> inserts = new ArrayList<>();
                List<StoredCustomer> updates = new ArrayList<>();
                for (StoredCustomer customer : wanted.values()) {
                    StoredCustomer before = stored.get(customer.customerKey());
                    if (before == null) {
                        inserts.add(customer);
                    } else if (!before.equals(customer)) {
                        updates.add(customer);
                    }
                }
                List<String> deletes = stored.keySet().stream().filter(k -> !wanted.containsKey(k)).toList();
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into customer (customer_key, kind, persona_id, anchor_source, anchor_object_type,
                                              anchor_record_id, derived_at)
                        values (?, ?, ?, ?, ?, ?, now())
                        on conflict (customer_key) do update
                           set kind = excluded.kind, persona_id = excluded.persona_id,
                               anchor_source = excluded.anchor_source, anchor_object_type = excluded.anchor_object_type,
                               anchor_record_id = excluded.anchor_record_id, derived_at = now()
                        """)) {
                    for (StoredCustomer customer : concat(inserts, updates)) {
                        ps.setString(1, customer.customerKey());
                        ps.setString(2, customer.kind());
                        ps.setString(3, customer.personaId());
                        DerivationStore.bindRef(ps, 4, customer.anchor());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("delete from customer where customer_key = any (?)")) {
                    ps.setArray(1, c.createArrayOf("text", deletes.toArray()));
                    ps.executeUpdate();
                }
                c.commit();
                return new Changes(inserts.size(), updates.size(), deletes.size());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("storing " + customers.size() + " customers failed: " + e.getMessage(), e);
        }
    }

    /** Every stored customer, by key. */
    public Map<String, StoredCustomer> customers() {
        try (Connection c = dataSource.getConnection()) {
            return customers(c);
        } catch (SQLException e) {
            throw new StoreException("reading the customers failed: " + e.getMessage(), e);
        }
    }

    /** How many customers of each kind are stored, by kind. */
    public Map<String, Long> countByKind() {
        Map<String, Long> out = new TreeMap<>();
        customers().values().forEach(c -> out.merge(c.kind(), 1L, Long::sum));
        return out;
    }

    /** Makes the stored review list exactly {@code reviewList}, in one transaction. */
    public Changes replaceReviewList(List<AmbiguousMatch> reviewList) {
        Map<SourceRef, AmbiguousMatch> wanted = new HashMap<>();
        reviewList.forEach(m -> wanted.put(m.record(), m));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<SourceRef, AmbiguousMatch> stored = reviewList(c);
                List<AmbiguousMatch> inserts = wanted.values().stream().filter(m -> !stored.containsKey(m.record())).toList();
                List<AmbiguousMatch> updates = wanted.values().stream()
                        .filter(m -> stored.containsKey(m.record()) && !stored.get(m.record()).equals(m)).toList();
                List<SourceRef> deletes = stored.keySet().stream().filter(r -> !wanted.containsKey(r)).toList();
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into identity_review (source, object_type, record_id, email, candidates, derived_at)
                        values (?, ?, ?, ?, ?, now())
                        on conflict (source, object_type, record_id) do update
                           set email = excluded.email, candidates = excluded.candidates, derived_at = now()
                        """)) {
                    for (AmbiguousMatch m : concat(inserts, updates)) {
                        DerivationStore.bindRef(ps, 1, m.record());
                        ps.setString(4, m.email());
                        ps.setArray(5, c.createArrayOf("text", m.candidateIds().toArray()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "delete from identity_review where source = ? and object_type = ? and record_id = ?")) {
                    for (SourceRef ref : deletes) {
                        DerivationStore.bindRef(ps, 1, ref);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return new Changes(inserts.size(), updates.size(), deletes.size());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("storing the identity review list failed: " + e.getMessage(), e);
        }
    }

    /** The records on the review list, sorted by record. */
    public List<AmbiguousMatch> reviewList() {
        try (Connection c = dataSource.getConnection()) {
            return new ArrayList<>(new TreeMap<>(reviewList(c)).values());
        } catch (SQLException e) {
            throw new StoreException("reading the identity review list failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, StoredCustomer> customers(Connection c) throws SQLException {
        Map<String, StoredCustomer> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select customer_key, kind, persona_id, anchor_source, "
                + "anchor_object_type, anchor_record_id from customer");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new StoredCustomer(rs.getString(1), rs.getString(2), rs.getString(3),
                        new SourceRef(rs.getString(4), rs.getString(5), rs.getString(6))));
            }
        }
        return out;
    }

    private static Map<SourceRef, AmbiguousMatch> reviewList(Connection c) throws SQLException {
        Map<SourceRef, AmbiguousMatch> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select source, object_type, record_id, email, candidates from identity_review");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                SourceRef ref = new SourceRef(rs.getString(1), rs.getString(2), rs.getString(3));
                Array candidates = rs.getArray(5);
                out.put(ref, new AmbiguousMatch(ref, rs.getString(4), Arrays.asList((String[]) candidates.getArray())));
            }
        }
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
