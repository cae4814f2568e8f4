package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.DurationText;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.insight.Threshold;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code transfer-without-context} (support → another team): a case or ticket moved to another group or owner
 * (a {@code case-reassigned} or {@code ticket-reassigned} touchpoint, with {@code from-group}/{@code to-group}
 * or {@code from-owner}/{@code to-owner} where the mapping knows them) and nobody wrote an internal note on it
 * (a touchpoint with {@code internal: true} on the same case or ticket) within the window of the move, by
 * default 1 hour. A note in the hour before counts as well as one in the hour after: agents usually write the
 * handover note and then change the owner, or do both in one update.
 *
 * <p>A note after the window resolves the finding at its time: the receiving team started blind, and the
 * record says for how long.
 */
public final class TransferWithoutContextRule extends RuleBase {
    public static final String ID = "transfer-without-context";
    static final String WINDOW = "window";

    public TransferWithoutContextRule() {
        super(ID, Finding.Kind.HANDOFF_GAP, Severity.MEDIUM);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(Threshold.duration(WINDOW, Duration.ofHours(1),
                "how close to the move (before or after) an internal note must be written"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        Duration window = settings.duration(WINDOW);
        List<Finding> findings = new ArrayList<>();
        for (SupportThread thread : SupportThread.of(Handoffs.upTo(history.touchpoints(), now))) {
            List<Touchpoint> notes = thread.touchpoints().stream()
                    .filter(t -> t.attribute("internal").filter("true"::equals).isPresent()).toList();
            for (Touchpoint move : thread.touchpoints()) {
                if (!isMove(move)) {
                    continue;
                }
                Instant deadline = settings.deadline(move.occurredAt(), window);
                if (!now.isAfter(deadline)) {
                    continue;              // a note may still come
                }
                Instant earliest = move.occurredAt().minus(window);
                boolean noted = notes.stream().anyMatch(n -> !n.occurredAt().isBefore(earliest)
                        && !n.occurredAt().isAfter(deadline));
                if (noted) {
                    continue;
                }
                Optional<Touchpoint> late = notes.stream().filter(n -> n.occurredAt().isAfter(deadline)).findFirst();
                findings.add(finding(history, settings, thread, move, deadline, late));
            }
        }
        return findings;
    }

    /** A reassignment: by type, or by the from-/to- attributes a mapping gives a move. */
    static boolean isMove(Touchpoint t) {
        return t.type().endsWith("-reassigned") || t.attribute("to-group").isPresent()
                || t.attribute("to-owner").isPresent();
    }

    private Finding finding(CustomerHistory history, RuleSettings settings, SupportThread thread, Touchpoint move,
                            Instant deadline, Optional<Touchpoint> late) {
        String from = side(move, "from", "support");
        String to = side(move, "to", "another team");
        String threshold = Handoffs.span(settings.duration(WINDOW));
        String explanation = Texts.capital(thread.label()) + " moved from " + from + " to " + to + " on "
                + Handoffs.minute(move.occurredAt(), settings) + " with no internal note within " + threshold
                + " before or after the move (threshold " + threshold + "): the new team had to start without "
                + "the context."
                + late.map(n -> " The first internal note came on " + Handoffs.minute(n.occurredAt(), settings)
                + ", " + DurationText.format(Duration.between(move.occurredAt(), n.occurredAt()))
                + " after the move.").orElse("");
        Finding.Builder b = Finding.builder(this, history, settings, Finding.Anchor.of(move))
                .title("Handed over without a note: " + thread.label())
                .explanation(explanation)
                .evidence(thread.opened().stream().toList())
                .evidence(move)
                .handoff(from, to)
                .actor(actor(thread, move))
                .detectedAt(deadline);
        late.ifPresent(n -> b.evidence(n).clearedAt(n.occurredAt()));
        return b.build();
    }

    /** {@code group 360001}, {@code owner 005...}, or the fallback word when the mapping does not say. */
    private static String side(Touchpoint move, String side, String otherwise) {
        return move.attribute(side + "-group").map(g -> "group " + g)
                .or(() -> move.attribute(side + "-owner").map(o -> "owner " + o)).orElse(otherwise);
    }

    /** The new owner: they hold the case now and must get the context; else whoever owns the thread. */
    private static Finding.Actor actor(SupportThread thread, Touchpoint move) {
        Optional<String> newOwner = move.attribute("to-owner");
        if (newOwner.isPresent() && Finding.Actor.isUserId(newOwner.get())) {
            return new Finding.Actor(newOwner.get(), thread.noun() + " owner", "owns the " + thread.label()
                    + " since it was handed over, and needs the context the previous owner had");
        }
        return Actors.forThread(thread);
    }
}
