package dev.journeyconnector.store;

import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.writeback.JourneyContext;
import dev.journeyconnector.writeback.JourneyContext.Labels;
import dev.journeyconnector.writeback.JourneyContext.OpenFinding;
import dev.journeyconnector.writeback.JourneyContext.RecentTouchpoint;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The {@link JourneyContext} of customers anchored on a Salesforce Contact, read from the store in four set-based
 * queries per batch of customers however long their journeys: the customers with their Contact's name, owner and
 * Account (from raw_record); their latest touchpoints in each system (backward scans of the
 * {@code touchpoint_timeline} index, stopping after the few asked for); when each stage was last and first seen, with counts (one aggregate over their
 * touchpoints, which is all the current stage needs); and their open findings (along {@code finding_by_customer}).
 * Each batch is read in one repeatable-read transaction, so a derivation running meanwhile cannot give a context
 * touchpoints and counts from two different moments.
 *
 * <p>Only customers of kind {@code contact} whose Contact is stored and not deleted get a context: there is no
 * Contact to write one to otherwise.
 */
public final class JourneyContextStore {
    /** Customers per batch: four queries and a few thousand rows each. */
    public static final int BATCH = 1000;

    private static final Object[] SOURCES = Arrays.stream(Touchpoint.Source.values()).map(Touchpoint.Source::wireName)
            .toArray();

    private static final String CONTACTS_SQL = """
            select c.customer_key, c.persona_id, c.anchor_record_id, r.payload ->> 'Name', r.payload ->> 'FirstName',
                   r.payload ->> 'LastName', r.payload ->> 'OwnerId', r.payload ->> 'AccountId'
              from customer c
              join raw_record r on r.source = c.anchor_source and r.object_type = c.anchor_object_type
                               and r.record_id = c.anchor_record_id
             where c.customer_key = any (?) and c.kind = 'contact'
               and c.anchor_source = 'salesforce' and c.anchor_object_type = 'Contact' and not r.deleted
             order by c.customer_key
            """;

    /**
     * The last N touchpoints of each customer in each system, the candidates {@link JourneyContext#recentAcrossSystems}
     * chooses from. A lateral LIMIT per customer and system walks the {@code touchpoint_timeline} index backwards and
     * stops after N of that system: for the busiest system that is N entries; a quiet one may be walked further, but
     * never beyond the customer's own timeline, which the stage aggregate reads anyway. A window function
     * (row_number over the partition) would read and sort every touchpoint of every system first.
     */
    private static final String RECENT_SQL = """
            select k.customer_key, t.source, t.object_type, t.record_id, t.type, t.occurred_at, t.title, t.deep_link
              from unnest(?::text[]) as k (customer_key)
              cross join unnest(?::text[]) as s (source)
              cross join lateral (
                    select source, object_type, record_id, type, occurred_at, title, deep_link
                      from touchpoint
                     where customer_key = k.customer_key and source = s.source
                     order by occurred_at desc, source desc, object_type desc, record_id desc, type desc
                     limit ?) t
            """;

    /**
     * When each stage was last and first seen, and how often, per customer. Lateral per customer so each reads only
     * its own touchpoints along the index: as one {@code customer_key = any (?)} aggregate the planner takes a batch
     * that is a fair share of the table for a sequential scan, and reads the whole table once per batch.
     */
    private static final String STAGES_SQL = """
            select k.customer_key, s.stage, s.last_at, s.first_at, s.n
              from unnest(?::text[]) as k (customer_key)
              cross join lateral (
                    select stage, max(occurred_at) as last_at, min(occurred_at) as first_at, count(*) as n
                      from touchpoint
                     where customer_key = k.customer_key
                     group by stage) s
            """;

    private static final String FINDINGS_SQL = """
            select customer_key, finding_key, title, severity, rule_id, kind, detected_at, held_for_review
              from finding
             where customer_key = any (?) and state = 'open'
            """;

    private final DataSource dataSource;
    private final Labels labels;
    private final int recentTouchpoints;

    /** Contexts with {@link JourneyContext#DEFAULT_RECENT_TOUCHPOINTS} recent touchpoints. */
    public JourneyContextStore(DataSource dataSource, Labels labels) {
        this(dataSource, labels, JourneyContext.DEFAULT_RECENT_TOUCHPOINTS);
    }

