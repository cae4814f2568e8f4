package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.journeyconnector.insight.rules.GapFixtures.CONTACT_OWNER;
import static dev.journeyconnector.insight.rules.GapFixtures.SALES_REP;
import static dev.journeyconnector.insight.rules.GapFixtures.at;
import static dev.journeyconnector.insight.rules.GapFixtures.click;
import static dev.journeyconnector.insight.rules.GapFixtures.contact;
import static dev.journeyconnector.insight.rules.GapFixtures.dealWon;
import static dev.journeyconnector.insight.rules.GapFixtures.evaluate;
import static dev.journeyconnector.insight.rules.GapFixtures.facts;
import static dev.journeyconnector.insight.rules.GapFixtures.history;
import static dev.journeyconnector.insight.rules.GapFixtures.lead;
import static dev.journeyconnector.insight.rules.GapFixtures.meeting;
import static dev.journeyconnector.insight.rules.GapFixtures.salesCall;
import static org.assertj.core.api.Assertions.assertThat;

class EngagedLeadNotFollowedRuleTest {
    /** Monday evening, after hours: the two business days are Tuesday and Wednesday, until 17:00. */
    private static final Instant LEAD_AT = at("2026-05-04T19:42");
    private static final Instant DEADLINE = at("2026-05-06T17:00");
    private final EngagedLeadNotFollowedRule rule = new EngagedLeadNotFollowedRule();
    private final CustomerFacts facts = facts(contact(false, null), null, List.of(), List.of());
    private final Touchpoint adLead = lead("lead-from-ad", "00QJx0000000001AAA", LEAD_AT);

    @Test
    void aLeadFromAnAdWithNoSalesActivityInTwoBusinessDaysIsAGapForTheOwner() {
        assertThat(evaluate(rule, history(facts, adLead), at("2026-05-07T09:00"))).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("engaged-lead-not-followed|sf:003Jx0000000001AAA|salesforce/Lead/"
                    + "00QJx0000000001AAA");
            assertThat(f.explanation()).isEqualTo("Lead from an ad on 4 May 2026 19:42 UTC; no sales call, "
                    + "meeting or email within 16 h of business hours (threshold; 2 business days, "
                    + "Mon-Fri 09:00-17:00 UTC).");
            assertThat(f.from()).isEqualTo("marketing");
            assertThat(f.to()).isEqualTo("sales");
            assertThat(f.actor().userId()).isEqualTo(CONTACT_OWNER);
            assertThat(f.detectedAt()).isEqualTo(DEADLINE);
            assertThat(f.state()).isEqualTo(Finding.State.OPEN);
        });
    }

    @Test
    void aCallOnTheSecondBusinessDayIsInTime() {
        var h = history(facts, adLead, salesCall("00TJx0000000001AAA", at("2026-05-06T10:00"), SALES_REP));

        assertThat(evaluate(rule, h, at("2026-05-20T00:00"))).isEmpty();
    }

    @Test
    void aMeetingAtTheLastBusinessMinuteIsInTimeAndOneSecondLaterIsNot() {
        var inTime = history(facts, adLead, meeting("00UJx0000000001AAA", DEADLINE, SALES_REP));
        var late = history(facts, adLead, meeting("00UJx0000000001AAA", DEADLINE.plusSeconds(1), SALES_REP));

        assertThat(evaluate(rule, inTime, at("2026-05-20T00:00"))).isEmpty();
        assertThat(evaluate(rule, late, at("2026-05-20T00:00"))).hasSize(1);
    }

    @Test
    void theGapIsNotReportedUntilTheWindowHasPassed() {
        assertThat(evaluate(rule, history(facts, adLead), DEADLINE)).isEmpty();
        assertThat(evaluate(rule, history(facts, adLead), DEADLINE.plusSeconds(1))).hasSize(1);
    }

    @Test
    void theWeekendDoesNotCount() {
        Instant friday = at("2026-05-08T15:00");
        Touchpoint clicked = click("c1", friday);
        // Friday 15:00-17:00 is 2 h, Monday 8 h, Tuesday 6 h: the deadline is Tuesday 15:00.
        var h = history(facts, clicked, salesCall("00TJx0000000001AAA", at("2026-05-12T15:00"), SALES_REP));

        assertThat(evaluate(rule, h, at("2026-05-20T00:00"))).isEmpty();
    }

    @Test
    void aLateCallResolvesTheGapAtItsTime() {
        Touchpoint call = salesCall("00TJx0000000001AAA", at("2026-05-07T10:00"), SALES_REP);
        var h = history(facts, adLead, call);

        assertThat(evaluate(rule, h, at("2026-05-20T00:00"))).singleElement().satisfies(f -> {
            assertThat(f.conditionClearedAt()).isEqualTo(call.occurredAt());
            assertThat(f.state()).isEqualTo(Finding.State.RESOLVED);
            assertThat(f.explanation()).endsWith("The first sales activity came on 7 May 2026 10:00 UTC (call "
                    + "\"Call: tour dates\"), 2 d 14 h after.");
        });
    }

    @Test
    void furtherClicksWhileWaitingJoinTheFirstSignalsFinding() {
        Touchpoint second = click("c1", at("2026-05-05T12:00"));
        Touchpoint third = click("c2", at("2026-05-06T12:00"));
        var h = history(facts, adLead, second, third);

        assertThat(evaluate(rule, h, at("2026-05-20T00:00"))).singleElement().satisfies(f -> {
            assertThat(f.explanation()).contains("(and 2 more signs of interest while waiting)");
            assertThat(f.evidence()).extracting(Finding.Evidence::touchpoint)
                    .containsExactly(adLead.key(), second.key(), third.key());
        });
    }

    @Test
    void aClickAfterTheWindowOfAnEarlierOneIsItsOwnGap() {
        var h = history(facts, click("c1", at("2026-05-04T10:00")), click("c2", at("2026-05-11T10:00")));

        assertThat(evaluate(rule, h, at("2026-05-20T00:00"))).hasSize(2);
    }

    @Test
    void clicksAfterTheFirstWonDealAreRetentionNotLeads() {
        var h = history(facts, dealWon("006Jx0000000001AAA", at("2026-05-22T00:00")),
                click("c3", at("2026-07-07T12:42")));

        assertThat(evaluate(rule, h, at("2026-08-01T00:00"))).isEmpty();
    }

    @Test
    void webEnquiriesAreTheCustomersOwnAndNotAMarketingSignal() {
        var h = history(facts, lead("lead-from-website", "00QJx0000000002AAA", LEAD_AT));

        assertThat(evaluate(rule, h, at("2026-05-20T00:00"))).isEmpty();
    }

    @Test
    void activityOfOtherDepartmentsIsNoFollowUp() {
        var h = history(facts, adLead, GapFixtures.onboardingCall("00TJx0000000001AAA", at("2026-05-05T10:00")));

        assertThat(evaluate(rule, h, at("2026-05-20T00:00"))).hasSize(1);
    }
}
