package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.CustomerFacts.CampaignSend;
import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.insight.Threshold;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code email-fatigue}: the customer unsubscribed ({@code unsubscribed}) or reported a campaign as abuse
 * ({@code abuse-report}, where a mapping provides one), or left {@code unopenedSends} campaigns in a row unopened
 * (default 5; exactly 5 fires). An unsubscribe clears when the member is subscribed to that list again; a run of
 * unopened campaigns clears at the next open. One finding per unsubscribe or abuse record, and one per run,
 * anchored on its first campaign. The contact owner acts: the relationship, not a campaign, needs care.
 */
public final class EmailFatigueRule extends RuleBase {
    public static final String ID = "email-fatigue";
    static final Set<String> OPT_OUTS = Set.of("unsubscribed", "abuse-report");
    static final String OPEN = "campaign-open";

    public EmailFatigueRule() {
        super(ID, Finding.Kind.PAIN_POINT, Severity.LOW);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(Threshold.count("unopenedSends", 5, 2, 1000,
                "how many campaigns in a row left unopened fire the rule"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (Touchpoint optOut : history.ofTypes(OPT_OUTS)) {
            findings.add(optOut(history, settings, optOut));
        }
        findings.addAll(unopenedRuns(history, settings));
        return findings;
    }

    private Finding optOut(CustomerHistory history, RuleSettings settings, Touchpoint t) {
        boolean abuse = t.type().equals("abuse-report");
        Optional<String> list = t.attribute("list");
        Optional<String> campaign = t.attribute("campaign");
        // Subscribed to that list again after it: the customer came back.
        Optional<Instant> back = history.facts().memberships().stream()
                .filter(m -> list.map(m.listId()::equals).orElse(false))
                .filter(m -> m.status() == CustomerFacts.MemberStatus.SUBSCRIBED && m.lastChanged() != null
                        && m.lastChanged().isAfter(t.occurredAt()))
                .map(CustomerFacts.Membership::lastChanged).findFirst();
        long sentBefore = history.facts().sends().stream().filter(s -> !s.sentAt().isAfter(t.occurredAt())).count();
        long openedBefore = history.facts().sends().stream()
                .filter(s -> !s.sentAt().isAfter(t.occurredAt()) && s.opened()).count();
        String what = abuse ? "Reported a campaign as abuse" : "Unsubscribed";
        return Finding.builder(this, history, settings, Finding.Anchor.of(t))
                .title(abuse ? "Abuse report on a campaign" : "Unsubscribed from email")
                .explanation(what + " on " + Texts.day(t.occurredAt(), settings.calendar().zone())
                        + list.map(l -> " (list " + l + campaign.map(c -> ", campaign " + c).orElse("") + ")")
                        .orElse(campaign.map(c -> " (campaign " + c + ")").orElse(""))
                        + (sentBefore == 0 ? "" : "; they had opened " + openedBefore + " of the "
                        + Texts.plural(sentBefore, "campaign") + " sent to them before")
                        + back.map(b -> "; subscribed again on " + Texts.day(b, settings.calendar().zone()))
                        .orElse(""))
                .evidence(t).actor(Actors.contactOwner(history)).detectedAt(t.occurredAt())
                .clearedAt(back.orElse(null)).build();
    }

    private List<Finding> unopenedRuns(CustomerHistory history, RuleSettings settings) {
        int needed = settings.count("unopenedSends");
        List<CampaignSend> sends = history.facts().sends();
        List<Finding> findings = new ArrayList<>();
        int i = 0;
        while (i < sends.size()) {
            if (sends.get(i).opened()) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < sends.size() && !sends.get(j + 1).opened()) {
                j++;
            }
            if (j - i + 1 >= needed) {
                findings.add(run(history, settings, sends.subList(i, j + 1), j + 1 < sends.size()
                        ? sends.get(j + 1) : null, needed));
            }
            i = j + 1;
        }
        return findings;
    }

    private Finding run(CustomerHistory history, RuleSettings settings, List<CampaignSend> run, CampaignSend next,
                        int needed) {
        Instant detected = run.get(needed - 1).sentAt();
        // The run ends at the first open after it went past the threshold: an open touchpoint (of any campaign)
        // gives the moment; a later send marked opened without one gives at least when that send went out.
        Optional<Touchpoint> open = history.ofTypes(Set.of(OPEN)).stream()
                .filter(t -> t.occurredAt().isAfter(detected)).findFirst();
        Instant cleared = open.map(Touchpoint::occurredAt)
                .orElse(next == null ? null : next.sentAt());
        var zone = settings.calendar().zone();
        Finding.Builder finding = Finding.builder(this, history, settings, run.get(0).anchor())
                .title(run.size() + " campaigns in a row unopened")
                .explanation(run.size() + " campaigns in a row unopened, sent from "
                        + Texts.day(run.get(0).sentAt(), zone) + " to " + Texts.day(run.get(run.size() - 1).sentAt(), zone)
                        + "; the rule fires at " + needed
                        + (cleared == null ? "" : "; opened an email again on " + Texts.day(cleared, zone)))
                .actor(Actors.contactOwner(history)).detectedAt(detected).clearedAt(cleared);
        for (CampaignSend s : run) {
            finding.evidence(new Finding.Evidence(s.sentAt(), "campaign " + s.campaignId() + " sent"
                    + (s.listId() == null ? "" : " to list " + s.listId()) + ", not opened", s.report(), null));
        }
        open.ifPresent(finding::evidence);
        return finding.build();
    }
}
