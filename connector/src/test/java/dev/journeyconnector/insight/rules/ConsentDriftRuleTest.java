package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.CustomerFacts.MemberStatus;
import dev.journeyconnector.insight.CustomerFacts.Membership;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.journeyconnector.insight.rules.GapFixtures.CONTACT_OWNER;
import static dev.journeyconnector.insight.rules.GapFixtures.at;
import static dev.journeyconnector.insight.rules.GapFixtures.contact;
import static dev.journeyconnector.insight.rules.GapFixtures.evaluate;
import static dev.journeyconnector.insight.rules.GapFixtures.facts;
import static dev.journeyconnector.insight.rules.GapFixtures.history;
import static dev.journeyconnector.insight.rules.GapFixtures.tp;
import static org.assertj.core.api.Assertions.assertThat;

class ConsentDriftRuleTest {
    private static final Instant LEFT = at("2026-09-10T12:31");
    private static final Instant NOW = at("2026-10-01T00:00");
    private final ConsentDriftRule rule = new ConsentDriftRule();

    private static Membership member(String list, MemberStatus status, Instant changed) {
        return new Membership(list, "trey.weller@example.com", status, changed);
    }

    private static CustomerFacts facts(Boolean optedOut, Membership... memberships) {
        return GapFixtures.facts(contact(optedOut, "2026-09-20T08:00:00.000+0000"), null, List.of(),
                List.of(memberships));
    }

    @Test
    void unsubscribedInMailchimpButEmailableInSalesforceIsDriftForTheContactOwner() {
        Touchpoint unsubscribe = tp(Source.MAILCHIMP, "unsubscribes", "c3/abc/2026-09-10", "unsubscribed", "churn",
                "email", "marketing", "unknown", LEFT, "Unsubscribed: not interested", "list", "L1");
        var h = history(facts(false, member("L1", MemberStatus.UNSUBSCRIBED, LEFT)), unsubscribe);

        assertThat(evaluate(rule, h, NOW)).singleElement().satisfies(f -> {
            // Mailchimp's member id is the MD5 of the lower-cased address.
            assertThat(f.key()).isEqualTo("consent-drift|sf:003Jx0000000001AAA|mailchimp/members/L1/"
                    + "86ead42ccad199a7286ba41c796da36f");
            assertThat(f.explanation()).isEqualTo("Mailchimp shows the address unsubscribed on list L1 since "
                    + "10 Sep 2026 12:31 UTC and subscribed on no list, but Salesforce still allows email "
                    + "(HasOptedOutOfEmail is false on the Contact), past the 24 h grace period.");
            assertThat(f.from()).isEqualTo("mailchimp");
            assertThat(f.to()).isEqualTo("salesforce");
            assertThat(f.actor().userId()).isEqualTo(CONTACT_OWNER);
            assertThat(f.detectedAt()).isEqualTo(LEFT.plus(Duration.ofDays(1)));
            assertThat(f.evidence()).extracting(Finding.Evidence::touchpoint).contains(unsubscribe.key());
        });
    }

    @Test
    void aCleanedAddressIsDriftToo() {
        var h = history(facts(false, member("L1", MemberStatus.CLEANED, LEFT)));

        assertThat(evaluate(rule, h, NOW)).singleElement()
                .satisfies(f -> assertThat(f.explanation()).contains("cleaned (the address bounced)"));
    }

    @Test
    void bothSidesSayingNoIsNoDrift() {
        assertThat(evaluate(rule, history(facts(true, member("L1", MemberStatus.UNSUBSCRIBED, LEFT))), NOW))
                .isEmpty();
    }

    @Test
    void stillSubscribedToAnotherListMeansTheyWantSomeEmail() {
        var h = history(facts(false, member("L1", MemberStatus.UNSUBSCRIBED, LEFT),
                member("L2", MemberStatus.SUBSCRIBED, at("2026-05-01T00:00"))));

        assertThat(evaluate(rule, h, NOW)).isEmpty();
    }

    @Test
    void theGracePeriodLetsTheSyncCatchUpToItsLastInstant() {
        var h = history(facts(false, member("L1", MemberStatus.UNSUBSCRIBED, LEFT)));

        assertThat(evaluate(rule, h, LEFT.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(evaluate(rule, h, LEFT.plus(Duration.ofDays(1)).plusSeconds(1))).hasSize(1);
    }

    @Test
    void optedOutInSalesforceWhileSubscribedInMailchimpIsTheReverseDrift() {
        var h = history(facts(true, member("L1", MemberStatus.SUBSCRIBED, at("2026-05-14T11:25"))));

        assertThat(evaluate(rule, h, NOW)).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("consent-drift|sf:003Jx0000000001AAA|salesforce/Contact/"
                    + "003Jx0000000001AAA");
            assertThat(f.from()).isEqualTo("salesforce");
            assertThat(f.to()).isEqualTo("mailchimp");
            assertThat(f.explanation()).isEqualTo("The Contact has opted out of email in Salesforce "
                    + "(HasOptedOutOfEmail is true), but the address is still subscribed in Mailchimp (list L1) "
                    + "since 20 Sep 2026 08:00 UTC, past the 24 h grace period: the next campaign goes to them.");
            assertThat(f.detectedAt()).isEqualTo(at("2026-09-21T08:00"));
        });
    }

    @Test
    void theReverseDriftWaitsForTheGracePeriodFromTheLaterChange() {
        var h = history(facts(true, member("L1", MemberStatus.SUBSCRIBED, at("2026-05-14T11:25"))));

        assertThat(evaluate(rule, h, at("2026-09-21T08:00"))).isEmpty();
        assertThat(evaluate(rule, h, at("2026-09-21T08:01"))).hasSize(1);
    }

    @Test
    void aRecordWithoutTheOptOutFieldIsNotJudged() {
        assertThat(evaluate(rule, history(facts(null, member("L1", MemberStatus.UNSUBSCRIBED, LEFT))), NOW))
                .isEmpty();
    }

    @Test
    void whenTheRecordsAgreeAgainTheRuleStopsProducingTheFinding() {
        var drifted = history(facts(false, member("L1", MemberStatus.UNSUBSCRIBED, LEFT)));
        var fixed = history(facts(true, member("L1", MemberStatus.UNSUBSCRIBED, LEFT)));

        assertThat(evaluate(rule, drifted, NOW)).hasSize(1);
        assertThat(evaluate(rule, fixed, NOW)).isEmpty();
    }
}
