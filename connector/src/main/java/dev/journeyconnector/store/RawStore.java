package dev.journeyconnector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raw records and the cursors of the pulls that brought them. A page of records and the cursor that
 * follows it are committed in one transaction: a crash leaves either both or neither, so a restarted pull
 * resumes exactly where the stored records end. A record already stored with the same or a newer
 * version is left alone, so re-reading an overlap window stores nothing twice.
 */
public final class RawStore {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public RawStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a page and moves the cursor, atomically.
     *
     * @return how many records were new or changed (records already stored at this version do not count)
     */
    public int storePage(String source, String objectType, List<RawRecord> records, Map<String, Object> cursor) {
        String upsert = """
                insert into raw_record (source, object_type, record_id, version_time, deleted, payload)
                values (?, ?, ?, ?, ?, ?::jsonb)
                on conflict (source, object_type, record_id) do update
                   set version_time = excluded.version_time, deleted = excluded.deleted,
                       payload = excluded.payload, stored_at = now()
                 where raw_record.version_time < excluded.version_time
                    or raw_record.deleted <> excluded.deleted
                """;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed = 0;
                try (PreparedStatement ps = c.prepareStatement(upsert)) {
                    for (RawRecord r : records) {
                        ps.setString(1, source);
                        ps.setString(2, objectType);
                        ps.setString(3, r.recordId());
                        ps.setTimestamp(4, Timestamp.from(r.versionTime()));
                        ps.setBoolean(5, r.deleted());
                        ps.setString(6, toJson(r.payload()));
                        ps.addBatch();
                    }
                    for (int n : ps.executeBatch()) {
                        changed += Math.max(n, 0);
                    }
                }
                if (cursor != null) {
                    writeCursor(c, source, objectType, cursor);
                }
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("storing " + records.size() + " " + source + " " + objectType
                    + " records failed: " + e.getMessage(), e);
        }
    }

    public Optional<Map<String, Object>> cursor(String source, String objectType) {
        String sql = "select position from source_cursor where source = ? and object_type = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            ps.setString(2, objectType);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(fromJson(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the " + source + " " + objectType + " cursor failed: " + e.getMessage(), e);
        }
    }

    /** Every stored, not deleted record of one object, as the source sent it. */
    public List<Map<String, Object>> records(String source, String objectType) {
        String sql = "select payload from raw_record where source = ? and object_type = ? and not deleted order by record_id";
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            ps.setString(2, objectType);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(fromJson(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading " + source + " " + objectType + " records failed: " + e.getMessage(), e);
        }
    }

    /**
     * One field of every stored, not deleted record of one object, by record id (records without the field are
     * left out): what a stage needs of a large object without reading every payload.
     */
    public Map<String, String> field(String source, String objectType, String field) {
        return field(source, objectType, field, null);
    }

    /**
     * One field of the given records of one object, by record id: for looking up a few parents, not a whole object.
     *
     * @param ids the records; null for every stored, not deleted one
     */
    public Map<String, String> field(String source, String objectType, String field, java.util.Collection<String> ids) {
        if (ids != null && ids.isEmpty()) {
            return Map.of();
        }
        String sql = "select record_id, payload ->> ? from raw_record where source = ? and object_type = ?"
                + (ids == null ? " and not deleted" : " and record_id = any (?)") + " and payload ->> ? is not null";
        Map<String, String> out = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, field);
            ps.setString(i++, source);
            ps.setString(i++, objectType);
            if (ids != null) {
                ps.setArray(i++, c.createArrayOf("text", ids.toArray()));
            }
            ps.setString(i, field);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading " + source + " " + objectType + "." + field + " failed: " + e.getMessage(), e);
        }
    }

    public long count(String source, String objectType) {
        String sql = "select count(*) from raw_record where source = ? and object_type = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            ps.setString(2, objectType);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("counting " + source + " " + objectType + " records failed: " + e.getMessage(), e);
        }
    }

    private static void writeCursor(Connection c, String source, String objectType, Map<String, Object> cursor)
            throws SQLException {
        String sql = """
                insert into source_cursor (source, object_type, position, updated_at) values (?, ?, ?::jsonb, now())
                on conflict (source, object_type) do update set position = excluded.position, updated_at = now()
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, source);
            ps.setString(2, objectType);
            ps.setString(3, toJson(cursor));
            ps.executeUpdate();
        }
    }

    static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be stored as JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read: " + e.getMessage(), e);
        }
    }
}
