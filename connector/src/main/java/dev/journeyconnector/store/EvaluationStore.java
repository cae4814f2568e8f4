package dev.journeyconnector.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the incremental insight evaluation keeps for itself: where it stands (the rules it ran with and the
 * derived_at watermark), each customer's next deadline, and the questions "which customers can have other
 * findings now". A customer's findings depend on its touchpoints, its customer row (persona) and the time; so
 * it is due when a touchpoint of its was derived after the watermark, when a touchpoint left it (deleted, or
 * given to another customer: noted by trigger in evaluation_request), when its customer row changed, or when
 * a deadline of its passed.
 */
public final class EvaluationStore {

    /**
     * Where the evaluation stands.
     *
     * @param rulesFingerprint the rules the stored findings were produced with
     * @param watermark        touchpoints and customers derived after this are not evaluated yet
     */
    public record State(String rulesFingerprint, Instant watermark) {
        public State {
            Objects.requireNonNull(rulesFingerprint, "rulesFingerprint");
            Objects.requireNonNull(watermark, "watermark");
        }
    }

    /**
     * The customers an incremental evaluation must look at, by why (a customer can be in several sets); only
     * customers identity resolution still has.
     *
     * @param touched    a touchpoint of theirs, or of a colleague at the same Account, was derived (new, changed or
     *                   given to them) after the watermark
     * @param lost       a touchpoint of theirs was deleted or given to another customer
     * @param gone       customers identity resolution no longer has: their open findings are to be resolved
     * @param changed    their customer row changed (new customer, other persona or kind)
     * @param deadline   a deadline of theirs passed
     */
    public record Due(Set<String> touched, Set<String> lost, Set<String> changed, Set<String> deadline,
                      Set<String> gone) {
        public Due {
            touched = Set.copyOf(touched);
            lost = Set.copyOf(lost);
            gone = Set.copyOf(gone);
            changed = Set.copyOf(changed);
            deadline = Set.copyOf(deadline);
        }

        /** Every customer due, sorted (not the gone ones: there is nobody to evaluate). */
        public Set<String> all() {
            Set<String> out = new TreeSet<>(touched);
            out.addAll(lost);
            out.addAll(changed);
            out.addAll(deadline);
            return out;
        }
    }

    private final DataSource dataSource;
    private final DerivationStore derivations;

