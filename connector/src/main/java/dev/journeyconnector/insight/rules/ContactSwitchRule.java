package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.DurationText;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.Rule;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.insight.Threshold;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code channel-switch} (channel A → channel B) and {@code device-switch} (device A → device B): the customer
 * opened a case or ticket and, while it was still unresolved, came back with a new one on another channel
 * (device) within the window, by default 48 hours after the first. Nobody answered where they asked, so they
 * tried elsewhere, and two teams may now work the same question.
 *
 * <p>The finding is about the contact left unresolved: one per such case or ticket, with every later contact
 * on another channel (device) in the window as evidence; {@code from} is its channel (device), {@code to} the
 * first one the customer switched to. It resolves when that first contact is closed or solved. Devices count
 * only where known: a contact on the {@code unknown} device (the vocabulary's default) never counts as a switch.
 * Contacts opened at the same instant are one visit, not a switch.
 */
public final class ContactSwitchRule implements Rule {
    public static final String CHANNEL_ID = "channel-switch";
    public static final String DEVICE_ID = "device-switch";
    static final String WINDOW = "window";
    /** The vocabulary's default device: the record did not say. */
    static final String UNKNOWN_DEVICE = "unknown";

    private final String id;
    private final String dimension;
    private final Function<Touchpoint, Optional<String>> valueOf;
    private final Severity severity;

    private ContactSwitchRule(String id, String dimension, Function<Touchpoint, Optional<String>> valueOf,
                              Severity severity) {
        this.id = id;
        this.dimension = dimension;
        this.valueOf = valueOf;
        this.severity = severity;
    }

    /** Across channels: chat → email. */
    public static ContactSwitchRule channels() {
        return new ContactSwitchRule(CHANNEL_ID, "channel", t -> Optional.of(t.channel()), Severity.MEDIUM);
    }

    /** Across devices where known: mobile → desktop. */
    public static ContactSwitchRule devices() {
        return new ContactSwitchRule(DEVICE_ID, "device",
                t -> Optional.of(t.device()).filter(d -> !d.equals(UNKNOWN_DEVICE)), Severity.LOW);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Finding.Kind kind() {
        return Finding.Kind.HANDOFF_GAP;
    }

    @Override
    public Severity defaultSeverity() {
        return severity;
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(Threshold.duration(WINDOW, Duration.ofHours(48),
                "how soon after an unresolved contact a new one on another " + dimension + " counts as a switch"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        Duration window = settings.duration(WINDOW);
        List<SupportThread> threads = SupportThread.of(Handoffs.upTo(history.touchpoints(), now)).stream()
                .filter(t -> t.opened().isPresent()).toList();
        List<Finding> findings = new ArrayList<>();
        for (SupportThread first : threads) {
            Touchpoint opened = first.opened().get();
            Optional<String> from = valueOf.apply(opened);
            if (from.isEmpty()) {
                continue;
            }
            Instant until = settings.deadline(opened.occurredAt(), window);
            List<Touchpoint> switches = threads.stream().map(t -> t.opened().get())
                    .filter(o -> o.occurredAt().isAfter(opened.occurredAt()) && !o.occurredAt().isAfter(until))
                    .filter(o -> valueOf.apply(o).filter(v -> !v.equals(from.get())).isPresent())
                    .filter(o -> Handoffs.openAt(first, o.occurredAt()))
                    .toList();
            if (!switches.isEmpty()) {
                findings.add(finding(history, settings, first, from.get(), switches, now));
            }
        }
        return findings;
    }

    private Finding finding(CustomerHistory history, RuleSettings settings, SupportThread first, String from,
                            List<Touchpoint> switches, Instant now) {
        Touchpoint opened = first.opened().get();
        Touchpoint next = switches.get(0);
        String to = valueOf.apply(next).orElseThrow();
        Optional<Touchpoint> resolved = Handoffs.resolvedAfter(first, next.occurredAt(), now);
        String explanation = Texts.capital(first.label()) + " opened on " + Handoffs.minute(opened.occurredAt(),
                settings) + " (" + dimension + " " + from + ") was still unresolved when the customer came back on "
                + to + " " + DurationText.format(Duration.between(opened.occurredAt(), next.occurredAt()))
                + " later (" + Handoffs.label(next) + "); window " + Handoffs.span(settings.duration(WINDOW)) + "."
                + (switches.size() > 1 ? " " + Texts.plural(switches.size() - 1, "more contact")
                + " on another " + dimension + " followed within the window." : "")
                + resolved.map(r -> " It was resolved on " + Handoffs.minute(r.occurredAt(), settings) + ".")
                .orElse("");
        Finding.Builder b = Finding.builder(this, history, settings, first.anchor())
                .title(Texts.capital(dimension) + " switch: " + from + " → " + to + " while " + first.label()
                        + " was open")
                .explanation(explanation)
                .evidence(opened)
                .evidence(switches)
                .handoff(from, to)
                .actor(Actors.forThread(first))
                .detectedAt(next.occurredAt());
        resolved.ifPresent(r -> b.evidence(r).clearedAt(r.occurredAt()));
        return b.build();
    }
}
