package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.BusinessCalendar;
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
import java.util.Map;
import java.util.Optional;

/**
 * {@code engaged-lead-not-followed} (marketing → sales): the customer showed interest (clicked a campaign, or
 * came in as a lead from an ad, social media, a review site, a referral or a marketing event) and sales logged
 * no call, meeting or email within the window, by default 16 business hours: two business days of the business
 * calendar (Mon-Fri 09:00-17:00 UTC unless {@code businessHours} at the top of the rules file says otherwise).
 * A click on Friday evening gives sales until Tuesday 17:00.
 *
 * <p>Clicks count only before the customer's first won deal (unless {@code clicksAfterPurchase}): afterwards a
 * click on a newsletter is retention marketing, not a lead waiting for sales. Signals that come while one is
 * already waiting (a second click the next day) join its finding as evidence instead of making their own.
 * A sales activity after the window resolves the finding at its time; the gap stays on record.
 */
public final class EngagedLeadNotFollowedRule extends RuleBase {
    public static final String ID = "engaged-lead-not-followed";
    static final String WINDOW = "window";
    static final String CLICKS_AFTER_PURCHASE = "clicksAfterPurchase";
    static final String CLICK = "campaign-click";
    /** Leads that marketing brought in, by the Lead mapping's types; web and phone enquiries are the customer's own. */
    static final Map<String, String> MARKETING_LEADS = Map.of(
            "lead-from-ad", "Lead from an ad",
            "lead-from-social", "Lead from social media",
            "lead-from-review", "Lead from a review site",
            "lead-from-referral", "Lead by referral",
            "lead-from-marketing", "Lead from a marketing campaign or event");

    public EngagedLeadNotFollowedRule() {
        super(ID, Finding.Kind.HANDOFF_GAP, Severity.MEDIUM);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                Threshold.duration(WINDOW, Duration.ofHours(16),
                        "how soon after the click or lead sales must call, meet or email (16 business hours = "
                                + "2 business days of 8 hours)"),
                Threshold.flag(Threshold.BUSINESS_HOURS, true,
                        "count the window in business hours (see businessHours at the top of the file); false "
                                + "counts calendar time"),
                Threshold.flag(CLICKS_AFTER_PURCHASE, false,
                        "also count campaign clicks of customers who already have a won deal"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        Duration window = settings.duration(WINDOW);
        List<Touchpoint> seen = Handoffs.upTo(history.touchpoints(), now);
        Instant firstWin = seen.stream().filter(t -> t.type().equals(WonNotOnboardedRule.DEAL_WON))
                .map(Touchpoint::occurredAt).findFirst().orElse(Instant.MAX);
        boolean clicksAfterPurchase = settings.flag(CLICKS_AFTER_PURCHASE);
        List<Touchpoint> signals = seen.stream().filter(t -> MARKETING_LEADS.containsKey(t.type())
                || t.type().equals(CLICK) && (clicksAfterPurchase || t.occurredAt().isBefore(firstWin))).toList();
        List<Touchpoint> sales = seen.stream().filter(Handoffs::isSalesActivity).toList();

        List<Finding> findings = new ArrayList<>();
        int i = 0;
        while (i < signals.size()) {
            Touchpoint signal = signals.get(i);
            Instant deadline = settings.deadline(signal.occurredAt(), window);
            Optional<Touchpoint> followUp = sales.stream()
                    .filter(t -> !t.occurredAt().isBefore(signal.occurredAt())).findFirst();
            boolean inTime = followUp.isPresent() && !followUp.get().occurredAt().isAfter(deadline);
            // Signals after this one and before its follow-up, within its window, are the same episode.
            List<Touchpoint> episode = new ArrayList<>(List.of(signal));
            for (i++; i < signals.size() && joins(signals.get(i), deadline, followUp); i++) {
                episode.add(signals.get(i));
            }
            if (!inTime && now.isAfter(deadline)) {
                findings.add(finding(history, settings, episode, deadline, followUp));
            }
        }
        return findings;
    }

    private static boolean joins(Touchpoint later, Instant deadline, Optional<Touchpoint> followUp) {
        return !later.occurredAt().isAfter(deadline)
                && followUp.map(f -> later.occurredAt().isBefore(f.occurredAt())).orElse(true);
    }

    private Finding finding(CustomerHistory history, RuleSettings settings, List<Touchpoint> episode,
                            Instant deadline, Optional<Touchpoint> followUp) {
        Touchpoint signal = episode.get(0);
        String what = describe(signal);
        String more = episode.size() > 1 ? " (and " + (episode.size() - 1) + " more sign"
                + (episode.size() == 2 ? "" : "s") + " of interest while waiting)" : "";
        String explanation = what + " on " + Handoffs.minute(signal.occurredAt(), settings) + more
                + "; no sales call, meeting or email within " + window(settings) + "."
                + followUp.map(t -> " The first sales activity came on " + Handoffs.minute(t.occurredAt(), settings)
                + " (" + Handoffs.label(t) + "), " + DurationText.format(Duration.between(signal.occurredAt(),
                t.occurredAt())) + " after.").orElse("");
        Finding.Builder b = Finding.builder(this, history, settings, Finding.Anchor.of(signal))
                .title(what + " not followed up by sales")
                .explanation(explanation)
                .evidence(episode)
                .handoff("marketing", "sales")
                .actor(Actors.contactOwner(history))
                .detectedAt(deadline);
        followUp.ifPresent(t -> b.evidence(t).clearedAt(t.occurredAt()));
        return b.build();
    }

    private static String describe(Touchpoint signal) {
        if (signal.type().equals(CLICK)) {
            return "Clicked a campaign email";
        }
        return MARKETING_LEADS.get(signal.type());
    }

    /** {@code 16 business hours (2 business days, Mon-Fri 09:00-17:00 UTC)}, or {@code 48 h} in calendar time. */
    private static String window(RuleSettings settings) {
        Duration window = settings.duration(WINDOW);
        if (!settings.businessHours()) {
            return Handoffs.span(window) + " (threshold " + Handoffs.span(window) + ")";
        }
        BusinessCalendar calendar = settings.calendar();
        Duration day = Duration.between(calendar.open(), calendar.close());
        String days = window.toMinutes() % day.toMinutes() == 0
                ? Texts.plural(window.toMinutes() / day.toMinutes(), "business day") + ", " : "";
        return DurationText.format(window) + " of business hours (threshold; " + days + calendar.describe() + ")";
    }
}
