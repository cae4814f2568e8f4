package dev.journeyconnector.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the connector has written into the CRM, by its own key. A row goes to {@code SENDING} (with a locator: how to
 * find the record again) before a record is sent and to {@code WRITTEN} with the CRM's id once it is stored there,
 * so a crash in between is visible on the next run and reconciled instead of written twice. Records Salesforce
 * refused for good are {@code DEAD}, with their payload and reason in the dead-letter table.
 */
public final class WritebackLedger {

    public enum State {
        /** In flight: sent, or about to be, and not yet answered. */
        SENDING,
        /** Salesforce holds this content under crm_id. */
        WRITTEN,
        /** Not written for a passing reason (a lock, the budget, a rejected call): planned again next cycle. */
        FAILED,
        /** Refused for good: never sent again until {@link #retryDead} hands it back. */
        DEAD
    }

    /**
     * One ledger row.
     *
     * @param locator   how to find the record in Salesforce after a crash, e.g. {@code {marker, whoId}} or
     *                  {@code {externalIdField, externalId}}; may be empty
     * @param updatedAt when the row last changed (for a SENDING row: when the send began); null before it is stored
     */
    public record Entry(String kind, String key, String crmObject, String crmId, String contentHash, State state,
                        String lastError, Map<String, String> locator, Instant updatedAt) {
        public Entry {
            locator = locator == null ? Map.of() : Map.copyOf(locator);
        }

        public Entry(String kind, String key, String crmObject, String crmId, String contentHash, State state,
                     String lastError) {
            this(kind, key, crmObject, crmId, contentHash, state, lastError, Map.of(), null);
        }
    }

    /**
     * A record Salesforce refused for a reason retrying cannot fix.
     *
     * @param operation create, update or upsert
     * @param payload   the fields that were sent
     * @param fields    the fields Salesforce named
     */
    public record DeadLetter(String kind, String key, String crmObject, String operation, Map<String, Object> payload,
                             String statusCode, String message, List<String> fields, Instant failedAt, int attempts) {
        public DeadLetter {
            payload = payload == null ? Map.of() : payload;
            fields = fields == null ? List.of() : List.copyOf(fields);
        }
    }

    private final DataSource dataSource;

    public WritebackLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every entry of one kind, by key. */
    public Map<String, Entry> entries(String kind) {
        return select("where kind = ?", kind);
    }

    /** The entries left in flight by an earlier run (a crash between sending and storing), by kind and key. */
    public List<Entry> inFlight() {
        return new ArrayList<>(select("where state = 'SENDING'", null).values());
    }

