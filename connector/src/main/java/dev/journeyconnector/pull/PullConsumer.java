package dev.journeyconnector.pull;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * What every vendor's pull consumer shares: it announces itself (so --once knows whom to wait for), runs
 * one poll through {@link #pullChanges()}, counts it, and reports a poll that did not complete in one
 * place ({@link PullFailure}). Pages go down the route synchronously: when {@link #send} returns, the page
 * and its cursor are stored, or it throws and the poll ends there.
 */
public abstract class PullConsumer extends ScheduledPollConsumer {
    private final String source;
    private final String vendor;
    private final String object;
    private final PullProgress progress;

    protected PullConsumer(Endpoint endpoint, Processor processor, String source, String vendor, String object,
                           PullProgress progress) {
        super(endpoint, processor);
        this.source = source;
        this.vendor = vendor;
        this.object = object;
        this.progress = progress;
    }

    /** Reads everything changed since the stored cursor and {@link #send}s it page by page; returns how many records. */
    protected abstract int pullChanges() throws Exception;

    @Override
    protected void doStart() throws Exception {
        progress.register(source, object);
        super.doStart();
    }

    @Override
    protected final int poll() throws Exception {
        try {
            int fetched = pullChanges();
            progress.pollFinished(source, object);
            return fetched;
        } catch (Exception e) {
            PullFailure.report(progress, source, vendor, object, e, !isRunAllowed());
            return 0;
        }
    }

    /** Counts records read from the vendor (stored or not). */
    protected final void fetched(int records) {
        progress.fetched(source, object, records);
    }

    /** Sends one page down the route and waits until it is stored; throws what storing threw. */
    protected final void send(PullPage page) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(page);
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
