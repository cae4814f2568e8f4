package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.RuleRegistry;
import dev.journeyconnector.insight.RulesLoader;
import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.journeyconnector.insight.rules.GapFixtures.ACCOUNT_OWNER;
import static dev.journeyconnector.insight.rules.GapFixtures.SALES_REP;
import static dev.journeyconnector.insight.rules.GapFixtures.account;
import static dev.journeyconnector.insight.rules.GapFixtures.at;
import static dev.journeyconnector.insight.rules.GapFixtures.dealWon;
import static dev.journeyconnector.insight.rules.GapFixtures.evaluate;
import static dev.journeyconnector.insight.rules.GapFixtures.facts;
import static dev.journeyconnector.insight.rules.GapFixtures.history;
import static dev.journeyconnector.insight.rules.GapFixtures.onboardingCall;
import static dev.journeyconnector.insight.rules.GapFixtures.opportunity;
import static org.assertj.core.api.Assertions.assertThat;

class WonNotOnboardedRuleTest {
    private static final Instant WON = at("2026-05-22T00:00");
    private static final Instant DEADLINE = WON.plus(Duration.ofDays(7));
    private final WonNotOnboardedRule rule = new WonNotOnboardedRule();
    private final CustomerFacts facts = facts(null, account(ACCOUNT_OWNER),
            List.of(opportunity("006Jx0000000001AAA", "Weller - Scottish Highlands by coach (8 days)",
                    "2026-05-14T11:20:00.000+0000", true, "2026-05-22", "2026-05-22T16:45:00.000+0000")), List.of());
    private final Touchpoint won = dealWon("006Jx0000000001AAA", WON);

    @Test
    void aWonDealWithNoOnboardingInSevenDaysIsAGapForTheAccountOwner() {
        List<Finding> findings = evaluate(rule, history(facts, won), at("2026-07-03T08:12"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("won-not-onboarded|sf:003Jx0000000001AAA|salesforce/Opportunity/"
                    + "006Jx0000000001AAA");
            assertThat(f.kind()).isEqualTo(Finding.Kind.HANDOFF_GAP);
            assertThat(f.explanation()).isEqualTo("Deal \"Weller - Scottish Highlands by coach (8 days)\" won on "
                    + "22 May 2026; no onboarding contact in the 7 days after (threshold 7 days).");
            assertThat(f.from()).isEqualTo("sales");
            assertThat(f.to()).isEqualTo("onboarding");
            assertThat(f.actor().userId()).isEqualTo(ACCOUNT_OWNER);
            assertThat(f.actor().role()).isEqualTo("account owner");
            assertThat(f.detectedAt()).isEqualTo(DEADLINE);
            assertThat(f.state()).isEqualTo(Finding.State.OPEN);
            assertThat(f.evidence()).extracting(Finding.Evidence::touchpoint).containsExactly(won.key());
        });
    }

    @Test
    void anOnboardingCallWithinTheWindowClosesTheHandoff() {
        var h = history(facts, won, onboardingCall("00TJx0000000001AAA", WON.plus(Duration.ofDays(3))));

        assertThat(evaluate(rule, h, at("2026-07-01T00:00"))).isEmpty();
    }

    @Test
    void anOnboardingCallAtTheLastInstantOfTheWindowIsInTime() {
        var h = history(facts, won, onboardingCall("00TJx0000000001AAA", DEADLINE));

        assertThat(evaluate(rule, h, at("2026-07-01T00:00"))).isEmpty();
    }

    @Test
    void nothingIsReportedWhileTheWindowIsStillRunningAndItFiresOnceItHasPassed() {
        var h = history(facts, won);

        assertThat(evaluate(rule, h, DEADLINE)).isEmpty();
        assertThat(evaluate(rule, h, DEADLINE.plusSeconds(1))).hasSize(1);
    }

    @Test
    void aLateOnboardingCallResolvesTheGapAtItsTimeAndKeepsItOnRecord() {
        Instant late = DEADLINE.plusSeconds(1);
        Touchpoint call = onboardingCall("00TJx0000000001AAA", late);
        var h = history(facts, won, call);

        assertThat(evaluate(rule, h, at("2026-07-01T00:00"))).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(Finding.State.RESOLVED);
            assertThat(f.conditionClearedAt()).isEqualTo(late);
            assertThat(f.explanation()).endsWith("The first onboarding contact came on 29 May 2026 "
                    + "(onboarding-call \"Welcome call and itinerary\"), 7 d after the win.");
            assertThat(f.evidence()).extracting(Finding.Evidence::touchpoint).containsExactly(won.key(), call.key());
        });
    }

    @Test
    void theSameHistoryEvaluatedBeforeTheLateCallShowsTheGapOpen() {
        Instant late = at("2026-06-10T10:00");
        var h = history(facts, won, onboardingCall("00TJx0000000001AAA", late));

        assertThat(evaluate(rule, h, late.minusSeconds(60))).singleElement()
                .satisfies(f -> assertThat(f.state()).isEqualTo(Finding.State.OPEN));
        assertThat(evaluate(rule, h, late)).singleElement()
                .satisfies(f -> assertThat(f.conditionClearedAt()).isEqualTo(late));
    }

    @Test
    void anOnboardingCallWithAColleagueAtTheSameAccountCounts() {
        Touchpoint colleagueCall = onboardingCall("00TJx0000000009AAA", WON.plus(Duration.ofDays(2)))
                .withCustomerKey("sf:003Jx0000000002AAA");
        CustomerHistory h = history(facts, List.of(won), List.of(colleagueCall));

        assertThat(evaluate(rule, h, at("2026-07-01T00:00"))).isEmpty();
    }

    @Test
    void onboardingBeforeTheWinDoesNotCount() {
        var h = history(facts, won, onboardingCall("00TJx0000000001AAA", WON.minus(Duration.ofDays(1))));

        assertThat(evaluate(rule, h, at("2026-07-01T00:00"))).hasSize(1);
    }

    @Test
    void withoutAnAccountOwnerTheDealOwnerIsAsked() {
        var noOwner = facts(null, account(null), facts.opportunities(), List.of());

        assertThat(evaluate(rule, history(noOwner, won), at("2026-07-01T00:00"))).singleElement()
                .satisfies(f -> {
                    assertThat(f.actor().userId()).isEqualTo(SALES_REP);
                    assertThat(f.actor().role()).isEqualTo("opportunity owner");
                });
    }

    @Test
    void aPersonaOverrideShortensTheWindow() throws Exception {
        var config = RulesLoader.parse("mappings/rules.yaml", """
                rules:
                  won-not-onboarded:
                    window: 7d
                    personas:
                      leisure-traveller:
                        window: 3d
                """, RuleRegistry.defaults(), List.of("leisure-traveller"));
        var h = history(facts, won, onboardingCall("00TJx0000000001AAA", WON.plus(Duration.ofDays(5))));

        var settings = config.settings(rule, "leisure-traveller");
        assertThat(rule.evaluate(h, settings, at("2026-07-01T00:00"))).singleElement()
                .satisfies(f -> assertThat(f.explanation()).contains("in the 3 days after (threshold 3 days)"));
    }
}
