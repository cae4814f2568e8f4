package dev.journeyconnector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.journeyconnector.app.JourneyConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The connector's PostgreSQL: an external one when JOURNEY_DB_URL is set, otherwise an embedded server
 * whose data directory lives under the data dir and survives restarts. Either way a pooled DataSource
 * with the schema migrated by Flyway.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedServer embedded;
    private final HikariDataSource pool;
    private final int migrationsApplied;

    private Database(EmbeddedServer embedded, HikariDataSource pool, int migrationsApplied) {
        this.embedded = embedded;
        this.pool = pool;
        this.migrationsApplied = migrationsApplied;
    }

    public static Database open(JourneyConfig.Database settings, Path dataDir) {
        EmbeddedServer embedded = null;
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("journey-store");
        hikari.setMaximumPoolSize(settings.poolSize());
        // Fail a start against an unreachable database in seconds, not Hikari's default 30.
        hikari.setConnectionTimeout(10_000);
        try {
            if (settings.embedded()) {
                embedded = EmbeddedServer.start(dataDir);
                hikari.setJdbcUrl(embedded.jdbcUrl());
                hikari.setUsername("postgres");
            } else {
                hikari.setJdbcUrl(settings.url());
                hikari.setUsername(settings.user());
                hikari.setPassword(settings.password());
            }
            HikariDataSource pool = new HikariDataSource(hikari);
            int applied = migrate(pool);
            return new Database(embedded, pool, applied);
        } catch (StoreException e) {
            closeQuietly(embedded);
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw new StoreException("cannot open the store "
                    + (settings.embedded() ? "(embedded PostgreSQL under " + dataDir.resolve("postgres") + ")"
                    : "at JOURNEY_DB_URL") + ": " + rootMessage(e), e);
        }
    }

    private static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Store schema migrated to version {} ({} migration(s) applied)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
        return result.migrationsExecuted;
    }

    public DataSource dataSource() {
        return pool;
    }

    public boolean embedded() {
        return embedded != null;
    }

    /** How many Flyway migrations this open applied (0 when the schema was already current). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /**
     * Forgets everything learned from the CRM (raw records, cursors, what was written back, the journey
     * derived from them) while keeping the run history: for when the org itself starts over, as the
     * sandbox does on --sandbox-reset.
     * Keeping it would leave cursors past every record and a ledger of Tasks the org no longer has.
     */
    public void forgetOrgData() {
        try (var c = pool.getConnection(); var s = c.createStatement()) {
            s.execute("truncate raw_record, source_cursor, writeback_record, writeback_dead_letter, writeback_budget,"
                    + " store_binding, touchpoint, customer,"
                    + " identity_review, unmapped_record, derived_record, derivation_state, drift_report, finding,"
                    + " insight_state, evaluation_due, evaluation_request");
        } catch (java.sql.SQLException e) {
            throw new StoreException("clearing the store for a reset org failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedServer server) {
        if (server != null) {
            server.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
