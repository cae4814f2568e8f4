package dev.journeyconnector.writeback;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of record the write-back keeps current in Salesforce: finding Tasks, finding records, journey summaries,
 * Contact journey fields, the drift alert. A source says what it wants now; {@link WriteBackStage} compares that
 * with what the ledger says was written and sends only the difference.
 */
public interface WriteSource {

    /** The ledger kind of this source's records, e.g. {@code finding-task}. */
    String kind();

    /**
     * Every record this source wants in Salesforce now, given what the org offers.
     *
     * @param written the keys of this source's kind the write-back ledger holds (in any state), read once by the
     *                stage for its comparison: whether a record was ever written decides what some sources want
     */
    Wanted wanted(OrgCapabilities org, Set<String> written);

    /**
     * What a source wants, and what it deliberately leaves out.
     *
     * @param writes  the records, each key at most once
     * @param skipped reason → how many were left out for it (held for identity review, no Salesforce person ...)
     */
    record Wanted(List<CrmWrite> writes, Map<String, Integer> skipped) {
        public Wanted {
            writes = List.copyOf(writes);
            skipped = Map.copyOf(skipped);
        }
    }
}
