package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.journeyconnector.insight.rules.Journeys.at;
import static dev.journeyconnector.insight.rules.Journeys.caseRecord;
import static dev.journeyconnector.insight.rules.Journeys.d;
import static dev.journeyconnector.insight.rules.Journeys.evaluate;
import static dev.journeyconnector.insight.rules.Journeys.h;
import static dev.journeyconnector.insight.rules.Journeys.history;
import static dev.journeyconnector.insight.rules.Journeys.min;
import static dev.journeyconnector.insight.rules.Journeys.ticket;
import static org.assertj.core.api.Assertions.assertThat;

class RepeatContactRuleTest {

    private final RepeatContactRule rule = new RepeatContactRule();

    @Test
    void threeContactsWithinFourteenDaysFire() {
        List<Finding> findings = evaluate(rule, history(
                ticket("101", "ticket-opened", h(0)),
                caseRecord("500A", "case-opened", d(4), "owner", Journeys.CASE_OWNER),
                ticket("102", "ticket-opened", d(9), "assignee", "368"),
                ticket("101", "ticket-solved", d(1))), at(d(30)));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("repeat-contact|" + Journeys.CUSTOMER + "|zendesk/tickets/101");
            assertThat(f.explanation()).isEqualTo("3 support contacts (1 case and 2 tickets, by email, phone) within "
                    + "9 d, from 2 Mar 2026 to 11 Mar 2026; the rule fires at 3 within 14 d");
            assertThat(f.detectedAt()).isEqualTo(at(d(9)));
            assertThat(f.evidence()).hasSize(3);
            assertThat(f.state()).isEqualTo(Finding.State.OPEN);
            // The latest contact's ticket is assigned in Zendesk only: nobody in Salesforce owns it.
            assertThat(f.actor().userId()).isNull();
            assertThat(f.actor().reason()).isEqualTo("the ticket \"#102 Never received my itinerary\" is assigned "
                    + "to help-desk agent 368, who has no Salesforce user");
        });
    }

    @Test
    void contactsSpreadOverMoreThanTheWindowDoNotFire() {
        assertThat(evaluate(rule, history(
                ticket("101", "ticket-opened", h(0)),
                caseRecord("500A", "case-opened", d(8)),
                ticket("102", "ticket-opened", d(15)),
                ticket("102", "ticket-first-reply", d(16))), at(d(30)))).isEmpty();
    }

    @Test
    void aThirdContactExactlyFourteenDaysAfterTheFirstIsWithinTheWindow() {
        assertThat(evaluate(rule, history(
                ticket("101", "ticket-opened", h(0)),
                ticket("102", "ticket-opened", d(7)),
                ticket("103", "ticket-opened", d(14))), at(d(30)))).hasSize(1);
        assertThat(evaluate(rule, history(
                ticket("101", "ticket-opened", h(0)),
                ticket("102", "ticket-opened", d(7)),
                ticket("103", "ticket-opened", d(14).plus(min(1)))), at(d(30)))).isEmpty();
    }

    @Test
    void clearsWhenEveryContactOfTheEpisodeIsResolved() {
        List<Finding> findings = evaluate(rule, history(
                ticket("101", "ticket-opened", h(0)),
                ticket("102", "ticket-opened", d(1)),
                caseRecord("500A", "case-opened", d(2), "owner", Journeys.CASE_OWNER),
                ticket("101", "ticket-solved", d(3)),
                ticket("102", "ticket-solved", d(5)),
                caseRecord("500A", "case-closed", d(4))), at(d(30)));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.conditionClearedAt()).isEqualTo(at(d(5)));
            assertThat(f.actor().userId()).isEqualTo(Journeys.CASE_OWNER);
            assertThat(f.actor().role()).isEqualTo("case owner");
        });
    }

    @Test
    void separateEpisodesAreSeparateFindings() {
        List<Finding> findings = evaluate(rule, history(
                ticket("101", "ticket-opened", h(0)),
                ticket("102", "ticket-opened", d(1)),
                ticket("103", "ticket-opened", d(2)),
                ticket("201", "ticket-opened", d(40)),
                ticket("202", "ticket-opened", d(41)),
                ticket("203", "ticket-opened", d(50)),
                ticket("204", "ticket-opened", d(51))), at(d(60)));
        assertThat(findings).extracting(f -> f.anchor().recordId()).containsExactly("101", "201");
        assertThat(findings.get(1).explanation()).startsWith("4 support contacts (4 tickets, by email) within 11 d");
    }
}
