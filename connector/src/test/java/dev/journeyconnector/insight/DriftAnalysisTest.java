package dev.journeyconnector.insight;

import dev.journeyconnector.insight.DriftReport.DistinguishingValue;
import dev.journeyconnector.insight.DriftReport.OrderViolation;
import dev.journeyconnector.insight.DriftReport.ReasonCount;
import dev.journeyconnector.insight.DriftReport.UnexpectedType;
import dev.journeyconnector.insight.DriftReport.UnmappedObject;
import dev.journeyconnector.insight.DriftReport.UnseenType;
import dev.journeyconnector.insight.DriftScore.Component;
import dev.journeyconnector.insight.DriftScore.Part;
import dev.journeyconnector.mapping.JourneyMap;
import dev.journeyconnector.mapping.JourneyMap.PersonaJourney;
import dev.journeyconnector.mapping.JourneyMap.Stage;
import dev.journeyconnector.mapping.JourneyMap.StageOrder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each section of the drift report on hand-built inputs; every expected number is worked out in the test. */
class DriftAnalysisTest {

    static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");

    static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    static Stage ordered(String name, String... types) {
        return new Stage(name, true, false, List.of(types));
    }

    static Stage anyTime(String name, String... types) {
        return new Stage(name, false, false, List.of(types));
    }

    static Stage churn(String... types) {
        return new Stage("churn", false, true, List.of(types));
    }

    static PersonaJourney journey(String persona, Integer unseenDays, Stage... stages) {
        return new PersonaJourney(persona, unseenDays, StageOrder.VOCABULARY, List.of(stages));
    }

    /** traveller: awareness → engagement → purchase → onboarding, service at any time, churn; banker: three stages. */
    static final JourneyMap MAP = new JourneyMap("mappings/journey-map.yaml", List.of(
            journey("traveller", 30,
                    ordered("awareness", "lead-from-ad"),
                    ordered("engagement", "opportunity-opened"),
                    ordered("purchase", "deal-won"),
                    ordered("onboarding", "onboarding-call"),
                    anyTime("service", "ticket-opened", "case-opened"),
                    churn("unsubscribed")),
            journey("banker", null,
                    ordered("awareness", "lead-from-referral"),
                    ordered("purchase", "deal-won"),
                    ordered("onboarding", "onboarding-meeting", "case-opened"))));

    static ObservedTouchpoint tp(String customer, String persona, String type, String stage, Instant at) {
        return new ObservedTouchpoint(customer, persona, type, stage, at);
    }

    static DriftReport analyse(List<ObservedTouchpoint> touchpoints, List<UnmappedRecord> unmapped,
                               ValueCounts mapped, JourneyMap map, double threshold) {
        return DriftAnalysis.analyse(new DriftInput(touchpoints, unmapped, mapped, map, NOW, 60, threshold));
    }

