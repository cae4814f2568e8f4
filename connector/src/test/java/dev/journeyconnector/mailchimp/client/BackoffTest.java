package dev.journeyconnector.mailchimp.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.journeyconnector.mailchimp.client.MailchimpFailureKind.AUTH;
import static dev.journeyconnector.mailchimp.client.MailchimpFailureKind.MALFORMED;
import static dev.journeyconnector.mailchimp.client.MailchimpFailureKind.THROTTLED;
import static dev.journeyconnector.mailchimp.client.MailchimpFailureKind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private final Backoff noJitter = Backoff.defaults().with(d -> { }, () -> 1.0);

    @Test
    void waitsGrowExponentiallyUpToTheCap() {
        assertThat(noJitter.delayAfter(1, THROTTLED, Duration.ZERO)).contains(Duration.ofSeconds(1));
        assertThat(noJitter.delayAfter(2, THROTTLED, Duration.ZERO)).contains(Duration.ofSeconds(2));
        assertThat(noJitter.delayAfter(3, THROTTLED, Duration.ZERO)).contains(Duration.ofSeconds(4));
        assertThat(noJitter.delayAfter(7, THROTTLED, Duration.ZERO)).contains(Duration.ofSeconds(60));
    }

    @Test
    void jitterKeepsAtLeastHalfTheStep() {
        Backoff lowest = Backoff.defaults().with(d -> { }, () -> 0.0);
        assertThat(lowest.delayAfter(3, THROTTLED, Duration.ZERO)).contains(Duration.ofSeconds(2));
    }

    @Test
    void throttlingGetsMoreAttemptsThanTransientFailures() {
        assertThat(noJitter.delayAfter(7, THROTTLED, Duration.ZERO)).isPresent();
        assertThat(noJitter.delayAfter(8, THROTTLED, Duration.ZERO)).isEmpty();
        assertThat(noJitter.delayAfter(3, TRANSIENT, Duration.ZERO)).isPresent();
        assertThat(noJitter.delayAfter(4, TRANSIENT, Duration.ZERO)).isEmpty();
    }

    @Test
    void authAndMalformedAreNeverRetried() {
        assertThat(noJitter.delayAfter(1, AUTH, Duration.ZERO)).isEmpty();
        assertThat(noJitter.delayAfter(1, MALFORMED, Duration.ZERO)).isEmpty();
    }

    @Test
    void noRetryStartsAfterTheElapsedBudget() {
        assertThat(noJitter.delayAfter(1, THROTTLED, Duration.ofMinutes(5).minusMillis(500))).isEmpty();
    }
}
