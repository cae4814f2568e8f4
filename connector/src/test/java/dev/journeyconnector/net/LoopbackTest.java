package dev.journeyconnector.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, true", "127.1.2.3, true", "localhost, true", "LOCALHOST., true", "::1, true", "[::1], true",
            "127.0.0.300, false", "127.0.0.1.nip.io, false", "localhost.evil.test, false", "10.0.0.1, false",
            "login.salesforce.com, false", "::2, false", "'', false"})
    void onlyLiteralsNamingThisMachineAreLoopback(String host, boolean loopback) {
        assertThat(Loopback.isLoopback(host)).isEqualTo(loopback);
    }
}