    public EvaluationStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.derivations = new DerivationStore(dataSource);
    }

    public Optional<State> state() {
        List<State> states = query("select rules_fingerprint, watermark from insight_state", "reading the insight state",
                ps -> {
                }, rs -> new State(rs.getString(1), rs.getTimestamp(2).toInstant()));
        return states.stream().findFirst();
    }

    /** Stores where the evaluation stands, in the same transaction as forgetting the requests it took. */
    public void saveState(State state, Instant requestsTakenUpTo) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into insight_state (id, rules_fingerprint, watermark, evaluated_at)
                        values (true, ?, ?, now())
                        on conflict (id) do update
                           set rules_fingerprint = excluded.rules_fingerprint, watermark = excluded.watermark,
                               evaluated_at = now()
                        """)) {
                    ps.setString(1, state.rulesFingerprint());
                    ps.setTimestamp(2, Timestamp.from(state.watermark()));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("delete from evaluation_request where requested_at <= ?")) {
                    ps.setTimestamp(1, Timestamp.from(requestsTakenUpTo));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("storing the insight state failed: " + e.getMessage(), e);
        }
    }

    /**
     * The start of the oldest transaction still open elsewhere, or now: a touchpoint such a transaction writes may
     * become visible later with an earlier derived_at, so the watermark must not pass it.
     */
    public Instant horizon() {
        return derivations.horizon();
    }

    /** Every customer identity resolution has, sorted. */
    public List<String> allCustomers() {
        return query("select customer_key from customer order by customer_key", "reading the customers", ps -> {
        }, rs -> rs.getString(1));
    }

    /**
     * The customers whose findings can differ from the stored ones.
     *
     * @param watermark what was evaluated: changes derived after it count
     * @param now       deadlines up to now count
     */
    public Due due(Instant watermark, Instant now) {
        Timestamp since = Timestamp.from(watermark);
        // With them, their colleagues: the customers anchored on another Contact of the same Account, whose
        // Account-wide rules (won-not-onboarded, support-blind-to-deal) read these touchpoints too.
        Set<String> touched = keys("""
                with touched as (
                    select distinct t.customer_key from touchpoint t
                     where t.derived_at > ? and t.customer_key is not null
                       and exists (select 1 from customer c where c.customer_key = t.customer_key))
                select customer_key from touched
                union
                select c2.customer_key
                  from touched t
                  join customer c1 on c1.customer_key = t.customer_key
                                  and c1.anchor_source = 'salesforce' and c1.anchor_object_type = 'Contact'
                  join raw_record r1 on r1.source = 'salesforce' and r1.object_type = 'Contact'
                                    and r1.record_id = c1.anchor_record_id
                  join raw_record r2 on r2.source = 'salesforce' and r2.object_type = 'Contact' and not r2.deleted
                                    and r2.payload ->> 'AccountId' = r1.payload ->> 'AccountId'
                  join customer c2 on c2.customer_key = 'sf:' || r2.record_id
                """, "reading the customers with touchpoints derived since " + watermark, since);
        Set<String> requested = keys("select customer_key from evaluation_request",
                "reading the customers that lost touchpoints");
        Set<String> lost = keys("""
                select r.customer_key from evaluation_request r
                 where exists (select 1 from customer c where c.customer_key = r.customer_key)
                """, "reading the customers that lost touchpoints");
        Set<String> gone = new TreeSet<>(requested);
        gone.removeAll(lost);
        Set<String> changed = keys("select customer_key from customer where derived_at > ?",
                "reading the customers changed since " + watermark, since);
        Set<String> deadline = keys("""
                select d.customer_key from evaluation_due d
                 where d.due_at <= ? and exists (select 1 from customer c where c.customer_key = d.customer_key)
                """, "reading the customers with deadlines passed by " + now, Timestamp.from(now));
        return new Due(touched, lost, changed, deadline, gone);
    }

    /**
     * Records the next deadline of each evaluated customer (null: none ahead), writing only what changed.
     *
     * @return how many rows were written or deleted
     */
    public int saveDeadlines(Map<String, Instant> nextDeadline) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Instant> stored = deadlinesOf(c, nextDeadline.keySet());
                List<Map.Entry<String, Instant>> upserts = new ArrayList<>();
                List<String> deletes = new ArrayList<>();
                nextDeadline.forEach((customer, due) -> {
                    if (due == null && stored.containsKey(customer)) {
                        deletes.add(customer);
                    } else if (due != null && !due.equals(stored.get(customer))) {
                        upserts.add(Map.entry(customer, due));
                    }
                });
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into evaluation_due (customer_key, due_at) values (?, ?)
                        on conflict (customer_key) do update set due_at = excluded.due_at
                        """)) {
                    for (Map.Entry<String, Instant> e : upserts) {
                        ps.setString(1, e.getKey());
                        ps.setTimestamp(2, Timestamp.from(e.getValue()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                int deleted;
                try (PreparedStatement ps = c.prepareStatement("delete from evaluation_due where customer_key = any (?)")) {
                    ps.setArray(1, c.createArrayOf("text", deletes.toArray()));
                    deleted = ps.executeUpdate();
                }
                c.commit();
                return upserts.size() + deleted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("storing the deadlines of " + nextDeadline.size() + " customers failed: "
                    + e.getMessage(), e);
        }
    }

    /** Forgets the deadlines of customers identity resolution no longer has. @return how many */
    public int forgetGoneCustomers() {
        String sql = "delete from evaluation_due d where not exists (select 1 from customer c where c.customer_key = d.customer_key)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("forgetting the deadlines of customers no longer known failed: " + e.getMessage(), e);
        }
    }

    /** The next deadline of each customer that has one. */
    public Map<String, Instant> deadlines(Collection<String> customers) {
        try (Connection c = dataSource.getConnection()) {
            return deadlinesOf(c, customers);
        } catch (SQLException e) {
            throw new StoreException("reading the deadlines of " + customers.size() + " customers failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The customers named as candidates on the identity review list: a record of theirs may be held there, so their
     * journey may be incomplete until someone decides.
     */
    public Set<String> heldForReview() {
        return keys("select distinct 'sf:' || unnest(candidates) from identity_review",
                "reading the identity review list");
    }

    private static Map<String, Instant> deadlinesOf(Connection c, Collection<String> customers) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select customer_key, due_at from evaluation_due where customer_key = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", customers.toArray()));
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return out;
    }

    private Set<String> keys(String sql, String what, Timestamp... params) {
        return new TreeSet<>(query(sql, what, ps -> {
            for (int i = 0; i < params.length; i++) {
                ps.setTimestamp(i + 1, params[i]);
            }
        }, rs -> rs.getString(1)));
    }

    private <T> List<T> query(String sql, String what, DerivationStore.Binder binder, DerivationStore.Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.setFetchSize(1000);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }
}
