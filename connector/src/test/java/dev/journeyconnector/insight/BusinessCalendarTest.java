package dev.journeyconnector.insight;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTest {

    private static final BusinessCalendar BERLIN = new BusinessCalendar(ZoneId.of("Europe/Berlin"),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

    @Test
    void fourBusinessHoursAfterFridayAfternoonEndOnMondayMorning() {
        // 2026-03-06 is a Friday; 15:00 Berlin (CET) is 14:00 UTC: 2 h left on Friday, 2 h on Monday.
        Instant friday = Instant.parse("2026-03-06T14:00:00Z");
        assertThat(BERLIN.plus(friday, Duration.ofHours(4))).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
        assertThat(BERLIN.between(friday, Instant.parse("2026-03-09T10:00:00Z"))).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void timeOutsideBusinessHoursDoesNotCount() {
        Instant saturday = Instant.parse("2026-03-07T10:00:00Z");
        Instant sundayNight = Instant.parse("2026-03-08T22:00:00Z");
        assertThat(BERLIN.between(saturday, sundayNight)).isZero();
        // Opened at night: the clock starts at 09:00 the next business day.
        Instant mondayNight = Instant.parse("2026-03-09T21:00:00Z");
        assertThat(BERLIN.plus(mondayNight, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-03-10T09:00:00Z"));
    }

    @Test
    void aDeadlineThatUsesUpADayIsThatDaysClosingTime() {
        Instant mondayOpening = Instant.parse("2026-03-09T08:00:00Z");
        assertThat(BERLIN.plus(mondayOpening, Duration.ofHours(8))).isEqualTo(Instant.parse("2026-03-09T16:00:00Z"));
        assertThat(BERLIN.plus(mondayOpening, Duration.ofHours(9))).isEqualTo(Instant.parse("2026-03-10T09:00:00Z"));
    }

    @Test
    void followsTheLocalClockAcrossDaylightSaving() {
        // Berlin moves to CEST on 2026-03-29: 09:00 local is 08:00 UTC before and 07:00 UTC after.
        Instant fridayClose = Instant.parse("2026-03-27T16:00:00Z");
        assertThat(BERLIN.plus(fridayClose, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
        assertThat(BERLIN.between(Instant.parse("2026-03-27T08:00:00Z"), Instant.parse("2026-03-30T15:00:00Z")))
                .isEqualTo(Duration.ofHours(16));
    }

    @Test
    void describesItselfForExplanations() {
        assertThat(BERLIN.describe()).isEqualTo("Mon-Fri 09:00-17:00 Europe/Berlin");
        assertThat(BusinessCalendar.DEFAULT.describe()).isEqualTo("Mon-Fri 09:00-17:00 Z");
    }

    @Test
    void refusesClosingBeforeOpening() {
        assertThatThrownBy(() -> new BusinessCalendar(ZoneId.of("UTC"), EnumSet.of(DayOfWeek.MONDAY),
                LocalTime.of(17, 0), LocalTime.of(9, 0))).hasMessageContaining("closing must come after opening");
    }
}
