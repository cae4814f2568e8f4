package dev.journeyconnector.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailsTest {

    @Test
    void trimsAndLowerCases() {
        assertThat(Emails.normalise(" Olga.Ivanova@Example.ORG")).contains("olga.ivanova@example.org");
        assertThat(Emails.normalise("isabel.navarro@example.com \t")).contains("isabel.navarro@example.com");
    }

    @Test
    void keepsPlusAddressesDistinct() {
        assertThat(Emails.normalise("Kofi.Asante+Orders@example.org")).contains("kofi.asante+orders@example.org");
        assertThat(Emails.normalise("kofi.asante+orders@example.org")).isNotEqualTo(Emails.normalise("kofi.asante@example.org"));
    }

    @Test
    void blankOrMissingIsNoEmail() {
        assertThat(Emails.normalise(null)).isEmpty();
        assertThat(Emails.normalise("   ")).isEmpty();
    }
}
