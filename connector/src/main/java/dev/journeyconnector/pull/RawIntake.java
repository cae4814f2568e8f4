package dev.journeyconnector.pull;

import dev.journeyconnector.store.RawStore;

/** The store-raw stage: each page is stored with its cursor in one transaction. */
public final class RawIntake {
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
        return changed;
    }
}
