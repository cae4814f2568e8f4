package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.Priority;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One case or ticket and its touchpoints: opened, replies, reassignments, escalations, resolutions, reopens,
 * ratings. Touchpoints join a thread by their {@code case} or {@code ticket} attribute (a CaseComment's Case, a
 * rating's ticket); a support touchpoint without either belongs to the record it came from, which is right for
 * the moments a case or ticket record gives itself (opened, first reply, solved).
 *
 * @param id          {@code case/<id>}, {@code ticket/<id>} or {@code record/<source/object/recordId>}
 * @param noun        {@code case}, {@code ticket}, or {@code request} when neither is known
 * @param touchpoints the thread's touchpoints in time order
 */
public record SupportThread(String id, String noun, List<Touchpoint> touchpoints) {

    public static final Set<String> OPENED = Set.of("case-opened", "ticket-opened");
    /** Replies the customer sees; internal notes ({@code internal: true}) are never a reply. */
    public static final Set<String> REPLIES = Set.of("case-reply", "ticket-first-reply", "ticket-reply");
    public static final Set<String> RESOLVED = Set.of("case-closed", "ticket-solved", "ticket-closed");
    public static final Set<String> REOPENED = Set.of("case-reopened", "ticket-reopened");
    /** Escalations as such; a ticket raised to urgent is a {@link #PRIORITY_CHANGED} touchpoint with priority urgent. */
    public static final Set<String> ESCALATED = Set.of("case-escalated", "ticket-escalated");
    public static final Set<String> PRIORITY_CHANGED = Set.of("case-priority-changed", "ticket-priority-changed");
    /** Types that belong to a thread even without a case or ticket attribute. */
    private static final Set<String> SUPPORT_TYPES = Set.of("case-opened", "case-reply", "case-closed",
            "case-reopened", "case-escalated", "case-reassigned", "case-internal-note", "case-priority-changed",
            "ticket-opened", "ticket-first-reply", "ticket-reply", "ticket-solved", "ticket-closed", "ticket-reopened",
            "ticket-escalated", "ticket-reassigned", "ticket-internal-note", "ticket-priority-changed",
            "satisfaction-rated");
    private static final Set<String> CLOSED_STATUSES = Set.of("solved", "closed");

    public SupportThread {
        touchpoints = List.copyOf(touchpoints);
    }

    /** The customer's cases and tickets, in the order they were opened (threads without an opening last). */
    public static List<SupportThread> of(List<Touchpoint> touchpoints) {
        Map<String, List<Touchpoint>> byThread = new LinkedHashMap<>();
        Map<String, String> nouns = new LinkedHashMap<>();
        for (Touchpoint t : touchpoints) {
            threadOf(t).ifPresent(id -> {
                byThread.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
                nouns.putIfAbsent(id, noun(id, t));
            });
        }
        List<SupportThread> threads = new ArrayList<>();
        byThread.forEach((id, list) -> threads.add(new SupportThread(id, nouns.get(id), list.stream()
                .sorted(Comparator.comparing(Touchpoint::occurredAt).thenComparing(t -> t.key().asString()))
                .toList())));
        threads.sort(Comparator.comparing((SupportThread s) -> s.opened().map(Touchpoint::occurredAt)
                .orElse(Instant.MAX)).thenComparing(SupportThread::id));
        return threads;
    }

    /** The thread a touchpoint belongs to, if it is a support moment at all. */
    public static Optional<String> threadOf(Touchpoint t) {
        Optional<String> caseId = t.attribute("case");
        if (caseId.isPresent()) {
            return Optional.of("case/" + caseId.get());
        }
        Optional<String> ticket = t.attribute("ticket");
        if (ticket.isPresent()) {
            return Optional.of("ticket/" + ticket.get());
        }
        if (SUPPORT_TYPES.contains(t.type())) {
            return Optional.of("record/" + Finding.Anchor.of(t).asString());
        }
        return Optional.empty();
    }

    private static String noun(String id, Touchpoint t) {
        if (id.startsWith("case/") || t.type().startsWith("case-")) {
            return "case";
        }
        if (id.startsWith("ticket/") || t.type().startsWith("ticket-")) {
            return "ticket";
        }
        return "request";
    }

    public Optional<Touchpoint> opened() {
        return touchpoints.stream().filter(t -> OPENED.contains(t.type())).findFirst();
    }

    /** The record findings about this thread are anchored on: the opening's record, else the first touchpoint's. */
    public Finding.Anchor anchor() {
        return Finding.Anchor.of(opened().orElse(touchpoints.get(0)));
    }

    /** {@code ticket "#4711 Never received my itinerary"}, or {@code case 500...} when the opening has no title. */
    public String label() {
        String title = opened().map(Touchpoint::title).filter(s -> !s.isBlank()).orElse(null);
        return title != null ? noun + " \"" + title + "\"" : noun + " " + id.substring(id.indexOf('/') + 1);
    }

    /** The priority the mappings gave (the record's current one); normal when none is given. */
    public Priority priority() {
        return latestAttribute("priority", opened().stream().toList()).flatMap(Priority::of)
                .or(() -> latestAttribute("priority", touchpoints).flatMap(Priority::of))
                .orElse(Priority.NORMAL);
    }

    /** Whether the mappings gave a priority at all, for explanations that say "normal (none given)". */
    public boolean priorityGiven() {
        return touchpoints.stream().anyMatch(t -> t.attribute("priority").flatMap(Priority::of).isPresent());
    }

    /** The first reply the customer saw, at or after the opening. */
    public Optional<Touchpoint> firstReply() {
        Instant from = opened().map(Touchpoint::occurredAt).orElse(Instant.MIN);
        return touchpoints.stream().filter(t -> REPLIES.contains(t.type()))
                .filter(t -> !"true".equals(t.attribute("internal").orElse("false")))
                .filter(t -> !t.occurredAt().isBefore(from)).findFirst();
    }

    public List<Touchpoint> ofTypes(Set<String> types) {
        return touchpoints.stream().filter(t -> types.contains(t.type())).toList();
    }

    /** Escalations: an escalation touchpoint, or a priority change to urgent. */
    public List<Touchpoint> escalations() {
        return touchpoints.stream().filter(t -> ESCALATED.contains(t.type()) || (PRIORITY_CHANGED.contains(t.type())
                && t.attribute("priority").flatMap(Priority::of).orElse(null) == Priority.URGENT)).toList();
    }

    /**
     * When the thread was last resolved, if it is resolved now: a resolution after the last reopen. Empty while
     * open, and empty when the record's status says it is solved but no resolution moment is known (then when is
     * not known).
     */
    public Optional<Instant> resolvedAt() {
        Instant lastReopen = ofTypes(REOPENED).stream().map(Touchpoint::occurredAt).max(Comparator.naturalOrder())
                .orElse(Instant.MIN);
        return ofTypes(RESOLVED).stream().map(Touchpoint::occurredAt).filter(t -> !t.isBefore(lastReopen))
                .max(Comparator.naturalOrder());
    }

    /** Open: not resolved by a resolution moment, and the record's status (where given) is not solved or closed. */
    public boolean isOpen() {
        if (resolvedAt().isPresent()) {
            return false;
        }
        return latestAttribute("status", opened().stream().toList()).or(() -> latestAttribute("status", touchpoints))
                .map(s -> !CLOSED_STATUSES.contains(s)).orElse(true);
    }

    /** The first resolution at or after {@code from}. */
    public Optional<Instant> resolvedAfter(Instant from) {
        return ofTypes(RESOLVED).stream().map(Touchpoint::occurredAt).filter(t -> !t.isBefore(from)).findFirst();
    }

    static Optional<String> latestAttribute(String name, List<Touchpoint> in) {
        for (int i = in.size() - 1; i >= 0; i--) {
            Optional<String> v = in.get(i).attribute(name);
            if (v.isPresent() && !v.get().isBlank()) {
                return v;
            }
        }
        return Optional.empty();
    }
}