    /**
     * @param labels            the vocabulary and persona names in force (build a new store when they change)
     * @param recentTouchpoints how many of the latest touchpoints each context lists; at least 1
     */
    public JourneyContextStore(DataSource dataSource, Labels labels, int recentTouchpoints) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (recentTouchpoints < 1) {
            throw new IllegalArgumentException("recentTouchpoints must be at least 1 (the latest touchpoint is part"
                    + " of every context), not " + recentTouchpoints);
        }
        this.recentTouchpoints = recentTouchpoints;
    }

    /** The context of every customer anchored on a Contact, by customer key. Holds them all: see {@link #forEachBatch}. */
    public List<JourneyContext> contexts() {
        List<JourneyContext> out = new ArrayList<>();
        forEachBatch(out::addAll);
        return out;
    }

    /**
     * Hands over the contexts of every customer anchored on a Contact, {@link #BATCH} customers at a time in key
     * order, so a writer going through 100,000 Contacts never holds more than a batch.
     */
    public void forEachBatch(Consumer<List<JourneyContext>> batch) {
        String after = "";
        while (true) {
            List<String> keys = contactCustomersAfter(after);
            if (keys.isEmpty()) {
                return;
            }
            List<JourneyContext> contexts = contexts(keys);
            if (!contexts.isEmpty()) {
                batch.accept(contexts);
            }
            after = keys.get(keys.size() - 1);
        }
    }

    /**
     * The contexts of these customers, by customer key; keys of customers that are not anchored on a stored
     * Contact (leads, prospects, unknown keys) are left out.
     */
    public List<JourneyContext> contexts(Collection<String> customerKeys) {
        if (customerKeys.isEmpty()) {
            return List.of();
        }
        List<String> all = List.copyOf(new TreeSet<>(customerKeys));
        List<JourneyContext> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            out.addAll(readBatch(all.subList(from, Math.min(all.size(), from + BATCH))));
        }
        return out;
    }

    private List<String> contactCustomersAfter(String after) {
        String sql = "select customer_key from customer where kind = 'contact' and customer_key > ?"
                + " order by customer_key limit " + BATCH;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, after);
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new StoreException("listing the customers anchored on a Contact failed: " + e.getMessage(), e);
        }
    }

    /** The customer row and Contact fields a context needs. */
    private record ContactRow(String customerKey, String personaId, String contactId, String name, String ownerId,
                              String accountId) {
    }

    /** What the per-stage aggregate says about one customer's journey. */
    private static final class Span {
        final Map<String, Instant> lastSeenByStage = new HashMap<>();
        Instant first;
        long count;
    }

    /** Open findings of one customer: those to show, and how many are held. */
    private static final class Open {
        final List<OpenFinding> shown = new ArrayList<>();
        int held;
    }

    private List<JourneyContext> readBatch(List<String> keys) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                List<ContactRow> contacts = readContacts(c, keys);
                if (contacts.isEmpty()) {
                    c.commit();
                    return List.of();
                }
                Object[] contactKeys = contacts.stream().map(ContactRow::customerKey).toArray();
                Map<String, List<RecentTouchpoint>> recent = readRecent(c, contactKeys);
                Map<String, Span> spans = readSpans(c, contactKeys);
                Map<String, Open> findings = readFindings(c, contactKeys);
                c.commit();

                List<JourneyContext> out = new ArrayList<>(contacts.size());
                for (ContactRow row : contacts) {
                    out.add(context(row, JourneyContext.recentAcrossSystems(
                                    recent.getOrDefault(row.customerKey(), List.of()), recentTouchpoints),
                            spans.getOrDefault(row.customerKey(), new Span()),
                            findings.getOrDefault(row.customerKey(), new Open())));
                }
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("reading the journey context of " + keys.size() + " customers (from "
                    + keys.get(0) + ") failed: " + e.getMessage(), e);
        }
    }

    private JourneyContext context(ContactRow row, List<RecentTouchpoint> recent, Span span, Open open) {
        String stage = JourneyContext.currentStage(labels.vocabulary(), span.lastSeenByStage).orElse(null);
        return new JourneyContext(row.contactId(), row.customerKey(), row.name(), row.ownerId(), row.accountId(),
                row.personaId(), labels.personaLabel(row.personaId()), stage,
                stage == null ? null : labels.stageLabel(stage), span.count, span.first, recent, open.shown, open.held);
    }

    private static List<ContactRow> readContacts(Connection c, List<String> keys) throws SQLException {
        List<ContactRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CONTACTS_SQL)) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            ps.setFetchSize(BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ContactRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            name(rs.getString(4), rs.getString(5), rs.getString(6)), blankToNull(rs.getString(7)),
                            blankToNull(rs.getString(8))));
                }
            }
        }
        return out;
    }

    private Map<String, List<RecentTouchpoint>> readRecent(Connection c, Object[] keys) throws SQLException {
        Map<String, List<RecentTouchpoint>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(RECENT_SQL)) {
            ps.setArray(1, c.createArrayOf("text", keys));
            ps.setArray(2, c.createArrayOf("text", SOURCES));
            ps.setInt(3, recentTouchpoints);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Touchpoint.Key key = new Touchpoint.Key(source(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5));
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new RecentTouchpoint(key,
                            rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static Map<String, Span> readSpans(Connection c, Object[] keys) throws SQLException {
        Map<String, Span> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(STAGES_SQL)) {
            ps.setArray(1, c.createArrayOf("text", keys));
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Span span = out.computeIfAbsent(rs.getString(1), k -> new Span());
                    span.lastSeenByStage.put(rs.getString(2), rs.getTimestamp(3).toInstant());
                    Instant first = rs.getTimestamp(4).toInstant();
                    span.first = span.first == null || first.isBefore(span.first) ? first : span.first;
                    span.count += rs.getLong(5);
                }
            }
        }
        return out;
    }

    private static Map<String, Open> readFindings(Connection c, Object[] keys) throws SQLException {
        Map<String, Open> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(FINDINGS_SQL)) {
            ps.setArray(1, c.createArrayOf("text", keys));
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Open open = out.computeIfAbsent(rs.getString(1), k -> new Open());
                    if (rs.getBoolean(8)) {
                        open.held++;
                        continue;
                    }
                    String key = rs.getString(2);
                    String severity = rs.getString(4);
                    open.shown.add(new OpenFinding(key, rs.getString(3), Severity.of(severity)
                            .orElseThrow(() -> new IllegalStateException("stored finding " + key + " has severity '"
                                    + severity + "', not one of " + Severity.wireNames())),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return out;
    }

    /** Salesforce's compound Name when the pull asked for it, else FirstName and LastName as Salesforce joins them. */
    private static String name(String name, String first, String last) {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        String joined = ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
        return joined.isEmpty() ? null : joined;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Touchpoint.Source source(String wireName) {
        return Touchpoint.Source.valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
