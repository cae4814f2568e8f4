package dev.journeyconnector.pull;

import dev.journeyconnector.store.RawStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store-raw stage: each page is stored with its cursor in one transaction. */
public final class RawIntake {
    private static final Logger LOG = LoggerFactory.getLogger(RawIntake.class);

    private final RawStore store;
    private final PullProgress progress;

    public RawIntake(RawStore store, PullProgress progress) {
        this.store = store;
        this.progress = progress;
    }

    /** Stores the page and returns how many of its records were new or changed. */
    public int store(PullPage page) {
        int changed = store.storePage(page.source(), page.objectType(), page.records(), page.cursor());
        progress.stored(page.source(), page.objectType(), changed);
        if (!page.records().isEmpty()) {
            LOG.info("Stored {} {} page {}: {} records, {} new or changed", page.source(), page.objectType(),
                    page.pageNumber(), page.records().size(), changed);
        }
        return changed;
    }
}
