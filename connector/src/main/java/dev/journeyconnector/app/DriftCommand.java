package dev.journeyconnector.app;

import dev.journeyconnector.insight.DriftReport;
import dev.journeyconnector.insight.DriftReportJson;
import dev.journeyconnector.insight.DriftReportText;
import dev.journeyconnector.insight.DriftStage;
import dev.journeyconnector.mapping.JourneyMap;
import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.mapping.MappingSet;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.DerivationStore;
import dev.journeyconnector.store.DriftStore;
import dev.journeyconnector.store.StoreException;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code journey drift}: the drift report of the journey the store holds, against the journey map as the mapping
 * files say now. Opens the store the connector uses (the embedded one under JOURNEY_DATA_DIR, or JOURNEY_DB_URL)
 * and reads only it: no vendor call, no sandbox. The report goes to stdout (text, or JSON with {@code --json});
 * notes about the store go to stderr, so the JSON can be piped.
 */
final class DriftCommand {

    private DriftCommand() {
    }

    static int run(JourneyConfig config, boolean json, Clock clock, PrintStream out, PrintStream err) {
        JourneyConfig.Journey journey = config.journey();
        MappingSet model;
        try {
            model = MappingCheck.load(journey.mappingsDir(), config.routesDir());
        } catch (MappingException e) {
            err.println("journey drift: the " + MappingCheck.problems(journey.mappingsDir(), config.routesDir(), e));
            err.println("Fix them (check with 'journey validate') and ask again.");
            return JourneyConnector.BAD_CONFIG;
        }
        Optional<JourneyMap> map = model.journeyMap();
        if (map.isEmpty()) {
            err.println("journey drift: " + journey.mappingsDir().resolve(MappingSet.JOURNEY_MAP) + " does not exist; "
                    + "the drift report compares the journey with it (see docs/journey-map.md)");
            return JourneyConnector.BAD_CONFIG;
        }
        try (Database db = Database.open(config.database(), config.dataDir())) {
            DerivationStore derivations = new DerivationStore(db.dataSource());
            note(derivations.state(), model, err);
            DriftReport report = DriftStage.compute(map.get(), new DriftStore(db.dataSource()), derivations,
                    clock.instant(), journey.driftUnseenDays(), journey.driftThreshold());
            out.print(json ? DriftReportJson.writePretty(report) + System.lineSeparator() : DriftReportText.render(report));
            return JourneyConnector.OK;
        } catch (StoreException e) {
            err.println("journey drift: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
    }

    /** Says when the store's journey is not what the mapping files would derive now. */
    private static void note(Optional<DerivationStore.State> state, MappingSet model, PrintStream err) {
        if (state.isEmpty()) {
            err.println("Note: the store holds no derived journey yet; run the connector (journey --once) first.");
        } else if (!state.get().mappingFingerprint().equals(model.fingerprint())) {
            err.println("Note: the stored journey was derived with other mapping files than those in "
                    + model.dir() + "; the connector re-derives it on its next cycle.");
        }
    }
}
