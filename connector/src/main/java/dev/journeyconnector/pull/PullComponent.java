package dev.journeyconnector.pull;

import org.apache.camel.support.DefaultComponent;

/**
 * What every {@code journey-<vendor>:} pull component shares: one vendor client for all its routes (so they share
 * the account's limits), the store's cursors, and the run's progress. Subclasses only turn a URI into an endpoint.
 *
 * @param <C> the vendor client
 */
public abstract class PullComponent<C> extends DefaultComponent {
    private final C client;
    private final PullCursors cursors;
    private final PullProgress progress;

    protected PullComponent(C client, PullCursors cursors, PullProgress progress) {
        this.client = client;
        this.cursors = cursors;
        this.progress = progress;
    }

    public C client() {
        return client;
    }

    public PullCursors cursors() {
        return cursors;
    }

    public PullProgress progress() {
        return progress;
    }
}
