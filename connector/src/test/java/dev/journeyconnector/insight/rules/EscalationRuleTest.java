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
import static dev.journeyconnector.insight.rules.Journeys.ticket;
import static dev.journeyconnector.insight.rules.Journeys.ticketEvent;
import static org.assertj.core.api.Assertions.assertThat;

class EscalationRuleTest {

    private final EscalationRule rule = new EscalationRule();

    @Test
    void anEscalatedCaseFiresForItsOwnerAndClearsWhenClosed() {
        var open = history(
                caseRecord("500A", "case-opened", h(0), "owner", Journeys.CASE_OWNER),
                caseRow("500A", "CaseHistory", "017A", "case-escalated", h(26)));
        assertThat(evaluate(rule, open, at(d(5)))).singleElement().satisfies(f -> {
            assertThat(f.key()).endsWith("|salesforce/Case/500A");
            assertThat(f.explanation()).isEqualTo("Case \"Card blocked abroad\" was escalated on 3 Mar 2026, 26 h "
                    + "after it was opened; it is still open");
            assertThat(f.detectedAt()).isEqualTo(at(h(26)));
            assertThat(f.actor().userId()).isEqualTo(Journeys.CASE_OWNER);
            assertThat(f.state()).isEqualTo(Finding.State.OPEN);
        });
        var closed = history(
                caseRecord("500A", "case-opened", h(0), "owner", Journeys.CASE_OWNER),
                caseRow("500A", "CaseHistory", "017A", "case-escalated", h(26)),
                caseRecord("500A", "case-closed", d(3)));
        assertThat(evaluate(rule, closed, at(d(5)))).singleElement()
                .satisfies(f -> assertThat(f.conditionClearedAt()).isEqualTo(at(d(3))));
    }

    @Test
    void aTicketWithoutEscalationDoesNotFire() {
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "priority", "urgent"),
                ticket("4711", "ticket-solved", d(1))), at(d(5)))).isEmpty();
    }

    @Test
    void raisedToUrgentFiresButRaisedToHighDoesNot() {
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "priority", "urgent"),
                ticketEvent("4711", "9001", "ticket-priority-changed", h(5), "priority", "urgent")), at(d(5))))
                .singleElement().satisfies(f -> assertThat(f.explanation()).isEqualTo("Ticket \"#4711 Never "
                        + "received my itinerary\" was raised to urgent on 2 Mar 2026, 5 h after it was opened; it is "
                        + "still open"));
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "priority", "high"),
                ticketEvent("4711", "9001", "ticket-priority-changed", h(5), "priority", "high")), at(d(5))))
                .isEmpty();
    }
}
