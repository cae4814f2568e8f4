package dev.journeyconnector.salesforce.client;

/** What a caller should do about a failure. See {@link SalesforceFailures} for the table. */
public enum FailureKind {
    /** Transient: retry the same call later with backoff. */
    RETRYABLE,
    /** The org's rolling 24-hour API request allowance is spent: stop calling until it recovers. */
    DAILY_LIMIT,
    /** Credentials or session are not accepted even after one renewal: fix the settings. */
    AUTH,
    /** The request itself is wrong (bad field, value, id, access): retrying cannot help; dead-letter it. */
    PERMANENT
}
