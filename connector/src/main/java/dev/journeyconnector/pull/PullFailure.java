package dev.journeyconnector.pull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InterruptedIOException;

/**
 * How every pull consumer ends a poll that did not complete: one clear line naming the source, the
 * object and the cause, and the failure counted; the other pulls go on. Nothing past the last stored
 * page was committed, so the next poll resumes from there. A poll cut short because the connector is
 * stopping is not a failure and is said so, quietly.
 */
public final class PullFailure {
    private static final Logger LOG = LoggerFactory.getLogger(PullFailure.class);

    private PullFailure() {
    }

    /**
     * @param vendor   the source as people name it, e.g. "Zendesk"
     * @param stopping true when the consumer is being stopped
     */
    public static void report(PullProgress progress, String source, String vendor, String object, Exception e,
                              boolean stopping) {
        if (stopping || interrupted(e)) {
            LOG.info("Pull of {} {} stopped with the connector; it resumes from its cursor on the next run", vendor, object);
            return;
        }
        LOG.error("Pull of {} {} failed: {} (its cursor stays where the stored records end; the next poll retries)",
                vendor, object, e.getMessage());
        LOG.debug("Pull of {} {} failed", vendor, object, e);
        // Counted after the log line: whoever waits for this poll to end (--once, tests) then sees the line too.
        progress.pollFailed(source, object, e.getMessage());
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException)) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }
}
