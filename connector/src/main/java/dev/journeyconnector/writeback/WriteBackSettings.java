package dev.journeyconnector.writeback;

import dev.journeyconnector.insight.Finding;

import java.time.Duration;
import java.util.Objects;

/**
 * How the write-back behaves (the JOURNEY_WRITEBACK_* settings).
 *
 * @param subjectPrefix      starts every Task subject the connector writes, e.g. {@code [Journey]}; also how the
 *                           pull tells our Tasks from the org's own
 * @param fallbackOwnerId    the User who gets findings nobody responsible is known for (or whose owner is inactive);
 *                           null: the integration user
 * @param opsOwnerId         the User (ops admin) who gets the journey-map drift alert; null: no drift alert
 * @param mode               use deployed metadata (auto) or Tasks only
 * @param budgetShare        the share of the org's daily API allocation the write-back may spend, 0 &lt; share &lt;= 1
 * @param reminderDelay      a handoff alert's reminder fires this long after it is created (the same day)
 * @param lockRetries        how many times records refused with UNABLE_TO_LOCK_ROW are sent again in one cycle
 * @param concurrencyRetries how many times a call refused for concurrent requests is sent again in one cycle
 * @param backoff            the first wait before such a retry; each further one waits twice as long
 * @param dryRun             plan and print, write nothing
 */
public record WriteBackSettings(String subjectPrefix, String fallbackOwnerId, String opsOwnerId,
                                OrgCapabilities.Mode mode, double budgetShare, Duration reminderDelay, int lockRetries,
                                int concurrencyRetries, Duration backoff, boolean dryRun) {

    public WriteBackSettings {
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        Objects.requireNonNull(mode, "mode");
        if (fallbackOwnerId != null && !Finding.Actor.isUserId(fallbackOwnerId)) {
            throw new IllegalArgumentException("the fallback owner '" + fallbackOwnerId + "' is not a Salesforce User Id (005...)");
        }
        if (opsOwnerId != null && !Finding.Actor.isUserId(opsOwnerId)) {
            throw new IllegalArgumentException("the ops owner '" + opsOwnerId + "' is not a Salesforce User Id (005...)");
        }
        if (!(budgetShare > 0 && budgetShare <= 1)) {
            throw new IllegalArgumentException("the write-back budget share must be above 0 and at most 1: " + budgetShare);
        }
        if (lockRetries < 0 || concurrencyRetries < 0) {
            throw new IllegalArgumentException("retries cannot be negative");
        }
    }

    public static WriteBackSettings defaults() {
        return new WriteBackSettings("[Journey]", null, null, OrgCapabilities.Mode.AUTO, 0.05, Duration.ofMinutes(15),
                3, 3, Duration.ofSeconds(1), false);
    }

    public WriteBackSettings withDryRun(boolean dry) {
        return new WriteBackSettings(subjectPrefix, fallbackOwnerId, opsOwnerId, mode, budgetShare, reminderDelay,
                lockRetries, concurrencyRetries, backoff, dry);
    }

    public WriteBackSettings withOwners(String fallback, String ops) {
        return new WriteBackSettings(subjectPrefix, fallback, ops, mode, budgetShare, reminderDelay, lockRetries,
                concurrencyRetries, backoff, dryRun);
    }

    public WriteBackSettings withMode(OrgCapabilities.Mode m) {
        return new WriteBackSettings(subjectPrefix, fallbackOwnerId, opsOwnerId, m, budgetShare, reminderDelay,
                lockRetries, concurrencyRetries, backoff, dryRun);
    }

    /** {@code prefix + " " + text}, or the text alone for an empty prefix. */
    public String subject(String text) {
        return subjectPrefix.isBlank() ? text : subjectPrefix + " " + text;
    }
}
