package dev.journeyconnector.insight.kpi;

import dev.journeyconnector.insight.kpi.JourneyKpis.Conversion;
import dev.journeyconnector.insight.kpi.JourneyKpis.Email;
import dev.journeyconnector.insight.kpi.JourneyKpis.EmailBasis;
import dev.journeyconnector.insight.kpi.JourneyKpis.FirstResponse;
import dev.journeyconnector.insight.kpi.JourneyKpis.GapCount;
import dev.journeyconnector.insight.kpi.JourneyKpis.PathVariant;
import dev.journeyconnector.insight.kpi.JourneyKpis.PersonaKpis;
import dev.journeyconnector.insight.kpi.JourneyKpis.Resolution;
import dev.journeyconnector.insight.kpi.JourneyKpis.RuleCount;
import dev.journeyconnector.insight.kpi.JourneyKpis.StageKpis;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.journeyconnector.insight.kpi.KpiWorld.at;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every KPI and path variant of {@link KpiWorld}, worked out by hand. Stage entries (first touchpoint per stage in
 * March) of the travellers, which most numbers come from:
 * <pre>
 *   T1 awareness 1 09:00, engagement 3 09:00, purchase 10 09:00, onboarding 12 09:00, service 13 10:00
 *   T2 awareness 2 09:00, engagement 2 12:00, purchase 20 09:00
 *   T3 awareness 5 09:00, engagement 7 09:00, churn 9 09:00
 *   T4 awareness 6 09:00, engagement 18 08:05 (the bounce)
 *   T5 engagement 2 09:00, purchase 5 09:00, service 15 09:00, retention 25 09:00
 *   T6 service 1 10:00;  T7 service 20 09:00;  T8 awareness 8 09:00, purchase 9 09:00
 * </pre>
 */
class KpiCalculatorTest {

    private static JourneyKpis world(EmailBasis basis) {
        return KpiCalculator.calculate(KpiWorld.context(basis), KpiWorld.customers(),
                Optional.of(KpiWorld.findings()));
    }

    private static PersonaKpis section(JourneyKpis kpis, String persona) {
        return kpis.personas().stream().filter(p -> p.personaId().equals(persona)).findFirst().orElseThrow();
    }

