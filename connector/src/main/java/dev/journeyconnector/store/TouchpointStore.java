package dev.journeyconnector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Journey touchpoints, kept by their natural key ({@link Touchpoint.Key}). Storing a touchpoint that is
 * already stored with the same content writes nothing, so a derivation can be re-run at will;
 * {@link #replaceForRecords} also drops what a record no longer yields, so a changed mapping never
 * leaves stale touchpoints behind. A customer's timeline is read in one query along the
 * {@code touchpoint_timeline} index.
 *
 * <p>The customer of a touchpoint is owned by identity resolution ({@link #assignCustomers}): a derived
 * touchpoint without a customer does not clear the customer already assigned to it.
 */
public final class TouchpointStore {
    private static final String COLUMNS = "source, object_type, record_id, type, customer_key, stage, channel, "
            + "department, device, sentiment, occurred_at, title, deep_link, attributes";

    /** The timeline query; its order is exactly the order of the {@code touchpoint_timeline} index. */
    static final String TIMELINE_SQL = "select " + COLUMNS + " from touchpoint where customer_key = ?"
            + " order by occurred_at, source, object_type, record_id, type";

    private static final String UPSERT_SQL = """
            insert into touchpoint (source, object_type, record_id, type, customer_key, stage, channel, department,
                                    device, sentiment, occurred_at, title, deep_link, attributes, derived_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now())
            on conflict (source, object_type, record_id, type) do update
               set customer_key = coalesce(excluded.customer_key, touchpoint.customer_key),
                   stage = excluded.stage, channel = excluded.channel, department = excluded.department,
                   device = excluded.device, sentiment = excluded.sentiment, occurred_at = excluded.occurred_at,
                   title = excluded.title, deep_link = excluded.deep_link, attributes = excluded.attributes,
                   derived_at = now()
             where (touchpoint.customer_key, touchpoint.stage, touchpoint.channel, touchpoint.department,
                    touchpoint.device, touchpoint.sentiment, touchpoint.occurred_at, touchpoint.title,
                    touchpoint.deep_link, touchpoint.attributes)
                   is distinct from
                   (coalesce(excluded.customer_key, touchpoint.customer_key), excluded.stage, excluded.channel,
                    excluded.department, excluded.device, excluded.sentiment, excluded.occurred_at, excluded.title,
                    excluded.deep_link, excluded.attributes)
            """;

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final DataSource dataSource;

    public TouchpointStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts new touchpoints and updates changed ones, by natural key, in one transaction.
     *
     * @return how many were new or changed (a touchpoint stored with the same content does not count)
     */
    public int upsert(List<Touchpoint> touchpoints) {
        if (touchpoints.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, () -> upsert(c, touchpoints));
        } catch (SQLException e) {
            throw new StoreException("storing " + touchpoints.size() + " touchpoints failed: " + e.getMessage(), e);
        }
    }

    /**
     * Re-derivation of some records: in one transaction, deletes the stored touchpoints of those records
     * that are not among {@code derived} and upserts {@code derived}.
     *
     * @param source     the records' source, as {@link Touchpoint.Source#wireName()}
     * @param objectType the records' type in that source
     * @param recordIds  every record that was re-derived, including those that now yield no touchpoint
     * @param derived    everything those records yield now; each must belong to one of them
     * @return how many touchpoints were deleted, new or changed
     * @throws IllegalArgumentException if the source is not a known wire name or a derived touchpoint belongs
     *                                  to another record
     */
    public int replaceForRecords(String source, String objectType, Collection<String> recordIds,
                                 List<Touchpoint> derived) {
        if (Arrays.stream(Touchpoint.Source.values()).noneMatch(s -> s.wireName().equals(source))) {
            throw new IllegalArgumentException("source '" + source + "' is not one of "
                    + Arrays.toString(Touchpoint.Source.values()));
        }
        Set<String> ids = new LinkedHashSet<>(recordIds);
        for (Touchpoint t : derived) {
            Touchpoint.Key k = t.key();
            if (!k.source().wireName().equals(source) || !k.object().equals(objectType) || !ids.contains(k.recordId())) {
                throw new IllegalArgumentException("touchpoint " + k.asString() + " is not one of the "
                        + ids.size() + " " + source + " " + objectType + " records being re-derived");
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        String delete = """
                delete from touchpoint
                 where source = ? and object_type = ? and record_id = any (?)
                   and (record_id, type) not in (select * from unnest(?::text[], ?::text[]))
                """;
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, () -> {
                int deleted;
                try (PreparedStatement ps = c.prepareStatement(delete)) {
                    ps.setString(1, source);
                    ps.setString(2, objectType);
                    ps.setArray(3, textArray(c, ids.stream().toList()));
                    ps.setArray(4, textArray(c, derived.stream().map(t -> t.key().recordId()).toList()));
                    ps.setArray(5, textArray(c, derived.stream().map(t -> t.key().type()).toList()));
                    deleted = ps.executeUpdate();
                }
                return deleted + upsert(c, derived);
            });
        } catch (SQLException e) {
            throw new StoreException("re-deriving the touchpoints of " + ids.size() + " " + source + " " + objectType
                    + " records failed: " + e.getMessage(), e);
        }
    }

    /** A customer's touchpoints, by time and then by key; empty for an unknown customer. */
    public List<Touchpoint> timeline(String customerKey) {
        List<Touchpoint> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TIMELINE_SQL)) {
            ps.setString(1, customerKey);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the timeline of customer " + customerKey + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The timelines of many customers in one query along the {@code touchpoint_timeline} index: customer → its
     * touchpoints by time and then by key, as {@link #timeline} reads them. Customers without touchpoints are absent.
     */
    public Map<String, List<Touchpoint>> timelines(Collection<String> customerKeys) {
        Map<String, List<Touchpoint>> out = new java.util.HashMap<>();
        if (customerKeys.isEmpty()) {
            return out;
        }
        String sql = "select " + COLUMNS + " from touchpoint where customer_key = any (?)"
                + " order by customer_key, occurred_at, source, object_type, record_id, type";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, textArray(c, List.copyOf(customerKeys)));
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Touchpoint t = read(rs);
                    out.computeIfAbsent(t.customerKey(), k -> new ArrayList<>()).add(t);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the timelines of " + customerKeys.size() + " customers failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The customer of every stored touchpoint (null for an unresolved one), so a re-resolution can assign only
     * what changed.
     */
    public Map<Touchpoint.Key, String> customerAssignments() {
        Map<Touchpoint.Key, String> out = new java.util.HashMap<>();
        String sql = "select source, object_type, record_id, type, customer_key from touchpoint";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new Touchpoint.Key(Touchpoint.Source.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                            rs.getString(2), rs.getString(3), rs.getString(4)), rs.getString(5));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the touchpoints' customers failed: " + e.getMessage(), e);
        }
    }

    /**
     * Sets the customer of stored touchpoints after identity resolution, in one transaction. A null
     * customer (allowed in a map that permits it) marks the touchpoint unresolved again; keys not stored
     * are ignored.
     *
     * @return how many touchpoints now have a different customer than before
     */
    public int assignCustomers(Map<Touchpoint.Key, String> customerByKey) {
        if (customerByKey.isEmpty()) {
            return 0;
        }
        String sql = """
                update touchpoint set customer_key = ?, derived_at = now()
                 where source = ? and object_type = ? and record_id = ? and type = ?
                   and customer_key is distinct from ?
                """;
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (Map.Entry<Touchpoint.Key, String> e : customerByKey.entrySet()) {
                        String customer = e.getValue();
                        if (customer != null && customer.isBlank()) {
                            throw new IllegalArgumentException("customer of touchpoint " + e.getKey().asString()
                                    + " is blank; use null for an unresolved one");
                        }
                        ps.setString(1, customer);
                        bindKey(ps, 2, e.getKey());
                        ps.setString(6, customer);
                        ps.addBatch();
                    }
                    return sum(ps.executeBatch());
                }
            });
        } catch (SQLException e) {
            throw new StoreException("assigning customers to " + customerByKey.size() + " touchpoints failed: "
                    + e.getMessage(), e);
        }
    }

    private static int upsert(Connection c, List<Touchpoint> touchpoints) throws SQLException {
        if (touchpoints.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_SQL)) {
            for (Touchpoint t : touchpoints) {
                bindKey(ps, 1, t.key());
                ps.setString(5, t.customerKey());
                ps.setString(6, t.stage());
                ps.setString(7, t.channel());
                ps.setString(8, t.department());
                ps.setString(9, t.device());
                ps.setString(10, t.sentiment().wireName());
                ps.setTimestamp(11, Timestamp.from(t.occurredAt()));
                ps.setString(12, t.title());
                ps.setString(13, t.deepLink() == null ? null : t.deepLink().toString());
                ps.setString(14, attributesJson(t));
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    private static void bindKey(PreparedStatement ps, int first, Touchpoint.Key key) throws SQLException {
        ps.setString(first, key.source().wireName());
        ps.setString(first + 1, key.object());
        ps.setString(first + 2, key.recordId());
        ps.setString(first + 3, key.type());
    }

    private static Touchpoint read(ResultSet rs) throws SQLException {
        String where = rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4);
        try {
            Touchpoint.Key key = new Touchpoint.Key(Touchpoint.Source.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                    rs.getString(2), rs.getString(3), rs.getString(4));
            String sentimentName = rs.getString(10);
            Sentiment sentiment = Sentiment.of(sentimentName).orElseThrow(
                    () -> new IllegalArgumentException("unknown sentiment '" + sentimentName + "'"));
            String link = rs.getString(13);
            return new Touchpoint(key, rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                    rs.getString(9), sentiment, rs.getTimestamp(11).toInstant(), rs.getString(12),
                    link == null ? null : URI.create(link), attributes(rs.getString(14)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored touchpoint " + where + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The attributes as a JSON object; jsonb compares objects by content, so an unchanged map writes nothing. */
    private static String attributesJson(Touchpoint t) {
        try {
            return Json.MAPPER.writeValueAsString(t.attributes());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the attributes of touchpoint " + t.key().asString()
                    + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> attributes(String json) {
        try {
            return Json.MAPPER.readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes are not a JSON object of texts: " + e.getMessage(), e);
        }
    }

    private static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    private static int sum(int[] counts) {
        int n = 0;
        for (int count : counts) {
            n += Math.max(count, 0);
        }
        return n;
    }

    private interface Work {
        int run() throws SQLException;
    }

    private static int inTransaction(Connection c, Work work) throws SQLException {
        c.setAutoCommit(false);
        try {
            int result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }
}
