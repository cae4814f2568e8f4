package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code stalled-deal}: an open opportunity with no stage change and no sales activity for {@code idle} (default
 * 21 d; exactly 21 d fires). The opportunity is the customer's {@code opportunity-opened} touchpoint; its stage
 * changes are {@code opportunity-stage-changed} touchpoints with the same {@code opportunity} attribute; sales
 * activity is a {@code call}, {@code email-sent} or {@code meeting} about that opportunity, or about none (a call
 * with the customer moves every deal with them), but not one about another opportunity. A deal that moved again or
 * closed after such a pause is a finding resolved at that moment; of several pauses the latest is reported.
 */
public final class StalledDealRule extends RuleBase {
    public static final String ID = "stalled-deal";
    static final String OPENED = "opportunity-opened";
    static final Set<String> STAGE_CHANGED = Set.of("opportunity-stage-changed");
    static final Set<String> CLOSED = Set.of("deal-won", "deal-lost");
    static final Set<String> SALES_ACTIVITY = Set.of("call", "email-sent", "meeting");

    public StalledDealRule() {
        super(ID, Finding.Kind.PAIN_POINT, Severity.MEDIUM);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(Threshold.duration("idle", Duration.ofDays(21),
                "how long an open opportunity may go without a stage change or sales activity"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        Duration idle = settings.duration("idle");
        List<Finding> findings = new ArrayList<>();
        for (Touchpoint opened : history.ofTypes(Set.of(OPENED))) {
            String id = opportunityId(opened);
            List<Touchpoint> moves = new ArrayList<>();
            moves.add(opened);
            Touchpoint close = null;
            for (Touchpoint t : history.touchpoints()) {
                Optional<String> about = t.attribute("opportunity");
                boolean ours = about.map(id::equals).orElse(false)
                        || (about.isEmpty() && Finding.Anchor.of(t).equals(Finding.Anchor.of(opened)));
                if (ours && STAGE_CHANGED.contains(t.type())) {
                    moves.add(t);
                } else if (ours && CLOSED.contains(t.type()) && close == null) {
                    close = t;
                } else if (SALES_ACTIVITY.contains(t.type()) && (about.isEmpty() || ours)) {
                    moves.add(t);
                }
            }
            Optional<CustomerFacts.Opportunity> fact = history.facts().opportunities().stream()
                    .filter(o -> o.id().equals(id)).findFirst();
            boolean closedWithoutMoment = close == null && (opened.attribute("is-closed").map("true"::equals)
                    .orElse(false) || fact.map(CustomerFacts.Opportunity::closed).orElse(false));
            if (closedWithoutMoment) {
                continue; // closed, but when is not known: no pause can be measured to its end
            }
            Instant end = close != null ? close.occurredAt() : null;
            moves.removeIf(m -> m.occurredAt().isBefore(opened.occurredAt())
                    || (end != null && m.occurredAt().isAfter(end)));
            moves.sort(Comparator.comparing(Touchpoint::occurredAt));
            Optional<Pause> pause = pause(moves, close, idle, now);
            if (pause.isPresent()) {
                findings.add(finding(history, settings, opened, fact, moves, close, pause.get(), idle, now));
            }
        }
        return findings;
    }

    /** The latest pause of at least {@code idle}: its last move and what ended it (null while it goes on). */
    private record Pause(Touchpoint lastMove, Touchpoint endedBy, Instant endedAt) {
    }

    private static Optional<Pause> pause(List<Touchpoint> moves, Touchpoint close, Duration idle, Instant now) {
        Touchpoint last = moves.get(moves.size() - 1);
        if (close == null && !Duration.between(last.occurredAt(), now).minus(idle).isNegative()) {
            return Optional.of(new Pause(last, null, null));
        }
        List<Touchpoint> ends = new ArrayList<>(moves);
        if (close != null) {
            ends.add(close);
        }
        for (int i = ends.size() - 1; i > 0; i--) {
            Instant from = ends.get(i - 1).occurredAt();
            Instant to = ends.get(i).occurredAt();
            if (!Duration.between(from, to).minus(idle).isNegative()) {
                return Optional.of(new Pause(ends.get(i - 1), ends.get(i), to));
            }
        }
        return Optional.empty();
    }

    private Finding finding(CustomerHistory history, RuleSettings settings, Touchpoint opened,
                            Optional<CustomerFacts.Opportunity> fact, List<Touchpoint> moves, Touchpoint close,
                            Pause pause, Duration idle, Instant now) {
        // The Opportunity's own name where the facts have it: the touchpoint's title is the mapping's wording
        // ("Deal opened: ..."), which reads oddly inside a sentence about the deal.
        String name = fact.map(CustomerFacts.Opportunity::name).filter(n -> !n.isBlank())
                .orElse(opened.title().isBlank() ? null : opened.title());
        String label = "opportunity" + (name == null ? " " + opportunityId(opened) : " \"" + name + "\"");
        Optional<String> stage = SupportThread.latestAttribute("stage-name", moves.stream()
                .filter(m -> m.type().equals(OPENED) || STAGE_CHANGED.contains(m.type())).toList())
                .or(() -> fact.map(CustomerFacts.Opportunity::stageName));
        Instant since = pause.lastMove().occurredAt();
        String sinceText = Texts.day(since, settings.calendar().zone());
        Finding.Builder finding = Finding.builder(this, history, settings, Finding.Anchor.of(opened))
                .evidence(opened).evidence(pause.lastMove())
                .actor(Actors.opportunityOwner(opened.attribute("owner")
                        .or(() -> fact.map(CustomerFacts.Opportunity::ownerId)), label))
                .detectedAt(since.plus(idle));
        String stageText = stage.map(s -> " (stage " + s + ")").orElse("");
        if (pause.endedBy() == null) {
            return finding.title("Stalled " + label)
                    .explanation(Texts.capital(label) + stageText + " has had no stage change and no sales activity"
                            + " for " + DurationText.format(Duration.between(since, now)) + ", since " + sinceText
                            + " (last: " + pause.lastMove().type() + "); the rule fires after "
                            + DurationText.format(idle))
                    .build();
        }
        String ended = pause.endedBy() == close ? "it was " + (close.type().equals("deal-won") ? "won" : "lost")
                : "the next " + pause.endedBy().type();
        return finding.title(Texts.capital(label) + " stalled for "
                        + DurationText.format(Duration.between(since, pause.endedAt())))
                .explanation(Texts.capital(label) + stageText + " had no stage change and no sales activity for "
                        + DurationText.format(Duration.between(since, pause.endedAt())) + ", from " + sinceText
                        + " until " + ended + " on " + Texts.day(pause.endedAt(), settings.calendar().zone())
                        + "; the rule fires after " + DurationText.format(idle))
                .evidence(pause.endedBy()).clearedAt(pause.endedAt()).build();
    }

    private static String opportunityId(Touchpoint opened) {
        return opened.attribute("opportunity").orElse(opened.key().recordId());
    }
}
