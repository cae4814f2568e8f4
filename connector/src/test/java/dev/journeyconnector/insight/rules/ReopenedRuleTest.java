package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.RuleRegistry;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.RulesLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

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

class ReopenedRuleTest {

    private final ReopenedRule rule = new ReopenedRule();

    @Test
    void aReopenedTicketFiresAndStaysOpenUntilSolvedAgain() {
        var reopened = history(
                ticket("4711", "ticket-opened", h(0)),
                ticket("4711", "ticket-solved", d(1)),
                ticketEvent("4711", "9001", "ticket-reopened", d(2)));
        assertThat(evaluate(rule, reopened, at(d(5)))).singleElement().satisfies(f -> {
            assertThat(f.key()).endsWith("|zendesk/tickets/4711");
            assertThat(f.explanation()).isEqualTo("Ticket \"#4711 Never received my itinerary\" was reopened 1 time "
                    + "after it was solved, last on 4 Mar 2026; it is still open");
            assertThat(f.detectedAt()).isEqualTo(at(d(2)));
            assertThat(f.state()).isEqualTo(Finding.State.OPEN);
        });
        var solvedAgain = history(
                caseRecord("500A", "case-opened", h(0), "owner", Journeys.CASE_OWNER),
                caseRecord("500A", "case-closed", d(3)),
                caseRow("500A", "CaseHistory", "017A", "case-reopened", d(2)));
        assertThat(evaluate(rule, solvedAgain, at(d(5)))).singleElement().satisfies(f -> {
            assertThat(f.conditionClearedAt()).isEqualTo(at(d(3)));
            assertThat(f.key()).endsWith("|salesforce/Case/500A");
            assertThat(f.actor().role()).isEqualTo("case owner");
        });
    }

    @Test
    void aSolvedTicketNeverReopenedDoesNotFire() {
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0)),
                ticket("4711", "ticket-solved", d(1))), at(d(5)))).isEmpty();
    }

    @Test
    void fromTheConfiguredNumberOfReopensOn() throws Exception {
        var once = history(
                ticket("4711", "ticket-opened", h(0)),
                ticketEvent("4711", "9001", "ticket-reopened", d(2)));
        var twice = history(
                ticket("4711", "ticket-opened", h(0)),
                ticketEvent("4711", "9001", "ticket-reopened", d(2)),
                ticketEvent("4711", "9002", "ticket-reopened", d(4)));
        // The default is 1: exactly one reopen fires.
        assertThat(evaluate(rule, once, at(d(5)))).hasSize(1);
        RuleSettings two = RulesLoader.parse("rules.yaml", "rules: {reopened: {reopens: 2}}",
                new RuleRegistry(List.of(rule)), null).settings(rule, "any");
        assertThat(rule.evaluate(once, two, at(d(5)))).isEmpty();
        assertThat(rule.evaluate(twice, two, at(d(5)))).singleElement()
                .satisfies(f -> assertThat(f.detectedAt()).isEqualTo(at(d(4))));
    }
}
