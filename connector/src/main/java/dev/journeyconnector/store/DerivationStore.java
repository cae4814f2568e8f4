package dev.journeyconnector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.journeyconnector.identity.SourceRef;

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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What derivation reads from raw_record and keeps for itself: the records to derive (all of an object, or
 * those stored since a watermark), each derived record's customer links, the records the model could not
 * map, and the derivation state (model fingerprint and watermark). Every write compares with what is stored
 * first, so a derivation that finds nothing changed writes nothing.
 */
public final class DerivationStore {
    private static final TypeReference<List<List<String>>> LINKS = new TypeReference<>() {
    };

    /**
     * A raw record as derivation sees it.
     *
     * @param storedAt when the store last wrote it (raw_record.stored_at): what the watermark is compared with
     */
    public record StoredRecord(SourceRef ref, boolean deleted, Map<String, Object> payload, Instant storedAt) {
    }

    /**
     * Where derivation stands.
     *
     * @param mappingFingerprint the journey model's fingerprint the stored touchpoints were derived with
     * @param linkSettings       the deep-link settings they were built with
     * @param watermark          records stored after this are not derived yet
     */
    public record State(String mappingFingerprint, String linkSettings, Instant watermark) {
        public State {
            Objects.requireNonNull(mappingFingerprint, "mappingFingerprint");
            Objects.requireNonNull(linkSettings, "linkSettings");
            Objects.requireNonNull(watermark, "watermark");
        }
    }

