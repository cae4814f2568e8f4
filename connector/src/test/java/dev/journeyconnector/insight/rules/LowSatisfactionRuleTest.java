package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.journeyconnector.insight.rules.Journeys.at;
import static dev.journeyconnector.insight.rules.Journeys.d;
import static dev.journeyconnector.insight.rules.Journeys.evaluate;
import static dev.journeyconnector.insight.rules.Journeys.h;
import static dev.journeyconnector.insight.rules.Journeys.history;
import static dev.journeyconnector.insight.rules.Journeys.ticket;
import static dev.journeyconnector.insight.rules.Journeys.touchpoint;
import static org.assertj.core.api.Assertions.assertThat;

class LowSatisfactionRuleTest {

    private final LowSatisfactionRule rule = new LowSatisfactionRule();

    private static Touchpoint rating(String score, Sentiment sentiment, Duration offset) {
        return touchpoint(Source.ZENDESK, "satisfaction_ratings", "77", "satisfaction-rated", "service", "email",
                "support", sentiment, offset, "", score == null ? new String[]{"ticket", "4711"}
                        : new String[]{"ticket", "4711", "score", score});
    }

    private static Touchpoint survey(int nps) {
        return touchpoint(Source.SALESFORCE, "Survey__c", "a01A", "nps-answered", "retention", "email", "support",
                Sentiment.NEUTRAL, d(3), "", "nps", String.valueOf(nps));
    }

    @Test
    void aBadRatingFiresForTheTicketsOwner() {
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "owner", Journeys.CASE_OWNER),
                rating("bad", Sentiment.NEGATIVE, d(2))), at(d(5)))).singleElement().satisfies(f -> {
                    assertThat(f.key()).endsWith("|zendesk/satisfaction_ratings/77");
                    assertThat(f.explanation()).isEqualTo("Rated the support bad on ticket \"#4711 Never received "
                            + "my itinerary\" on 4 Mar 2026");
                    assertThat(f.detectedAt()).isEqualTo(at(d(2)));
                    assertThat(f.actor()).isEqualTo(new Finding.Actor(Journeys.CASE_OWNER, "ticket owner",
                            "owns the ticket \"#4711 Never received my itinerary\""));
                    assertThat(f.evidence()).hasSize(2);
                });
        // Before the mappings give a score, a negative rating counts by its sentiment.
        assertThat(evaluate(rule, history(rating(null, Sentiment.NEGATIVE, d(2))), at(d(5)))).hasSize(1);
    }

    @Test
    void aDetractorSurveyScoreFiresForTheContactOwner() {
        assertThat(evaluate(rule, history(survey(4)), at(d(5)))).singleElement().satisfies(f -> {
            assertThat(f.explanation()).isEqualTo("Survey score 4 of 10, a detractor (0-6) on 5 Mar 2026");
            assertThat(f.actor().userId()).isEqualTo(Journeys.CONTACT_OWNER);
            assertThat(f.actor().role()).isEqualTo("contact owner");
        });
    }

    @Test
    void goodRatingsAndPassiveScoresDoNotFire() {
        assertThat(evaluate(rule, history(
                rating("good", Sentiment.POSITIVE, d(1)),
                rating(null, Sentiment.POSITIVE, d(2)),
                survey(9)), at(d(5)))).isEmpty();
    }

    @Test
    void sixIsTheHighestDetractorScore() {
        assertThat(evaluate(rule, history(survey(6)), at(d(5)))).hasSize(1);
        assertThat(evaluate(rule, history(survey(7)), at(d(5)))).isEmpty();
    }
}
