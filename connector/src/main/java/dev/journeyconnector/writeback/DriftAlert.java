package dev.journeyconnector.writeback;

import dev.journeyconnector.store.DriftStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ops admin's alert that the journey no longer matches the journey map: one Task, owned by the configured ops
 * user, opened while the drift score is above its threshold and completed once it is back under. It is the same
 * Task each time, so a drift that comes and goes does not pile up alerts.
 */
public final class DriftAlert implements WriteSource {
    public static final String KIND = "drift-alert";
    public static final String KEY = "journey-map";
    public static final String MARKER = "journey-connector:drift:" + KEY;
    static final String NO_OPS_OWNER = "drift alert (no ops owner in JOURNEY_WRITEBACK_OPS_OWNER)";

    private final DriftStore drift;
    private final WriteBackSettings settings;

    public DriftAlert(DriftStore drift, WriteBackSettings settings) {
        this.drift = drift;
        this.settings = settings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Wanted wanted(OrgCapabilities org, java.util.Set<String> written) {
        var report = drift.latest();
        if (report.isEmpty()) {
            return new Wanted(List.of(), Map.of());
        }
        DriftStore.StoredReport r = report.get();
        if (settings.opsOwnerId() == null) {
            return new Wanted(List.of(), r.alert() ? Map.of(NO_OPS_OWNER, 1) : Map.of());
        }
        if (!r.alert() && !written.contains(KEY)) {
            return new Wanted(List.of(), Map.of());
        }
        // Two decimals: the score moves a little with every cycle, the alert should not.
        String score = String.format(Locale.ROOT, "%.2f", r.score());
        String threshold = String.format(Locale.ROOT, "%.2f", r.threshold());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("Subject", settings.subject(r.alert() ? "Journey map drift " + score + " is above " + threshold
                : "Journey map drift back under " + threshold));
        t.put("Description", (r.alert()
                ? "The customer journey no longer matches mappings/journey-map.yaml: drift score " + score
                + " (threshold " + threshold + ").\n\nRecords no mapping turns into touchpoints, touchpoint types a"
                + " persona was not expected to show, expected types not seen lately and stages out of order add to"
                + " the score. Run `journey drift` on the connector's host for the report with its arithmetic, then"
                + " update the mappings or the journey map (docs/journey-map.md)."
                : "The drift score is " + score + ", under the threshold " + threshold + " again.")
                + "\n" + MARKER);
        t.put("OwnerId", settings.opsOwnerId());
        t.put("Priority", r.alert() ? "High" : "Normal");
        t.put("Status", r.alert() ? "Not Started" : "Completed");
        t.put("Type", "Other");
        return new Wanted(List.of(new CrmWrite(KIND, KEY, "Task", CrmWrite.Operation.SAVE, null, t, Map.of(), null,
                CrmWrite.marker(null, MARKER), "journey-map drift alert for the ops admin")), Map.of());
    }
}
