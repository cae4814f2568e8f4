package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.CustomerFacts.CampaignSend;
import dev.journeyconnector.insight.CustomerFacts.MemberStatus;
import dev.journeyconnector.insight.CustomerFacts.Membership;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.journeyconnector.insight.rules.Journeys.at;
import static dev.journeyconnector.insight.rules.Journeys.contactFacts;
import static dev.journeyconnector.insight.rules.Journeys.d;
import static dev.journeyconnector.insight.rules.Journeys.evaluate;
import static dev.journeyconnector.insight.rules.Journeys.history;
import static dev.journeyconnector.insight.rules.Journeys.marketing;
import static org.assertj.core.api.Assertions.assertThat;

class EmailFatigueRuleTest {

    private final EmailFatigueRule rule = new EmailFatigueRule();

    /** One campaign a week; {@code opened} says which of them the customer opened. */
    private static List<CampaignSend> weekly(boolean... opened) {
        List<CampaignSend> sends = new ArrayList<>();
        for (int i = 0; i < opened.length; i++) {
            sends.add(new CampaignSend("c" + (i + 1), "list1", at(d(7L * i)), opened[i], false, null));
        }
        return sends;
    }

    private static Touchpoint unsubscribed(long day) {
        return marketing("unsubscribes", "c3/abc/2026", "unsubscribed", d(day), "list", "list1", "campaign", "c3");
    }

    @Test
    void anUnsubscribeFiresForTheContactOwner() {
        var h = history("retail-shopper", contactFacts(List.of(), weekly(true, false, false)), unsubscribed(15));
        assertThat(evaluate(rule, h, at(d(30)))).singleElement().satisfies(f -> {
            assertThat(f.key()).endsWith("|mailchimp/unsubscribes/c3/abc/2026");
            assertThat(f.explanation()).isEqualTo("Unsubscribed on 17 Mar 2026 (list list1, campaign c3); they had "
                    + "opened 1 of the 3 campaigns sent to them before");
            assertThat(f.actor()).isEqualTo(new Finding.Actor(Journeys.CONTACT_OWNER, "contact owner",
                    "owns the customer's contact record"));
            assertThat(f.state()).isEqualTo(Finding.State.OPEN);
        });
    }

    @Test
    void subscribingAgainClearsTheUnsubscribe() {
        var back = new Membership("list1", "amira@example.com", MemberStatus.SUBSCRIBED, at(d(20)));
        var h = history("retail-shopper", contactFacts(List.of(back), List.of()), unsubscribed(15));
        assertThat(evaluate(rule, h, at(d(30)))).singleElement()
                .satisfies(f -> assertThat(f.conditionClearedAt()).isEqualTo(at(d(20))));
    }

    @Test
    void fiveCampaignsInARowUnopenedFireAndTheNextOpenClearsThem() {
        var h = history("retail-shopper", contactFacts(List.of(), weekly(true, false, false, false, false, false, true)),
                marketing("email_activity", "c7/abc/open/2026-04-13T10:00:00Z", "campaign-open", d(42).plusHours(1),
                        "campaign", "c7"));
        assertThat(evaluate(rule, h, at(d(60)))).singleElement().satisfies(f -> {
            assertThat(f.key()).endsWith("|mailchimp/campaigns/c2");
            assertThat(f.explanation()).isEqualTo("5 campaigns in a row unopened, sent from 9 Mar 2026 to 6 Apr 2026;"
                    + " the rule fires at 5; opened an email again on 13 Apr 2026");
            assertThat(f.detectedAt()).isEqualTo(at(d(35)));
            assertThat(f.conditionClearedAt()).isEqualTo(at(d(42).plusHours(1)));
            assertThat(f.evidence()).hasSize(6);
        });
    }

    @Test
    void openedCampaignsInBetweenDoNotFire() {
        var h = history("retail-shopper", contactFacts(List.of(), weekly(false, false, true, false, false, false)));
        assertThat(evaluate(rule, h, at(d(60)))).isEmpty();
    }

    @Test
    void exactlyFiveUnopenedFireAndFourDoNot() {
        assertThat(evaluate(rule, history("retail-shopper",
                contactFacts(List.of(), weekly(false, false, false, false, false))), at(d(60)))).singleElement()
                .satisfies(f -> assertThat(f.state()).isEqualTo(Finding.State.OPEN));
        assertThat(evaluate(rule, history("retail-shopper",
                contactFacts(List.of(), weekly(false, false, false, false, true))), at(d(60)))).isEmpty();
    }

    @Test
    void aProspectWithoutAContactGoesToTheFallback() {
        var h = history("unclassified", CustomerFacts.NONE, unsubscribed(1));
        assertThat(evaluate(rule, h, at(d(3)))).singleElement().satisfies(f -> {
            assertThat(f.actor().role()).isEqualTo(Finding.Actor.FALLBACK);
            assertThat(f.actor().reason()).isEqualTo("the customer has no Contact or Lead in Salesforce, so no owner");
        });
    }
}
