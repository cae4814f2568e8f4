package dev.journeyconnector.sandbox.zendesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * The account-wide limit on incremental export requests: "10 requests per minute" (30 with the High Volume API
 * add-on), https://developer.zendesk.com/api-reference/introduction/rate-limits/ (Endpoint rate limits). Kept as
 * a sliding one-minute window on the injected clock, so tests advance a fake clock instead of sleeping.
 */
final class ExportRateLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final Deque<Instant> accepted = new ArrayDeque<>();
    private int perMinute;

    ExportRateLimiter(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    synchronized void perMinute(int limit) {
        this.perMinute = limit;
    }

    synchronized int perMinute() {
        return perMinute;
    }

    /** Empty when the request may proceed (and is counted); otherwise the seconds to wait (Retry-After). */
    synchronized OptionalLong tryAcquire() {
        Instant now = clock.instant();
        while (!accepted.isEmpty() && !accepted.peekFirst().plus(WINDOW).isAfter(now)) {
            accepted.removeFirst();
        }
        if (accepted.size() < perMinute) {
            accepted.addLast(now);
            return OptionalLong.empty();
        }
        Duration wait = Duration.between(now, accepted.peekFirst().plus(WINDOW));
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return OptionalLong.of(Math.max(1, seconds));
    }

    synchronized void reset() {
        accepted.clear();
    }
}