    @Test
    void customersAreThoseWithATouchpointInThePeriodPerPersonaAndOverall() {
        JourneyKpis kpis = world(EmailBasis.SENDS);
        // T9 only has a send, T10 only touchpoints outside [from, to): neither is a customer of March
        assertThat(kpis.personas()).extracting(PersonaKpis::personaId, PersonaKpis::customers)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("traveller", 8),
                        org.assertj.core.groups.Tuple.tuple("banker", 3),
                        org.assertj.core.groups.Tuple.tuple("nobody", 0),
                        org.assertj.core.groups.Tuple.tuple("walk-in", 1));
        assertThat(kpis.all().customers()).isEqualTo(12);
        assertThat(kpis.findingsEvaluated()).isTrue();
    }

    @Test
    void stagesReachedFollowTheMapThenOtherStagesReached() {
        PersonaKpis traveller = section(world(EmailBasis.SENDS), "traveller");
        assertThat(traveller.stageOrder()).isEqualTo("journey map");
        assertThat(traveller.stages()).extracting(StageKpis::stage, StageKpis::reached, StageKpis::inOrder)
                .containsExactly(row("awareness", 5, true), row("engagement", 5, true), row("purchase", 4, true),
                        row("onboarding", 1, true), row("service", 4, false), row("retention", 1, true),
                        row("churn", 1, false));

        // service is not in the banker's map: listed after the map's stages, outside the order
        PersonaKpis banker = section(world(EmailBasis.SENDS), "banker");
        assertThat(banker.stages()).extracting(StageKpis::stage, StageKpis::reached, StageKpis::inOrder)
                .containsExactly(row("awareness", 3, true), row("engagement", 2, true), row("purchase", 2, true),
                        row("churn", 1, false), row("service", 1, false));
    }

    @Test
    void conversionCountsCustomersReachingTheNextStageNoEarlierThanThisOne() {
        PersonaKpis traveller = section(world(EmailBasis.SENDS), "traveller");
        // awareness 5 (T1 T2 T3 T4 T8) → engagement T1 T2 T3 T4 = 4; engagement 5 (T1..T5) → purchase T1 T2 T5 = 3;
        // purchase 4 (T1 T2 T5 T8) → onboarding T1 = 1; onboarding 1 (T1) → retention 0. Service is outside the order.
        assertThat(traveller.conversions()).containsExactly(
                new Conversion("awareness", "engagement", 5, 4), new Conversion("engagement", "purchase", 5, 3),
                new Conversion("purchase", "onboarding", 4, 1), new Conversion("onboarding", "retention", 1, 0));
        assertThat(traveller.conversions().get(0).rate()).isEqualTo(80.0);
        assertThat(traveller.conversions().get(3).rate()).isEqualTo(0.0);

        // banker: awareness 3 → engagement B1 B2; engagement 2 → purchase B1 (B3 bought without engagement)
        assertThat(section(world(EmailBasis.SENDS), "banker").conversions()).containsExactly(
                new Conversion("awareness", "engagement", 3, 2), new Conversion("engagement", "purchase", 2, 1));
    }

    @Test
    void timeInStageRunsToTheFirstTouchpointInAnyLaterStageOrChurn() {
        PersonaKpis traveller = section(world(EmailBasis.SENDS), "traveller");
        // awareness: T2 3h, T8 1d, T1 2d, T3 2d, T4 11d 23h 5m → median 2d, p90 (5th of 5) 11d 23h 5m
        assertThat(traveller.stage("awareness").orElseThrow().timeInStage())
                .isEqualTo(new DurationStats(5, ofDays(2), ofDays(12).minus(ofMinutes(55))));
        // engagement: T3 2d (to churn), T5 3d, T1 7d, T2 17d 21h (T4 never moved on) → median (3d + 7d) / 2 = 5d
        assertThat(traveller.stage("engagement").orElseThrow().timeInStage())
                .isEqualTo(new DurationStats(4, ofDays(5), ofDays(17).plus(ofHours(21))));
        // purchase: T1 2d (onboarding), T5 20d (retention; service is outside the order) → median 11d, p90 20d
        assertThat(traveller.stage("purchase").orElseThrow().timeInStage())
                .isEqualTo(new DurationStats(2, ofDays(11), ofDays(20)));
        // onboarding and retention: nobody moved on in March; service: outside the order
        assertThat(traveller.stage("onboarding").orElseThrow().timeInStage()).isEqualTo(DurationStats.NONE);
        assertThat(traveller.stage("retention").orElseThrow().timeInStage()).isEqualTo(DurationStats.NONE);
        assertThat(traveller.stage("service").orElseThrow().timeInStage()).isEqualTo(DurationStats.NONE);

        // banker awareness: B3 1d (to purchase), B1 1d 10h (from 00:00 on the 1st), B2 2d → median 1d 10h
        assertThat(section(world(EmailBasis.SENDS), "banker").stage("awareness").orElseThrow().timeInStage())
                .isEqualTo(new DurationStats(3, ofHours(34), ofDays(2)));
    }

    @Test
    void firstResponseIsJudgedPerPriorityAgainstItsSla() {
        PersonaKpis traveller = section(world(EmailBasis.SENDS), "traveller");
        // urgent: T5's case answered after 2 h, SLA 1 h. high: T1's ticket after 2 h, SLA 4 h.
        // normal: T7's 107 after exactly 24 h (within), T6's 106 unanswered for 28 h (breached), T7's 108
        // unanswered for 12 h at the period's end (waiting). T6's ticket 100 was opened in February: not counted.
        assertThat(traveller.firstResponse()).containsExactly(
                new FirstResponse("urgent", ofHours(1), 1, 1, 0, 1, 0, new DurationStats(1, ofHours(2), ofHours(2))),
                new FirstResponse("high", ofHours(4), 1, 1, 1, 0, 0, new DurationStats(1, ofHours(2), ofHours(2))),
                new FirstResponse("normal", ofHours(24), 3, 1, 1, 1, 1, new DurationStats(1, ofHours(24), ofHours(24))),
                new FirstResponse("all", null, 5, 3, 2, 2, 1, new DurationStats(3, ofHours(2), ofHours(24))));
        assertThat(traveller.firstResponse("all").orElseThrow().withinSlaRate()).isEqualTo(50.0);

        // critical has no SLA: opened, never judged; the total has nothing decided either
        PersonaKpis walkIn = section(world(EmailBasis.SENDS), "walk-in");
        assertThat(walkIn.firstResponse()).containsExactly(
                new FirstResponse("critical", null, 1, 0, 0, 0, 0, DurationStats.NONE),
                new FirstResponse("all", null, 1, 0, 0, 0, 0, DurationStats.NONE));
        assertThat(walkIn.firstResponse("all").orElseThrow().withinSlaRate()).isNull();
    }

    @Test
    void resolutionRunsFromOpenedToSolvedOrClosed() {
        PersonaKpis traveller = section(world(EmailBasis.SENDS), "traveller");
        assertThat(traveller.resolution()).containsExactly(
                new Resolution("urgent", 1, 1, 0, new DurationStats(1, ofHours(24), ofHours(24))),
                new Resolution("high", 1, 1, 0, new DurationStats(1, ofHours(24), ofHours(24))),
                new Resolution("normal", 3, 1, 2, new DurationStats(1, ofHours(48), ofHours(48))),
                new Resolution("all", 5, 3, 2, new DurationStats(3, ofHours(24), ofHours(48))));
    }

    @Test
    void satisfactionAndNpsCountRatingsAndScoresGivenInThePeriod() {
        PersonaKpis traveller = section(world(EmailBasis.SENDS), "traveller");
        // T1 good (score attribute), T7 bad (no score, negative sentiment)
        assertThat(traveller.satisfaction().good()).isEqualTo(1);
        assertThat(traveller.satisfaction().bad()).isEqualTo(1);
        assertThat(traveller.satisfaction().csat()).isEqualTo(50.0);
        // T8 10 and T5 9 promoters, T2 6 detractor; T8's 11 is no score → (2 − 1) / 3
        assertThat(traveller.nps().promoters()).isEqualTo(2);
        assertThat(traveller.nps().passives()).isZero();
        assertThat(traveller.nps().detractors()).isEqualTo(1);
        assertThat(traveller.nps().score()).isCloseTo(33.333, within(0.001));

        PersonaKpis banker = section(world(EmailBasis.SENDS), "banker");
        assertThat(banker.satisfaction().csat()).isNull();
        assertThat(banker.nps().score()).isNull();
    }

    @Test
    void emailRatesArePerSendInThePeriod() {
        // sends in March: C1 to T2 T3 T4 T9, C2 to T2 T4 = 6 (C0 went out in February: T2's open of it does not
        // count). C2 bounced for T4 → 5 delivered; opened: T2's C1 and C2; clicked: T2's C1; unsubscribed: T3's C1
        Email email = section(world(EmailBasis.SENDS), "traveller").email();
        assertThat(email).isEqualTo(new Email(6, 1, 2, 1, 1));
        assertThat(email.openRate()).isEqualTo(40.0);
        assertThat(email.clickRate()).isEqualTo(20.0);
        assertThat(email.unsubscribeRate()).isEqualTo(20.0);
        assertThat(section(world(EmailBasis.SENDS), "banker").email().openRate()).isNull();
    }

    @Test
    void withoutSendsEmailRatesArePerEmailWithRecordedActivity() {
        // emails with activity: T2 C0 (open), C1 (open, click), C2 (open); T3 C1 (unsubscribe); T4 C2 (bounce)
        Email email = section(world(EmailBasis.ACTIVITY), "traveller").email();
        assertThat(email).isEqualTo(new Email(5, 1, 3, 1, 1));
        assertThat(email.openRate()).isEqualTo(75.0);
    }

    @Test
    void painPointsPer100CustomersAndHandoffGapsByPairCountFindingsDetectedInThePeriod() {
        JourneyKpis kpis = world(EmailBasis.SENDS);
        PersonaKpis traveller = section(kpis, "traveller");
        // T5's February finding is outside the period: slow-first-response 2 findings (T5, T6) of 8 customers
        assertThat(traveller.painPoints()).containsExactly(new RuleCount("slow-first-response", 2, 2),
                new RuleCount("low-satisfaction", 1, 1));
        assertThat(traveller.painPoints().get(0).per100(traveller.customers())).isEqualTo(25.0);
        assertThat(traveller.painPoints().get(1).per100(traveller.customers())).isEqualTo(12.5);
        assertThat(traveller.handoffGaps()).containsExactly(
                new GapCount("sales", "onboarding", 2, List.of("won-not-onboarded")),
                new GapCount("marketing", "sales", 1, List.of("engaged-lead-not-followed")));
        // B2's second channel switch was detected at the period's end: excluded
        assertThat(section(kpis, "banker").handoffGaps()).containsExactly(
                new GapCount("phone", "email", 1, List.of("channel-switch")));
        assertThat(section(kpis, "banker").painPoints()).isEmpty();

        assertThat(kpis.all().painPoints()).containsExactly(new RuleCount("slow-first-response", 2, 2),
                new RuleCount("low-satisfaction", 1, 1));
        assertThat(kpis.all().painPoints().get(0).per100(12)).isCloseTo(16.667, within(0.001));
        assertThat(kpis.all().handoffGaps()).extracting(g -> g.from() + "→" + g.to() + " " + g.findings())
                .containsExactly("sales→onboarding 2", "marketing→sales 1", "phone→email 1");
    }

    @Test
    void stagePathVariantsCollapseRepeatsAndCountPurchaseAndRetention() {
        PersonaKpis traveller = section(world(EmailBasis.SENDS), "traveller");
        // 8 paths, 7 distinct: service twice (T6, T7), the others once each, ties ordered by path
        assertThat(traveller.stagePaths().customers()).isEqualTo(8);
        assertThat(traveller.stagePaths().variants()).isEqualTo(7);
        assertThat(traveller.stagePaths().top()).containsExactly(
                new PathVariant(List.of("service"), false, 2, 0, 0),
                new PathVariant(List.of("awareness", "engagement"), false, 1, 0, 0),
                new PathVariant(List.of("awareness", "engagement", "churn"), false, 1, 0, 0),
                new PathVariant(List.of("awareness", "engagement", "purchase"), false, 1, 1, 0),
                new PathVariant(List.of("awareness", "engagement", "purchase", "onboarding", "service"), false, 1, 1, 0));
    }

    @Test
    void touchpointPathVariantsListTypesInTimeOrder() {
        PersonaKpis traveller = section(world(EmailBasis.SENDS), "traveller");
        // every traveller took another path; T1's 8 types are exactly the default cap, so not cut
        assertThat(traveller.typePaths().variants()).isEqualTo(8);
        assertThat(traveller.typePaths().top()).extracting(PathVariant::steps).containsExactly(
                List.of("lead-from-ad", "campaign-bounce"),
                List.of("lead-from-ad", "campaign-open", "campaign-click", "campaign-open", "deal-won",
                        "survey-answered"),
                List.of("lead-from-ad", "deal-won", "survey-answered"),
                List.of("lead-from-ad", "opportunity-opened", "deal-won", "onboarding-call", "ticket-opened",
                        "ticket-first-reply", "ticket-solved", "satisfaction-rated"),
                List.of("lead-from-ad", "opportunity-opened", "unsubscribed"));
        assertThat(traveller.typePaths().top()).extracting(PathVariant::cut).containsOnly(false);
        assertThat(traveller.typePaths().top().get(2).reachedPurchase()).isEqualTo(1);
    }

    @Test
    void everyoneTogetherFollowsTheVocabularyWithoutStagesAMapLeavesUnordered() {
        PersonaKpis all = world(EmailBasis.SENDS).all();
        assertThat(all.stageOrder()).isEqualTo("vocabulary");
        // the traveller map leaves service unordered, so the order is awareness → engagement → purchase →
        // onboarding → retention; W1's awareness has no later stage in it (their case is service)
        assertThat(all.conversions()).containsExactly(
                new Conversion("awareness", "engagement", 9, 6), new Conversion("engagement", "purchase", 7, 4),
                new Conversion("purchase", "onboarding", 6, 1), new Conversion("onboarding", "retention", 1, 0));
        assertThat(all.stage("service").orElseThrow().reached()).isEqualTo(6);
        assertThat(all.stage("churn").orElseThrow().reached()).isEqualTo(2);
        // awareness: 3h, 1d, 1d, 1d 10h, 2d, 2d, 2d, 11d 23h 5m → median (1d 10h + 2d) / 2 = 1d 17h
        assertThat(all.stage("awareness").orElseThrow().timeInStage())
                .isEqualTo(new DurationStats(8, ofHours(41), ofDays(12).minus(ofMinutes(55))));
        // high: T1's 2 h and B2's 3 h
        assertThat(all.firstResponse("high").orElseThrow())
                .isEqualTo(new FirstResponse("high", ofHours(4), 2, 2, 2, 0, 0,
                        new DurationStats(2, ofMinutes(150), ofHours(3))));
        assertThat(all.email()).isEqualTo(new Email(6, 1, 2, 1, 1));
    }

    @Test
    void aPersonaWithoutCustomersHasZerosAndNoRates() {
        PersonaKpis nobody = section(world(EmailBasis.SENDS), "nobody");
        assertThat(nobody.customers()).isZero();
        assertThat(nobody.stages()).extracting(StageKpis::reached).containsOnly(0);
        assertThat(nobody.conversions()).containsExactly(new Conversion("awareness", "engagement", 0, 0));
        assertThat(nobody.conversions().get(0).rate()).isNull();
        assertThat(nobody.firstResponse()).containsExactly(
                new FirstResponse("all", null, 0, 0, 0, 0, 0, DurationStats.NONE));
        assertThat(nobody.stagePaths().variants()).isZero();
        assertThat(nobody.painPoints()).isEmpty();
    }

    @Test
    void anEmptyPeriodCountsNothingAndSaysSo() {
        KpiContext april = new KpiContext(new KpiPeriod(at("04-02T00:00"), at("04-03T00:00")), KpiWorld.LATER,
                Vocabulary.defaults(), KpiWorld.map(), KpiWorld.personas(), KpiSettings.defaults(), EmailBasis.SENDS);
        JourneyKpis kpis = KpiCalculator.calculate(april, KpiWorld.customers(), Optional.of(KpiWorld.findings()));
        assertThat(kpis.all().customers()).isZero();
        assertThat(kpis.all().email().emails()).isZero();
        assertThat(kpis.all().email().openRate()).isNull();
        assertThat(kpis.all().satisfaction().csat()).isNull();
        assertThat(kpis.all().painPoints()).isEmpty();
        assertThat(kpis.personas()).extracting(PersonaKpis::customers).containsOnly(0);
        String text = JourneyKpisText.render(kpis);
        assertThat(text).contains("== Traveller (traveller): 0 customers with touchpoints in the period\n"
                + "  nothing to count in this period");
    }

    @Test
    void findingsNeverEvaluatedAreUnknownRatherThanZero() {
        JourneyKpis kpis = KpiCalculator.calculate(KpiWorld.context(EmailBasis.SENDS), KpiWorld.customers(),
                Optional.empty());
        assertThat(kpis.findingsEvaluated()).isFalse();
        assertThat(JourneyKpisText.render(kpis)).contains("Pain points and handoff gaps: findings not evaluated yet.")
                .contains("Pain points   findings not evaluated yet");
        assertThat(JourneyKpisJson.render(kpis)).contains("\"painPoints\" : null");

        JourneyKpis none = KpiCalculator.calculate(KpiWorld.context(EmailBasis.SENDS), KpiWorld.customers(),
                Optional.of(List.of()));
        assertThat(none.findingsEvaluated()).isTrue();
        assertThat(JourneyKpisText.render(none)).contains("Pain points   none detected in the period")
                .doesNotContain("not evaluated");
    }

    @Test
    void anUnansweredCaseIsJudgedAtNowWhileThePeriodIsStillRunning() {
        // now is 31 March 13:00: T6's 106 has waited 17 h (< 24 h), so it is waiting, not breached
        KpiContext running = new KpiContext(KpiWorld.MARCH, at("03-31T13:00"), Vocabulary.defaults(), KpiWorld.map(),
                KpiWorld.personas(), KpiSettings.defaults(), EmailBasis.SENDS);
        PersonaKpis traveller = section(KpiCalculator.calculate(running, KpiWorld.customers(), Optional.empty()),
                "traveller");
        assertThat(traveller.firstResponse("normal").orElseThrow())
                .isEqualTo(new FirstResponse("normal", ofHours(24), 3, 1, 1, 0, 2,
                        new DurationStats(1, ofHours(24), ofHours(24))));
    }

    @Test
    void slasComeFromTheSettings() {
        // a 2 h urgent SLA makes T5's 2 h answer (exactly at the SLA) within it
        KpiSettings settings = KpiSettings.defaults().withFirstReplySla(Map.of("urgent", ofHours(2), "high",
                ofHours(4), "normal", ofHours(24), "low", ofHours(48)), Map.of());
        KpiContext context = new KpiContext(KpiWorld.MARCH, KpiWorld.LATER, Vocabulary.defaults(), KpiWorld.map(),
                KpiWorld.personas(), settings, EmailBasis.SENDS);
        PersonaKpis traveller = section(KpiCalculator.calculate(context, KpiWorld.customers(), Optional.empty()),
                "traveller");
        assertThat(traveller.firstResponse("urgent").orElseThrow().withinSla()).isEqualTo(1);
        assertThat(traveller.firstResponse("urgent").orElseThrow().breached()).isZero();
    }

    @Test
    void aPersonasOwnSlaJudgesItsCasesAndEveryonesRowShowsNoSingleSla() {
        // bankers answer high cases within 2 h: B2's 3 h answer is late for them, while T1's 2 h stays within 4 h
        KpiSettings settings = KpiSettings.defaults().withFirstReplySla(KpiSettings.DEFAULT_FIRST_REPLY_SLA,
                Map.of("banker", Map.of("high", ofHours(2))));
        KpiContext context = new KpiContext(KpiWorld.MARCH, KpiWorld.LATER, Vocabulary.defaults(), KpiWorld.map(),
                KpiWorld.personas(), settings, EmailBasis.SENDS);
        JourneyKpis kpis = KpiCalculator.calculate(context, KpiWorld.customers(), Optional.empty());
        assertThat(section(kpis, "banker").firstResponse("high").orElseThrow())
                .isEqualTo(new FirstResponse("high", ofHours(2), 1, 1, 0, 1, 0,
                        new DurationStats(1, ofHours(3), ofHours(3))));
        assertThat(kpis.all().firstResponse("high").orElseThrow())
                .isEqualTo(new FirstResponse("high", null, 2, 2, 1, 1, 0,
                        new DurationStats(2, ofMinutes(150), ofHours(3))));
    }

    @Test
    void pathsLongerThanTheCapAreCutAndKeptApartFromPathsEndingThere() {
        KpiSettings settings = KpiSettings.defaults().withPaths(2, 3);
        KpiContext context = new KpiContext(KpiWorld.MARCH, KpiWorld.LATER, Vocabulary.defaults(), KpiWorld.map(),
                KpiWorld.personas(), settings, EmailBasis.SENDS);
        KpiWorld.World w = new KpiWorld.World();
        for (String c : List.of("T1", "T2")) { // awareness → engagement → purchase → onboarding: cut after 3
            w.tp(c, Touchpoint.Source.SALESFORCE, "Lead", "00Q" + c, "lead-from-ad", "awareness", "03-01T09:00");
            w.tp(c, Touchpoint.Source.SALESFORCE, "Event", "00U" + c, "meeting", "engagement", "03-02T09:00");
            w.tp(c, Touchpoint.Source.SALESFORCE, "Opportunity", "006" + c, "deal-won", "purchase", "03-03T09:00");
            w.tp(c, Touchpoint.Source.SALESFORCE, "Task", "00T" + c, "onboarding-call", "onboarding", "03-04T09:00");
        }
        w.tp("T3", Touchpoint.Source.SALESFORCE, "Lead", "00QT3", "lead-from-ad", "awareness", "03-01T09:00");
        w.tp("T3", Touchpoint.Source.SALESFORCE, "Event", "00UT3", "meeting", "engagement", "03-02T09:00");
        w.tp("T3", Touchpoint.Source.SALESFORCE, "Opportunity", "006T3", "deal-won", "purchase", "03-03T09:00");
        w.tp("T4", Touchpoint.Source.SALESFORCE, "Lead", "00QT4", "lead-from-ad", "awareness", "03-01T09:00");
        PersonaKpis traveller = section(KpiCalculator.calculate(context, w.customers(), Optional.empty()),
                "traveller");
        assertThat(traveller.stagePaths().variants()).isEqualTo(3);
        // top 2: the cut path (2 customers), then of the 1-customer ties (T3's uncut path, T4's) the first by path
        assertThat(traveller.stagePaths().top()).containsExactly(
                new PathVariant(List.of("awareness", "engagement", "purchase"), true, 2, 2, 0),
                new PathVariant(List.of("awareness"), false, 1, 0, 0));
    }

    @Test
    void touchpointsAtTheSameMomentKeepAStablePathOrderByKey() {
        KpiWorld.World w = new KpiWorld.World();
        w.tp("T1", Touchpoint.Source.SALESFORCE, "Opportunity", "006B", "deal-won", "purchase", "03-02T09:00");
        w.tp("T1", Touchpoint.Source.SALESFORCE, "Lead", "00QA", "lead-from-ad", "awareness", "03-02T09:00");
        PersonaKpis traveller = section(KpiCalculator.calculate(KpiWorld.context(EmailBasis.SENDS), w.customers(),
                Optional.empty()), "traveller");
        // same instant: by key, salesforce/Lead/... before salesforce/Opportunity/...
        assertThat(traveller.stagePaths().top().get(0).steps()).containsExactly("awareness", "purchase");
        assertThat(traveller.conversions().get(0)).isEqualTo(new Conversion("awareness", "engagement", 1, 0));
    }

    @Test
    void aCustomerWhoReachedTheNextStageFirstHasNotConvertedIntoIt() {
        KpiWorld.World w = new KpiWorld.World();
        // engagement on the 2nd, awareness only on the 5th: reached both, converted neither way along the order
        w.tp("T1", Touchpoint.Source.SALESFORCE, "Event", "00U1", "meeting", "engagement", "03-02T09:00");
        w.tp("T1", Touchpoint.Source.SALESFORCE, "Lead", "00Q1", "lead-from-ad", "awareness", "03-05T09:00");
        w.tp("T1", Touchpoint.Source.SALESFORCE, "Opportunity", "0061", "deal-won", "purchase", "03-06T09:00");
        PersonaKpis traveller = section(KpiCalculator.calculate(KpiWorld.context(EmailBasis.SENDS), w.customers(),
                Optional.empty()), "traveller");
        assertThat(traveller.conversions().subList(0, 2)).containsExactly(
                new Conversion("awareness", "engagement", 1, 0), new Conversion("engagement", "purchase", 1, 1));
        // awareness ends at purchase, the first later stage reached after it (engagement came before)
        assertThat(traveller.stage("awareness").orElseThrow().timeInStage())
                .isEqualTo(new DurationStats(1, ofDays(1), ofDays(1)));
    }

    private static org.assertj.core.groups.Tuple row(String stage, int reached, boolean inOrder) {
        return org.assertj.core.groups.Tuple.tuple(stage, reached, inOrder);
    }
}
