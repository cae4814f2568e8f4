package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.journeyconnector.insight.rules.GapFixtures.AGENT;
import static dev.journeyconnector.insight.rules.GapFixtures.SALES_REP;
import static dev.journeyconnector.insight.rules.GapFixtures.account;
import static dev.journeyconnector.insight.rules.GapFixtures.at;
import static dev.journeyconnector.insight.rules.GapFixtures.caseOpened;
import static dev.journeyconnector.insight.rules.GapFixtures.evaluate;
import static dev.journeyconnector.insight.rules.GapFixtures.facts;
import static dev.journeyconnector.insight.rules.GapFixtures.history;
import static dev.journeyconnector.insight.rules.GapFixtures.meeting;
import static dev.journeyconnector.insight.rules.GapFixtures.opportunity;
import static dev.journeyconnector.insight.rules.GapFixtures.salesCall;
import static dev.journeyconnector.insight.rules.GapFixtures.ticketOpened;
import static org.assertj.core.api.Assertions.assertThat;

class SupportBlindToDealRuleTest {
    private static final Instant OPENED = at("2026-10-29T07:40");
    private static final Instant DEADLINE = OPENED.plus(Duration.ofHours(24));
    private static final Instant NOW = at("2026-11-05T00:00");
    private final SupportBlindToDealRule rule = new SupportBlindToDealRule();
    private final CustomerFacts openDeal = facts(null, account(SALES_REP), List.of(opportunity("006Jx0000000001AAA",
            "Okafor Logistics - Payroll", "2026-10-01T10:00:00.000+0000", false, "2026-11-30",
            "2026-10-20T10:00:00.000+0000")), List.of());
    private final Touchpoint urgentCase = caseOpened("500A", OPENED, "phone", "high", "unknown");

    @Test
    void aHighPriorityCaseDuringAnOpenDealWithNoOwnerActivityAlertsTheOwner() {
        assertThat(evaluate(rule, history(openDeal, urgentCase), NOW)).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("support-blind-to-deal|sf:003Jx0000000001AAA|salesforce/Case/500A");
            assertThat(f.explanation()).isEqualTo("High-priority case \"Case 500A\" opened on 29 Oct 2026 07:40 UTC "
                    + "while the Account's opportunity \"Okafor Logistics - Payroll\" (stage Proposal/Price Quote) was "
                    + "open; its owner logged no call, meeting or email with the account in the 24 h after "
                    + "(threshold 24 h).");
            assertThat(f.from()).isEqualTo("support");
            assertThat(f.to()).isEqualTo("sales");
            assertThat(f.actor().userId()).isEqualTo(SALES_REP);
            assertThat(f.actor().role()).isEqualTo("opportunity owner");
            assertThat(f.detectedAt()).isEqualTo(DEADLINE);
        });
    }

    @Test
    void anUrgentTicketCountsToo() {
        var h = history(openDeal, ticketOpened("4711", OPENED, "email", "urgent", "unknown"));

        assertThat(evaluate(rule, h, NOW)).hasSize(1);
    }

    @Test
    void aNormalPriorityCaseIsNoConcernOfTheDealOwner() {
        var h = history(openDeal, caseOpened("500A", OPENED, "phone", "normal", "unknown"));

        assertThat(evaluate(rule, h, NOW)).isEmpty();
    }

    @Test
    void theOwnersCallWithinTheWindowMeansTheyKnowAndAtTheLastInstantStillCounts() {
        assertThat(evaluate(rule, history(openDeal, urgentCase, salesCall("00T1", OPENED.plusSeconds(3600),
                SALES_REP)), NOW)).isEmpty();
        assertThat(evaluate(rule, history(openDeal, urgentCase, meeting("00U1", DEADLINE, SALES_REP)), NOW))
                .isEmpty();
        assertThat(evaluate(rule, history(openDeal, urgentCase, meeting("00U1", DEADLINE.plusSeconds(1),
                SALES_REP)), NOW)).hasSize(1);
    }

    @Test
    void theOwnersCallWithAColleagueAtTheAccountCounts() {
        Touchpoint colleague = salesCall("00T1", OPENED.plusSeconds(600), SALES_REP)
                .withCustomerKey("sf:003Jx0000000002AAA");

        assertThat(evaluate(rule, history(openDeal, List.of(urgentCase), List.of(colleague)), NOW)).isEmpty();
    }

    @Test
    void someoneElsesActivityIsNotTheOwnersAttention() {
        var h = history(openDeal, urgentCase, salesCall("00T1", OPENED.plusSeconds(3600), AGENT));

        assertThat(evaluate(rule, h, NOW)).hasSize(1);
    }

    @Test
    void theOwnersLateCallResolvesTheAlertAtItsTime() {
        Touchpoint late = salesCall("00T1", OPENED.plus(Duration.ofDays(2)), SALES_REP);

        assertThat(evaluate(rule, history(openDeal, urgentCase, late), NOW)).singleElement().satisfies(f -> {
            assertThat(f.conditionClearedAt()).isEqualTo(late.occurredAt());
            assertThat(f.explanation()).endsWith("The owner's first activity came on 31 Oct 2026 07:40 UTC "
                    + "(call \"Call: tour dates\"), 48 h after.");
        });
    }

    @Test
    void nothingIsReportedBeforeTheWindowHasPassed() {
        assertThat(evaluate(rule, history(openDeal, urgentCase), DEADLINE)).isEmpty();
        assertThat(evaluate(rule, history(openDeal, urgentCase), DEADLINE.plusSeconds(1))).hasSize(1);
    }

    @Test
    void aDealClosedBeforeTheCaseOrOpenedAfterItIsNotInFlight() {
        var closedBefore = facts(null, null, List.of(opportunity("006A", "Old deal", "2026-05-12T13:00:00.000+0000",
                true, "2026-06-11", "2026-06-11T16:00:00.000+0000")), List.of());
        var openedAfter = facts(null, null, List.of(opportunity("006B", "New deal", "2026-10-30T09:00:00.000+0000",
                false, "2026-12-01", "2026-10-30T09:00:00.000+0000")), List.of());

        assertThat(evaluate(rule, history(closedBefore, urgentCase), NOW)).isEmpty();
        assertThat(evaluate(rule, history(openedAfter, urgentCase), NOW)).isEmpty();
    }

    @Test
    void aDealWonAfterTheCaseCameWasStillInFlightThen() {
        var wonLater = facts(null, null, List.of(opportunity("006A", "Deal", "2026-10-01T10:00:00.000+0000",
                true, "2026-11-02", "2026-11-02T16:00:00.000+0000")), List.of());

        assertThat(evaluate(rule, history(wonLater, urgentCase), NOW)).hasSize(1);
    }
}
