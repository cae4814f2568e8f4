package dev.journeyconnector.insight.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small wording helpers shared by the rules' explanations. */
final class Texts {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private Texts() {
    }

    /** {@code 4 Mar 2026}, in the zone of the business calendar, where the ops admin's teams work. */
    static String day(Instant at, ZoneId zone) {
        return DAY.format(at.atZone(zone));
    }

    /** {@code 1 time}, {@code 3 times}: {@code plural(3, "time")}. */
    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Upper-cases the first letter: explanations start with the thread's noun. */
    static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
