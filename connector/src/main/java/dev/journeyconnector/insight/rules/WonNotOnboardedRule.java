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
 * {@code won-not-onboarded} (sales → onboarding): a deal closed won and nobody from onboarding contacted the
 * account within the window (default 7 days). The demo's Trey Weller booked a coach tour and the itinerary
 * never came.
 *
 * <p>A deal's touchpoints land on the Account's anchor Contact, while the welcome call may be logged with a
 * colleague of theirs, so the onboarding contact is looked for across the account: the customer's own
 * touchpoints and {@link CustomerHistory#accountTouchpoints()}. An onboarding contact is any touchpoint of stage
 * or department {@code onboarding} at or after the win. One within the window (its last instant included) closes
 * the handoff; a later one still leaves the gap on record, resolved at the time it came.
 */
public final class WonNotOnboardedRule extends RuleBase {
    public static final String ID = "won-not-onboarded";
    static final String WINDOW = "window";
    static final String DEAL_WON = "deal-won";
    static final String ONBOARDING = "onboarding";

    public WonNotOnboardedRule() {
        super(ID, Finding.Kind.HANDOFF_GAP, Severity.HIGH);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                Threshold.duration(WINDOW, Duration.ofDays(7),
                        "how soon after a won deal the first onboarding contact must come"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        Duration window = settings.duration(WINDOW);
        List<Touchpoint> onboarding = Handoffs.accountWide(history, now).stream()
                .filter(t -> t.stage().equals(ONBOARDING) || t.department().equals(ONBOARDING)).toList();
        List<Finding> findings = new ArrayList<>();
        for (Touchpoint won : Handoffs.upTo(history.ofTypes(List.of(DEAL_WON)), now)) {
            Instant wonAt = won.occurredAt();
            Instant deadline = settings.deadline(wonAt, window);
            if (!now.isAfter(deadline)) {
                continue;                  // the window is still running
            }
            List<Touchpoint> after = onboarding.stream().filter(t -> !t.occurredAt().isBefore(wonAt)).toList();
            if (after.stream().anyMatch(t -> !t.occurredAt().isAfter(deadline))) {
                continue;                  // onboarded in time
            }
            Optional<Touchpoint> late = after.stream().findFirst();
            findings.add(finding(history, settings, won, deadline, late));
        }
        return findings;
    }

    private Finding finding(CustomerHistory history, RuleSettings settings, Touchpoint won, Instant deadline,
                            Optional<Touchpoint> late) {
        String deal = dealName(history, won);
        String threshold = Handoffs.span(settings.duration(WINDOW));
        String explanation = "Deal " + deal + " won on " + Handoffs.day(won.occurredAt(), settings)
                + "; no onboarding contact in the " + threshold + " after (threshold " + threshold + ")."
                + late.map(t -> " The first onboarding contact came on " + Handoffs.day(t.occurredAt(), settings)
                + " (" + Handoffs.label(t) + "), " + DurationText.format(Duration.between(won.occurredAt(),
                t.occurredAt())) + " after the win.").orElse("");
        Finding.Builder b = Finding.builder(this, history, settings, Finding.Anchor.of(won))
                .title("Won deal not onboarded: " + deal)
                .explanation(explanation)
                .evidence(won)
                .handoff("sales", ONBOARDING)
                .actor(actor(history, won))
                .detectedAt(deadline);
        late.ifPresent(t -> b.evidence(t).clearedAt(t.occurredAt()));
        return b.build();
    }

    /** The opportunity's name from the Account's records, else the touchpoint's title. */
    private static String dealName(CustomerHistory history, Touchpoint won) {
        String id = won.attribute("opportunity").orElse(won.key().recordId());
        return history.facts().opportunities().stream().filter(o -> id.equals(o.id()) && o.name() != null)
                .findFirst().map(o -> "\"" + o.name() + "\"")
                .orElse(won.title().isBlank() ? id : "\"" + won.title() + "\"");
    }

    /** The account owner arranges onboarding; without one, the deal's owner, who made the promise. */
    private static Finding.Actor actor(CustomerHistory history, Touchpoint won) {
        Finding.Actor accountOwner = Handoffs.accountOwner(history);
        if (!accountOwner.role().equals(Finding.Actor.FALLBACK)) {
            return accountOwner;
        }
        String id = won.attribute("opportunity").orElse(won.key().recordId());
        Optional<String> owner = won.attribute("owner").or(() -> history.facts().opportunities().stream()
                .filter(o -> id.equals(o.id())).findFirst().map(o -> o.ownerId()));
        Finding.Actor dealOwner = Actors.opportunityOwner(owner, "won deal");
        return dealOwner.role().equals(Finding.Actor.FALLBACK) ? accountOwner : dealOwner;
    }
}
