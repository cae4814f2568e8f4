package dev.journeyconnector.mailchimp.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before retrying a failed call: exponential from {@code initial}, capped at {@code max},
 * with "equal jitter" (half the step fixed, half random) so that the parallel pulls of one account that were
 * throttled together do not all come back at the same instant. Mailchimp sends no Retry-After or rate-limit
 * headers (https://mailchimp.com/developer/marketing/docs/fundamentals/#api-limits), so the client can only
 * back off blindly.
 *
 * @param throttledAttempts attempts in all (first call included) for THROTTLED answers (429, bare 403)
 * @param transientAttempts attempts in all for TRANSIENT failures (5xx, I/O)
 * @param maxElapsed        no retry starts later than this after the first attempt, whatever the counts say
 * @param sleeper           waits; tests pass one that only records
 * @param random            uniform in [0, 1); tests pass a constant
 */
public record Backoff(Duration initial, Duration max, int throttledAttempts, int transientAttempts,
                      Duration maxElapsed, Sleeper sleeper, DoubleSupplier random) {

    /** Waits for a duration. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

    /** 1 s, 2 s, 4 s ... up to 60 s; 8 attempts (about two minutes of waiting) when throttled, 4 otherwise. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 8, 4, Duration.ofMinutes(5),
                THREAD_SLEEP, () -> ThreadLocalRandom.current().nextDouble());
    }

    public Backoff {
        if (initial == null || initial.isNegative() || max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, got " + initial + " and " + max);
        }
        if (throttledAttempts < 1 || transientAttempts < 1) {
            throw new IllegalArgumentException("backoff attempts must be at least 1");
        }
        maxElapsed = maxElapsed == null ? Duration.ofMinutes(5) : maxElapsed;
        sleeper = sleeper == null ? THREAD_SLEEP : sleeper;
        random = random == null ? () -> ThreadLocalRandom.current().nextDouble() : random;
    }

    /** The same policy with another sleeper and random source (for tests). */
    public Backoff with(Sleeper sleeper, DoubleSupplier random) {
        return new Backoff(initial, max, throttledAttempts, transientAttempts, maxElapsed, sleeper, random);
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}, or empty when the failure of kind {@code kind} is not
     * worth another attempt: not retryable, attempts used up, or {@code elapsed} plus the wait beyond maxElapsed.
     */
    public Optional<Duration> delayAfter(int failedAttempts, MailchimpFailureKind kind, Duration elapsed) {
        if (failedAttempts >= attemptsFor(kind)) {
            return Optional.empty();
        }
        long step = initial.toMillis() << Math.min(failedAttempts - 1, 20);
        long capped = Math.min(step, max.toMillis());
        long wait = capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
        Duration delay = Duration.ofMillis(wait);
        if (elapsed.plus(delay).compareTo(maxElapsed) > 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    /** Attempts allowed in all for a failure of this kind. */
    public int attemptsFor(MailchimpFailureKind kind) {
        return switch (kind) {
            case THROTTLED -> throttledAttempts;
            case TRANSIENT -> transientAttempts;
            default -> 1;
        };
    }
}
