package dev.journeyconnector.insight;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.journeyconnector.insight.DriftAnalysisTest.MAP;
import static dev.journeyconnector.insight.DriftAnalysisTest.NOW;
import static dev.journeyconnector.insight.DriftAnalysisTest.daysAgo;
import static dev.journeyconnector.insight.DriftAnalysisTest.tp;
import static org.assertj.core.api.Assertions.assertThat;

/** The report as an ops admin reads it on the command line. */
class DriftReportTextTest {

    @Test
    void showsTheScoreArithmeticThenEachSection() {
        ValueCounts mapped = new ValueCounts();
        for (String origin : List.of("Phone", "Phone", "Email")) {
            mapped.add("salesforce", "Case", Map.of("Origin", origin, "Status", "New"));
        }
        List<UnmappedRecord> unmapped = List.of(
                new UnmappedRecord("salesforce", "Case", "500A", null, Map.of("Origin", "WhatsApp", "Status", "New")),
                new UnmappedRecord("mailchimp", "members", "l1/m1", "list-signup: timestamp_opt is missing",
                        Map.of("status", "pending")));
        List<ObservedTouchpoint> touchpoints = List.of(
                tp("c1", "traveller", "deal-won", "purchase", daysAgo(3)),
                tp("c1", "traveller", "lead-from-ad", "awareness", daysAgo(2)),
                tp("c1", "traveller", "invoice-sent", "service", daysAgo(2)),
                tp("c2", "traveller", "opportunity-opened", "engagement", daysAgo(74)),
                tp("c2", "traveller", "ticket-opened", "service", daysAgo(1)),
                tp("c2", "traveller", "case-opened", "service", daysAgo(1)),
                tp("b1", "banker", "lead-from-referral", "awareness", daysAgo(5)),
                tp("b1", "banker", "deal-won", "purchase", daysAgo(4)),
                tp("b1", "banker", "onboarding-meeting", "onboarding", daysAgo(3)),
                tp("b1", "banker", "case-opened", "onboarding", daysAgo(3)));

        String text = DriftReportText.render(DriftAnalysis.analyse(
                new DriftInput(touchpoints, unmapped, mapped, MAP, NOW, 60, 0.25)));

        // unmapped 2 of 2+3; unexpected: invoice-sent; unseen: traveller's onboarding-call (never) and
        // opportunity-opened (74 days, window 30) of 6 + 4 expected; out of order: c1 (purchase 3 days ago,
        // awareness 2), of c1 and b1 (c2 has one ordered stage). 0.12 + 0.03 + 0.04 + 0.10 = 0.29.
        assertThat(text).isEqualTo("""
                Journey drift report for 2026-11-20T00:00:00Z (journey map: mappings/journey-map.yaml)

                Drift score 0.290, alert above 0.250: ABOVE THE THRESHOLD, review the journey model
                  unmapped records              2 of 5       source records                             \
                share 0.400 x weight 0.30 = 0.120
                  unexpected touchpoints        1 of 10      touchpoints                                \
                share 0.100 x weight 0.30 = 0.030
                  expected types unseen         2 of 10      expected types                             \
                share 0.200 x weight 0.20 = 0.040
                  customers out of order        1 of 2       customers with two or more ordered stages  \
                share 0.500 x weight 0.20 = 0.100

                1. Source records no mapping made a touchpoint of (2 records)
                  mailchimp members: 1 unmapped, 0 mapped (e.g. l1/m1)
                    why: list-signup: timestamp_opt is missing (1)
                    no mapped members to compare the values with
                  salesforce Case: 1 unmapped, 3 mapped (e.g. 500A)
                    why: no rule matched (1)
                    values no mapped Case has:
                      Origin = "WhatsApp"  in 1 of 1 unmapped

                2. Touchpoint types the journey map does not expect (1 touchpoint)
                  traveller
                    invoice-sent in service: 1 touchpoint of 1 customer, last 2026-11-18 - not in this persona's map

                3. Expected touchpoint types nobody has had for a while (2 types)
                  traveller (unseen after 30 days)
                    onboarding-call (onboarding): never seen
                    opportunity-opened (engagement): last seen 2026-09-07, 74 days ago

                4. Customers who reached a later stage first (1 stage pair)
                  traveller
                    awareness -> purchase: 1 of 1 customer with both stages reached purchase first (e.g. c1)
                """);
    }

    @Test
    void saysNoneForSectionsWithoutDriftAndWithinTheThreshold() {
        ObservedTouchpoint seen = tp("b1", "banker", "deal-won", "purchase", daysAgo(1));
        String text = DriftReportText.render(DriftAnalysis.analyse(new DriftInput(List.of(seen), List.of(),
                new ValueCounts(), new dev.journeyconnector.mapping.JourneyMap("m.yaml", List.of(
                        DriftAnalysisTest.journey("banker", null, DriftAnalysisTest.ordered("purchase", "deal-won")))),
                NOW, 60, 0.25)));
        assertThat(text).contains("Drift score 0.000, alert above 0.250: within the threshold\n")
                .contains("(0 records)\n  none\n").contains("(0 touchpoints)\n  none\n")
                .contains("(0 types)\n  none\n").contains("(0 stage pairs)\n  none\n");
    }
}
