package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.journeyconnector.insight.rules.GapFixtures.AGENT;
import static dev.journeyconnector.insight.rules.GapFixtures.at;
import static dev.journeyconnector.insight.rules.GapFixtures.caseClosed;
import static dev.journeyconnector.insight.rules.GapFixtures.caseOpened;
import static dev.journeyconnector.insight.rules.GapFixtures.caseReopened;
import static dev.journeyconnector.insight.rules.GapFixtures.evaluate;
import static dev.journeyconnector.insight.rules.GapFixtures.history;
import static dev.journeyconnector.insight.rules.GapFixtures.ticketOpened;
import static dev.journeyconnector.insight.rules.GapFixtures.ticketSolved;
import static org.assertj.core.api.Assertions.assertThat;

class ContactSwitchRuleTest {
    private static final Instant CHAT_AT = at("2026-07-02T21:40");
    private static final Instant NOW = at("2026-08-01T00:00");
    private final ContactSwitchRule channels = ContactSwitchRule.channels();
    private final ContactSwitchRule devices = ContactSwitchRule.devices();
    private final Touchpoint chat = ticketOpened("101", CHAT_AT, "chat", "normal", "unknown");

    @Test
    void comingBackByEmailWhileTheChatIsUnresolvedIsAChannelSwitch() {
        Touchpoint email = ticketOpened("102", at("2026-07-03T08:12"), "email", "high", "unknown");

        assertThat(evaluate(channels, history(CustomerFacts.NONE, chat, email), NOW)).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("channel-switch|sf:003Jx0000000001AAA|zendesk/tickets/101");
            assertThat(f.explanation()).isEqualTo("Ticket \"Ticket 101\" opened on 2 Jul 2026 21:40 UTC (channel "
                    + "chat) was still unresolved when the customer came back on email 10 h 32 min later "
                    + "(ticket-opened \"Ticket 102\"); window 48 h.");
            assertThat(f.from()).isEqualTo("chat");
            assertThat(f.to()).isEqualTo("email");
            assertThat(f.detectedAt()).isEqualTo(email.occurredAt());
            assertThat(f.state()).isEqualTo(Finding.State.OPEN);
            assertThat(f.evidence()).extracting(Finding.Evidence::touchpoint).containsExactly(chat.key(), email.key());
        });
    }

    @Test
    void solvingTheFirstContactResolvesTheSwitch() {
        Touchpoint email = ticketOpened("102", at("2026-07-03T08:12"), "email", "high", "unknown");
        Touchpoint solved = ticketSolved("101", at("2026-07-06T10:06"));

        assertThat(evaluate(channels, history(CustomerFacts.NONE, chat, email, solved), NOW)).singleElement()
                .satisfies(f -> {
                    assertThat(f.conditionClearedAt()).isEqualTo(solved.occurredAt());
                    assertThat(f.explanation()).endsWith("It was resolved on 6 Jul 2026 10:06 UTC.");
                });
    }

    @Test
    void aNewContactAfterTheFirstWasSolvedIsNoSwitch() {
        var h = history(CustomerFacts.NONE, chat, ticketSolved("101", at("2026-07-02T22:00")),
                ticketOpened("102", at("2026-07-03T08:12"), "email", "normal", "unknown"));

        assertThat(evaluate(channels, h, NOW)).isEmpty();
    }

    @Test
    void aReopenedCaseIsUnresolvedAgain() {
        Instant opened = at("2026-07-01T09:00");
        var h = history(CustomerFacts.NONE, caseOpened("500A", opened, "phone", "normal", "unknown"),
                caseClosed("500A", at("2026-07-01T10:00")), caseReopened("017A", "500A", at("2026-07-01T12:00")),
                ticketOpened("102", at("2026-07-02T08:00"), "web", "normal", "unknown"));

        assertThat(evaluate(channels, h, NOW)).singleElement()
                .satisfies(f -> assertThat(f.actor().userId()).isEqualTo(AGENT));
    }

    @Test
    void theSameChannelAgainIsNoSwitch() {
        var h = history(CustomerFacts.NONE, chat, ticketOpened("102", at("2026-07-03T08:12"), "chat", "normal",
                "unknown"));

        assertThat(evaluate(channels, h, NOW)).isEmpty();
    }

    @Test
    void exactlyFortyEightHoursLaterIsStillASwitchAndOneSecondMoreIsNot() {
        Instant edge = CHAT_AT.plus(Duration.ofHours(48));

        assertThat(evaluate(channels, history(CustomerFacts.NONE, chat,
                ticketOpened("102", edge, "email", "normal", "unknown")), NOW)).hasSize(1);
        assertThat(evaluate(channels, history(CustomerFacts.NONE, chat,
                ticketOpened("102", edge.plusSeconds(1), "email", "normal", "unknown")), NOW)).isEmpty();
    }

    @Test
    void contactsOpenedAtTheSameInstantAreOneVisit() {
        var h = history(CustomerFacts.NONE, chat, caseOpened("500A", CHAT_AT, "email", "normal", "unknown"));

        assertThat(evaluate(channels, h, NOW)).isEmpty();
    }

    @Test
    void aContactLaterThanTheEvaluationTimeIsNotSeenYet() {
        Touchpoint email = ticketOpened("102", at("2026-07-03T08:12"), "email", "normal", "unknown");

        assertThat(evaluate(channels, history(CustomerFacts.NONE, chat, email), at("2026-07-03T08:00"))).isEmpty();
    }

    @Test
    void movingFromPhoneToDesktopWhileTheMobileTicketIsOpenIsADeviceSwitch() {
        Touchpoint mobile = ticketOpened("201", at("2026-07-10T08:00"), "mobile_app", "normal", "mobile");
        Touchpoint desktop = ticketOpened("202", at("2026-07-10T20:00"), "web", "normal", "desktop");

        assertThat(evaluate(devices, history(CustomerFacts.NONE, mobile, desktop), NOW)).singleElement()
                .satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("device-switch");
                    assertThat(f.from()).isEqualTo("mobile");
                    assertThat(f.to()).isEqualTo("desktop");
                    assertThat(f.severity().wireName()).isEqualTo("low");
                });
    }

    @Test
    void anUnknownDeviceNeverCountsAsASwitch() {
        Touchpoint mobile = ticketOpened("201", at("2026-07-10T08:00"), "mobile_app", "normal", "mobile");
        Touchpoint unknown = ticketOpened("202", at("2026-07-10T20:00"), "email", "normal", "unknown");

        assertThat(evaluate(devices, history(CustomerFacts.NONE, mobile, unknown), NOW)).isEmpty();
        Touchpoint unknownFirst = ticketOpened("200", at("2026-07-10T07:00"), "email", "normal", "unknown");
        assertThat(evaluate(devices, history(CustomerFacts.NONE, unknownFirst, mobile), NOW)).isEmpty();
    }

    @Test
    void aDeviceSwitchExactlyAtTheWindowCountsAndLaterDoesNot() {
        Instant first = at("2026-07-10T08:00");
        Touchpoint mobile = ticketOpened("201", first, "mobile_app", "normal", "mobile");

        assertThat(evaluate(devices, history(CustomerFacts.NONE, mobile,
                ticketOpened("202", first.plus(Duration.ofHours(48)), "web", "normal", "desktop")), NOW)).hasSize(1);
        assertThat(evaluate(devices, history(CustomerFacts.NONE, mobile,
                ticketOpened("202", first.plus(Duration.ofHours(48)).plusSeconds(1), "web", "normal", "desktop")),
                NOW)).isEmpty();
    }
}
