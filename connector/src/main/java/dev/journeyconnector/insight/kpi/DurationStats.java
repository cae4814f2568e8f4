package dev.journeyconnector.insight.kpi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The median and 90th percentile of some durations.
 *
 * <p>The median of an even number of values is the mean of the two middle ones (of 2 h, 4 h, 6 h, 8 h it is
 * 5 h), so it does not depend on which of two tied halves is picked. The 90th percentile is the nearest-rank
 * one: the smallest value that at least 90 % of the values do not exceed (of ten values the 9th smallest, of
 * three values the largest), always a value that really occurred.
 *
 * @param count  how many durations
 * @param median null when there are none
 * @param p90    null when there are none
 */
public record DurationStats(int count, Duration median, Duration p90) {

    public static final DurationStats NONE = new DurationStats(0, null, null);

    public static DurationStats of(Collection<Duration> durations) {
        if (durations.isEmpty()) {
            return NONE;
        }
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        int n = sorted.size();
        Duration median = n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        int rank = (int) Math.ceil(0.9 * n); // 1-based nearest rank
        return new DurationStats(n, median, sorted.get(rank - 1));
    }
}
