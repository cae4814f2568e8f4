package dev.journeyconnector.insight.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The KPIs and path variants of one period, made by {@link KpiCalculator}, shown by {@link JourneyKpisText} and
 * {@link JourneyKpisJson}. Percentages are derived from the counts (never stored), so a reader can always see
 * the denominator; a rate with a zero denominator is null, not 0.
 *
 * @param period            the period counted
 * @param generatedAt       when the report was computed: support items still waiting at the period's end are
 *                          judged at the earlier of the two
 * @param emailBasis        what the email rates are out of
 * @param findingsEvaluated false when the store holds no evaluated findings yet: pain points and handoff gaps
 *                          are then unknown, not zero
 * @param personas          one section per persona, in the order of personas.yaml; a persona without customers in
 *                          the period is there with zeros
 * @param all               every customer together, in the vocabulary's stage order; null in a report for one
 *                          persona
 */
public record JourneyKpis(KpiPeriod period, Instant generatedAt, EmailBasis emailBasis, boolean findingsEvaluated,
                          List<PersonaKpis> personas, PersonaKpis all) {

    public JourneyKpis {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(emailBasis, "emailBasis");
        personas = List.copyOf(personas);
    }

    /** What the email rates are out of. */
    public enum EmailBasis {
        /** Every campaign email sent in the period to the persona's customers (bounces taken off). */
        SENDS,
        /**
         * Sends are not known: every (customer, campaign) pair with some recorded email activity in the period.
         * Emails nobody reacted to are missing from it, so rates read higher than Mailchimp's.
         */
        ACTIVITY
    }

    /**
     * The KPIs of one persona (or of everyone).
     *
     * @param personaId     the persona id; {@code all} for everyone
     * @param personaName   what people call it
     * @param customers     customers of the persona with at least one touchpoint in the period: the denominator of
     *                      pain points per 100 customers
     * @param stageOrder    where the stage order comes from: the persona's journey map, or the vocabulary
     * @param stages        every stage of the order, then any other stage the customers reached
     * @param conversions   one per pair of consecutive stages of the order
     * @param firstResponse opened → first reply, one row per priority that had cases or tickets, then the total
     * @param resolution    opened → solved or closed, likewise
     * @param satisfaction  CSAT
     * @param nps           NPS where some touchpoint carries a score
     * @param email         campaign email reactions
     * @param painPoints    pain-point findings detected in the period, per rule, most first
     * @param handoffGaps   handoff-gap findings detected in the period, per from → to pair, most first
     * @param stagePaths    the most frequent stage sequences
     * @param typePaths     the most frequent touchpoint-type sequences
     */
    public record PersonaKpis(String personaId, String personaName, int customers, String stageOrder,
                              List<StageKpis> stages, List<Conversion> conversions, List<FirstResponse> firstResponse,
                              List<Resolution> resolution, Satisfaction satisfaction, Nps nps, Email email,
                              List<RuleCount> painPoints, List<GapCount> handoffGaps, PathVariants stagePaths,
                              PathVariants typePaths) {
        public PersonaKpis {
            stages = List.copyOf(stages);
            conversions = List.copyOf(conversions);
            firstResponse = List.copyOf(firstResponse);
            resolution = List.copyOf(resolution);
            painPoints = List.copyOf(painPoints);
            handoffGaps = List.copyOf(handoffGaps);
        }

        /** The stage's row, if the report has one. */
        public java.util.Optional<StageKpis> stage(String name) {
            return stages.stream().filter(s -> s.stage().equals(name)).findFirst();
        }

        /** The first-response row of a priority, or {@code all} for the total. */
        public java.util.Optional<FirstResponse> firstResponse(String priority) {
            return firstResponse.stream().filter(r -> r.priority().equals(priority)).findFirst();
        }

        public java.util.Optional<Resolution> resolution(String priority) {
            return resolution.stream().filter(r -> r.priority().equals(priority)).findFirst();
        }
    }

    /**
     * One stage.
     *
     * @param stage       the stage name
     * @param inOrder     whether it is one of the ordered stages conversions and time in stage are measured along
     * @param reached     customers with at least one touchpoint in this stage in the period
     * @param timeInStage from the customer's first touchpoint in this stage to their first touchpoint in any later
     *                    stage (or churn), for those who moved on in the period; NONE for stages outside the order
     */
    public record StageKpis(String stage, boolean inOrder, int reached, DurationStats timeInStage) {
    }

    /**
     * Of the customers who reached {@code from}, how many reached {@code to} at the same time or later.
     */
    public record Conversion(String from, String to, int reachedFrom, int converted) {
        public Double rate() {
            return percent(converted, reachedFrom);
        }
    }

    /**
     * First reply to cases and tickets opened in the period, for one priority ({@code all} for the total).
     *
     * @param sla       the priority's SLA; null for the total and for a priority without one
     * @param opened    cases and tickets opened in the period
     * @param replied   of those, answered in the period
     * @param withinSla answered within the SLA
     * @param breached  answered after the SLA, or still unanswered when the SLA ran out before the period's end
     * @param waiting   still unanswered at the period's end with time left on the SLA: not yet decided, so left
     *                  out of the percentage
     * @param time      opened → first reply of the answered ones
     */
    public record FirstResponse(String priority, Duration sla, int opened, int replied, int withinSla, int breached,
                                int waiting, DurationStats time) {
        /** withinSla / (withinSla + breached). */
        public Double withinSlaRate() {
            return percent(withinSla, withinSla + breached);
        }
    }

    /**
     * Resolution of cases and tickets opened in the period, for one priority ({@code all} for the total).
     *
     * @param opened   cases and tickets opened in the period
     * @param resolved solved or closed in the period
     * @param open     neither at the period's end
     * @param time     opened → solved or closed
     */
    public record Resolution(String priority, int opened, int resolved, int open, DurationStats time) {
    }

    /** Satisfaction ratings given in the period. */
    public record Satisfaction(int good, int bad) {
        /** good / (good + bad). */
        public Double csat() {
            return percent(good, good + bad);
        }
    }

    /** Survey scores (0..10) given in the period: promoters 9-10, passives 7-8, detractors 0-6. */
    public record Nps(int promoters, int passives, int detractors) {
        public int responses() {
            return promoters + passives + detractors;
        }

        /** % promoters − % detractors, from −100 to 100; null without responses. */
        public Double score() {
            int n = responses();
            return n == 0 ? null : 100.0 * (promoters - detractors) / n;
        }
    }

    /**
     * Campaign emails of the period and what the customers did with them; each counted once per email however
     * often it was opened or clicked.
     *
     * @param emails       sends (or, on the ACTIVITY basis, emails with some recorded activity)
     * @param bounced      of those, bounced
     * @param opened       delivered emails opened
     * @param clicked      delivered emails with a click
     * @param unsubscribed delivered emails the customer unsubscribed through
     */
    public record Email(int emails, int bounced, int opened, int clicked, int unsubscribed) {
        public int delivered() {
            return emails - bounced;
        }

        public Double openRate() {
            return percent(opened, delivered());
        }

        public Double clickRate() {
            return percent(clicked, delivered());
        }

        public Double unsubscribeRate() {
            return percent(unsubscribed, delivered());
        }
    }

    /** Pain-point findings of one rule detected in the period. */
    public record RuleCount(String rule, int findings, int customers) {
        /** Findings per 100 customers of the section; null when it has none. */
        public Double per100(int sectionCustomers) {
            return sectionCustomers == 0 ? null : 100.0 * findings / sectionCustomers;
        }
    }

    /** Handoff-gap findings detected in the period from one place to another, and the rules that found them. */
    public record GapCount(String from, String to, int findings, List<String> rules) {
        public GapCount {
            rules = List.copyOf(rules);
        }
    }

    /**
     * The most frequent paths.
     *
     * @param customers customers with a path (at least one touchpoint in the period)
     * @param variants  how many distinct paths they took
     * @param top       the most frequent, most customers first, ties by path
     */
    public record PathVariants(int customers, int variants, List<PathVariant> top) {
        public PathVariants {
            top = List.copyOf(top);
        }
    }

    /**
     * One path: stages or touchpoint types in time order, consecutive repeats collapsed.
     *
     * @param steps            the path, at most the settings' maxPathSteps
     * @param cut              true when the customers' paths went on after the last step shown
     * @param customers        customers who took exactly this path
     * @param reachedPurchase  of them, customers with a touchpoint in the purchase stage in the period
     * @param reachedRetention of them, customers with a touchpoint in the retention stage in the period
     */
    public record PathVariant(List<String> steps, boolean cut, int customers, int reachedPurchase,
                              int reachedRetention) {
        public PathVariant {
            steps = List.copyOf(steps);
        }
    }

    static Double percent(int part, int whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }
}
