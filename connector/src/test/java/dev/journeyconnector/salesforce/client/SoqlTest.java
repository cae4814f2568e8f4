package dev.journeyconnector.salesforce.client;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoqlTest {

    @Test void plainTextIsQuoted() { assertThat(Soql.quote("Acme")).isEqualTo("'Acme'"); }
    @Test void singleQuoteIsEscaped() { assertThat(Soql.quote("O'Brien")).isEqualTo("'O\\'Brien'"); }
    @Test void doubleQuoteIsEscaped() { assertThat(Soql.quote("say \"hi\"")).isEqualTo("'say \\\"hi\\\"'"); }
    @Test void backslashIsEscapedFirst() { assertThat(Soql.quote("a\\'b")).isEqualTo("'a\\\\\\'b'"); }
    @Test void controlCharactersAreEscaped() { assertThat(Soql.quote("a\nb\rc\td\be\ff")).isEqualTo("'a\\nb\\rc\\td\\be\\ff'"); }
    @Test void wildcardsAreLiteralOutsideLike() { assertThat(Soql.quote("50%_off")).isEqualTo("'50%_off'"); }
    @Test void likeEscapesWildcards() { assertThat(Soql.quoteLike("50%_off")).isEqualTo("'50\\%\\_off'"); }
    @Test void likeAlsoEscapesQuotes() { assertThat(Soql.quoteLike("O'B%")).isEqualTo("'O\\'B\\%'"); }
    @Test void likeContainsWrapsInWildcards() { assertThat(Soql.likeContains("a_b")).isEqualTo("'%a\\_b%'"); }
    @Test void datetimeIsUtcWithMilliseconds() { assertThat(Soql.datetime(Instant.parse("2026-05-01T10:00:00Z"))).isEqualTo("2026-05-01T10:00:00.000Z"); }
    @Test void datetimeTruncatesBelowMilliseconds() { assertThat(Soql.datetime(Instant.parse("2026-05-01T10:00:00.123456789Z"))).isEqualTo("2026-05-01T10:00:00.123Z"); }
    @Test void dateLiteral() { assertThat(Soql.date(LocalDate.of(2026, 5, 1))).isEqualTo("2026-05-01"); }
    @Test void nullIsRefused() { assertThatThrownBy(() -> Soql.quote(null)).isInstanceOf(NullPointerException.class); }

    @Test
    void anInjectionAttemptStaysInsideTheLiteral() {
        String where = "Name = " + Soql.quote("x' OR Name != '");

        assertThat(where).isEqualTo("Name = 'x\\' OR Name != \\''");
        assertThat(unescapedQuotes(where)).isEqualTo(2);
    }

    @Test
    void aBackslashBeforeTheQuoteCannotCloseTheLiteral() {
        String where = "Name = " + Soql.quote("x\\' OR Id != null OR Name = '");

        assertThat(unescapedQuotes(where)).isEqualTo(2);
    }

    /** Counts quotes that end or start a literal, honouring backslash escapes as SOQL does. */
    private static int unescapedQuotes(String soql) {
        int count = 0;
        for (int i = 0; i < soql.length(); i++) {
            char c = soql.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                count++;
            }
        }
        return count;
    }
}
