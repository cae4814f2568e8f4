package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.journeyconnector.insight.rules.GapFixtures.AGENT;
import static dev.journeyconnector.insight.rules.GapFixtures.BILLING_AGENT;
import static dev.journeyconnector.insight.rules.GapFixtures.at;
import static dev.journeyconnector.insight.rules.GapFixtures.caseOpened;
import static dev.journeyconnector.insight.rules.GapFixtures.evaluate;
import static dev.journeyconnector.insight.rules.GapFixtures.history;
import static dev.journeyconnector.insight.rules.GapFixtures.internalNote;
import static dev.journeyconnector.insight.rules.GapFixtures.reassigned;
import static dev.journeyconnector.insight.rules.GapFixtures.tp;
import static org.assertj.core.api.Assertions.assertThat;

class TransferWithoutContextRuleTest {
    private static final String CASE = "500Jx0000000001AAA";
    private static final Instant MOVED = at("2026-08-19T09:12");
    private final TransferWithoutContextRule rule = new TransferWithoutContextRule();
    private final Touchpoint opened = caseOpened(CASE, at("2026-08-18T07:50"), "email", "normal", "unknown");
    private final Touchpoint move = reassigned("017Jx0000000001AAA", CASE, MOVED, AGENT, BILLING_AGENT);

    @Test
    void aCaseMovedWithoutAnInternalNoteIsAGapForTheNewOwner() {
        assertThat(evaluate(rule, history(CustomerFacts.NONE, opened, move), at("2026-08-20T00:00")))
                .singleElement().satisfies(f -> {
                    assertThat(f.key()).isEqualTo("transfer-without-context|sf:003Jx0000000001AAA|"
                            + "salesforce/CaseHistory/017Jx0000000001AAA");
                    assertThat(f.explanation()).isEqualTo("Case \"Case 500Jx0000000001AAA\" moved from owner "
                            + AGENT + " to owner " + BILLING_AGENT + " on 19 Aug 2026 09:12 UTC with no internal note "
                            + "within 1 h before or after the move (threshold 1 h): the new team had to start "
                            + "without the context.");
                    assertThat(f.from()).isEqualTo("owner " + AGENT);
                    assertThat(f.to()).isEqualTo("owner " + BILLING_AGENT);
                    assertThat(f.actor().userId()).isEqualTo(BILLING_AGENT);
                    assertThat(f.actor().role()).isEqualTo("case owner");
                    assertThat(f.detectedAt()).isEqualTo(MOVED.plus(Duration.ofHours(1)));
                    assertThat(f.evidence()).extracting(Finding.Evidence::touchpoint)
                            .containsExactly(opened.key(), move.key());
                });
    }

    @Test
    void aNoteRightAfterTheMoveGivesTheContext() {
        var h = history(CustomerFacts.NONE, opened, move, internalNote("00aJx0000000001AAA", CASE,
                MOVED.plus(Duration.ofMinutes(9))));

        assertThat(evaluate(rule, h, at("2026-08-20T00:00"))).isEmpty();
    }

    @Test
    void aHandoverNoteWrittenJustBeforeTheMoveCounts() {
        var h = history(CustomerFacts.NONE, opened, internalNote("00aJx0000000001AAA", CASE,
                MOVED.minus(Duration.ofMinutes(2))), move);

        assertThat(evaluate(rule, h, at("2026-08-20T00:00"))).isEmpty();
    }

    @Test
    void notesExactlyAnHourAwayCountAndOneSecondMoreDoNot() {
        Instant after = MOVED.plus(Duration.ofHours(1));
        Instant before = MOVED.minus(Duration.ofHours(1));
        Instant now = at("2026-08-18T00:00").plus(Duration.ofDays(10));

        assertThat(evaluate(rule, history(CustomerFacts.NONE, opened, move,
                internalNote("00aJx0000000001AAA", CASE, after)), now)).isEmpty();
        assertThat(evaluate(rule, history(CustomerFacts.NONE, opened, move,
                internalNote("00aJx0000000001AAA", CASE, before)), now)).isEmpty();
        assertThat(evaluate(rule, history(CustomerFacts.NONE, opened, move,
                internalNote("00aJx0000000001AAA", CASE, after.plusSeconds(1))), now)).hasSize(1);
        assertThat(evaluate(rule, history(CustomerFacts.NONE, opened, move,
                internalNote("00aJx0000000001AAA", CASE, before.minusSeconds(1))), now)).hasSize(1);
    }

    @Test
    void nothingIsReportedWhileANoteMayStillCome() {
        var h = history(CustomerFacts.NONE, opened, move);

        assertThat(evaluate(rule, h, MOVED.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(evaluate(rule, h, MOVED.plus(Duration.ofHours(1)).plusSeconds(1))).hasSize(1);
    }

    @Test
    void aLateNoteResolvesTheGapAtItsTime() {
        Touchpoint note = internalNote("00aJx0000000001AAA", CASE, MOVED.plus(Duration.ofHours(3)));
        var h = history(CustomerFacts.NONE, opened, move, note);

        assertThat(evaluate(rule, h, at("2026-08-20T00:00"))).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(Finding.State.RESOLVED);
            assertThat(f.conditionClearedAt()).isEqualTo(note.occurredAt());
            assertThat(f.explanation()).endsWith("The first internal note came on 19 Aug 2026 12:12 UTC, 3 h after "
                    + "the move.");
        });
    }

    @Test
    void aNoteOnAnotherCaseIsNoContextForThisOne() {
        var h = history(CustomerFacts.NONE, opened, move, internalNote("00aJx0000000001AAA", "500Jx0000000002AAA",
                MOVED.plus(Duration.ofMinutes(5))));

        assertThat(evaluate(rule, h, at("2026-08-20T00:00"))).hasSize(1);
    }

    @Test
    void aPublicReplyIsNoInternalNote() {
        Touchpoint reply = tp(Source.SALESFORCE, "CaseComment", "00aJx0000000002AAA", "case-reply", "service",
                "email", "support", "unknown", MOVED.plus(Duration.ofMinutes(5)), "Support replied", "case", CASE);

        assertThat(evaluate(rule, history(CustomerFacts.NONE, opened, move, reply), at("2026-08-20T00:00")))
                .hasSize(1);
    }

    @Test
    void aZendeskGroupChangeNamesBothGroups() {
        Touchpoint ticket = GapFixtures.ticketOpened("4711", at("2026-08-18T07:50"), "email", "normal", "unknown");
        Touchpoint groupMove = tp(Source.ZENDESK, "tickets", "4711", "ticket-reassigned", "service", "email",
                "support", "unknown", MOVED, "Handed to another team", "ticket", "4711", "from-group", "360001",
                "to-group", "360002");

        assertThat(evaluate(rule, history(CustomerFacts.NONE, ticket, groupMove), at("2026-08-20T00:00")))
                .singleElement().satisfies(f -> {
                    assertThat(f.from()).isEqualTo("group 360001");
                    assertThat(f.to()).isEqualTo("group 360002");
                    assertThat(f.actor().role()).isEqualTo(Finding.Actor.FALLBACK);
                });
    }
}
