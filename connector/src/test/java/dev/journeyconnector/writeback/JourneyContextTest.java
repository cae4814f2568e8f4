package dev.journeyconnector.writeback;

import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;
import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.writeback.JourneyContext.OpenFinding;
import dev.journeyconnector.writeback.JourneyContext.RecentTouchpoint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journey context a rep reads on a Contact: its stage, health score, summary text and Contact fields. */
class JourneyContextTest {
    private static final String TREY = "003Jx0000000001IAA";
    private static final Vocabulary VOCABULARY = Vocabulary.defaults();
    private static final Path CONTACT_FIELDS = Path.of("..", "salesforce/force-app/main/default/objects/Contact/fields");

    private static final RecentTouchpoint LEAD = touchpoint(Source.SALESFORCE, "Lead", "00QJx0000000001MAA",
            "lead-from-ad", "2026-05-04T19:42:00Z", "Scottish Highlands by coach", null);
    private static final RecentTouchpoint WON = touchpoint(Source.SALESFORCE, "Opportunity", "006Jx0000000001IAA",
            "deal-won", "2026-05-22T00:00:00Z", "Won: Weller - Scottish Highlands by coach (8 days) (2480)",
            "https://meridian.my.salesforce.com/lightning/r/Opportunity/006Jx0000000001IAA/view");
    private static final RecentTouchpoint OPEN_CAMPAIGN = touchpoint(Source.MAILCHIMP, "email_activity",
            "ecd07f74f8/a1b2/open/2026-07-01T08:00:00Z", "campaign-open", "2026-07-01T08:00:00Z", "Summer tours",
            "https://us21.admin.mailchimp.com/reports/summary?id=1234");
    private static final RecentTouchpoint SOLVED = touchpoint(Source.ZENDESK, "tickets", "17", "ticket-solved",
            "2026-07-06T10:30:00Z", "Never received my itinerary", "https://meridian.zendesk.com/agent/tickets/17");

    private static final OpenFinding NOT_ONBOARDED = finding("won-not-onboarded/sf:003Jx0000000001IAA/x",
            "Won deal not onboarded", Severity.HIGH, "won-not-onboarded", "handoff-gap", "2026-05-29T00:00:00Z");
    private static final OpenFinding FATIGUE = finding("email-fatigue/sf:003Jx0000000001IAA/y",
            "Campaigns unopened", Severity.MEDIUM, "email-fatigue", "pain-point", "2026-07-07T00:00:00Z");

    @Test
    void theSummaryReadsHeaderThenRecentTouchpointsWithDateAndSystemThenOpenFindings() {
        JourneyContext trey = trey(List.of(LEAD, WON, OPEN_CAMPAIGN, SOLVED), 12, List.of(FATIGUE, NOT_ONBOARDED), 0);

        assertThat(trey.summaryText()).isEqualTo("""
                Journey context for Trey Weller
                Stage: Service
                Persona: Leisure traveller
                Health: 65/100 (1 high, 1 medium open)
                Touchpoints: 12 since 2026-05-04, the latest on 2026-07-06
                Last touchpoint: 2026-07-06 Zendesk ticket solved "Never received my itinerary"

                Recent touchpoints (4 of 12, newest first)
                - 2026-07-06 Zendesk ticket solved "Never received my itinerary"
                  https://meridian.zendesk.com/agent/tickets/17
                - 2026-07-01 Mailchimp campaign open "Summer tours"
                  https://us21.admin.mailchimp.com/reports/summary?id=1234
                - 2026-05-22 Salesforce deal won "Won: Weller - Scottish Highlands by coach (8 days) (2480)"
                  https://meridian.my.salesforce.com/lightning/r/Opportunity/006Jx0000000001IAA/view
                - 2026-05-04 Salesforce lead from ad "Scottish Highlands by coach"

                Open pain points and gaps (2)
                - [high] Won deal not onboarded (handoff gap, won-not-onboarded, since 2026-05-29)
                - [medium] Campaigns unopened (pain point, email-fatigue, since 2026-07-07)
                """);
    }

