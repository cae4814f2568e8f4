package dev.journeyconnector.insight.kpi;

import java.time.Instant;
import java.util.Objects;

/**
 * The period a KPI report covers: {@code from} inclusive, {@code to} exclusive, so consecutive periods
 * ({@code 2026-01-01..2026-04-01}, {@code 2026-04-01..2026-07-01}) count every touchpoint exactly once.
 */
public record KpiPeriod(Instant from, Instant to) {

    public KpiPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period's start " + from + " must be before its end " + to);
        }
    }

    /** Whether the instant lies in {@code [from, to)}. */
    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
