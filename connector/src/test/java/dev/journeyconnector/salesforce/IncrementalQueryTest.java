package dev.journeyconnector.salesforce;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IncrementalQueryTest {
    private static final Instant UPPER = Instant.parse("2026-11-23T12:00:00Z");
    private static final List<String> FIELDS = List.of("Id", "SystemModstamp", "LastName");

    @Test
    void firstLoadReadsEverythingUpToTheServerTimeInModstampAndIdOrder() {
        assertThat(IncrementalQuery.soql("Contact", FIELDS, "SystemModstamp", SalesforceCursor.START, UPPER,
                Duration.ofMinutes(2), null, null))
                .isEqualTo("SELECT Id, SystemModstamp, LastName FROM Contact WHERE SystemModstamp <= "
                        + "2026-11-23T12:00:00.000Z ORDER BY SystemModstamp ASC, Id ASC");
    }

    @Test
    void afterACompletePollTheNextStartsOneOverlapBeforeItsUpperBound() {
        SalesforceCursor done = SalesforceCursor.completed(Instant.parse("2026-11-23T11:00:00Z"));

        assertThat(IncrementalQuery.soql("Contact", FIELDS, "SystemModstamp", done, UPPER, Duration.ofMinutes(2), null, null))
                .contains("WHERE SystemModstamp >= 2026-11-23T10:58:00.000Z AND SystemModstamp <= 2026-11-23T12:00:00.000Z");
    }

    @Test
    void anInterruptedPollResumesStrictlyAfterTheLastStoredModstampAndId() {
        SalesforceCursor mid = SalesforceCursor.START.after(Instant.parse("2026-11-23T09:00:00Z"), "003Jx0000000042AAA");

        assertThat(IncrementalQuery.soql("Contact", FIELDS, "SystemModstamp", mid, UPPER, Duration.ofMinutes(2), null, null))
                .contains("WHERE (SystemModstamp > 2026-11-23T09:00:00.000Z OR (SystemModstamp = "
                        + "2026-11-23T09:00:00.000Z AND Id > '003Jx0000000042AAA')) AND SystemModstamp <=");
    }

    @Test
    void aStartDateBoundsOnlyTheFirstLoad() {
        assertThat(IncrementalQuery.soql("Case", FIELDS, "SystemModstamp", SalesforceCursor.START, UPPER, Duration.ZERO,
                Instant.parse("2026-01-01T00:00:00Z"), null)).contains("WHERE SystemModstamp >= 2026-01-01T00:00:00.000Z AND");
    }

    @Test
    void anExtraConditionIsAndedInParentheses() {
        assertThat(IncrementalQuery.soql("Task", FIELDS, "SystemModstamp", SalesforceCursor.START, UPPER, Duration.ZERO,
                null, "NOT Subject LIKE '[Journey]%' OR Subject = null"))
                .contains("WHERE (NOT Subject LIKE '[Journey]%' OR Subject = null) AND SystemModstamp <=");
    }

    @Test
    void anIdWithAQuoteCannotBreakOutOfItsLiteral() {
        SalesforceCursor hostile = SalesforceCursor.START.after(Instant.parse("2026-11-23T09:00:00Z"), "x' OR Name != '");

        assertThat(IncrementalQuery.soql("Contact", FIELDS, "SystemModstamp", hostile, UPPER, Duration.ZERO, null, null))
                .contains("Id > 'x\\' OR Name != \\''");
    }

    @Test
    void cursorSurvivesTheRoundTripThroughTheStore() {
        SalesforceCursor c = new SalesforceCursor(Instant.parse("2026-11-23T11:00:00Z"),
                Instant.parse("2026-11-23T11:30:00Z"), "003Jx0000000042AAA");

        assertThat(SalesforceCursor.fromMap(c.toMap())).isEqualTo(c);
        assertThat(SalesforceCursor.fromMap(null)).isEqualTo(SalesforceCursor.START);
    }
}