    @Test
    void withoutOpenFindingsTheListSaysNoneAndTheScoreIsFull() {
        JourneyContext trey = trey(List.of(SOLVED), 1, List.of(), 0);

        assertThat(trey.healthScore()).isEqualTo(100);
        assertThat(trey.summaryText())
                .contains("Health: 100/100 (no open pain points or gaps)\n")
                .endsWith("\nOpen pain points and gaps\nnone\n");
    }

    @Test
    void theHealthScoreLosesFortyTwentyFiveTenAndFivePerCriticalHighMediumAndLowFinding() {
        List<OpenFinding> one = Stream.of(Severity.values())
                .map(s -> finding("r-" + s + "/c/a", "t", s, "r-" + s, "pain-point", "2026-06-01T00:00:00Z")).toList();

        assertThat(trey(List.of(SOLVED), 1, one, 0).healthScore()).isEqualTo(100 - 40 - 25 - 10 - 5);
        assertThat(trey(List.of(SOLVED), 1, List.of(one.get(0), one.get(1)), 0).healthScore()).isEqualTo(85);
    }

    @Test
    void theHealthScoreStopsAtZero() {
        List<OpenFinding> critical = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            critical.add(finding("escalation/c/" + i, "Escalated", Severity.CRITICAL, "escalation", "pain-point",
                    "2026-06-0" + (i + 1) + "T00:00:00Z"));
        }

