package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.journeyconnector.insight.rules.Journeys.at;
import static dev.journeyconnector.insight.rules.Journeys.d;
import static dev.journeyconnector.insight.rules.Journeys.evaluate;
import static dev.journeyconnector.insight.rules.Journeys.history;
import static dev.journeyconnector.insight.rules.Journeys.min;
import static dev.journeyconnector.insight.rules.Journeys.sales;
import static org.assertj.core.api.Assertions.assertThat;

class StalledDealRuleTest {

    private static final String OPP = "006Jx00000001AAIAA";
    private final StalledDealRule rule = new StalledDealRule();

    private static Touchpoint opened() {
        return sales("Opportunity", OPP, "opportunity-opened", d(0), "opportunity", OPP, "owner", Journeys.OPP_OWNER,
                "stage-name", "Qualification", "is-closed", "false");
    }

    private static Touchpoint stageChange(String rowId, long day, String stage) {
        return sales("OpportunityHistory", rowId, "opportunity-stage-changed", d(day), "opportunity", OPP,
                "stage-name", stage);
    }

    @Test
    void anOpenOpportunityWithoutMovementForTwentyOneDaysFiresForItsOwner() {
        assertThat(evaluate(rule, history(opened(), stageChange("008A", 2, "Proposal")), at(d(30))))
                .singleElement().satisfies(f -> {
                    assertThat(f.key()).endsWith("|salesforce/Opportunity/" + OPP);
                    assertThat(f.explanation()).isEqualTo("Opportunity \"Business loan 50k\" (stage Proposal) has had "
                            + "no stage change and no sales activity for 28 d, since 4 Mar 2026 (last: "
                            + "opportunity-stage-changed); the rule fires after 21 d");
                    assertThat(f.detectedAt()).isEqualTo(at(d(23)));
                    assertThat(f.state()).isEqualTo(Finding.State.OPEN);
                    assertThat(f.actor()).isEqualTo(new Finding.Actor(Journeys.OPP_OWNER, "opportunity owner",
                            "owns the opportunity \"Business loan 50k\""));
                });
    }

    @Test
    void salesActivityAboutTheDealOrNoDealKeepsItMoving() {
        assertThat(evaluate(rule, history(opened(),
                sales("Task", "00TA", "call", d(20), "opportunity", OPP)), at(d(30)))).isEmpty();
        assertThat(evaluate(rule, history(opened(),
                sales("Event", "00UA", "meeting", d(20))), at(d(30)))).isEmpty();
        // A call about another deal says nothing about this one.
        assertThat(evaluate(rule, history(opened(),
                sales("Task", "00TB", "call", d(20), "opportunity", "006Jx00000002BBIAA")), at(d(30)))).hasSize(1);
    }

    @Test
    void exactlyTwentyOneDaysWithoutMovementFires() {
        assertThat(evaluate(rule, history(opened()), at(d(21)))).singleElement()
                .satisfies(f -> assertThat(f.detectedAt()).isEqualTo(at(d(21))));
        assertThat(evaluate(rule, history(opened()), at(d(21).minus(min(1))))).isEmpty();
    }

    @Test
    void aDealThatMovedAgainIsResolvedWhenItMoved() {
        assertThat(evaluate(rule, history(opened(), stageChange("008A", 25, "Negotiation")), at(d(30))))
                .singleElement().satisfies(f -> {
                    assertThat(f.explanation()).isEqualTo("Opportunity \"Business loan 50k\" (stage Negotiation) had "
                            + "no stage change and no sales activity for 25 d, from 2 Mar 2026 until the next "
                            + "opportunity-stage-changed on 27 Mar 2026; the rule fires after 21 d");
                    assertThat(f.detectedAt()).isEqualTo(at(d(21)));
                    assertThat(f.conditionClearedAt()).isEqualTo(at(d(25)));
                });
    }

    @Test
    void aClosedDealIsNotStalled() {
        assertThat(evaluate(rule, history(opened(),
                sales("Opportunity", OPP, "deal-won", d(10), "opportunity", OPP)), at(d(60)))).isEmpty();
        // Closed according to the Account's opportunity record, though no closing moment is mapped.
        CustomerFacts facts = new CustomerFacts(Optional.empty(), Optional.empty(), List.of(
                CustomerFacts.Opportunity.of(Map.of("Id", OPP, "IsClosed", true, "StageName", "Closed Lost"))),
                List.of(), List.of());
        assertThat(evaluate(rule, history("retail-shopper", facts, opened()), at(d(60)))).isEmpty();
    }

    @Test
    void theExplanationNamesTheOpportunityByItsNameNotTheTouchpointsTitle() {
        // The shipped mapping titles the moment "Deal opened: <Name>"; the sentence wants the deal's own name.
        CustomerFacts facts = new CustomerFacts(Optional.empty(), Optional.empty(), List.of(
                CustomerFacts.Opportunity.of(Map.of("Id", OPP, "Name", "Haddad Ceramics - Kiln loan",
                        "IsClosed", false, "StageName", "Qualification"))), List.of(), List.of());
        assertThat(evaluate(rule, history("small-business-banking-client", facts, opened()), at(d(30))))
                .singleElement().satisfies(f -> {
                    assertThat(f.title()).isEqualTo("Stalled opportunity \"Haddad Ceramics - Kiln loan\"");
                    assertThat(f.explanation()).startsWith("Opportunity \"Haddad Ceramics - Kiln loan\" (stage "
                            + "Qualification) has had no stage change and no sales activity for 30 d");
                });
    }
}
