package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.RuleRegistry;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.RulesLoader;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.journeyconnector.insight.rules.Journeys.at;
import static dev.journeyconnector.insight.rules.Journeys.caseRecord;
import static dev.journeyconnector.insight.rules.Journeys.caseRow;
import static dev.journeyconnector.insight.rules.Journeys.d;
import static dev.journeyconnector.insight.rules.Journeys.evaluate;
import static dev.journeyconnector.insight.rules.Journeys.h;
import static dev.journeyconnector.insight.rules.Journeys.history;
import static dev.journeyconnector.insight.rules.Journeys.min;
import static dev.journeyconnector.insight.rules.Journeys.ticket;
import static org.assertj.core.api.Assertions.assertThat;

class SlowFirstResponseRuleTest {

    private final SlowFirstResponseRule rule = new SlowFirstResponseRule();

    @Test
    void aReplyLaterThanTheSlaForItsPriorityFiresAndIsResolvedWhenTheReplyCame() {
        List<Finding> findings = evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "priority", "high"),
                ticket("4711", "ticket-first-reply", h(31), "priority", "high")), at(d(5)));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Slow first response on ticket \"#4711 Never received my itinerary\"");
            assertThat(f.explanation()).isEqualTo("First reply after 31 h; the SLA for high priority is 4 h");
            assertThat(f.detectedAt()).isEqualTo(at(h(4)));
            assertThat(f.conditionClearedAt()).isEqualTo(at(h(31)));
            assertThat(f.state()).isEqualTo(Finding.State.RESOLVED);
            assertThat(f.evidence()).extracting(Finding.Evidence::what).containsExactly(
                    "ticket-opened \"#4711 Never received my itinerary\"",
                    "ticket-first-reply \"#4711 Never received my itinerary\"");
            assertThat(f.evidence().get(0).link()).hasToString("https://example.test/tickets/4711");
        });
    }

    @Test
    void aMissingReplyPastTheSlaIsAnOpenFindingForTheCaseOwner() {
        List<Finding> findings = evaluate(rule, history(
                caseRecord("500A", "case-opened", h(0), "owner", Journeys.CASE_OWNER),
                // An internal note is no reply to the customer.
                caseRow("500A", "CaseComment", "00aA", "case-reply", h(2), "internal", "true")), at(h(30)));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.explanation()).isEqualTo("No reply yet after 30 h; the SLA for normal priority (none given) "
                    + "is 24 h");
            assertThat(f.state()).isEqualTo(Finding.State.OPEN);
            assertThat(f.detectedAt()).isEqualTo(at(h(24)));
            assertThat(f.actor()).isEqualTo(new Finding.Actor(Journeys.CASE_OWNER, "case owner",
                    "owns the case \"Card blocked abroad\""));
        });
    }

    @Test
    void aReplyWithinTheSlaDoesNotFire() {
        assertThat(evaluate(rule, history(
                caseRecord("500A", "case-opened", h(0), "priority", "urgent"),
                caseRow("500A", "CaseComment", "00aA", "case-reply", min(50))), at(d(5)))).isEmpty();
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "priority", "low")), at(h(47)))).isEmpty();
    }

    @Test
    void aReplyExactlyAtTheSlaMeetsIt() {
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "priority", "high"),
                ticket("4711", "ticket-first-reply", h(4))), at(d(5)))).isEmpty();
        assertThat(evaluate(rule, history(
                ticket("4711", "ticket-opened", h(0), "priority", "high"),
                ticket("4711", "ticket-first-reply", h(4).plus(min(1)))), at(d(5)))).hasSize(1);
        // Still missing: exactly at the deadline is not yet past it.
        var missing = history(caseRecord("500A", "case-opened", h(0), "priority", "high"));
        assertThat(evaluate(rule, missing, at(h(4)))).isEmpty();
        assertThat(evaluate(rule, missing, at(h(4).plus(min(1))))).hasSize(1);
    }

    @Test
    void aCaseClosedPastTheSlaWithoutAnyReplyIsResolvedWhenItClosed() {
        assertThat(evaluate(rule, history(
                caseRecord("500A", "case-opened", h(0), "priority", "high"),
                caseRecord("500A", "case-closed", h(10))), at(d(5)))).singleElement().satisfies(f -> {
                    assertThat(f.explanation()).isEqualTo("No reply within the SLA; the case was closed after 10 h "
                            + "without a reply; the SLA for high priority is 4 h");
                    assertThat(f.conditionClearedAt()).isEqualTo(at(h(10)));
                });
        assertThat(evaluate(rule, history(
                caseRecord("500A", "case-opened", h(0), "priority", "high"),
                caseRecord("500A", "case-closed", h(3))), at(d(5)))).isEmpty();
    }

    @Test
    void withBusinessHoursOnlyOpeningHoursCount() throws Exception {
        RuleSettings settings = RulesLoader.parse("rules.yaml", "rules: {slow-first-response: {businessHours: true}}",
                new RuleRegistry(List.of(rule)), null).settings(rule, "any");
        // Friday 15:00 UTC; Monday 12:00 is 2 business hours on Friday and 3 on Monday.
        Instant friday = Instant.parse("2026-03-06T15:00:00Z");
        var slow = history(
                ticket("4711", "ticket-opened", java.time.Duration.between(Journeys.T0, friday), "priority", "high"),
                ticket("4711", "ticket-first-reply", java.time.Duration.between(Journeys.T0,
                        Instant.parse("2026-03-09T12:00:00Z"))));
        assertThat(rule.evaluate(slow, settings, at(d(30)))).singleElement().satisfies(f -> {
            assertThat(f.explanation()).isEqualTo("First reply after 5 h of business hours (2 d 21 h in calendar "
                    + "time); the SLA for high priority is 4 h of business hours (business hours Mon-Fri "
                    + "09:00-17:00 UTC)");
            assertThat(f.detectedAt()).isEqualTo(Instant.parse("2026-03-09T11:00:00Z"));
        });
        var quick = history(
                ticket("4711", "ticket-opened", java.time.Duration.between(Journeys.T0, friday), "priority", "high"),
                ticket("4711", "ticket-first-reply", java.time.Duration.between(Journeys.T0,
                        Instant.parse("2026-03-09T10:00:00Z"))));
        assertThat(rule.evaluate(quick, settings, at(d(30)))).isEmpty();
        assertThat(evaluate(rule, quick, at(d(30)))).as("in calendar time the same reply is late").hasSize(1);
    }
}
