package dev.journeyconnector.writeback;

import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.DriftStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.WritebackLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ops admin's drift alert: one Task, open while the score is above its threshold, completed after. */
class DriftAlertTest {
    private static final String OPS = "005Jx0000000003IAA";
    private static final OrgCapabilities ANY_ORG = new OrgCapabilities(false, false, List.of());

    private Database db;
    private DriftStore drift;
    private WritebackLedger ledger;

    @BeforeEach
    void setUp() {
        db = TestStore.clean();
        drift = new DriftStore(db.dataSource());
        ledger = new WritebackLedger(db.dataSource());
    }

    @Test
    void aDriftAboveTheThresholdIsAnOpenHighPriorityTaskForTheOpsAdmin() {
        drift.save(new DriftStore.StoredReport(0.3141, 0.25, true, Instant.parse("2026-11-23T10:00:00Z"), "{}"));

        List<CrmWrite> writes = alert(OPS).wanted(ANY_ORG, ledger.entries(DriftAlert.KIND).keySet()).writes();

        assertThat(writes).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo(DriftAlert.KEY);
            assertThat(w.fields()).containsEntry("Subject", "[Journey] Journey map drift 0.31 is above 0.25")
                    .containsEntry("OwnerId", OPS).containsEntry("Priority", "High")
                    .containsEntry("Status", "Not Started");
            assertThat((String) w.fields().get("Description")).contains("journey drift")
                    .endsWith("\n" + DriftAlert.MARKER);
        });
    }

    @Test
    void aScoreMovingInTheThirdDecimalChangesNothing() {
        drift.save(new DriftStore.StoredReport(0.3141, 0.25, true, Instant.parse("2026-11-23T10:00:00Z"), "{}"));
        String before = alert(OPS).wanted(ANY_ORG, ledger.entries(DriftAlert.KIND).keySet()).writes().get(0).contentHash();
        drift.save(new DriftStore.StoredReport(0.3139, 0.25, true, Instant.parse("2026-11-23T10:05:00Z"), "{}"));

        assertThat(alert(OPS).wanted(ANY_ORG, ledger.entries(DriftAlert.KIND).keySet()).writes().get(0).contentHash()).isEqualTo(before);
    }

    @Test
    void withinTheThresholdNothingIsWrittenUnlessAnAlertWasOpenWhichIsThenCompleted() {
        drift.save(new DriftStore.StoredReport(0.12, 0.25, false, Instant.parse("2026-11-23T10:00:00Z"), "{}"));
        assertThat(alert(OPS).wanted(ANY_ORG, ledger.entries(DriftAlert.KIND).keySet()).writes()).isEmpty();

        ledger.markSending(List.of(new WritebackLedger.Entry(DriftAlert.KIND, DriftAlert.KEY, "Task", null, "h",
                WritebackLedger.State.SENDING, null)));
        ledger.recordOutcomes(List.of(new WritebackLedger.Entry(DriftAlert.KIND, DriftAlert.KEY, "Task",
                "00TJx0000000001IAA", "h", WritebackLedger.State.WRITTEN, null)));

        assertThat(alert(OPS).wanted(ANY_ORG, ledger.entries(DriftAlert.KIND).keySet()).writes()).singleElement().satisfies(w ->
                assertThat(w.fields()).containsEntry("Status", "Completed")
                        .containsEntry("Subject", "[Journey] Journey map drift back under 0.25"));
    }

    @Test
    void withoutAnOpsOwnerTheAlertIsCountedAsNotWritten() {
        drift.save(new DriftStore.StoredReport(0.4, 0.25, true, Instant.parse("2026-11-23T10:00:00Z"), "{}"));

        WriteSource.Wanted wanted = alert(null).wanted(ANY_ORG, ledger.entries(DriftAlert.KIND).keySet());

        assertThat(wanted.writes()).isEmpty();
        assertThat(wanted.skipped()).containsOnlyKeys(DriftAlert.NO_OPS_OWNER);
    }

    private DriftAlert alert(String opsOwner) {
        return new DriftAlert(drift, WriteBackSettings.defaults().withOwners(null, opsOwner));
    }
}
