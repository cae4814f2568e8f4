package dev.journeyconnector.insight.kpi;

import dev.journeyconnector.insight.kpi.FindingRow.Kind;
import dev.journeyconnector.insight.kpi.JourneyKpis.EmailBasis;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;
import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.mapping.JourneyMap;
import dev.journeyconnector.mapping.JourneyMap.PersonaJourney;
import dev.journeyconnector.mapping.JourneyMap.Stage;
import dev.journeyconnector.mapping.JourneyMap.StageOrder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small hand-built world for the KPI tests: March 2026, three personas with customers (eight travellers, three
 * bankers, one walk-in whose persona has no journey map entry) and one persona without customers. Every number
 * the tests expect is worked out by hand in {@link KpiCalculatorTest}'s comments from the stories here.
 */
final class KpiWorld {
    static final KpiPeriod MARCH = new KpiPeriod(at("03-01T00:00"), at("04-01T00:00"));
    /** After the period: waiting cases are judged at the period's end. */
    static final Instant LATER = at("05-01T00:00");

    private KpiWorld() {
    }

    static Instant at(String monthDayTime) {
        return Instant.parse("2026-" + monthDayTime + ":00Z");
    }

    static JourneyMap map() {
        return new JourneyMap("journey-map.yaml", List.of(
                journey("traveller", stage("awareness"), stage("engagement"), stage("purchase"), stage("onboarding"),
                        new Stage("service", false, false, List.of()), stage("retention"), churn()),
                journey("banker", stage("awareness"), stage("engagement"), stage("purchase"), churn()),
                journey("nobody", stage("awareness"), stage("engagement"))));
    }

    static Map<String, String> personas() {
        Map<String, String> personas = new LinkedHashMap<>();
        personas.put("traveller", "Traveller");
        personas.put("banker", "Banker");
        personas.put("nobody", "Nobody yet");
        personas.put("walk-in", "Walk-in");
        return personas;
    }

    static KpiContext context(EmailBasis basis) {
        return new KpiContext(MARCH, LATER, Vocabulary.defaults(), map(), personas(), KpiSettings.defaults(), basis);
    }