    /**
     * The entries {@code where} selects, read through a cursor: PostgreSQL's driver streams only inside a transaction
     * and with a fetch size, and otherwise holds the whole result (every entry of a kind: one per finding or Contact)
     * in memory beside the map built from it
     * (https://jdbc.postgresql.org/documentation/query/#getting-results-based-on-a-cursor).
     */
    private Map<String, Entry> select(String where, String kind) {
        String sql = "select kind, record_key, crm_object, crm_id, content_hash, state, last_error, locator, updated_at"
                + " from writeback_record " + where;
        Map<String, Entry> out = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (kind != null) {
                    ps.setString(1, kind);
                }
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String locator = rs.getString(8);
                        @SuppressWarnings({"unchecked", "rawtypes"})
                        Map<String, String> loc = locator == null ? Map.of() : (Map) RawStore.fromJson(locator);
                        Entry e = new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), State.valueOf(rs.getString(6)), rs.getString(7), loc,
                                rs.getTimestamp(9).toInstant());
                        out.put(kind != null ? e.key() : e.kind() + "\u0000" + e.key(), e);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the write-back ledger failed: " + e.getMessage(), e);
        }
    }

    /** Marks entries as about to be sent, keeping any CRM id already known. */
    public void markSending(Collection<Entry> entries) {
        String sql = """
                insert into writeback_record (kind, record_key, crm_object, crm_id, content_hash, state, last_error,
                                              locator, updated_at)
                values (?, ?, ?, ?, ?, 'SENDING', null, ?::jsonb, now())
                on conflict (kind, record_key) do update
                   set crm_object = excluded.crm_object, crm_id = coalesce(excluded.crm_id, writeback_record.crm_id),
                       content_hash = excluded.content_hash, state = 'SENDING', last_error = null,
                       locator = excluded.locator, updated_at = now()
                """;
        batch(sql, entries, (ps, e) -> {
            ps.setString(1, e.kind());
            ps.setString(2, e.key());
            ps.setString(3, e.crmObject());
            ps.setString(4, e.crmId());
            ps.setString(5, e.contentHash());
            ps.setString(6, RawStore.toJson(e.locator()));
        });
    }

    /**
     * Records the outcome of sends: written with the CRM id (and, when given, the content hash it now holds), or
     * failed with the reason. A DEAD outcome goes through {@link #deadLetter} instead.
     */
    public void recordOutcomes(Collection<Entry> entries) {
        String sql = """
                update writeback_record set crm_id = coalesce(?, crm_id), state = ?, last_error = ?,
                       content_hash = coalesce(?, content_hash), updated_at = now()
                 where kind = ? and record_key = ?
                """;
        batch(sql, entries, (ps, e) -> {
            ps.setString(1, e.crmId());
            ps.setString(2, e.state().name());
            ps.setString(3, e.lastError());
            ps.setString(4, e.contentHash());
            ps.setString(5, e.kind());
            ps.setString(6, e.key());
        });
    }

    /** Forgets entries whose record, it turned out, was never created (a crash before Salesforce stored it). */
    public void forget(Collection<Entry> entries) {
        batch("delete from writeback_record where kind = ? and record_key = ?", entries, (ps, e) -> {
            ps.setString(1, e.kind());
            ps.setString(2, e.key());
        });
    }

    /** Marks the letters' entries DEAD and keeps each letter (a letter already there counts one more attempt). */
    public void deadLetter(Collection<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        String mark = "update writeback_record set state = 'DEAD', last_error = ?, updated_at = now()"
                + " where kind = ? and record_key = ?";
        String keep = """
                insert into writeback_dead_letter (kind, record_key, crm_object, operation, payload, status_code,
                                                   message, fields, failed_at, attempts)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, now(), 1)
                on conflict (kind, record_key) do update
                   set crm_object = excluded.crm_object, operation = excluded.operation, payload = excluded.payload,
                       status_code = excluded.status_code, message = excluded.message, fields = excluded.fields,
                       failed_at = excluded.failed_at, attempts = writeback_dead_letter.attempts + 1
                """;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement m = c.prepareStatement(mark); PreparedStatement k = c.prepareStatement(keep)) {
                for (DeadLetter d : letters) {
                    m.setString(1, (d.statusCode() == null ? "" : d.statusCode() + ": ") + d.message());
                    m.setString(2, d.kind());
                    m.setString(3, d.key());
                    m.addBatch();
                    k.setString(1, d.kind());
                    k.setString(2, d.key());
                    k.setString(3, d.crmObject());
                    k.setString(4, d.operation());
                    k.setString(5, RawStore.toJson(d.payload()));
                    k.setString(6, d.statusCode());
                    k.setString(7, d.message());
                    k.setString(8, d.fields().isEmpty() ? null : String.join(",", d.fields()));
                    k.addBatch();
                }
                m.executeBatch();
                k.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("storing dead letters failed: " + e.getMessage(), e);
        }
    }

    /** The dead letters, newest first; {@code kind} null for every kind. */
    public List<DeadLetter> deadLetters(String kind) {
        String sql = "select kind, record_key, crm_object, operation, payload, status_code, message, fields, failed_at,"
                + " attempts from writeback_dead_letter" + (kind == null ? "" : " where kind = ?")
                + " order by failed_at desc, kind, record_key";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (kind != null) {
                ps.setString(1, kind);
            }
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String fields = rs.getString(8);
                    out.add(new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            RawStore.fromJson(rs.getString(5)), rs.getString(6), rs.getString(7),
                            fields == null ? List.of() : List.of(fields.split(",")), rs.getTimestamp(9).toInstant(),
                            rs.getInt(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading dead letters failed: " + e.getMessage(), e);
        }
    }

    /**
     * Hands dead letters back to the next run: their entries become FAILED (planned again) and the letters go.
     *
     * @param keys the record keys to retry; empty for every dead letter
     * @return how many were handed back
     */
    public int retryDead(Collection<String> keys) {
        String where = keys.isEmpty() ? "" : " and record_key = any (?)";
        String sql = "with retried as (delete from writeback_dead_letter where true" + where
                + " returning kind, record_key)"
                + " update writeback_record w set state = 'FAILED', last_error = 'handed back for retry', updated_at = now()"
                + " from retried r where w.kind = r.kind and w.record_key = r.record_key";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (!keys.isEmpty()) {
                ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("handing dead letters back failed: " + e.getMessage(), e);
        }
    }

    /** How many entries are in each state, by kind: kind → state → count. */
    public Map<String, Map<State, Long>> counts() {
        String sql = "select kind, state, count(*) from writeback_record group by kind, state";
        Map<String, Map<State, Long>> out = new java.util.TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new java.util.EnumMap<>(State.class))
                        .put(State.valueOf(rs.getString(2)), rs.getLong(3));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("counting write-back records failed: " + e.getMessage(), e);
        }
    }

    // The write-back's own daily budget.

    /** API calls the write-back spent on {@code day} (UTC). */
    public long callsOn(LocalDate day) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select calls from writeback_budget where day = ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("reading the write-back budget failed: " + e.getMessage(), e);
        }
    }

    /** Adds {@code calls} to {@code day}'s spending and keeps the org's usage as Salesforce last reported it. */
    public void spend(LocalDate day, long calls, long orgUsed, long orgLimit) {
        String sql = """
                insert into writeback_budget (day, calls, org_used, org_limit, updated_at) values (?, ?, ?, ?, now())
                on conflict (day) do update set calls = writeback_budget.calls + excluded.calls,
                   org_used = coalesce(excluded.org_used, writeback_budget.org_used),
                   org_limit = coalesce(excluded.org_limit, writeback_budget.org_limit), updated_at = now()
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, day);
            ps.setLong(2, calls);
            ps.setObject(3, orgUsed < 0 ? null : orgUsed);
            ps.setObject(4, orgLimit <= 0 ? null : orgLimit);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording the write-back budget failed: " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps, Entry e) throws SQLException;
    }

    private void batch(String sql, Collection<Entry> entries, Binder binder) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Entry e : entries) {
                binder.bind(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("updating the write-back ledger failed: " + e.getMessage(), e);
        }
    }

    // Read-only views for the ops admin (journey writeback status, dead-letters, retry).

    /**
     * The write-back's spending on one UTC day.
     *
     * @param orgUsed   the org's API requests in its 24-hour window as the day's last LimitInfoHeader reported them;
     *                  null when no answer that day carried the header
     * @param orgLimit  the org's daily allocation, from the same header; null likewise
     * @param updatedAt when the row last changed: the time of that report
     */
    public record Budget(LocalDate day, long calls, Long orgUsed, Long orgLimit, Instant updatedAt) {
    }

    /** {@code day}'s spending, empty when the write-back made no call that day. */
    public java.util.Optional<Budget> budgetOn(LocalDate day) {
        return budget("where day = ?", day);
    }

    /** The newest day on which Salesforce reported the org's usage: the last known usage and allocation. */
    public java.util.Optional<Budget> lastOrgUsage() {
        return budget("where org_limit is not null order by day desc limit 1", null);
    }

    private java.util.Optional<Budget> budget(String where, LocalDate day) {
        String sql = "select day, calls, org_used, org_limit, updated_at from writeback_budget " + where;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (day != null) {
                ps.setObject(1, day);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new Budget(rs.getObject(1, LocalDate.class), rs.getLong(2),
                        rs.getObject(3, Long.class), rs.getObject(4, Long.class), rs.getTimestamp(5).toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreException("reading the write-back budget failed: " + e.getMessage(), e);
        }
    }

    /** The entries with one of these record keys, of any kind (a finding's Task and record share its key). */
    public List<Entry> entriesWithKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        String sql = "select kind, record_key, crm_object, crm_id, content_hash, state, last_error, updated_at"
                + " from writeback_record where record_key = any (?) order by record_key, kind";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), State.valueOf(rs.getString(6)), rs.getString(7), Map.of(),
                            rs.getTimestamp(8).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the write-back ledger failed: " + e.getMessage(), e);
        }
    }
}