    /** One reason a record made no touchpoint; {@code ruleType} is null when no rule matched it. */
    public record UnmappedRow(SourceRef ref, String ruleType, String reason) {
        public UnmappedRow {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** One source object, e.g. salesforce/Case. */
    public record ObjectType(String source, String objectType) {
    }

    private final DataSource dataSource;

    public DerivationStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every stored record of one object, tombstones included (a merged-away Contact names its survivor). */
    public List<StoredRecord> records(String source, String objectType) {
        String sql = "select record_id, deleted, payload, stored_at from raw_record where source = ? and object_type = ?"
                + " order by record_id";
        return query(sql, "reading " + source + " " + objectType + " records", ps -> {
            ps.setString(1, source);
            ps.setString(2, objectType);
        }, rs -> row(source, objectType, rs));
    }

    /** The records of these objects stored after {@code watermark}, tombstones included. */
    public List<StoredRecord> storedAfter(Collection<ObjectType> objects, Instant watermark) {
        List<StoredRecord> out = new ArrayList<>();
        for (ObjectType o : objects) {
            String sql = "select record_id, deleted, payload, stored_at from raw_record"
                    + " where source = ? and object_type = ? and stored_at > ? order by record_id";
            out.addAll(query(sql, "reading " + o.source() + " " + o.objectType() + " records stored since " + watermark,
                    ps -> {
                        ps.setString(1, o.source());
                        ps.setString(2, o.objectType());
                        ps.setTimestamp(3, Timestamp.from(watermark));
                    }, rs -> row(o.source(), o.objectType(), rs)));
        }
        return out;
    }

    /**
     * The records of one object whose field (a dotted path into the payload) holds one of {@code values}: the
     * records that refer to records that just changed, e.g. the email activity of a campaign whose web_id arrived.
     */
    public List<StoredRecord> referring(ObjectType object, List<String> fieldPath, Collection<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        String sql = "select record_id, deleted, payload, stored_at from raw_record"
                + " where source = ? and object_type = ? and payload #>> ? = any (?) order by record_id";
        return query(sql, "reading the " + object.source() + " " + object.objectType() + " records referring to "
                + values.size() + " changed records", ps -> {
            ps.setString(1, object.source());
            ps.setString(2, object.objectType());
            ps.setArray(3, ps.getConnection().createArrayOf("text", fieldPath.toArray()));
            ps.setArray(4, ps.getConnection().createArrayOf("text", values.toArray()));
        }, rs -> row(object.source(), object.objectType(), rs));
    }

    /**
     * The latest stored_at a watermark may safely move to: the start of the oldest transaction still open in
     * this database, or now. raw_record.stored_at is its writer's transaction start, so a pull that commits after
     * this derivation read can carry a stored_at earlier than everything read; keeping the watermark before any
     * open transaction means such records are read by the next derivation, not skipped. Other users' sessions are
     * not visible in pg_stat_activity without pg_read_all_stats; the connector's own are, and only they write here.
     */
    public Instant horizon() {
        String sql = """
                select least(now(), coalesce((select min(xact_start) from pg_stat_activity
                                               where datname = current_database() and pid <> pg_backend_pid()
                                                 and backend_type = 'client backend'
                                                 and xact_start is not null), now()))
                """;
        List<Instant> at = query(sql, "reading the open transactions", ps -> {
        }, rs -> rs.getTimestamp(1).toInstant());
        return at.get(0);
    }

    public Optional<State> state() {
        String sql = "select mapping_fingerprint, link_settings, watermark from derivation_state";
        List<State> states = query(sql, "reading the derivation state", ps -> {
        }, rs -> new State(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        return states.stream().findFirst();
    }

    /** Stores the state; writes nothing when it is the stored one. @return whether it changed */
    public boolean saveState(State state) {
        String sql = """
                insert into derivation_state (id, mapping_fingerprint, link_settings, watermark, derived_at)
                values (true, ?, ?, ?, now())
                on conflict (id) do update
                   set mapping_fingerprint = excluded.mapping_fingerprint, link_settings = excluded.link_settings,
                       watermark = excluded.watermark, derived_at = now()
                 where (derivation_state.mapping_fingerprint, derivation_state.link_settings, derivation_state.watermark)
                       is distinct from (excluded.mapping_fingerprint, excluded.link_settings, excluded.watermark)
                """;
        return update(sql, "storing the derivation state", ps -> {
            ps.setString(1, state.mappingFingerprint());
            ps.setString(2, state.linkSettings());
            ps.setTimestamp(3, Timestamp.from(state.watermark()));
        }) > 0;
    }

    /** The customer links of every derived record: {@code [kind, value]} pairs in the mapping's order. */
    public Map<SourceRef, List<List<String>>> links() {
        Map<SourceRef, List<List<String>>> out = new HashMap<>();
        String sql = "select source, object_type, record_id, links from derived_record";
        query(sql, "reading the derived records' customer links", ps -> {
        }, rs -> {
            out.put(new SourceRef(rs.getString(1), rs.getString(2), rs.getString(3)), fromJson(rs.getString(4)));
            return null;
        });
        return out;
    }

    /**
     * Stores the links of records just derived and forgets those of records that no longer have any (deleted,
     * or of an object no longer mapped); unchanged rows are not written.
     *
     * @return how many rows were inserted, changed or deleted
     */
    public int saveLinks(Map<SourceRef, List<List<String>>> links, Collection<SourceRef> forget) {
        String upsert = """
                insert into derived_record (source, object_type, record_id, links, derived_at) values (?, ?, ?, ?::jsonb, now())
                on conflict (source, object_type, record_id) do update set links = excluded.links, derived_at = now()
                 where derived_record.links is distinct from excluded.links
                """;
        String delete = "delete from derived_record where source = ? and object_type = ? and record_id = ?";
        return inTransaction("storing the customer links of " + links.size() + " derived records", c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                for (Map.Entry<SourceRef, List<List<String>>> e : links.entrySet()) {
                    bindRef(ps, 1, e.getKey());
                    ps.setString(4, RawStore.toJson(e.getValue()));
                    ps.addBatch();
                }
                n += sum(ps.executeBatch());
            }
            try (PreparedStatement ps = c.prepareStatement(delete)) {
                for (SourceRef ref : forget) {
                    bindRef(ps, 1, ref);
                    ps.addBatch();
                }
                n += sum(ps.executeBatch());
            }
            return n;
        });
    }

    /**
     * Replaces what is stored as unmapped for these records with {@code rows} (each of one of them): rows that
     * are still true are left as they are, so their derived_at says since when the record has been unmapped.
     *
     * @return how many rows were inserted or deleted
     */
    public int replaceUnmapped(Collection<SourceRef> records, List<UnmappedRow> rows) {
        Set<SourceRef> ids = new LinkedHashSet<>(records);
        Set<UnmappedRow> wanted = new LinkedHashSet<>(rows);
        for (UnmappedRow row : wanted) {
            if (!ids.contains(row.ref())) {
                throw new IllegalArgumentException("unmapped row of " + row.ref() + " is not one of the records re-derived");
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        return inTransaction("storing the unmapped rows of " + ids.size() + " records", c -> {
            Set<UnmappedRow> stored = new HashSet<>(unmapped(c, ids));
            List<UnmappedRow> gone = stored.stream().filter(r -> !wanted.contains(r)).toList();
            List<UnmappedRow> added = wanted.stream().filter(r -> !stored.contains(r)).toList();
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    delete from unmapped_record where source = ? and object_type = ? and record_id = ?
                       and rule_type is not distinct from ? and reason = ?
                    """)) {
                for (UnmappedRow r : gone) {
                    bindRef(ps, 1, r.ref());
                    ps.setString(4, r.ruleType());
                    ps.setString(5, r.reason());
                    ps.addBatch();
                }
                n += sum(ps.executeBatch());
            }
            // One row per record and rule: a rule whose reason changed replaces its old row.
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into unmapped_record (source, object_type, record_id, rule_type, reason) values (?, ?, ?, ?, ?)
                    on conflict (source, object_type, record_id, coalesce(rule_type, ''))
                    do update set reason = excluded.reason, derived_at = now()
                    """)) {
                for (UnmappedRow r : added) {
                    bindRef(ps, 1, r.ref());
                    ps.setString(4, r.ruleType());
                    ps.setString(5, r.reason());
                    ps.addBatch();
                }
                n += sum(ps.executeBatch());
            }
            return n;
        });
    }

    /** Every unmapped row, by record: also the rules that could not make a touchpoint of a record that made others. */
    public List<UnmappedRow> unmapped() {
        String sql = "select source, object_type, record_id, rule_type, reason from unmapped_record"
                + " order by source, object_type, record_id, rule_type nulls first";
        return query(sql, "reading the unmapped records", ps -> {
        }, rs -> new UnmappedRow(new SourceRef(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4),
                rs.getString(5)));
    }

    /**
     * A record that made no touchpoint though it was not skipped, with every reason joined ({@code no rule
     * matched}, or {@code case-opened: CreatedDate is missing; case-closed: ...}) and its payload as stored: the
     * drift report's input.
     */
    public record UnmappedRecord(SourceRef ref, String reason, Map<String, Object> payload) {
    }

    /** The records that made no touchpoint at all, with their reasons and payloads, by record. */
    public List<UnmappedRecord> unmappedRecords() {
        String sql = """
                select u.source, u.object_type, u.record_id, u.reason, r.payload
                  from (select source, object_type, record_id,
                               string_agg(case when rule_type is null then reason else rule_type || ': ' || reason end,
                                          '; ' order by rule_type nulls first) as reason
                          from unmapped_record group by source, object_type, record_id) u
                  join raw_record r on r.source = u.source and r.object_type = u.object_type
                                   and r.record_id = u.record_id
                 where not exists (select 1 from touchpoint t where t.source = u.source
                                     and t.object_type = u.object_type and t.record_id = u.record_id)
                 order by u.source, u.object_type, u.record_id
                """;
        return query(sql, "reading the unmapped records", ps -> {
        }, rs -> new UnmappedRecord(new SourceRef(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4),
                RawStore.fromJson(rs.getString(5))));
    }

    /** How many records made no touchpoint at all though they were not skipped. */
    public long unmappedRecordCount() {
        String sql = """
                select count(distinct (u.source, u.object_type, u.record_id)) from unmapped_record u
                 where not exists (select 1 from touchpoint t where t.source = u.source
                                     and t.object_type = u.object_type and t.record_id = u.record_id)
                """;
        return query(sql, "counting the unmapped records", ps -> {
        }, rs -> rs.getLong(1)).get(0);
    }

    /**
     * Forgets the touchpoints, links and unmapped rows of every object not in {@code derived} (a mapping file
     * removed, or turned into reference data), and of records raw_record no longer has.
     *
     * @return how many touchpoints were deleted
     */
    public int forgetAllBut(Collection<ObjectType> derived) {
        List<String> keep = derived.stream().map(o -> o.source() + "/" + o.objectType()).toList();
        return inTransaction("forgetting what objects no longer mapped yielded", c -> {
            int touchpoints = 0;
            for (String table : List.of("touchpoint", "derived_record", "unmapped_record")) {
                String sql = "delete from " + table + " t where (t.source || '/' || t.object_type) <> all (?)"
                        + " or not exists (select 1 from raw_record r where r.source = t.source"
                        + " and r.object_type = t.object_type and r.record_id = t.record_id)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setArray(1, c.createArrayOf("text", keep.toArray()));
                    int deleted = ps.executeUpdate();
                    touchpoints += table.equals("touchpoint") ? deleted : 0;
                }
            }
            return touchpoints;
        });
    }

