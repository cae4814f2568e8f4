package dev.journeyconnector.insight.rules;

import dev.journeyconnector.identity.Customer;
import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.Rule;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-built touchpoints with the agreed attributes, as the default mappings will give them, for rule tests. All
 * times are offsets from {@link #T0}, a Monday 09:00 UTC.
 */
final class Journeys {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String CUSTOMER = "sf:003Jx00000001AAIAA";
    static final String CASE_OWNER = "005Jx00000CaseOwnA";
    static final String CONTACT_OWNER = "005Jx00000ContOwnA";
    static final String OPP_OWNER = "005Jx00000OppOwnrA";

    private Journeys() {
    }

    static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    static Duration h(long hours) {
        return Duration.ofHours(hours);
    }

    static Duration d(long days) {
        return Duration.ofDays(days);
    }

    static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Map<String, String> attrs(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static Touchpoint touchpoint(Source source, String object, String recordId, String type, String stage,
                                 String channel, String department, Sentiment sentiment, Duration offset,
                                 String title, String... attributes) {
        URI link = URI.create("https://example.test/" + object + "/" + recordId);
        return new Touchpoint(new Touchpoint.Key(source, object, recordId, type), CUSTOMER, stage, channel,
                department, "unknown", sentiment, at(offset), title, link, attrs(attributes));
    }

    /** A moment of Zendesk ticket {@code id} given by the ticket record itself. */
    static Touchpoint ticket(String id, String type, Duration offset, String... attributes) {
        return touchpoint(Source.ZENDESK, "tickets", id, type, "service", "email", "support", Sentiment.NEUTRAL,
                offset, "#" + id + " Never received my itinerary", with(attributes, "ticket", id));
    }

    /** A ticket event (reopened, priority changed) of ticket {@code id}. */
    static Touchpoint ticketEvent(String id, String eventId, String type, Duration offset, String... attributes) {
        return touchpoint(Source.ZENDESK, "ticket_events", eventId, type, "service", "email", "support",
                Sentiment.NEUTRAL, offset, "", with(attributes, "ticket", id));
    }

    /** A moment the Case record gives itself (opened, closed). */
    static Touchpoint caseRecord(String caseId, String type, Duration offset, String... attributes) {
        return touchpoint(Source.SALESFORCE, "Case", caseId, type, "service", "phone", "support", Sentiment.NEUTRAL,
                offset, "Card blocked abroad", with(attributes, "case", caseId));
    }

    /** A moment from a row about the case (CaseHistory, CaseComment). */
    static Touchpoint caseRow(String caseId, String object, String rowId, String type, Duration offset,
                              String... attributes) {
        return touchpoint(Source.SALESFORCE, object, rowId, type, "service", "email", "support", Sentiment.NEUTRAL,
                offset, "", with(attributes, "case", caseId));
    }

    static Touchpoint sales(String object, String recordId, String type, Duration offset, String... attributes) {
        return touchpoint(Source.SALESFORCE, object, recordId, type, "engagement", "phone", "sales",
                Sentiment.NEUTRAL, offset, type.startsWith("opportunity") ? "Business loan 50k" : "", attributes);
    }

    static Touchpoint marketing(String object, String recordId, String type, Duration offset, String... attributes) {
        return touchpoint(Source.MAILCHIMP, object, recordId, type, "engagement", "email", "marketing",
                type.equals("unsubscribed") ? Sentiment.NEGATIVE : Sentiment.NEUTRAL, offset, "", attributes);
    }

    static CustomerFacts contactFacts(List<CustomerFacts.Membership> memberships,
                                      List<CustomerFacts.CampaignSend> sends) {
        CustomerFacts.Person contact = CustomerFacts.Person.contact(Map.of("Id", "003Jx00000001AAIAA",
                "OwnerId", CONTACT_OWNER, "AccountId", "001Jx00000001AAIAA", "Email", "amira@example.com",
                "HasOptedOutOfEmail", false));
        return new CustomerFacts(Optional.of(contact), Optional.empty(), List.of(), memberships, sends);
    }

    static CustomerHistory history(String persona, CustomerFacts facts, Touchpoint... touchpoints) {
        return new CustomerHistory(CUSTOMER, Customer.Kind.CONTACT, persona, List.of(touchpoints), facts);
    }

    static CustomerHistory history(Touchpoint... touchpoints) {
        return history("small-business-banking-client", contactFacts(List.of(), List.of()), touchpoints);
    }

    /** The rule with its defaults. */
    static List<Finding> evaluate(Rule rule, CustomerHistory history, Instant now) {
        return rule.evaluate(history, RuleSettings.defaults(rule), now);
    }
}
