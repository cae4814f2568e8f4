package dev.journeyconnector.insight;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Business hours for rules with {@code businessHours: true}: the same opening hours on each business day in one
 * time zone, by default Monday to Friday 09:00-17:00 UTC. Deliberately simple: no public holidays and no
 * per-team hours; an SLA counted in business hours is then a lower bound on the customer's wait on a holiday.
 * Days are the zone's calendar days, so daylight-saving changes move the hours with the local clock.
 *
 * @param zone  where the hours apply, e.g. {@code Europe/Berlin}
 * @param days  the business days
 * @param open  the opening time, local
 * @param close the closing time, local, after {@code open}
 */
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> days, LocalTime open, LocalTime close) {

    public static final BusinessCalendar DEFAULT = new BusinessCalendar(ZoneOffset.UTC,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

    /** A loop guard: a deadline this far out has no meaning for an SLA. */
    private static final int MAX_DAYS = 366 * 20;

    public BusinessCalendar {
        Objects.requireNonNull(zone, "zone");
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        if (days.isEmpty()) {
            throw new IllegalArgumentException("business hours need at least one business day");
        }
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("business hours open at " + open + " and close at " + close
                    + "; closing must come after opening on the same day");
        }
    }

    /** The business time between two instants; zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = max(from, opening(day));
            Instant end = min(to, closing(day));
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /**
     * The instant at which {@code amount} of business time has passed since {@code from}: 4 business hours
     * after Friday 15:00 is Monday 11:00. A deadline that uses up a day exactly is that day's closing time.
     */
    public Instant plus(Instant from, Duration amount) {
        if (amount.isNegative() || amount.isZero()) {
            return from;
        }
        Duration left = amount;
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = max(from, opening(day));
            Instant end = closing(day);
            if (!end.isAfter(start)) {
                continue;
            }
            Duration available = Duration.between(start, end);
            if (left.compareTo(available) <= 0) {
                return start.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalArgumentException(amount + " of business time is more than " + MAX_DAYS / 366
                + " years of business days");
    }

    /** For explanations: {@code Mon-Fri 09:00-17:00 Europe/Berlin}. */
    public String describe() {
        String dayText;
        EnumSet<DayOfWeek> set = EnumSet.copyOf(days);
        DayOfWeek first = set.iterator().next();
        DayOfWeek lastDay = set.stream().reduce((a, b) -> b).orElseThrow();
        if (set.size() > 1 && set.equals(EnumSet.range(first, lastDay))) {
            dayText = name(first) + "-" + name(lastDay);
        } else {
            dayText = set.stream().map(BusinessCalendar::name).collect(Collectors.joining(","));
        }
        return dayText + " " + open + "-" + close + " " + zone.getId();
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private Instant opening(LocalDate day) {
        return day.atTime(open).atZone(zone).toInstant();
    }

    private Instant closing(LocalDate day) {
        return day.atTime(close).atZone(zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
