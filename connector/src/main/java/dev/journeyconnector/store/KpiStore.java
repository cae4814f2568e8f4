package dev.journeyconnector.store;

import dev.journeyconnector.insight.kpi.FindingRow;
import dev.journeyconnector.journey.Touchpoint;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What the journey KPIs are computed from ({@code dev.journeyconnector.insight.kpi}): the touchpoints of a period
 * with each customer's persona, streamed customer by customer, and the findings detected in the period. Reads
 * only; the KPIs never write.
 */
public final class KpiStore {
    /** Rows per round trip: large enough to stream quickly, small enough to keep memory flat on any store. */
    private static final int FETCH_SIZE = 5000;

    /**
     * One customer's touchpoints in the period, in time order (then by key), with their persona.
     */
    public record CustomerTouchpoints(String customerKey, String personaId, List<Touchpoint> touchpoints) {
    }

    private final DataSource dataSource;

    public KpiStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Hands every resolved customer with touchpoints in {@code [from, to)} to {@code sink}, complete and one at
     * a time: one query, ordered by customer and then as a timeline, read in pages through a cursor, so only one
     * customer's touchpoints are held at once however large the store. Touchpoints not yet given to a customer
     * (identity resolution has not run, or the record is on the review list) have no persona and are left out.
     *
     * @return how many customers were handed over
     */
    public int forEachCustomer(Instant from, Instant to, Consumer<CustomerTouchpoints> sink) {
        // "using (customer_key)" merges the two tables' customer_key into one column, so TouchpointStore's
        // column list reads unchanged.
        String sql = "select " + TouchpointStore.COLUMNS + ", persona_id from touchpoint join customer using (customer_key)"
                + " where occurred_at >= ? and occurred_at < ?"
                + " order by customer_key, occurred_at, source, object_type, record_id, type";
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL's driver only streams through a cursor inside a transaction (fetch size is ignored in
            // autocommit mode): https://jdbc.postgresql.org/documentation/query/#getting-results-based-on-a-cursor
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                int customers = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    String current = null;
                    String persona = null;
                    List<Touchpoint> touchpoints = new ArrayList<>();
                    while (rs.next()) {
                        Touchpoint t = TouchpointStore.read(rs);
                        if (!t.customerKey().equals(current)) {
                            if (current != null) {
                                sink.accept(new CustomerTouchpoints(current, persona, touchpoints));
                                customers++;
                            }
                            current = t.customerKey();
                            persona = rs.getString("persona_id");
                            touchpoints = new ArrayList<>();
                        }
                        touchpoints.add(t);
                    }
                    if (current != null) {
                        sink.accept(new CustomerTouchpoints(current, persona, touchpoints));
                        customers++;
                    }
                }
                return customers;
            } finally {
                c.rollback(); // read only: nothing to keep
            }
        } catch (SQLException e) {
            throw new StoreException("reading the touchpoints from " + from + " to " + to + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Customers with a Mailchimp list membership that made a touchpoint (list-signup): the only customers
     * campaigns can have been sent to, so the only ones whose sends need working out.
     */
    public Set<String> mailchimpMembers() {
        Set<String> out = new TreeSet<>();
        String sql = "select distinct customer_key from touchpoint where source = 'mailchimp'"
                + " and object_type = 'members' and customer_key is not null";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the customers on Mailchimp lists failed: " + e.getMessage(), e);
        }
    }

    /**
     * The findings detected in {@code [from, to)}, open or resolved since, as the KPIs count them; empty when the
     * rules have never been evaluated on this store (then there is nothing to count yet, which is not zero).
     */
    public Optional<List<FindingRow>> findings(Instant from, Instant to) {
        String evaluated = "select count(*) from insight_state";
        String sql = """
                select rule_id, kind, customer_key, persona_id, handoff_from, handoff_to, detected_at from finding
                 where detected_at >= ? and detected_at < ?
                 order by detected_at, finding_key
                """;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(evaluated); ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return Optional.empty();
                }
            }
            List<FindingRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        FindingRow.Kind kind = FindingRow.Kind.parse(rs.getString(2));
                        // a gap stored without one side is still counted, under "unknown" rather than dropped
                        out.add(new FindingRow(rs.getString(1), kind, rs.getString(3), rs.getString(4),
                                side(kind, rs.getString(5)), side(kind, rs.getString(6)),
                                rs.getTimestamp(7).toInstant()));
                    }
                }
            }
            return Optional.of(out);
        } catch (SQLException e) {
            throw new StoreException("reading the findings detected from " + from + " to " + to + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static String side(FindingRow.Kind kind, String value) {
        return kind == FindingRow.Kind.HANDOFF_GAP && (value == null || value.isBlank()) ? "unknown" : value;
    }
}