    private static List<UnmappedRow> unmapped(Connection c, Set<SourceRef> refs) throws SQLException {
        String sql = """
                select u.source, u.object_type, u.record_id, u.rule_type, u.reason
                  from unmapped_record u
                  join unnest(?::text[], ?::text[], ?::text[]) as k(source, object_type, record_id)
                    on u.source = k.source and u.object_type = k.object_type and u.record_id = k.record_id
                """;
        List<UnmappedRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", refs.stream().map(SourceRef::source).toArray()));
            ps.setArray(2, c.createArrayOf("text", refs.stream().map(SourceRef::objectType).toArray()));
            ps.setArray(3, c.createArrayOf("text", refs.stream().map(SourceRef::recordId).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UnmappedRow(new SourceRef(rs.getString(1), rs.getString(2), rs.getString(3)),
                            rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    private static StoredRecord row(String source, String objectType, ResultSet rs) throws SQLException {
        return new StoredRecord(new SourceRef(source, objectType, rs.getString(1)), rs.getBoolean(2),
                RawStore.fromJson(rs.getString(3)), rs.getTimestamp(4).toInstant());
    }

    private static List<List<String>> fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, LINKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored customer links cannot be read: " + e.getMessage(), e);
        }
    }

    static void bindRef(PreparedStatement ps, int first, SourceRef ref) throws SQLException {
        ps.setString(first, ref.source());
        ps.setString(first + 1, ref.objectType());
        ps.setString(first + 2, ref.recordId());
    }

    static int sum(int[] counts) {
        int n = 0;
        for (int count : counts) {
            n += Math.max(count, 0);
        }
        return n;
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    interface Work {
        int run(Connection c) throws SQLException;
    }

    private <T> List<T> query(String sql, String what, Binder binder, Reader<T> reader) {
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

    private int update(String sql, String what, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private int inTransaction(String what, Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n = work.run(c);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }
}
