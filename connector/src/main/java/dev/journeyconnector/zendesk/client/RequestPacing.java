package dev.journeyconnector.zendesk.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * When the next request may go: a sliding one-minute window over the incremental export endpoints (shared,
 * because Zendesk states one limit for "these endpoints", so the strict reading is the safe one:
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#rate-limits),
 * and per endpoint the time before which a 429's Retry-After forbids any request.
 *
 * <p>A slot is reserved under the lock and waited for outside it, so pulls on other threads queue fairly
 * without one holding the lock while it sleeps.
 */
final class RequestPacing {
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final Sleeper sleeper;
    private final int incrementalPerWindow;
    private final Duration maxRetryAfterWait;
    /** Reserved send times of incremental requests, oldest first; may include future reservations. */
    private final Deque<Instant> incrementalSlots = new ArrayDeque<>();
    private final Map<String, Instant> notBefore = new HashMap<>();

    RequestPacing(Clock clock, Sleeper sleeper, int incrementalPerWindow, Duration maxRetryAfterWait) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.incrementalPerWindow = incrementalPerWindow;
        this.maxRetryAfterWait = maxRetryAfterWait;
    }

    /** Waits until a request to {@code endpoint} may be sent, and counts it against the window when incremental. */
    void awaitTurn(String endpoint, boolean incremental) throws InterruptedException {
        Instant at;
        synchronized (this) {
            Instant now = clock.instant();
            Instant blockedUntil = notBefore.getOrDefault(endpoint, Instant.MIN);
            if (Duration.between(now, blockedUntil).compareTo(maxRetryAfterWait) > 0) {
                throw new ZendeskException(ZendeskFailureKind.RETRYABLE, endpoint, 429, "Zendesk " + endpoint
                        + " is rate limited until " + blockedUntil + " (Retry-After); not calling it before then", null);
            }
            at = later(now, blockedUntil);
            if (incremental) {
                while (!incrementalSlots.isEmpty() && !incrementalSlots.peekFirst().plus(WINDOW).isAfter(now)) {
                    incrementalSlots.removeFirst();
                }
                if (incrementalSlots.size() >= incrementalPerWindow) {
                    // The request that would be the (N+1)th in a minute waits until the Nth-last one is a minute old.
                    Instant[] slots = incrementalSlots.toArray(Instant[]::new);
                    at = later(at, slots[slots.length - incrementalPerWindow].plus(WINDOW));
                }
                at = later(at, incrementalSlots.isEmpty() ? at : incrementalSlots.peekLast());
                incrementalSlots.addLast(at);
            }
        }
        sleepUntil(at);
    }

    /** After a 429 with Retry-After: nothing goes to {@code endpoint} before {@code until}. */
    synchronized void blockUntil(String endpoint, Instant until) {
        notBefore.merge(endpoint, until, RequestPacing::later);
    }

    void pause(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            sleeper.sleep(duration);
        }
    }

    Instant now() {
        return clock.instant();
    }

    private void sleepUntil(Instant at) throws InterruptedException {
        // Loop: a real sleep may wake early, and a fake clock may be moved by someone else.
        for (Duration wait = Duration.between(clock.instant(), at); wait.compareTo(Duration.ZERO) > 0;
             wait = Duration.between(clock.instant(), at)) {
            sleeper.sleep(wait);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
