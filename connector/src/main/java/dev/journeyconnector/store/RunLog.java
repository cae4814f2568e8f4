package dev.journeyconnector.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/** One row per connector run, with its summary, so a later run or the console can show history. */
public final class RunLog {
    private final DataSource dataSource;

    public RunLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long started(Instant at, String mode) {
        String sql = "insert into connector_run (started_at, mode) values (?, ?) returning id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, mode);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("recording the run's start failed: " + e.getMessage(), e);
        }
    }

    public void finished(long runId, Map<String, Object> summary) {
        String sql = "update connector_run set finished_at = now(), summary = ?::jsonb where id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, RawStore.toJson(summary));
            ps.setLong(2, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording the run's summary failed: " + e.getMessage(), e);
        }
    }

    public long count() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) from connector_run");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting runs failed: " + e.getMessage(), e);
        }
    }
}
