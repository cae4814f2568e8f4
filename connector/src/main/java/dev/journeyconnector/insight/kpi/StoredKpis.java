package dev.journeyconnector.insight.kpi;

import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.HistoryLoader;
import dev.journeyconnector.store.KpiStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The KPIs of a period from the store: customers streamed from {@link KpiStore}, the campaign emails sent to them
 * worked out by {@link HistoryLoader} (the same sends the email-fatigue rule sees), and the findings the rules
 * stored. Reads only.
 */
public final class StoredKpis {
    /** Customers whose sends are worked out per store round trip. */
    private static final int BATCH = 1000;

    private StoredKpis() {
    }

    /** @param context made with {@link JourneyKpis.EmailBasis#SENDS} when the store holds Mailchimp campaigns */
    public static JourneyKpis compute(KpiContext context, KpiStore store, HistoryLoader histories) {
        KpiCalculator calculator = new KpiCalculator(context);
        Map<String, Sent> sends = context.emailBasis() == JourneyKpis.EmailBasis.SENDS
                ? sends(context, store.mailchimpMembers(), histories) : new HashMap<>();
        store.forEachCustomer(context.period().from(), context.period().to(), c -> {
            Sent sent = sends.remove(c.customerKey());
            calculator.add(new KpiCustomer(c.customerKey(), c.personaId(), c.touchpoints(),
                    sent == null ? List.of() : sent.sends()));
        });
        // sent emails but no touchpoint in the period: they count in the email rates only
        sends.forEach((key, sent) -> calculator.add(new KpiCustomer(key, sent.personaId(), List.of(), sent.sends())));
        store.findings(context.period().from(), context.period().to()).ifPresent(calculator::addFindings);
        return calculator.result();
    }

    private record Sent(String personaId, List<CampaignSend> sends) {
    }

    /** The sends in the period of the customers on Mailchimp lists who are counted, by customer. */
    private static Map<String, Sent> sends(KpiContext context, Set<String> members, HistoryLoader histories) {
        Map<String, Sent> out = new HashMap<>();
        List<String> keys = new ArrayList<>(members);
        for (int i = 0; i < keys.size(); i += BATCH) {
            for (CustomerHistory h : histories.load(keys.subList(i, Math.min(keys.size(), i + BATCH))).values()) {
                if (!context.counts(h.personaId())) {
                    continue;
                }
                List<CampaignSend> sent = h.facts().sends().stream()
                        .filter(s -> context.period().contains(s.sentAt()))
                        .map(s -> new CampaignSend(s.campaignId(), s.sentAt())).toList();
                if (!sent.isEmpty()) {
                    out.put(h.customerKey(), new Sent(h.personaId(), sent));
                }
            }
        }
        return out;
    }
}
