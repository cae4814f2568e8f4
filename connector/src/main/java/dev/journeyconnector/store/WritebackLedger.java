package dev.journeyconnector.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the connector has written into the CRM, by its own key. A row goes to {@code sending} before a
 * record is sent and to {@code written} with the CRM's id once it is stored there, so a crash in between
 * is visible on the next run (and reconciled instead of written twice).
 */
public final class WritebackLedger {

    public enum State { SENDING, WRITTEN, FAILED }

    /** One ledger row. */
    public record Entry(String kind, String key, String crmObject, String crmId, String contentHash, State state,
                        String lastError) {
    }

    private final DataSource dataSource;

    public WritebackLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every entry of one kind, by key. */
    public Map<String, Entry> entries(String kind) {
        String sql = "select record_key, crm_object, crm_id, content_hash, state, last_error from writeback_record where kind = ?";
        Map<String, Entry> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Entry(kind, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), State.valueOf(rs.getString(5)), rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the write-back ledger failed: " + e.getMessage(), e);
        }
    }

    /** Marks entries as about to be sent, keeping any CRM id already known. */
    public void markSending(Collection<Entry> entries) {
        String sql = """
                insert into writeback_record (kind, record_key, crm_object, crm_id, content_hash, state, last_error, updated_at)
                values (?, ?, ?, ?, ?, 'SENDING', null, now())
                on conflict (kind, record_key) do update
                   set crm_object = excluded.crm_object, crm_id = coalesce(excluded.crm_id, writeback_record.crm_id),
                       content_hash = excluded.content_hash, state = 'SENDING', last_error = null, updated_at = now()
                """;
        batch(sql, entries, (ps, e) -> {
            ps.setString(1, e.kind());
            ps.setString(2, e.key());
            ps.setString(3, e.crmObject());
            ps.setString(4, e.crmId());
            ps.setString(5, e.contentHash());
        });
    }

    /** Records the outcome of sends: written with the CRM id, or failed with the reason. */
    public void recordOutcomes(Collection<Entry> entries) {
        String sql = """
                update writeback_record set crm_id = coalesce(?, crm_id), state = ?, last_error = ?, updated_at = now()
                 where kind = ? and record_key = ?
                """;
        batch(sql, entries, (ps, e) -> {
            ps.setString(1, e.crmId());
            ps.setString(2, e.state().name());
            ps.setString(3, e.lastError());
            ps.setString(4, e.kind());
            ps.setString(5, e.key());
        });
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
}
