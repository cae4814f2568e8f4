package dev.journeyconnector.store;

import dev.journeyconnector.app.JourneyConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void anExternalDatabaseIsUsedWhenAUrlIsSetAndNothingIsStartedUnderTheDataDir() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start();
             Database db = Database.open(new JourneyConfig.Database(external.getJdbcUrl("postgres", "postgres"),
                     "postgres", "", 2), dataDir)) {
            assertThat(db.embedded()).isFalse();
            assertThat(db.migrationsApplied()).isPositive();
            assertThat(new RawStore(db.dataSource()).count("salesforce", "Contact")).isZero();
        }
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void aSecondConnectorOnTheSameDataFolderIsRefusedWhileTheFirstRuns() {
        JourneyConfig.Database embedded = new JourneyConfig.Database("", "", "", 2);
        try (Database first = Database.open(embedded, dataDir)) {
            assertThatThrownBy(() -> Database.open(embedded, dataDir))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("another connector is running on");
            assertThat(new RawStore(first.dataSource()).count("salesforce", "Contact")).isZero();
        }
        try (Database again = Database.open(embedded, dataDir)) {
            assertThat(again.migrationsApplied()).isZero();
        }
    }

    @Test
    void anUnreachableExternalDatabaseFailsNamingTheSetting() {
        JourneyConfig.Database nowhere = new JourneyConfig.Database("jdbc:postgresql://127.0.0.1:1/journey", "u", "secret", 2);

        assertThatThrownBy(() -> Database.open(nowhere, dataDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("JOURNEY_DB_URL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void embeddedPostgresKeepsItsDataAcrossTwoRunsAndMigratesOnce() {
        JourneyConfig.Database embedded = new JourneyConfig.Database("", "", "", 2);

        try (Database first = Database.open(embedded, dataDir)) {
            assertThat(first.embedded()).isTrue();
            assertThat(first.migrationsApplied()).isPositive();
            new RawStore(first.dataSource()).storePage("salesforce", "Contact",
                    List.of(new RawRecord("003A", Instant.parse("2026-06-01T10:00:00Z"), false, Map.of("Id", "003A"))),
                    Map.of("syncedUpTo", "2026-06-01T10:00:00Z"));
        }

        try (Database second = Database.open(embedded, dataDir)) {
            assertThat(second.migrationsApplied()).isZero();
            RawStore raw = new RawStore(second.dataSource());
            assertThat(raw.count("salesforce", "Contact")).isEqualTo(1);
            assertThat(raw.cursor("salesforce", "Contact")).contains(Map.of("syncedUpTo", "2026-06-01T10:00:00Z"));
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
    }
}