        assertThat(trey(List.of(SOLVED), 1, critical, 0).healthScore()).isZero();
    }

    @Test
    void heldFindingsAreCountedInTheSummaryButNeitherListedNorScored() {
        JourneyContext trey = trey(List.of(SOLVED), 1, List.of(), 2);

        assertThat(trey.healthScore()).isEqualTo(100);
        assertThat(trey.summaryText()).endsWith("Open pain points and gaps\nnone\n"
                + "2 more are held until an identity review is decided, and not shown here\n");
    }

    @Test
    void theSameJourneyGivesTheSameTextAndFieldsWhateverOrderItsListsComeIn() {
        List<RecentTouchpoint> touchpoints = new ArrayList<>(List.of(LEAD, WON, OPEN_CAMPAIGN, SOLVED));
        List<OpenFinding> findings = new ArrayList<>(List.of(FATIGUE, NOT_ONBOARDED));
        JourneyContext first = trey(touchpoints, 4, findings, 1);
        Collections.reverse(touchpoints);
        Collections.reverse(findings);
        JourneyContext second = trey(touchpoints, 4, findings, 1);

        assertThat(second).isEqualTo(first);
        assertThat(second.summaryText()).isEqualTo(first.summaryText());
        assertThat(second.contactFields()).isEqualTo(first.contactFields());
    }

    @Test
    void touchpointsAtTheSameMomentKeepOneOrder() {
        RecentTouchpoint opened = touchpoint(Source.ZENDESK, "tickets", "17", "ticket-opened", "2026-07-06T10:30:00Z",
                "Never received my itinerary", null);

        JourneyContext a = trey(List.of(opened, SOLVED), 2, List.of(), 0);
        JourneyContext b = trey(List.of(SOLVED, opened), 2, List.of(), 0);

        assertThat(a.recentTouchpoints()).containsExactly(SOLVED, opened);
        assertThat(b.summaryText()).isEqualTo(a.summaryText());
    }

    @Test
    void theLastTouchpointIsTheNewestInOneLine() {
        JourneyContext trey = trey(List.of(LEAD, SOLVED, WON), 3, List.of(), 0);

        assertThat(trey.lastTouchpointAt()).isEqualTo(Instant.parse("2026-07-06T10:30:00Z"));
        assertThat(trey.lastTouchpoint()).isEqualTo("Zendesk ticket solved \"Never received my itinerary\"");
    }

    @Test
    void theContactFieldsAreTheFiveJourneyFieldsOfTheContactMetadata() throws IOException {
        JourneyContext trey = trey(List.of(LEAD, SOLVED), 2, List.of(NOT_ONBOARDED), 0);

        Map<String, Object> fields = trey.contactFields();

        assertThat(fields.keySet()).containsExactlyInAnyOrderElementsOf(metadataFieldNames());
        assertThat(fields).containsEntry(JourneyContext.STAGE_FIELD, "Service")
                .containsEntry(JourneyContext.PERSONA_FIELD, "Leisure traveller")
                .containsEntry(JourneyContext.HEALTH_SCORE_FIELD, 75)
                .containsEntry(JourneyContext.LAST_TOUCHPOINT_FIELD, Instant.parse("2026-07-06T10:30:00Z"))
                .containsEntry(JourneyContext.SUMMARY_FIELD, trey.summaryText());
    }

    @Test
    void theFieldLengthsAreTheOnesTheMetadataDeclares() throws IOException {
        assertThat(declaredLength(JourneyContext.STAGE_FIELD)).isEqualTo(JourneyContext.STAGE_LENGTH);
        assertThat(declaredLength(JourneyContext.PERSONA_FIELD)).isEqualTo(JourneyContext.PERSONA_LENGTH);
        assertThat(declaredLength(JourneyContext.SUMMARY_FIELD)).isGreaterThanOrEqualTo(JourneyContext.SUMMARY_LENGTH);
    }

    @Test
    void labelsLongerThanTheirFieldsAreCutWithAnEllipsis() {
        String persona = "Small-business banking client with a business account, cards, a kiln loan and an overdraft";
        JourneyContext c = new JourneyContext(TREY, "sf:" + TREY, "Trey Weller", null, null, "sb", persona,
                "onboarding_and_first_steps", "Onboarding and first steps of the customer after the sale", 1,
                SOLVED.at(), List.of(SOLVED), List.of(), 0);

        Map<String, Object> fields = c.contactFields();

        assertThat((String) fields.get(JourneyContext.STAGE_FIELD)).hasSize(40)
                .isEqualTo("Onboarding and first steps of the custo…");
        assertThat((String) fields.get(JourneyContext.PERSONA_FIELD)).hasSizeLessThanOrEqualTo(80).endsWith("…")
                .startsWith("Small-business banking client with a business account, cards, a kiln loan and");
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE8C"; // a bus: two UTF-16 units
        String text = "a".repeat(38) + emoji + "tail";

        String cut = JourneyContext.fit(text, 40);

        assertThat(cut).isEqualTo("a".repeat(38) + "…");
        assertThat(JourneyContext.fit("a".repeat(37) + emoji + "tail", 40)).isEqualTo("a".repeat(37) + emoji + "…");
    }

    @Test
    void aTitleWithLineBreaksStaysOnOneLineAndALongOneIsCut() {
        RecentTouchpoint forged = touchpoint(Source.ZENDESK, "tickets", "18", "ticket-opened", "2026-07-07T10:00:00Z",
                "Help\nOpen pain points and gaps\r\n- [low] fake\t" + "x".repeat(500), null);

        String text = trey(List.of(forged), 1, List.of(), 0).summaryText();

        assertThat(text.lines().filter(l -> l.startsWith("- "))).singleElement().satisfies(line -> {
            assertThat(line).startsWith("- 2026-07-07 Zendesk ticket opened \"Help Open pain points and gaps - [low] fake x");
            assertThat(line).endsWith("…\"");
            assertThat(line.length()).isLessThan(JourneyContext.TITLE_LENGTH + 60);
        });
        assertThat(text.lines().filter(l -> l.equals("Open pain points and gaps"))).hasSize(1);
    }

    @Test
    void thousandsOfOpenFindingsStayWithinTheLimitAndTheLastLineSaysHowManyMore() {
        List<OpenFinding> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(finding("repeat-contact/c/" + String.format("%04d", i), "F".repeat(300), Severity.LOW,
                    "repeat-contact", "pain-point", "2026-06-01T00:00:00Z"));
        }

        String text = trey(List.of(LEAD, WON, OPEN_CAMPAIGN, SOLVED), 4, many, 3).summaryText();

        assertThat(text.length()).isLessThanOrEqualTo(JourneyContext.SUMMARY_LENGTH);
        long listed = text.lines().filter(l -> l.startsWith("- [low] ")).count();
        assertThat(listed).isBetween(50L, 2999L);
        assertThat(text).contains("Open pain points and gaps (3000)\n")
                .contains("- … and " + (3000 - listed) + " more, see the journey findings\n")
                .endsWith("3 more are held until an identity review is decided, and not shown here\n");
    }

    @Test
    void withoutTouchpointsTheStageIsUnknownAndTheLastTouchpointIsCleared() {
        JourneyContext c = new JourneyContext(TREY, "sf:" + TREY, "Trey Weller", null, null, "unclassified", null,
                null, null, 0, null, List.of(), List.of(), 0);

        assertThat(c.summaryText()).isEqualTo("""
                Journey context for Trey Weller
                Stage: unknown (no touchpoints yet)
                Persona: unclassified
                Health: 100/100 (no open pain points or gaps)

                Recent touchpoints
                none

                Open pain points and gaps
                none
                """);
        assertThat(c.contactFields()).containsEntry(JourneyContext.STAGE_FIELD, null)
                .containsEntry(JourneyContext.LAST_TOUCHPOINT_FIELD, null);
    }

    @Test
    void aContextIsWrittenToAContactAndNothingElse() {
        assertThatThrownBy(() -> new JourneyContext("00QJx0000000001MAA", "sf:00QJx0000000001MAA", "Trey", null, null,
                "p", null, null, null, 0, null, List.of(), List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("00QJx0000000001MAA")
                .hasMessageContaining("not a Salesforce Contact Id");
    }

    @Test
    void recentTouchpointsCannotOutnumberTheJourney() {
        assertThatThrownBy(() -> trey(List.of(LEAD, SOLVED), 1, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 recent touchpoints");
    }

    // ---- which touchpoints are recent

    @Test
    void aBusySystemCannotPushTheOthersOffTheRecentList() {
        List<RecentTouchpoint> candidates = new ArrayList<>();
        for (int day = 10; day < 20; day++) {
            candidates.add(touchpoint(Source.MAILCHIMP, "email_activity", "c/e/open/" + day, "campaign-open",
                    "2026-10-" + day + "T08:00:00Z", "Opened a campaign email", null));
        }
        candidates.add(touchpoint(Source.SALESFORCE, "Task", "00T1", "call", "2026-07-12T09:00:00Z", "Call", null));
        candidates.add(touchpoint(Source.SALESFORCE, "Task", "00T2", "call", "2026-07-01T09:00:00Z", "Call", null));
        candidates.add(SOLVED);

        List<RecentTouchpoint> recent = JourneyContext.recentAcrossSystems(candidates, 8);

        // half the list for the newsletter, then the other systems' touchpoints, then the newsletter again as they ran out
        assertThat(recent).extracting(t -> t.key().recordId()).containsExactly(
                "c/e/open/19", "c/e/open/18", "c/e/open/17", "c/e/open/16", "c/e/open/15", "00T1", "17", "00T2");
    }

    @Test
    void withoutABusySystemTheRecentListIsSimplyTheNewest() {
        List<RecentTouchpoint> recent = JourneyContext.recentAcrossSystems(List.of(LEAD, WON, OPEN_CAMPAIGN, SOLVED), 3);

        assertThat(recent).containsExactly(SOLVED, OPEN_CAMPAIGN, WON);
    }

    @Test
    void aListShorterThanTheSystemsShowsTheLatestOfTheNewestSystems() {
        RecentTouchpoint call = touchpoint(Source.SALESFORCE, "Task", "00T1", "call", "2026-07-12T09:00:00Z", "Call", null);

        assertThat(JourneyContext.recentAcrossSystems(List.of(LEAD, OPEN_CAMPAIGN, SOLVED, call), 2))
                .containsExactly(call, SOLVED);
        assertThat(JourneyContext.recentAcrossSystems(List.of(LEAD, OPEN_CAMPAIGN, SOLVED, call), 1))
                .containsExactly(call);
    }

    // ---- the current stage

    @Test
    void theStageIsTheFurthestReachedNotTheLatest() {
        // a newsletter opened after a solved ticket does not send a customer back to engagement
        assertThat(stage("awareness", "2026-05-04", "purchase", "2026-05-22", "service", "2026-07-06",
                "engagement", "2026-07-20")).contains("service");
    }

    @Test
    void aChurnTouchpointThatIsTheLatestMakesTheStageChurn() {
        assertThat(stage("purchase", "2026-05-22", "service", "2026-07-06", "churn", "2026-07-20")).contains("churn");
    }

    @Test
    void churnAtTheSameMomentAsAnotherTouchpointCountsAsChurn() {
        assertThat(stage("engagement", "2026-07-20", "churn", "2026-07-20")).contains("churn");
    }

    @Test
    void aCustomerWhoComesBackAfterChurnStartsOverFromWhatCameAfter() {
        // retention before leaving does not count; only the campaign opened after it does
        assertThat(stage("retention", "2026-03-01", "churn", "2026-04-01", "engagement", "2026-06-01"))
                .contains("engagement");
    }

    @Test
    void stageNamesTheVocabularyNoLongerHasCountOnlyWhenNoKnownOneDoes() {
        assertThat(stage("service", "2026-05-01", "aftercare", "2026-06-01")).contains("service");
        assertThat(stage("churn", "2026-05-01", "aftercare", "2026-06-01", "loyalty", "2026-07-01"))
                .contains("loyalty");
    }

    @Test
    void withoutTouchpointsThereIsNoStage() {
        assertThat(JourneyContext.currentStage(VOCABULARY, Map.of())).isEmpty();
    }

    @Test
    void theStageLabelComesFromTheVocabulary() {
        JourneyContext.Labels labels = new JourneyContext.Labels(VOCABULARY, Map.of("leisure-traveller", "Leisure traveller"));

        assertThat(labels.stageLabel("onboarding")).isEqualTo("Onboarding");
        assertThat(labels.stageLabel("after_care")).isEqualTo("After care");
        assertThat(labels.personaLabel("leisure-traveller")).isEqualTo("Leisure traveller");
        assertThat(labels.personaLabel("gone")).isEqualTo("gone");
    }

    // ---- helpers

    private static java.util.Optional<String> stage(String... stageAndDay) {
        Map<String, Instant> lastSeen = new LinkedHashMap<>();
        for (int i = 0; i < stageAndDay.length; i += 2) {
            lastSeen.put(stageAndDay[i], Instant.parse(stageAndDay[i + 1] + "T12:00:00Z"));
        }
        return JourneyContext.currentStage(VOCABULARY, lastSeen);
    }

    private static JourneyContext trey(List<RecentTouchpoint> recent, long count, List<OpenFinding> findings, int held) {
        Instant first = recent.stream().map(RecentTouchpoint::at).min(Instant::compareTo).orElse(null);
        return new JourneyContext(TREY, "sf:" + TREY, "Trey Weller", "005Jx0000000001IAA", "001Jx0000000001IAA",
                "leisure-traveller", "Leisure traveller", "service", "Service", count, first, recent, findings, held);
    }

    private static RecentTouchpoint touchpoint(Source source, String object, String id, String type, String at,
                                               String title, String link) {
        return new RecentTouchpoint(new Touchpoint.Key(source, object, id, type), Instant.parse(at), title, link);
    }

    private static OpenFinding finding(String key, String title, Severity severity, String rule, String kind, String at) {
        return new OpenFinding(key, title, severity, rule, kind, Instant.parse(at));
    }

    private static List<String> metadataFieldNames() throws IOException {
        try (Stream<Path> files = Files.list(CONTACT_FIELDS)) {
            return files.map(f -> f.getFileName().toString().replace(".field-meta.xml", ""))
                    .filter(n -> n.startsWith("Journey_")).sorted().toList();
        }
    }

    private static int declaredLength(String field) throws IOException {
        String xml = Files.readString(CONTACT_FIELDS.resolve(field + ".field-meta.xml"));
        Matcher m = Pattern.compile("<length>(\\d+)</length>").matcher(xml);
        assertThat(m.find()).as("length of %s", field).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
