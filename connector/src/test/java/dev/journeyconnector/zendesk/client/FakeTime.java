package dev.journeyconnector.zendesk.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when the client sleeps: rate-limit tests run in no real time. */
public final class FakeTime extends Clock implements Sleeper {
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private volatile Instant now = T0;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    /** Seconds since {@link #T0}, with millis. */
    public double elapsedSeconds() {
        return Duration.between(T0, now).toMillis() / 1000.0;
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