    /** The customers; see the stories in the comments. */
    static List<KpiCustomer> customers() {
        World w = new World();
        // T1: ad → opportunity → won → onboarding call; a high-priority ticket answered in 2 h, solved in 24 h,
        // rated good. Its ticket touchpoints carry no ticket attribute: they group by their own record.
        w.tp("T1", Source.SALESFORCE, "Lead", "00QT1", "lead-from-ad", "awareness", "03-01T09:00");
        w.tp("T1", Source.SALESFORCE, "Opportunity", "006T1", "opportunity-opened", "engagement", "03-03T09:00");
        w.tp("T1", Source.SALESFORCE, "Opportunity", "006T1", "deal-won", "purchase", "03-10T09:00");
        w.tp("T1", Source.SALESFORCE, "Task", "00TT1", "onboarding-call", "onboarding", "03-12T09:00");
        w.tp("T1", Source.ZENDESK, "tickets", "101", "ticket-opened", "service", "03-13T10:00", "priority", "high");
        w.tp("T1", Source.ZENDESK, "tickets", "101", "ticket-first-reply", "service", "03-13T12:00");
        w.tp("T1", Source.ZENDESK, "tickets", "101", "ticket-solved", "service", "03-14T10:00");
        w.tp("T1", Source.ZENDESK, "satisfaction_ratings", "9101", "satisfaction-rated", "service", "03-14T12:00",
                "score", "good");

        // T2: ad; opens an email sent before the period (C0, not counted), opens and clicks C1, opens C2; won;
        // a survey score of 6 (detractor).
        w.tp("T2", Source.SALESFORCE, "Lead", "00QT2", "lead-from-ad", "awareness", "03-02T09:00");
        w.email("T2", "C0", "open", "03-02T12:00");
        w.email("T2", "C1", "open", "03-04T09:00");
        w.email("T2", "C1", "click", "03-04T10:00");
        w.email("T2", "C2", "open", "03-18T10:00");
        w.tp("T2", Source.SALESFORCE, "Opportunity", "006T2", "deal-won", "purchase", "03-20T09:00");
        w.tp("T2", Source.SALESFORCE, "Task", "00TS2", "survey-answered", "purchase", "03-21T09:00", "nps", "6");
        w.send("T2", "C0", "02-15T08:00");
        w.send("T2", "C1", "03-04T08:00");
        w.send("T2", "C2", "03-18T08:00");

        // T3: ad → opportunity, then unsubscribes through C1 (churn) without opening it.
        w.tp("T3", Source.SALESFORCE, "Lead", "00QT3", "lead-from-ad", "awareness", "03-05T09:00");
        w.tp("T3", Source.SALESFORCE, "Opportunity", "006T3", "opportunity-opened", "engagement", "03-07T09:00");
        w.tp("T3", Source.MAILCHIMP, "unsubscribes", "C1/e3", "unsubscribed", "churn", "03-09T09:00",
                "campaign", "C1");
        w.send("T3", "C1", "03-04T08:00");

        // T4: ad; ignores C1; C2 bounces (a bounce is an engagement-stage touchpoint in the shipped mappings).
        w.tp("T4", Source.SALESFORCE, "Lead", "00QT4", "lead-from-ad", "awareness", "03-06T09:00");
        w.email("T4", "C2", "bounce", "03-18T08:05");
        w.send("T4", "C1", "03-04T08:00");
        w.send("T4", "C2", "03-18T08:00");

        // T5: opportunity → won → an urgent case answered after 2 h (SLA 1 h), closed after 24 h → won again
        // (retention) → a survey score of 9 (promoter). The case's touchpoints come from three records and
        // belong together by their case attribute.
        w.tp("T5", Source.SALESFORCE, "Opportunity", "006T5", "opportunity-opened", "engagement", "03-02T09:00");
        w.tp("T5", Source.SALESFORCE, "Opportunity", "006T5", "deal-won", "purchase", "03-05T09:00");
        w.tp("T5", Source.SALESFORCE, "Case", "500A", "case-opened", "service", "03-15T09:00",
                "case", "500A", "priority", "urgent");
        w.tp("T5", Source.SALESFORCE, "CaseComment", "00aA", "case-reply", "service", "03-15T11:00", "case", "500A");
        w.tp("T5", Source.SALESFORCE, "Case", "500A", "case-closed", "service", "03-16T09:00", "case", "500A");
        w.tp("T5", Source.SALESFORCE, "Opportunity", "006T5b", "deal-won", "retention", "03-25T09:00");
        w.tp("T5", Source.SALESFORCE, "Task", "00TS5", "survey-answered", "retention", "03-26T09:00", "nps", "9");

        // T6: the first reply to a ticket opened in February (not this period's ticket); a normal ticket opened
        // on 30 March at 20:00 and unanswered at the period's end: 28 h > 24 h, breached.
        w.tp("T6", Source.ZENDESK, "tickets", "100", "ticket-opened", "service", "02-20T10:00", "priority", "normal");
        w.tp("T6", Source.ZENDESK, "tickets", "100", "ticket-first-reply", "service", "03-01T10:00");
        w.tp("T6", Source.ZENDESK, "tickets", "106", "ticket-opened", "service", "03-30T20:00", "priority", "normal");

        // T7: a ticket without a priority (normal) answered after exactly 24 h (within), solved after 48 h,
        // rated with no score attribute but negative sentiment (bad); a normal ticket opened on 31 March 12:00
        // and unanswered 12 h later at the period's end: still waiting.
        w.tp("T7", Source.ZENDESK, "tickets", "107", "ticket-opened", "service", "03-20T09:00", "ticket", "107");
        w.tp("T7", Source.ZENDESK, "tickets", "107", "ticket-first-reply", "service", "03-21T09:00", "ticket", "107");
        w.tp("T7", Source.ZENDESK, "tickets", "107", "ticket-solved", "service", "03-22T09:00", "ticket", "107");
        w.add("T7", new Touchpoint(new Touchpoint.Key(Source.ZENDESK, "satisfaction_ratings", "9107",
                "satisfaction-rated"), "T7", "service", "email", "support", "unknown", Sentiment.NEGATIVE,
                at("03-22T12:00"), "", null, Map.of("ticket", "107")));
        w.tp("T7", Source.ZENDESK, "tickets", "108", "ticket-opened", "service", "03-31T12:00", "priority", "normal");

        // T8: ad → won without engagement; a survey score of 10 and one of 11 (not a score, ignored).
        w.tp("T8", Source.SALESFORCE, "Lead", "00QT8", "lead-from-ad", "awareness", "03-08T09:00");
        w.tp("T8", Source.SALESFORCE, "Opportunity", "006T8", "deal-won", "purchase", "03-09T09:00");
        w.tp("T8", Source.SALESFORCE, "Task", "00TS8", "survey-answered", "purchase", "03-09T10:00", "nps", "10");
        w.tp("T8", Source.SALESFORCE, "Task", "00TS8b", "survey-answered", "purchase", "03-09T11:00", "nps", "11");

        // T9: sent C1, no touchpoint in the period: counted in the email rates, not as a customer.
        w.send("T9", "C1", "03-04T08:00");
        // T10: touchpoints in February and at the period's very end (excluded): counted nowhere.
        w.tp("T10", Source.SALESFORCE, "Lead", "00QT10", "lead-from-ad", "awareness", "02-10T09:00");
        w.tp("T10", Source.SALESFORCE, "Opportunity", "006T10", "deal-won", "purchase", "04-01T00:00");

        // B1: referral at the period's very start (included) → meeting → won.
        w.tp("B1", Source.SALESFORCE, "Lead", "00QB1", "lead-from-referral", "awareness", "03-01T00:00");
        w.tp("B1", Source.SALESFORCE, "Event", "00UB1", "meeting", "engagement", "03-02T10:00");
        w.tp("B1", Source.SALESFORCE, "Opportunity", "006B1", "deal-won", "purchase", "03-04T10:00");
        // B2: referral → meeting; a high case answered in 3 h, closed after 48 h (service is not in the banker's
        // map: it shows as a stage reached outside the order).
        w.tp("B2", Source.SALESFORCE, "Lead", "00QB2", "lead-from-referral", "awareness", "03-03T10:00");
        w.tp("B2", Source.SALESFORCE, "Event", "00UB2", "meeting", "engagement", "03-05T10:00");
        w.tp("B2", Source.SALESFORCE, "Case", "500B", "case-opened", "service", "03-06T10:00",
                "case", "500B", "priority", "high");
        w.tp("B2", Source.SALESFORCE, "CaseComment", "00aB", "case-reply", "service", "03-06T13:00", "case", "500B");
        w.tp("B2", Source.SALESFORCE, "Case", "500B", "case-closed", "service", "03-08T10:00", "case", "500B");
        // B3: phone lead → won without engagement → lost an upgrade (churn).
        w.tp("B3", Source.SALESFORCE, "Lead", "00QB3", "lead-from-phone", "awareness", "03-10T10:00");
        w.tp("B3", Source.SALESFORCE, "Opportunity", "006B3", "deal-won", "purchase", "03-11T10:00");
        w.tp("B3", Source.SALESFORCE, "Opportunity", "006B3b", "deal-lost", "churn", "03-12T10:00");

        // W1 (walk-in, no journey map entry: the vocabulary's order): a lead, then a case of priority
        // "critical", which has no SLA, never answered.
        w.tp("W1", Source.SALESFORCE, "Lead", "00QW1", "lead-created", "awareness", "03-09T09:00");
        w.tp("W1", Source.SALESFORCE, "Case", "500W", "case-opened", "service", "03-10T09:00",
                "case", "500W", "priority", "critical");

        return w.customers();
    }

