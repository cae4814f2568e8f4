package dev.journeyconnector.store;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the drift report reads from the store, streamed (a large journey is never held as rows twice), and the
 * latest report it keeps. Each read is one query: the touchpoints of resolved customers with their persona, and
 * the payloads of the records that made touchpoints; the unmapped records come from
 * {@link DerivationStore#unmappedRecords()}.
 */
public final class DriftStore {
    /** Rows a streamed read holds in memory at once. */
    private static final int FETCH_SIZE = 2000;

    /** One touchpoint of a resolved customer, as the drift report sees it. */
    @FunctionalInterface
    public interface TouchpointVisitor {
        void visit(String customerKey, String personaId, String type, String stage, Instant occurredAt);
    }

    /** One stored record that made at least one touchpoint. */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(String source, String objectType, Map<String, Object> payload);
    }

    /**
     * The latest report as stored.
     *
     * @param score      the drift score, 0..1, three decimals
     * @param threshold  the alert threshold it was compared with
     * @param alert      whether the score was above it
     * @param computedAt the report's time
     * @param reportJson the whole report as JSON
     */
    public record StoredReport(double score, double threshold, boolean alert, Instant computedAt, String reportJson) {
        public StoredReport {
            Objects.requireNonNull(computedAt, "computedAt");
            Objects.requireNonNull(reportJson, "reportJson");
        }
    }

    private final DataSource dataSource;

    public DriftStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every touchpoint whose customer is resolved and stored, with the customer's persona. Touchpoints without a
     * customer (on the identity review list, or not resolved yet) have no persona and are left out.
     *
     * @return how many were visited
     */
    public long touchpointsOfResolvedCustomers(TouchpointVisitor visitor) {
        String sql = """
                select t.customer_key, c.persona_id, t.type, t.stage, t.occurred_at
                  from touchpoint t join customer c on c.customer_key = t.customer_key
                """;
        return stream(sql, "reading the touchpoints of resolved customers",
                rs -> visitor.visit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
    }

    /**
     * The payload of every stored record that made at least one touchpoint: what the fields of unmapped records
     * are compared with.
     *
     * @return how many were visited
     */
    public long recordsWithTouchpoints(RecordVisitor visitor) {
        String sql = """
                select r.source, r.object_type, r.payload
                  from raw_record r
                 where exists (select 1 from touchpoint t where t.source = r.source and t.object_type = r.object_type
                                                           and t.record_id = r.record_id)
                """;
        return stream(sql, "reading the records that made touchpoints",
                rs -> visitor.visit(rs.getString(1), rs.getString(2), RawStore.fromJson(rs.getString(3))));
    }

    /** Keeps {@code report} as the latest, replacing the one before. */
    public void save(StoredReport report) {
        String sql = """
                insert into drift_report (id, score, threshold, alert, computed_at, report)
                values (true, ?, ?, ?, ?, ?::jsonb)
                on conflict (id) do update
                   set score = excluded.score, threshold = excluded.threshold, alert = excluded.alert,
                       computed_at = excluded.computed_at, report = excluded.report
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBigDecimal(1, BigDecimal.valueOf(report.score()));
            ps.setDouble(2, report.threshold());
            ps.setBoolean(3, report.alert());
            ps.setTimestamp(4, Timestamp.from(report.computedAt()));
            ps.setString(5, report.reportJson());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("storing the drift report failed: " + e.getMessage(), e);
        }
    }

    /** The latest report, or empty when none was computed for this store yet. */
    public Optional<StoredReport> latest() {
        String sql = "select score, threshold, alert, computed_at, report from drift_report";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredReport(rs.getBigDecimal(1).doubleValue(), rs.getDouble(2), rs.getBoolean(3),
                    rs.getTimestamp(4).toInstant(), rs.getString(5)));
        } catch (SQLException e) {
            throw new StoreException("reading the drift report failed: " + e.getMessage(), e);
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a query and hands each row to {@code reader} as it arrives. PostgreSQL's driver streams with a cursor
     * only inside a transaction and with a fetch size; otherwise it reads the whole result into memory first
     * (https://jdbc.postgresql.org/documentation/query/#getting-results-based-on-a-cursor).
     */
    private long stream(String sql, String what, RowReader reader) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                        n++;
                    }
                }
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }
}
