package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Finding;
import org.junit.jupiter.api.Test;

import static dev.journeyconnector.insight.rules.Journeys.at;
import static dev.journeyconnector.insight.rules.Journeys.caseRecord;
import static dev.journeyconnector.insight.rules.Journeys.caseRow;
import static dev.journeyconnector.insight.rules.Journeys.d;
import static dev.journeyconnector.insight.rules.Journeys.evaluate;
import static dev.journeyconnector.insight.rules.Journeys.h;
import static dev.journeyconnector.insight.rules.Journeys.history;
import static dev.journeyconnector.insight.rules.Journeys.min;
import static dev.journeyconnector.insight.rules.Journeys.ticket;
import static dev.journeyconnector.insight.rules.Journeys.ticketEvent;
import static org.assertj.core.api.Assertions.assertThat;

class UnresolvedTooLongRuleTest {

    private final UnresolvedTooLongRule rule = new UnresolvedTooLongRule();

    @Test
    void aTicketOpenPastItsResolutionSlaFires() {
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "priority", "normal", "status", "open"),
                ticket("4711", "ticket-first-reply", h(3))), at(d(6).plus(h(3))))).singleElement().satisfies(f -> {
                    assertThat(f.title()).isEqualTo("Ticket \"#4711 Never received my itinerary\" unresolved for 6 d 3 h");
                    assertThat(f.explanation()).isEqualTo("Open for 6 d 3 h; the resolution SLA for normal priority "
                            + "is 5 d");
                    assertThat(f.detectedAt()).isEqualTo(at(d(5)));
                    assertThat(f.state()).isEqualTo(Finding.State.OPEN);
                });
    }

    @Test
    void aCaseResolvedLateIsAFindingResolvedAtItsClosing() {
        assertThat(evaluate(rule, history(
                caseRecord("500A", "case-opened", h(0), "priority", "urgent", "owner", Journeys.CASE_OWNER),
                caseRecord("500A", "case-closed", h(30))), at(d(10)))).singleElement().satisfies(f -> {
                    assertThat(f.explanation()).isEqualTo("Resolved after 30 h; the resolution SLA for urgent "
                            + "priority is 24 h");
                    assertThat(f.conditionClearedAt()).isEqualTo(at(h(30)));
                    assertThat(f.actor().userId()).isEqualTo(Journeys.CASE_OWNER);
                });
    }

    @Test
    void resolvedWithinTheSlaOrSolvedByStatusAloneDoesNotFire() {
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0)),
                ticket("4711", "ticket-solved", d(4))), at(d(30)))).isEmpty();
        // Solved, but when is not known: nothing to measure.
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "status", "solved")), at(d(30)))).isEmpty();
    }

    @Test
    void resolvedExactlyAtTheSlaMeetsIt() {
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0)),
                ticket("4711", "ticket-solved", d(5))), at(d(30)))).isEmpty();
        assertThat(evaluate(rule, history(ticket("4711", "ticket-opened", h(0))), at(d(5)))).isEmpty();
        assertThat(evaluate(rule, history(ticket("4711", "ticket-opened", h(0))), at(d(5).plus(min(1)))))
                .hasSize(1);
    }

    @Test
    void aReopenedTicketCountsItsWholeLife() {
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0)),
                ticket("4711", "ticket-solved", d(2)),
                ticketEvent("4711", "9001", "ticket-reopened", d(3))), at(d(6)))).singleElement()
                .satisfies(f -> assertThat(f.explanation()).isEqualTo("Open for 6 d (reopened 1 time); the "
                        + "resolution SLA for normal priority (none given) is 5 d"));
        assertThat(evaluate(rule, history(
                caseRecord("500A", "case-opened", h(0)),
                caseRecord("500A", "case-closed", d(2)),
                caseRow("500A", "CaseHistory", "017A", "case-reopened", d(3))), at(d(4)))).isEmpty();
    }
}
