package dev.journeyconnector.insight.kpi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

class DurationStatsTest {

    @Test
    void anOddCountHasTheMiddleValueAsMedian() {
        assertThat(DurationStats.of(List.of(ofHours(5), ofHours(1), ofHours(3))))
                .isEqualTo(new DurationStats(3, ofHours(3), ofHours(5)));
    }

    @Test
    void anEvenCountHasTheMeanOfTheTwoMiddleValuesAsMedian() {
        assertThat(DurationStats.of(List.of(ofHours(8), ofHours(2), ofHours(6), ofHours(4))).median())
                .isEqualTo(ofHours(5));
    }

    @Test
    void tiedMiddleValuesGiveThatValue() {
        assertThat(DurationStats.of(List.of(ofHours(1), ofHours(3), ofHours(3), ofHours(9))).median())
                .isEqualTo(ofHours(3));
        assertThat(DurationStats.of(List.of(ofHours(2), ofHours(2))))
                .isEqualTo(new DurationStats(2, ofHours(2), ofHours(2)));
    }

    @Test
    void p90IsTheNearestRankValue() {
        // ten values 1..10 h: the 9th; eleven values 1..11 h: rank ceil(9.9) = 10
        assertThat(DurationStats.of(hours(10)).p90()).isEqualTo(ofHours(9));
        assertThat(DurationStats.of(hours(11)).p90()).isEqualTo(ofHours(10));
        assertThat(DurationStats.of(List.of(ofHours(7))).p90()).isEqualTo(ofHours(7));
    }

    @Test
    void noValuesHaveNoMedian() {
        assertThat(DurationStats.of(List.of())).isEqualTo(DurationStats.NONE);
        assertThat(DurationStats.NONE.median()).isNull();
    }

    private static List<Duration> hours(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(Duration::ofHours).toList();
    }
}