    static List<FindingRow> findings() {
        return List.of(
                pain("slow-first-response", "T5", "traveller", "03-15T12:00"),
                pain("slow-first-response", "T6", "traveller", "03-31T20:00"),
                pain("low-satisfaction", "T7", "traveller", "03-22T12:00"),
                pain("slow-first-response", "T5", "traveller", "02-10T12:00"), // before the period
                gap("won-not-onboarded", "T2", "traveller", "sales", "onboarding", "03-27T09:00"),
                gap("won-not-onboarded", "T8", "traveller", "sales", "onboarding", "03-17T09:00"),
                gap("engaged-lead-not-followed", "T3", "traveller", "marketing", "sales", "03-09T09:00"),
                gap("channel-switch", "B2", "banker", "phone", "email", "03-07T09:00"),
                gap("channel-switch", "B2", "banker", "phone", "email", "04-01T00:00")); // at the end: excluded
    }

    private static FindingRow pain(String rule, String customer, String persona, String at) {
        return new FindingRow(rule, Kind.PAIN_POINT, customer, persona, null, null, at(at));
    }

    private static FindingRow gap(String rule, String customer, String persona, String from, String to, String at) {
        return new FindingRow(rule, Kind.HANDOFF_GAP, customer, persona, from, to, at(at));
    }

