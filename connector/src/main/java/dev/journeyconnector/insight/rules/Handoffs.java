package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.DurationText;
import dev.journeyconnector.insight.Finding.Actor;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the handoff-gap rules share: which touchpoints count as a team's activity, whether a case or ticket was
 * open at a given moment, the account owner as actor, and the times in explanations. Every rule looks only at
 * touchpoints up to the evaluation time, so a backtest that replays history to an earlier day sees what was
 * known then.
 */
final class Handoffs {
    /** Salesforce activities: what a person logs when they call, meet or write to a customer. */
    private static final Set<String> ACTIVITY_OBJECTS = Set.of("Task", "Event");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private Handoffs() {
    }

    /** The touchpoints up to {@code now}, in time order. */
    static List<Touchpoint> upTo(List<Touchpoint> touchpoints, Instant now) {
        return touchpoints.stream().filter(t -> !t.occurredAt().isAfter(now)).toList();
    }

    /** The customer's own touchpoints and their Account's other Contacts', up to {@code now}, in time order. */
    static List<Touchpoint> accountWide(CustomerHistory history, Instant now) {
        List<Touchpoint> all = new ArrayList<>(history.touchpoints());
        all.addAll(history.accountTouchpoints());
        all.sort(Comparator.comparing(Touchpoint::occurredAt).thenComparing(t -> t.key().asString()));
        return upTo(all, now);
    }

    /** A call, meeting or email the sales team logged: a Salesforce Task or Event of department sales. */
    static boolean isSalesActivity(Touchpoint t) {
        return t.department().equals("sales") && t.key().source() == Touchpoint.Source.SALESFORCE
                && ACTIVITY_OBJECTS.contains(t.key().object());
    }

    /**
     * Whether the case or ticket was open at {@code at}: opened by then, and not closed or solved by then (or
     * reopened since). Judged from the moments alone; a thread whose closing time is not known counts as open.
     */
    static boolean openAt(SupportThread thread, Instant at) {
        Optional<Touchpoint> opened = thread.opened();
        if (opened.isEmpty() || opened.get().occurredAt().isAfter(at)) {
            return false;
        }
        boolean open = true;
        for (Touchpoint t : thread.touchpoints()) {
            if (t.occurredAt().isAfter(at)) {
                break;
            }
            if (SupportThread.RESOLVED.contains(t.type())) {
                open = false;
            } else if (SupportThread.REOPENED.contains(t.type())) {
                open = true;
            }
        }
        return open;
    }

    /** The first closing or solving of the thread strictly after {@code after} and not after {@code now}. */
    static Optional<Touchpoint> resolvedAfter(SupportThread thread, Instant after, Instant now) {
        return thread.ofTypes(SupportThread.RESOLVED).stream()
                .filter(t -> t.occurredAt().isAfter(after) && !t.occurredAt().isAfter(now)).findFirst();
    }

    /** The owner of the customer's Account: onboarding is theirs to arrange once a deal is won. */
    static Actor accountOwner(CustomerHistory history) {
        Optional<CustomerFacts.Account> account = history.facts().account();
        if (account.isEmpty()) {
            return Actor.fallback("the customer has no Account in Salesforce, so no account owner");
        }
        String owner = account.get().ownerId();
        String label = account.get().name() == null ? "the customer's Account" : "Account \"" + account.get().name()
                + "\"";
        if (Actor.isUserId(owner)) {
            return new Actor(owner, "account owner", "owns " + label + ", who arranges onboarding after a sale");
        }
        return Actor.fallback(label + " has no owner who is a user" + (owner == null ? "" : " (" + owner + ")"));
    }

    /** {@code 22 May 2026}, in the business calendar's zone. */
    static String day(Instant at, RuleSettings settings) {
        return Texts.day(at, settings.calendar().zone());
    }

    /** {@code 22 May 2026 16:45 UTC}, in the business calendar's zone, named. */
    static String minute(Instant at, RuleSettings settings) {
        ZoneId zone = settings.calendar().zone();
        return MINUTE.format(at.atZone(zone)) + " " + (zone.getId().equals("Z") ? "UTC" : zone.getId());
    }

    /**
     * A threshold as ops admins think of it: {@code 7 days}, {@code 48 h}, {@code 1 h},
     * {@code 90 min}. Up to two days read as hours ({@code 24 h}, {@code 48 h}), the way service windows are
     * usually stated.
     */
    static String span(Duration d) {
        long minutes = d.toMinutes();
        if (minutes > 48 * 60 && minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + " days";
        }
        if (minutes > 0 && minutes % 60 == 0) {
            return minutes / 60 + " h";
        }
        return DurationText.format(d);
    }

    /** A touchpoint as a reader names it: its type and, when it has one, its title in quotes. */
    static String label(Touchpoint t) {
        return t.type() + (t.title().isBlank() ? "" : " \"" + t.title() + "\"");
    }
}
