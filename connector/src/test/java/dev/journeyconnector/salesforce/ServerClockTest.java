package dev.journeyconnector.salesforce;

import dev.journeyconnector.salesforce.client.SalesforceClient;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ServerClockTest {
    private static final Instant LOCAL = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void measuresTheServersOffsetOnceAndReusesItUntilTheRefresh() {
        AtomicInteger calls = new AtomicInteger();
        MutableClock local = new MutableClock(LOCAL);
        SalesforceClient client = serverAhead(Duration.ofSeconds(42), local, calls);
        ServerClock clock = new ServerClock(client, local, Duration.ofMinutes(10));

        assertThat(clock.now()).isEqualTo(LOCAL.plusSeconds(42));
        local.now = LOCAL.plusSeconds(300);
        assertThat(clock.now()).isEqualTo(LOCAL.plusSeconds(342));
        assertThat(calls).hasValue(1);

        local.now = LOCAL.plusSeconds(600);
        clock.now();
        assertThat(calls).hasValue(2);
    }

    private static SalesforceClient serverAhead(Duration ahead, Clock local, AtomicInteger calls) {
        return (SalesforceClient) Proxy.newProxyInstance(SalesforceClient.class.getClassLoader(),
                new Class<?>[]{SalesforceClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("serverTime")) {
                        calls.incrementAndGet();
                        return local.instant().plus(ahead);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
