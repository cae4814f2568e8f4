package dev.journeyconnector.store;

import dev.journeyconnector.app.JourneyConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL for the whole test JVM (starting one costs seconds); {@link #clean()} empties
 * the tables between tests.
 */
public final class TestStore {
    private static Database database;

    private TestStore() {
    }

    public static synchronized Database database() {
        if (database == null) {
            try {
                Path dir = Files.createTempDirectory("journey-test-store");
                database = Database.open(new JourneyConfig.Database("", "", "", 4), dir);
                Runtime.getRuntime().addShutdownHook(new Thread(database::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }

    public static Database clean() {
        Database db = database();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate raw_record, source_cursor, writeback_record, writeback_dead_letter, writeback_budget, connector_run, store_binding, touchpoint, customer, identity_review,"
                    + " unmapped_record, derived_record, derivation_state, drift_report, finding, insight_state,"
                    + " evaluation_due, evaluation_request");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }
}