    private static PersonaJourney journey(String persona, Stage... stages) {
        return new PersonaJourney(persona, null, StageOrder.VOCABULARY, List.of(stages));
    }

    private static Stage stage(String name) {
        return new Stage(name, true, false, List.of());
    }

    private static Stage churn() {
        return new Stage("churn", false, true, List.of());
    }

    static String personaOf(String customer) {
        return switch (customer.charAt(0)) {
            case 'T' -> "traveller";
            case 'B' -> "banker";
            default -> "walk-in";
        };
    }

    /** Collects touchpoints and sends per customer, in the order written. */
    static final class World {
        private final Map<String, List<Touchpoint>> touchpoints = new LinkedHashMap<>();
        private final Map<String, List<CampaignSend>> sends = new HashMap<>();

        void tp(String customer, Source source, String object, String recordId, String type, String stage,
                String at, String... attributes) {
            Map<String, String> attrs = new HashMap<>();
            for (int i = 0; i < attributes.length; i += 2) {
                attrs.put(attributes[i], attributes[i + 1]);
            }
            add(customer, new Touchpoint(new Touchpoint.Key(source, object, recordId, type), customer, stage, "web",
                    "sales", "unknown", Sentiment.NEUTRAL, at(at), "", null, attrs));
        }

        void email(String customer, String campaign, String action, String at) {
            tp(customer, Source.MAILCHIMP, "email_activity", campaign + "/" + customer + "/" + action + "/" + at,
                    "campaign-" + action, "engagement", at, "campaign", campaign);
        }

        void send(String customer, String campaign, String at) {
            touchpoints.computeIfAbsent(customer, k -> new ArrayList<>());
            sends.computeIfAbsent(customer, k -> new ArrayList<>()).add(new CampaignSend(campaign, at(at)));
        }

        void add(String customer, Touchpoint touchpoint) {
            touchpoints.computeIfAbsent(customer, k -> new ArrayList<>()).add(touchpoint);
        }

        List<KpiCustomer> customers() {
            List<KpiCustomer> out = new ArrayList<>();
            touchpoints.forEach((customer, list) -> out.add(new KpiCustomer(customer, personaOf(customer), list,
                    sends.getOrDefault(customer, List.of()))));
            return out;
        }
    }
}
