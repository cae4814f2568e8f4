package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts.Opportunity;
import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.DurationText;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.Priority;
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
 * {@code support-blind-to-deal} (support → sales): a high or urgent case or ticket came from a customer whose
 * Account had an open opportunity, and the opportunity's owner logged nothing with the account (a Salesforce
 * Task or Event they own, of department sales) within the window after it opened, by default 24 hours. A deal
 * in flight with a customer in trouble is the owner's business; the finding is the alert to them.
 *
 * <p>The opportunity is the Account's, from the customer's facts: open when the case or ticket came (created
 * before it, where the record says, and not closed by then; a closed deal counts as closed from the start of its
 * CloseDate). With several, the one changed last. The owner's activity is looked for across the account, since
 * they may have called a colleague of the customer. An activity after the window resolves the finding at its
 * time.
 */
public final class SupportBlindToDealRule extends RuleBase {
    public static final String ID = "support-blind-to-deal";
    static final String WINDOW = "window";
    private static final Set<Priority> SERIOUS = Set.of(Priority.HIGH, Priority.URGENT);

    public SupportBlindToDealRule() {
        super(ID, Finding.Kind.HANDOFF_GAP, Severity.HIGH);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(Threshold.duration(WINDOW, Duration.ofHours(24),
                "how soon after a high or urgent case or ticket the open deal's owner must be in touch"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        if (history.facts().opportunities().isEmpty()) {
            return List.of();
        }
        Duration window = settings.duration(WINDOW);
        List<Touchpoint> accountWide = Handoffs.accountWide(history, now);
        List<Finding> findings = new ArrayList<>();
        for (SupportThread thread : SupportThread.of(Handoffs.upTo(history.touchpoints(), now))) {
            if (thread.opened().isEmpty() || !SERIOUS.contains(thread.priority())) {
                continue;
            }
            Instant openedAt = thread.opened().get().occurredAt();
            Optional<Opportunity> deal = openDealAt(history, openedAt);
            if (deal.isEmpty() || deal.get().ownerId() == null) {
                continue;
            }
            Instant deadline = settings.deadline(openedAt, window);
            if (!now.isAfter(deadline)) {
                continue;
            }
            String owner = deal.get().ownerId();
            List<Touchpoint> ownerActivity = accountWide.stream().filter(Handoffs::isSalesActivity)
                    .filter(t -> t.attribute("owner").filter(owner::equals).isPresent())
                    .filter(t -> !t.occurredAt().isBefore(openedAt)).toList();
            if (ownerActivity.stream().anyMatch(t -> !t.occurredAt().isAfter(deadline))) {
                continue;
            }
            findings.add(finding(history, settings, thread, deal.get(), deadline, ownerActivity.stream().findFirst()));
        }
        return findings;
    }

    /** The Account's opportunity that was open at {@code at}; with several, the one modified last. */
    static Optional<Opportunity> openDealAt(CustomerHistory history, Instant at) {
        return history.facts().opportunities().stream()
                .filter(o -> o.instantOf("CreatedDate").map(c -> !c.isAfter(at)).orElse(true))
                .filter(o -> !o.closed() || o.instantOf("CloseDate").map(c -> c.isAfter(at)).orElse(false))
                .max(Comparator.comparing((Opportunity o) -> o.lastModified() == null ? Instant.MIN : o.lastModified())
                        .thenComparing(Opportunity::id));
    }

    private Finding finding(CustomerHistory history, RuleSettings settings, SupportThread thread, Opportunity deal,
                            Instant deadline, Optional<Touchpoint> late) {
        Instant openedAt = thread.opened().get().occurredAt();
        String dealLabel = "opportunity " + (deal.name() == null ? deal.id() : "\"" + deal.name() + "\"");
        String threshold = Handoffs.span(settings.duration(WINDOW));
        String explanation = Texts.capital(thread.priority().wireName()) + "-priority " + thread.label()
                + " opened on " + Handoffs.minute(openedAt, settings) + " while the Account's " + dealLabel
                + (deal.stageName() == null ? "" : " (stage " + deal.stageName() + ")") + " was open; its owner "
                + "logged no call, meeting or email with the account in the " + threshold + " after (threshold "
                + threshold + ")."
                + late.map(t -> " The owner's first activity came on " + Handoffs.minute(t.occurredAt(), settings)
                + " (" + Handoffs.label(t) + "), " + DurationText.format(Duration.between(openedAt, t.occurredAt()))
                + " after.").orElse("");
        Finding.Builder b = Finding.builder(this, history, settings, thread.anchor())
                .title("Deal owner unaware of " + thread.priority().wireName() + "-priority " + thread.noun()
                        + ": " + thread.label())
                .explanation(explanation)
                .evidence(thread.opened().get())
                .handoff("support", "sales")
                .actor(Actors.opportunityOwner(Optional.of(deal.ownerId()), dealLabel))
                .detectedAt(deadline);
        late.ifPresent(t -> b.evidence(t).clearedAt(t.occurredAt()));
        return b.build();
    }
}