    static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> record = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            record.put((String) keyValues[i], keyValues[i + 1]);
        }
        return record;
    }

    @Nested
    class UnmappedRecords {

        /** 12 mapped Cases: Origin Phone ×6, Email ×4, Web ×2; Status New or Closed; every Subject different. */
        ValueCounts mappedCases() {
            ValueCounts mapped = new ValueCounts();
            String[] origins = {"Phone", "Phone", "Phone", "Phone", "Phone", "Phone", "Email", "Email", "Email",
                    "Email", "Web", "Web"};
            for (int i = 0; i < origins.length; i++) {
                mapped.add("salesforce", "Case", record("Id", "500Jx00000000" + (10 + i) + "IAA",
                        "AccountId", "001Jx00000000" + (10 + i) + "IAA", "Origin", origins[i],
                        "Status", i % 2 == 0 ? "New" : "Closed", "Subject", "Question number " + i,
                        "CreatedDate", "2026-10-0" + (1 + i % 9) + "T10:00:00.000+0000"));
            }
            return mapped;
        }

        UnmappedRecord whatsAppCase(String id, String subject) {
            return new UnmappedRecord("salesforce", "Case", id, UnmappedRecord.NO_RULE_MATCHED,
                    record("Id", id, "AccountId", "001Jx0000000099IAA", "Origin", "WhatsApp", "Status", "New",
                            "Subject", subject, "CreatedDate", "2026-11-02T09:00:00.000+0000"));
        }

        @Test
        void aCaseWithANewOriginValueIsListedUnderCaseWithThatOrigin() {
            DriftReport report = analyse(List.of(), List.of(
                    whatsAppCase("500Jx0000000091IAA", "Hi, where is my order?"),
                    whatsAppCase("500Jx0000000092IAA", "Booking change please")), mappedCases(), MAP, 0.25);

            // Subject: 14 records, 14 distinct values (more than half) → name-like text, left out; AccountId:
            // 14 records, 13 distinct → left out the same way. Id: the record's own id; CreatedDate: a date-time;
            // Status New: known among mapped Cases. Origin: 14 records, 4 distinct → a category, WhatsApp is new.
            assertThat(report.unmapped()).containsExactly(new UnmappedObject("salesforce", "Case", 2, 12,
                    List.of(new ReasonCount("no rule matched", 2)),
                    List.of(new DistinguishingValue("Origin", "WhatsApp", 2)), 0,
                    List.of("500Jx0000000091IAA", "500Jx0000000092IAA")));
        }

        @Test
        void groupsByObjectMostUnmappedFirstAndCountsReasonsAndMissingValues() {
            ValueCounts mapped = mappedCases();
            mapped.add("zendesk", "tickets", record("id", 1, "via", Map.of("channel", "email"), "status", "open"));
            mapped.add("zendesk", "tickets", record("id", 2, "via", Map.of("channel", "web"), "status", "solved"));
            List<UnmappedRecord> unmapped = List.of(
                    new UnmappedRecord("zendesk", "tickets", "3", null,
                            record("id", 3, "via", Map.of("channel", "whatsapp"), "status", "open")),
                    new UnmappedRecord("salesforce", "Case", "500Jx0000000093IAA",
                            "case-opened: CreatedDate is missing",
                            record("Origin", null, "Status", "New", "CreatedDate", null)),
                    new UnmappedRecord("salesforce", "Case", "500Jx0000000094IAA",
                            "case-opened: CreatedDate is missing",
                            record("Origin", "", "Status", "Escalated", "CreatedDate", null)),
                    new UnmappedRecord("mailchimp", "members", "list1/abc", "no rule matched",
                            record("status", "archived")));

            DriftReport report = analyse(List.of(), unmapped, mapped, MAP, 0.25);

            assertThat(report.unmapped()).extracting(o -> o.source() + "/" + o.object() + " " + o.records())
                    .containsExactly("salesforce/Case 2", "mailchimp/members 1", "zendesk/tickets 1");
            UnmappedObject cases = report.unmapped().get(0);
            assertThat(cases.reasons()).containsExactly(new ReasonCount("case-opened: CreatedDate is missing", 2));
            // Origin null and "" both count as (empty), which no mapped Case has; Escalated is new for Status.
            assertThat(cases.values()).containsExactly(
                    new DistinguishingValue("Origin", ValueCounts.EMPTY, 2),
                    new DistinguishingValue("Status", "Escalated", 1));
            UnmappedObject members = report.unmapped().get(1);
            assertThat(members.mappedRecords()).isZero();
            assertThat(members.values()).as("nothing mapped to compare with").isEmpty();
            UnmappedObject tickets = report.unmapped().get(2);
            assertThat(tickets.reasons()).as("a blank reason is 'no rule matched'")
                    .containsExactly(new ReasonCount("no rule matched", 1));
            assertThat(tickets.values()).containsExactly(new DistinguishingValue("via.channel", "whatsapp", 1));
        }

        @Test
        void keepsTheTwentyMostFrequentValuesAndCountsTheRest() {
            ValueCounts mapped = new ValueCounts().add("zendesk", "tickets", record("tags", List.of("vip")));
            List<UnmappedRecord> unmapped = new ArrayList<>();
            // One record with 25 new tags, and a second sharing the first tag: that one ranks first with 2.
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                tags.add("tag" + (char) ('a' + i));
            }
            unmapped.add(new UnmappedRecord("zendesk", "tickets", "1", null, record("tags", tags)));
            unmapped.add(new UnmappedRecord("zendesk", "tickets", "2", null, record("tags", List.of("taga"))));

            UnmappedObject tickets = analyse(List.of(), unmapped, mapped, MAP, 0.25).unmapped().get(0);

            assertThat(tickets.values()).hasSize(20);
            assertThat(tickets.values().get(0)).isEqualTo(new DistinguishingValue("tags", "taga", 2));
            assertThat(tickets.values().get(1)).isEqualTo(new DistinguishingValue("tags", "tagb", 1));
            assertThat(tickets.valuesLeftOut()).isEqualTo(5);
        }
    }

    @Nested
    class UnexpectedTypes {

        @Test
        void listsTypesAPersonasMapDoesNotExpectInTheStageTheyHad() {
            List<ObservedTouchpoint> touchpoints = List.of(
                    tp("c1", "traveller", "lead-from-ad", "awareness", daysAgo(5)),          // expected
                    tp("c1", "traveller", "invoice-sent", "service", daysAgo(4)),            // not in the map
                    tp("c2", "traveller", "invoice-sent", "service", daysAgo(2)),            // not in the map
                    tp("c1", "traveller", "case-opened", "purchase", daysAgo(3)),            // map: service only
                    tp("b1", "banker", "ticket-opened", "service", daysAgo(1)),              // not in the map
                    tp("b1", "banker", "case-opened", "onboarding", daysAgo(1)),             // expected
                    tp("g1", "ghost", "deal-won", "purchase", daysAgo(6)));                  // persona has no map

            DriftReport report = analyse(touchpoints, List.of(), new ValueCounts(), MAP, 0.25);

            assertThat(report.unexpected()).containsExactly(
                    new UnexpectedType("traveller", "invoice-sent", "service", 2, 2, daysAgo(2), List.of()),
                    new UnexpectedType("traveller", "case-opened", "purchase", 1, 1, daysAgo(3), List.of("service")),
                    new UnexpectedType("banker", "ticket-opened", "service", 1, 1, daysAgo(1), List.of()),
                    new UnexpectedType("ghost", "deal-won", "purchase", 1, 1, daysAgo(6), List.of()));
            // 5 of the 7 touchpoints are unexpected.
            Component part = report.score().parts().get(1);
            assertThat(part.part()).isEqualTo(Part.UNEXPECTED_TOUCHPOINTS);
            assertThat(List.of(part.count(), part.outOf())).containsExactly(5, 7);
        }
    }

    @Nested
    class UnseenTypes {

        @Test
        void tellsNeverSeenFromLastSeenDaysAgoWithEachPersonasWindow() {
            List<ObservedTouchpoint> touchpoints = List.of(
                    tp("c1", "traveller", "lead-from-ad", "awareness", daysAgo(10)),
                    // exactly 30 days old: the window is (now - 30 days, now], so this is unseen, 30 days ago
                    tp("c1", "traveller", "opportunity-opened", "engagement", daysAgo(30)),
                    // one second younger than 30 days: still seen
                    tp("c1", "traveller", "deal-won", "purchase", daysAgo(30).plusSeconds(1)),
                    tp("c2", "traveller", "ticket-opened", "service", daysAgo(74)),
                    tp("c2", "traveller", "ticket-opened", "service", daysAgo(80)),
                    // seen in an unexpected stage still counts as seen
                    tp("c2", "traveller", "case-opened", "purchase", daysAgo(1)),
                    // another persona's onboarding call does not count for the traveller
                    tp("b1", "banker", "onboarding-call", "onboarding", daysAgo(1)));

            DriftReport report = analyse(touchpoints, List.of(), new ValueCounts(), MAP, 0.25);

            assertThat(report.unseen()).containsExactly(
                    new UnseenType("traveller", "onboarding-call", List.of("onboarding"), 30, null, null),
                    new UnseenType("traveller", "ticket-opened", List.of("service"), 30, daysAgo(74), 74L),
                    new UnseenType("traveller", "opportunity-opened", List.of("engagement"), 30, daysAgo(30), 30L),
                    // the banker has no unseenDays of its own: the setting (60) applies
                    new UnseenType("banker", "case-opened", List.of("onboarding"), 60, null, null),
                    new UnseenType("banker", "deal-won", List.of("purchase"), 60, null, null),
                    new UnseenType("banker", "lead-from-referral", List.of("awareness"), 60, null, null),
                    new UnseenType("banker", "onboarding-meeting", List.of("onboarding"), 60, null, null));
            assertThat(report.unseen()).as("unsubscribed is only under churn: nobody leaving is no drift")
                    .noneMatch(u -> u.type().equals("unsubscribed"));
            // traveller expects 6 types outside churn, banker 4: 7 of 10 unseen.
            Component part = report.score().parts().get(2);
            assertThat(List.of(part.count(), part.outOf())).containsExactly(7, 10);
        }
    }

    @Nested
    class OutOfOrderCustomers {

        @Test
        void countsCustomersPerStagePairTheyReachedTheWrongWayRound() {
            List<ObservedTouchpoint> touchpoints = List.of(
                    // c1: in order
                    tp("c1", "traveller", "lead-from-ad", "awareness", daysAgo(20)),
                    tp("c1", "traveller", "opportunity-opened", "engagement", daysAgo(19)),
                    tp("c1", "traveller", "deal-won", "purchase", daysAgo(18)),
                    // c2: purchase, then engagement, then awareness: all three pairs reversed
                    tp("c2", "traveller", "deal-won", "purchase", daysAgo(20)),
                    tp("c2", "traveller", "opportunity-opened", "engagement", daysAgo(19)),
                    tp("c2", "traveller", "lead-from-ad", "awareness", daysAgo(15)),
                    // c3: service may come at any time, so c3 has one ordered stage only: not checked
                    tp("c3", "traveller", "ticket-opened", "service", daysAgo(20)),
                    tp("c3", "traveller", "deal-won", "purchase", daysAgo(19)),
                    // c4: the same instant is not out of order
                    tp("c4", "traveller", "opportunity-opened", "engagement", daysAgo(10)),
                    tp("c4", "traveller", "deal-won", "purchase", daysAgo(10)),
                    // c5: churn first is outside the order
                    tp("c5", "traveller", "unsubscribed", "churn", daysAgo(30)),
                    tp("c5", "traveller", "lead-from-ad", "awareness", daysAgo(20)),
                    tp("c5", "traveller", "opportunity-opened", "engagement", daysAgo(19)),
                    // c6: the FIRST engagement counts (day 20, before purchase on day 19); onboarding on day 25
                    // comes before both engagement and purchase
                    tp("c6", "traveller", "opportunity-opened", "engagement", daysAgo(5)),
                    tp("c6", "traveller", "opportunity-opened", "engagement", daysAgo(20)),
                    tp("c6", "traveller", "deal-won", "purchase", daysAgo(19)),
                    tp("c6", "traveller", "onboarding-call", "onboarding", daysAgo(25)),
                    // stages not in the persona's map take no part (banker has no engagement)
                    tp("b1", "banker", "deal-won", "purchase", daysAgo(20)),
                    tp("b1", "banker", "opportunity-opened", "engagement", daysAgo(21)));

            DriftReport report = analyse(touchpoints, List.of(), new ValueCounts(), MAP, 0.25);

            // Customers who reached both stages of a pair: awareness+engagement c1 c2 c5; awareness+purchase
            // c1 c2; engagement+purchase c1 c2 c4 c6; engagement+onboarding c6; purchase+onboarding c6.
            assertThat(report.outOfOrder()).containsExactly(
                    new OrderViolation("traveller", "awareness", "engagement", 1, 3, List.of("c2")),
                    new OrderViolation("traveller", "awareness", "purchase", 1, 2, List.of("c2")),
                    new OrderViolation("traveller", "engagement", "purchase", 1, 4, List.of("c2")),
                    new OrderViolation("traveller", "engagement", "onboarding", 1, 1, List.of("c6")),
                    new OrderViolation("traveller", "purchase", "onboarding", 1, 1, List.of("c6")));
            // Checked: c1 c2 c4 c5 c6 (c3 and b1 have one ordered stage of their map); out of order: c2 and c6.
            Component part = report.score().parts().get(3);
            assertThat(List.of(part.count(), part.outOf())).containsExactly(2, 5);
        }

        @Test
        void ranksPairsWithMoreCustomersFirst() {
            List<ObservedTouchpoint> touchpoints = new ArrayList<>();
            for (String c : List.of("a", "b")) {
                touchpoints.add(tp(c, "traveller", "deal-won", "purchase", daysAgo(3)));
                touchpoints.add(tp(c, "traveller", "onboarding-call", "onboarding", daysAgo(4)));
            }
            touchpoints.add(tp("c", "traveller", "opportunity-opened", "engagement", daysAgo(3)));
            touchpoints.add(tp("c", "traveller", "lead-from-ad", "awareness", daysAgo(2)));

            assertThat(analyse(touchpoints, List.of(), new ValueCounts(), MAP, 0.25).outOfOrder())
                    .extracting(v -> v.earlier() + "->" + v.later() + " " + v.customers() + "/"
                            + v.customersWithBoth() + " " + v.examples())
                    .containsExactly("purchase->onboarding 2/2 [a, b]", "awareness->engagement 1/1 [c]");
        }
    }

    @Nested
    class Score {

        /** One persona with four ordered stages, one expected type each; 30 days window. */
        final JourneyMap map = new JourneyMap("journey-map.yaml", List.of(journey("p", 30,
                ordered("awareness", "a-type"), ordered("engagement", "b-type"),
                ordered("purchase", "c-type"), ordered("onboarding", "d-type"))));

        /**
         * 8 touchpoints of 4 customers, each reaching two ordered stages: 2 of a type the map does not expect
         * (x-type, y-type), k4 out of order, d-type never seen. 1 unmapped record beside 3 mapped ones.
         */
        List<ObservedTouchpoint> touchpoints() {
            return List.of(
                    tp("k1", "p", "a-type", "awareness", daysAgo(9)), tp("k1", "p", "x-type", "engagement", daysAgo(8)),
                    tp("k2", "p", "a-type", "awareness", daysAgo(9)), tp("k2", "p", "y-type", "purchase", daysAgo(8)),
                    tp("k3", "p", "b-type", "engagement", daysAgo(9)), tp("k3", "p", "c-type", "purchase", daysAgo(8)),
                    tp("k4", "p", "c-type", "purchase", daysAgo(9)), tp("k4", "p", "b-type", "engagement", daysAgo(8)));
        }

        ValueCounts threeMapped() {
            ValueCounts mapped = new ValueCounts();
            for (int i = 0; i < 3; i++) {
                mapped.add("salesforce", "Case", record("Origin", "Phone"));
            }
            return mapped;
        }

        List<UnmappedRecord> unmapped(int n) {
            List<UnmappedRecord> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(new UnmappedRecord("salesforce", "Case", "u" + i, null, record("Origin", "Phone")));
            }
            return list;
        }

        @Test
        void isTheWeightedSumOfFourShares() {
            DriftScore score = analyse(touchpoints(), unmapped(1), threeMapped(), map, 0.25).score();

            // unmapped 1/(1+3) = 0.25 → 0.3 × 0.25 = 0.075; unexpected 2/8 = 0.25 → 0.075;
            // unseen 1/4 (d-type) = 0.25 → 0.2 × 0.25 = 0.05; out of order 1/4 (k4) = 0.25 → 0.05. Sum 0.25.
            assertThat(score.parts()).extracting(Component::part, Component::count, Component::outOf)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Part.UNMAPPED_RECORDS, 1, 4),
                            org.assertj.core.groups.Tuple.tuple(Part.UNEXPECTED_TOUCHPOINTS, 2, 8),
                            org.assertj.core.groups.Tuple.tuple(Part.UNSEEN_TYPES, 1, 4),
                            org.assertj.core.groups.Tuple.tuple(Part.OUT_OF_ORDER_CUSTOMERS, 1, 4));
            assertThat(score.parts()).extracting(Component::contribution).containsExactly(0.075, 0.075, 0.05, 0.05);
            assertThat(score.score()).isEqualTo(0.25);
        }

        @Test
        void alertsOnlyAboveTheThreshold() {
            assertThat(analyse(touchpoints(), unmapped(1), threeMapped(), map, 0.25).score().alert())
                    .as("0.250 is not above 0.25").isFalse();
            assertThat(analyse(touchpoints(), unmapped(1), threeMapped(), map, 0.249).score().alert())
                    .as("0.250 is above 0.249").isTrue();
            assertThat(analyse(touchpoints(), unmapped(1), threeMapped(), map, 0.251).score().alert()).isFalse();

            // One more unmapped record: 2/5 = 0.4 → 0.12 instead of 0.075, so 0.295, above 0.25.
            DriftScore more = analyse(touchpoints(), unmapped(2), threeMapped(), map, 0.25).score();
            assertThat(more.score()).isEqualTo(0.295);
            assertThat(more.alert()).isTrue();
        }

        @Test
        void nothingToMeasureCountsAsNoDriftButExpectedTypesNeverSeenDo() {
            DriftScore empty = analyse(List.of(), List.of(), new ValueCounts(), map, 0.25).score();
            // No records and no touchpoints: those three shares are 0; all 4 expected types never seen: 0.2 × 1.
            assertThat(empty.parts()).extracting(Component::share).containsExactly(0.0, 0.0, 1.0, 0.0);
            assertThat(empty.score()).isEqualTo(0.2);
            assertThat(empty.alert()).isFalse();
        }

        @Test
        void staysWithinZeroAndOne() {
            // Everything drifts: all unmapped, all touchpoints unexpected, nothing expected seen, k out of order.
            List<ObservedTouchpoint> all = List.of(tp("k", "p", "z-type", "purchase", daysAgo(2)),
                    tp("k", "p", "z-type", "awareness", daysAgo(1)));
            DriftScore score = analyse(all, unmapped(3), new ValueCounts(), map, 0.25).score();
            assertThat(score.score()).isCloseTo(1.0, within(1e-9));
            assertThat(score.alert()).isTrue();
        }
    }
}
