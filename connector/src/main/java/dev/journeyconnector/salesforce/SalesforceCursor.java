package dev.journeyconnector.salesforce;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an incremental Salesforce pull resumes.
 *
 * @param syncedUpTo   the server time up to which the last complete poll read everything, or null before the first
 * @param lastModstamp the modification stamp of the last stored record of a poll still in progress, or null
 * @param lastId       that record's Id: the tie-break among records sharing {@code lastModstamp}
 */
public record SalesforceCursor(Instant syncedUpTo, Instant lastModstamp, String lastId) {

    public static final SalesforceCursor START = new SalesforceCursor(null, null, null);

    /** The cursor once a poll has read everything up to {@code upper}. */
    public static SalesforceCursor completed(Instant upper) {
        return new SalesforceCursor(upper, null, null);
    }

    /** The cursor inside a poll, after a page whose last record is ({@code modstamp}, {@code id}). */
    public SalesforceCursor after(Instant modstamp, String id) {
        return new SalesforceCursor(syncedUpTo, modstamp, id);
    }

    public boolean inProgress() {
        return lastModstamp != null;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("syncedUpTo", syncedUpTo == null ? null : syncedUpTo.toString());
        m.put("lastModstamp", lastModstamp == null ? null : lastModstamp.toString());
        m.put("lastId", lastId);
        return m;
    }

    public static SalesforceCursor fromMap(Map<String, Object> m) {
        if (m == null) {
            return START;
        }
        return new SalesforceCursor(instant(m.get("syncedUpTo")), instant(m.get("lastModstamp")), (String) m.get("lastId"));
    }

    private static Instant instant(Object v) {
        return v == null ? null : Instant.parse(v.toString());
    }
}
