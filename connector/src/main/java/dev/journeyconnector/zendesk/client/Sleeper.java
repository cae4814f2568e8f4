package dev.journeyconnector.zendesk.client;

import java.time.Duration;

/** How the client waits. Tests pass one that moves a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
