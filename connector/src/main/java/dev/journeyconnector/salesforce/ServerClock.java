package dev.journeyconnector.salesforce;

import dev.journeyconnector.salesforce.client.SalesforceClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Salesforce's clock, as the cursors need it, without one getServerTimestamp call per poll of every
 * object: the offset between Salesforce's clock and ours is measured once and re-measured every
 * {@code refresh}. The estimate errs by at most a round trip, far inside the cursor overlap window, which
 * re-reads the records stamped just before each upper bound anyway.
 */
final class ServerClock {
    private final SalesforceClient client;
    private final Clock local;
    private final Duration refresh;
    private Duration offset;
    private Instant measuredAt;

    ServerClock(SalesforceClient client, Clock local, Duration refresh) {
        this.client = client;
        this.local = local;
        this.refresh = refresh;
    }

    synchronized Instant now() {
        Instant localNow = local.instant();
        if (measuredAt == null || Duration.between(measuredAt, localNow).compareTo(refresh) >= 0) {
            Instant before = local.instant();
            Instant server = client.serverTime();
            Instant after = local.instant();
            // The server read its clock somewhere during the round trip: assume the middle.
            Instant localAtRead = before.plus(Duration.between(before, after).dividedBy(2));
            offset = Duration.between(localAtRead, server);
            measuredAt = after;
            return server;
        }
        return localNow.plus(offset);
    }
}
