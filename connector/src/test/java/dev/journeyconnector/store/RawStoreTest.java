package dev.journeyconnector.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawStoreTest {
    private static final Instant T1 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-06-02T10:00:00Z");

    private RawStore store;

    @BeforeEach
    void setUp() {
        store = new RawStore(TestStore.clean().dataSource());
    }

    @Test
    void storingTheSameVersionTwiceStoresNothingTheSecondTime() {
        List<RawRecord> page = List.of(record("003A", T1, "Ada"), record("003B", T1, "Bo"));

        assertThat(store.storePage("salesforce", "Contact", page, Map.of("n", 1))).isEqualTo(2);
        assertThat(store.storePage("salesforce", "Contact", page, Map.of("n", 2))).isZero();
        assertThat(store.count("salesforce", "Contact")).isEqualTo(2);
        assertThat(store.cursor("salesforce", "Contact")).contains(Map.of("n", 2));
    }

    @Test
    void aNewerVersionReplacesTheStoredOneAndAnOlderOneDoesNot() {
        store.storePage("salesforce", "Contact", List.of(record("003A", T2, "Ada Lovelace")), null);

        assertThat(store.storePage("salesforce", "Contact", List.of(record("003A", T1, "Ada")), null)).isZero();
        assertThat(store.records("salesforce", "Contact")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("LastName", "Ada Lovelace"));
    }

    @Test
    void aTombstoneHidesTheRecordFromLaterStages() {
        store.storePage("salesforce", "Contact", List.of(record("003A", T1, "Ada")), null);

        assertThat(store.storePage("salesforce", "Contact",
                List.of(new RawRecord("003A", T1, true, Map.of("Id", "003A", "IsDeleted", true))), null)).isEqualTo(1);
        assertThat(store.records("salesforce", "Contact")).isEmpty();
    }

    @Test
    void aPageThatFailsStoresNoneOfItsRecordsAndLeavesTheCursor() {
        store.storePage("salesforce", "Contact", List.of(record("003A", T1, "Ada")), Map.of("at", "first"));
        List<RawRecord> bad = new ArrayList<>(List.of(record("003B", T2, "Bo")));
        bad.add(new RawRecord(null, T2, false, Map.of()));

        assertThatThrownBy(() -> store.storePage("salesforce", "Contact", bad, Map.of("at", "second")))
                .isInstanceOf(StoreException.class).hasMessageContaining("salesforce Contact");
        assertThat(store.count("salesforce", "Contact")).isEqualTo(1);
        assertThat(store.cursor("salesforce", "Contact")).contains(Map.of("at", "first"));
    }

    private static RawRecord record(String id, Instant version, String lastName) {
        return new RawRecord(id, version, false, Map.of("Id", id, "LastName", lastName, "SystemModstamp", version));
    }
}
