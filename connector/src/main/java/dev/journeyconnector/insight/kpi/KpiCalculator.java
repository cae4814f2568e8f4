package dev.journeyconnector.insight.kpi;

import dev.journeyconnector.insight.kpi.JourneyKpis.Conversion;
import dev.journeyconnector.insight.kpi.JourneyKpis.Email;
import dev.journeyconnector.insight.kpi.JourneyKpis.FirstResponse;
import dev.journeyconnector.insight.kpi.JourneyKpis.GapCount;
import dev.journeyconnector.insight.kpi.JourneyKpis.Nps;
import dev.journeyconnector.insight.kpi.JourneyKpis.PathVariant;
import dev.journeyconnector.insight.kpi.JourneyKpis.PathVariants;
import dev.journeyconnector.insight.kpi.JourneyKpis.PersonaKpis;
import dev.journeyconnector.insight.kpi.JourneyKpis.Resolution;
import dev.journeyconnector.insight.kpi.JourneyKpis.RuleCount;
import dev.journeyconnector.insight.kpi.JourneyKpis.Satisfaction;
import dev.journeyconnector.insight.kpi.JourneyKpis.StageKpis;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.mapping.JourneyMap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes {@link JourneyKpis} from customers and findings. Customers are {@linkplain #add added} one at a time
 * and reduced at once to a few facts per persona (stage entries, support response times, email reactions, the
 * path taken), so a reader can stream a large store through it; {@link #result()} then summarises.
 *
 * <p>Only what lies in the period counts: touchpoints, sends and findings outside {@code [from, to)} are
 * ignored. A report for a past period therefore does not change as later activity arrives; the price is that
 * a case opened just before the period's end and answered after it shows as waiting (or breached), never as
 * answered. docs/kpis.md defines every number.
 */
public final class KpiCalculator {
    /** The id and name of the section for everyone together. */
    public static final String ALL = "all";

    private final KpiContext context;
    private final KpiSettings settings;
    private final Map<String, Tally> personas = new LinkedHashMap<>();
    private final Tally all;
    private boolean findingsEvaluated;

    public KpiCalculator(KpiContext context) {
        this.context = context;
        this.settings = context.settings();
        context.personas().forEach((id, name) -> {
            if (context.counts(id)) {
                personas.put(id, personaTally(id, name));
            }
        });
        all = new Tally(ALL, "All customers", overallOrder(), "vocabulary", context.vocabulary().stageNames());
    }

    /** The KPIs of these customers and findings; {@code findings} empty means findings were never evaluated. */
    public static JourneyKpis calculate(KpiContext context, Collection<KpiCustomer> customers,
                                        Optional<? extends Collection<FindingRow>> findings) {
        KpiCalculator calculator = new KpiCalculator(context);
        customers.forEach(calculator::add);
        findings.ifPresent(calculator::addFindings);
        return calculator.result();
    }

    /** Counts one customer. A customer with neither a touchpoint nor a send in the period counts nowhere. */
    public void add(KpiCustomer customer) {
        if (!context.counts(customer.personaId())) {
            return;
        }
        CustomerFacts facts = facts(customer);
        if (facts.touchpoints.isEmpty() && facts.emails.isEmpty()) {
            return;
        }
        personas.computeIfAbsent(customer.personaId(), id -> personaTally(id, id)).add(facts);
        all.add(facts);
    }

    /**
     * Counts the findings detected in the period, and marks findings as evaluated (so a period without any
     * shows zero rather than "not evaluated"). May be called more than once, e.g. per page of a store query.
     */
    public void addFindings(Collection<FindingRow> findings) {
        findingsEvaluated = true;
        for (FindingRow f : findings) {
            if (context.period().contains(f.detectedAt()) && context.counts(f.personaId())) {
                personas.computeIfAbsent(f.personaId(), id -> personaTally(id, id)).add(f);
                all.add(f);
            }
        }
    }

    public JourneyKpis result() {
        List<PersonaKpis> sections = personas.values().stream().map(Tally::result).toList();
        return new JourneyKpis(context.period(), context.now(), context.emailBasis(), findingsEvaluated, sections,
                context.onlyPersona() == null ? all.result() : null);
    }

    // ---- the stage orders

    private Tally personaTally(String id, String name) {
        Optional<JourneyMap.PersonaJourney> journey = context.map().journey(id);
        if (journey.isPresent()) {
            List<String> listed = journey.get().stages().stream().map(JourneyMap.Stage::name).toList();
            return new Tally(id, name, journey.get().orderedStages(), "journey map", listed);
        }
        return new Tally(id, name, context.vocabulary().stages().stream().map(Vocabulary.Term::name).toList(),
                "vocabulary (no journey map entry)", context.vocabulary().stageNames());
    }

    /**
     * Everyone together follows the vocabulary's order, without the stages some persona's map says can come at
     * any time (service): measured along the order, they would break every other persona's funnel.
     */
    private List<String> overallOrder() {
        Set<String> unordered = new HashSet<>();
        context.map().journeys().forEach(j -> j.stages().stream().filter(s -> !s.ordered() && !s.churn())
                .forEach(s -> unordered.add(s.name())));
        return context.vocabulary().stages().stream().map(Vocabulary.Term::name)
                .filter(s -> !unordered.contains(s)).toList();
    }

    // ---- one customer, reduced to facts

    /** A customer's facts in the period, the same whichever section they are counted in. */
    private record CustomerFacts(List<Touchpoint> touchpoints, Map<String, Instant> stageEntries,
                                 List<SupportItem> support, int good, int bad, List<Integer> scores,
                                 List<EmailFate> emails, List<String> stagePath, List<String> typePath) {
    }

    /** One case or ticket opened in the period; {@code sla} is its persona's for its priority, null when none. */
    private record SupportItem(String priority, Duration sla, Instant opened, Instant firstReply, Instant resolved) {
    }

    /** One campaign email and what became of it. */
    private record EmailFate(boolean bounced, boolean opened, boolean clicked, boolean unsubscribed) {
    }

    private CustomerFacts facts(KpiCustomer customer) {
        List<Touchpoint> in = customer.touchpoints().stream()
                .filter(t -> context.period().contains(t.occurredAt())).toList();
        Map<String, Instant> entries = new LinkedHashMap<>();
        in.forEach(t -> entries.putIfAbsent(t.stage(), t.occurredAt()));
        int good = 0;
        int bad = 0;
        List<Integer> scores = new ArrayList<>();
        for (Touchpoint t : in) {
            String rating = rating(t);
            if ("good".equals(rating)) {
                good++;
            } else if ("bad".equals(rating)) {
                bad++;
            }
            npsScore(t).ifPresent(scores::add);
        }
        return new CustomerFacts(in, entries, support(in, customer.personaId()), good, bad, scores, emails(customer, in),
                path(in.stream().map(Touchpoint::stage).toList()), path(in.stream().map(Touchpoint::type).toList()));
    }

    /**
     * Cases and tickets opened in the period, each with its first reply and resolution. A touchpoint belongs to a
     * case or ticket by its {@code case} or {@code ticket} attribute, else to its own record (a Zendesk ticket
     * record yields opened, first reply and solved alike).
     */
    private List<SupportItem> support(List<Touchpoint> in, String personaId) {
        Map<String, List<Touchpoint>> byItem = new LinkedHashMap<>();
        for (Touchpoint t : in) {
            if (settings.openedTypes().contains(t.type()) || settings.replyTypes().contains(t.type())
                    || settings.resolvedTypes().contains(t.type())) {
                byItem.computeIfAbsent(itemOf(t), k -> new ArrayList<>()).add(t);
            }
        }
        List<SupportItem> items = new ArrayList<>();
        for (List<Touchpoint> item : byItem.values()) {
            Optional<Touchpoint> opened = item.stream().filter(t -> settings.openedTypes().contains(t.type()))
                    .findFirst();
            if (opened.isEmpty()) {
                continue; // opened before the period: not this period's case
            }
            Instant at = opened.get().occurredAt();
            String priority = priority(opened.get());
            items.add(new SupportItem(priority, settings.firstReplySla(personaId).get(priority), at,
                    firstAfter(item, settings.replyTypes(), at),
                    firstAfter(item, settings.resolvedTypes(), at)));
        }
        return items;
    }

    private static String itemOf(Touchpoint t) {
        Optional<String> caseId = t.attribute("case");
        if (caseId.isPresent()) {
            return "case:" + caseId.get();
        }
        Optional<String> ticket = t.attribute("ticket");
        if (ticket.isPresent()) {
            return "ticket:" + ticket.get();
        }
        Touchpoint.Key k = t.key();
        return k.source().wireName() + "/" + k.object() + "/" + k.recordId();
    }

    private String priority(Touchpoint opened) {
        return opened.attribute("priority").map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty())
                .orElse(settings.defaultPriority());
    }

    private static Instant firstAfter(List<Touchpoint> item, Set<String> types, Instant at) {
        return item.stream().filter(t -> types.contains(t.type()) && !t.occurredAt().isBefore(at))
                .map(Touchpoint::occurredAt).findFirst().orElse(null);
    }

    /** good, bad, or null: the {@code score} attribute, else a rating touchpoint's sentiment. */
    private String rating(Touchpoint t) {
        Optional<String> score = t.attribute("score").map(s -> s.strip().toLowerCase(Locale.ROOT));
        if (score.isPresent()) {
            return score.get().equals("good") || score.get().equals("bad") ? score.get() : null;
        }
        if (!settings.ratingTypes().contains(t.type())) {
            return null;
        }
        return t.sentiment() == Sentiment.POSITIVE ? "good" : t.sentiment() == Sentiment.NEGATIVE ? "bad" : null;
    }

    /** The {@code nps} attribute when it is a whole number from 0 to 10. */
    private static Optional<Integer> npsScore(Touchpoint t) {
        return t.attribute("nps").flatMap(v -> {
            try {
                int score = Integer.parseInt(v.strip());
                return score >= 0 && score <= 10 ? Optional.of(score) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The customer's campaign emails of the period: on the SENDS basis one per campaign sent to them in the
     * period; on the ACTIVITY basis one per campaign with some email touchpoint of theirs in the period. Each
     * email's fate comes from the customer's email touchpoints with that {@code campaign} attribute. An email
     * that bounced and was still opened (a soft bounce delivered on a later try) counts as delivered.
     */
    private List<EmailFate> emails(KpiCustomer customer, List<Touchpoint> in) {
        Map<String, Set<String>> reactions = new HashMap<>();
        for (Touchpoint t : in) {
            String what = settings.openTypes().contains(t.type()) ? "open"
                    : settings.clickTypes().contains(t.type()) ? "click"
                    : settings.bounceTypes().contains(t.type()) ? "bounce"
                    : settings.unsubscribeTypes().contains(t.type()) ? "unsubscribe" : null;
            Optional<String> campaign = t.attribute("campaign");
            if (what != null && campaign.isPresent()) {
                reactions.computeIfAbsent(campaign.get(), k -> new HashSet<>()).add(what);
            }
        }
        Set<String> campaigns = new LinkedHashSet<>();
        if (context.emailBasis() == JourneyKpis.EmailBasis.SENDS) {
            customer.sends().stream().filter(s -> context.period().contains(s.sentAt()))
                    .forEach(s -> campaigns.add(s.campaignId()));
        } else {
            campaigns.addAll(new TreeSet<>(reactions.keySet()));
        }
        List<EmailFate> out = new ArrayList<>();
        for (String campaign : campaigns) {
            Set<String> r = reactions.getOrDefault(campaign, Set.of());
            boolean opened = r.contains("open");
            boolean clicked = r.contains("click");
            out.add(new EmailFate(r.contains("bounce") && !opened && !clicked, opened, clicked,
                    r.contains("unsubscribe")));
        }
        return out;
    }

    /** Consecutive repeats collapsed; cut after maxPathSteps, with {@link #CUT} as the last element then. */
    private List<String> path(List<String> steps) {
        List<String> path = new ArrayList<>();
        for (String step : steps) {
            if (path.isEmpty() || !path.get(path.size() - 1).equals(step)) {
                path.add(step);
            }
        }
        if (path.size() > settings.maxPathSteps()) {
            List<String> cut = new ArrayList<>(path.subList(0, settings.maxPathSteps()));
            cut.add(CUT);
            return cut;
        }
        return path;
    }

    /** Marks a cut path in the tallies; never a stage or type name (those have no spaces). */
    private static final String CUT = " cut";

    // ---- a section's tallies

    private final class Tally {
        final String id;
        final String name;
        final List<String> order;
        final String orderSource;
        final List<String> listed;
        int customers;
        final Map<String, Integer> reached = new HashMap<>();
        final Map<String, List<Duration>> timeInStage = new HashMap<>();
        final int[] conversionFrom;
        final int[] converted;
        final Map<String, SupportTally> support = new HashMap<>();
        int good;
        int bad;
        int promoters;
        int passives;
        int detractors;
        int emails;
        int bounced;
        int opened;
        int clicked;
        int unsubscribed;
        final Map<String, Integer> painFindings = new HashMap<>();
        final Map<String, Set<String>> painCustomers = new HashMap<>();
        final Map<List<String>, Integer> gapFindings = new HashMap<>();
        final Map<List<String>, Set<String>> gapRules = new HashMap<>();
        int pathCustomers;
        final Map<List<String>, int[]> stagePaths = new HashMap<>();
        final Map<List<String>, int[]> typePaths = new HashMap<>();

        Tally(String id, String name, List<String> order, String orderSource, List<String> listed) {
            this.id = id;
            this.name = name;
            this.order = List.copyOf(order);
            this.orderSource = orderSource;
            this.listed = List.copyOf(listed);
            this.conversionFrom = new int[Math.max(0, order.size() - 1)];
            this.converted = new int[conversionFrom.length];
        }

        void add(CustomerFacts f) {
            emails(f.emails);
            if (f.touchpoints.isEmpty()) {
                return; // only sent emails: not an active customer of the period
            }
            customers++;
            f.stageEntries.keySet().forEach(s -> reached.merge(s, 1, Integer::sum));
            stages(f.stageEntries);
            f.support.forEach(item -> support.computeIfAbsent(item.priority, p -> new SupportTally()).add(item));
            good += f.good;
            bad += f.bad;
            for (int score : f.scores) {
                if (score >= 9) {
                    promoters++;
                } else if (score >= 7) {
                    passives++;
                } else {
                    detractors++;
                }
            }
            pathCustomers++;
            boolean purchase = f.stageEntries.containsKey(settings.purchaseStage());
            boolean retention = f.stageEntries.containsKey(settings.retentionStage());
            count(stagePaths, f.stagePath, purchase, retention);
            count(typePaths, f.typePath, purchase, retention);
        }

        /**
         * Conversions between consecutive stages of the order, and time in each ordered stage: until the first
         * touchpoint in a later stage of the order, or in churn, whichever came first.
         */
        private void stages(Map<String, Instant> entries) {
            for (int i = 0; i < conversionFrom.length; i++) {
                Instant from = entries.get(order.get(i));
                Instant to = entries.get(order.get(i + 1));
                if (from != null) {
                    conversionFrom[i]++;
                    if (to != null && !to.isBefore(from)) {
                        converted[i]++;
                    }
                }
            }
            String churn = context.vocabulary().churn().name();
            for (int i = 0; i < order.size(); i++) {
                String stage = order.get(i);
                Instant entered = entries.get(stage);
                if (entered == null) {
                    continue;
                }
                List<String> later = new ArrayList<>(order.subList(i + 1, order.size()));
                later.add(churn);
                later.stream().map(entries::get)
                        .filter(at -> at != null && !at.isBefore(entered))
                        .min(Comparator.naturalOrder())
                        .ifPresent(next -> timeInStage.computeIfAbsent(stage, k -> new ArrayList<>())
                                .add(Duration.between(entered, next)));
            }
        }

        private void emails(List<EmailFate> fates) {
            for (EmailFate e : fates) {
                emails++;
                if (e.bounced) {
                    bounced++;
                    continue;
                }
                opened += e.opened ? 1 : 0;
                clicked += e.clicked ? 1 : 0;
                unsubscribed += e.unsubscribed ? 1 : 0;
            }
        }

        private void count(Map<List<String>, int[]> paths, List<String> path, boolean purchase, boolean retention) {
            int[] n = paths.computeIfAbsent(path, k -> new int[3]);
            n[0]++;
            n[1] += purchase ? 1 : 0;
            n[2] += retention ? 1 : 0;
        }

        void add(FindingRow f) {
            if (f.kind() == FindingRow.Kind.PAIN_POINT) {
                painFindings.merge(f.rule(), 1, Integer::sum);
                painCustomers.computeIfAbsent(f.rule(), k -> new HashSet<>()).add(f.customerKey());
            } else {
                List<String> pair = List.of(f.from(), f.to());
                gapFindings.merge(pair, 1, Integer::sum);
                gapRules.computeIfAbsent(pair, k -> new TreeSet<>()).add(f.rule());
            }
        }

        PersonaKpis result() {
            return new PersonaKpis(id, name, customers, orderSource, stageRows(), conversions(),
                    firstResponse(), resolution(), new Satisfaction(good, bad), new Nps(promoters, passives, detractors),
                    new Email(emails, bounced, opened, clicked, unsubscribed), painPoints(), handoffGaps(),
                    variants(stagePaths), variants(typePaths));
        }

        /** The listed stages, then any other stage reached, in the vocabulary's order. */
        private List<StageKpis> stageRows() {
            List<String> rows = new ArrayList<>(listed);
            context.vocabulary().stageNames().stream()
                    .filter(s -> !rows.contains(s) && reached.containsKey(s)).forEach(rows::add);
            reached.keySet().stream().filter(s -> !rows.contains(s)).sorted().forEach(rows::add);
            return rows.stream().map(s -> new StageKpis(s, order.contains(s), reached.getOrDefault(s, 0),
                    order.contains(s) ? DurationStats.of(timeInStage.getOrDefault(s, List.of())) : DurationStats.NONE))
                    .toList();
        }

        private List<Conversion> conversions() {
            List<Conversion> out = new ArrayList<>();
            for (int i = 0; i < conversionFrom.length; i++) {
                out.add(new Conversion(order.get(i), order.get(i + 1), conversionFrom[i], converted[i]));
            }
            return out;
        }

        /** The priorities with an SLA in the settings' order, then any others by name, then the total. */
        private List<String> priorities() {
            List<String> out = new ArrayList<>();
            settings.firstReplySla().keySet().stream().filter(support::containsKey).forEach(out::add);
            support.keySet().stream().filter(p -> !out.contains(p)).sorted().forEach(out::add);
            return out;
        }

        private List<FirstResponse> firstResponse() {
            List<FirstResponse> out = new ArrayList<>();
            SupportTally total = new SupportTally();
            for (String p : priorities()) {
                SupportTally s = support.get(p);
                out.add(s.firstResponse(p));
                total.merge(s);
            }
            out.add(total.firstResponse(ALL));
            return out;
        }

        private List<Resolution> resolution() {
            List<Resolution> out = new ArrayList<>();
            SupportTally total = new SupportTally();
            for (String p : priorities()) {
                SupportTally s = support.get(p);
                out.add(s.resolution(p));
                total.merge(s);
            }
            out.add(total.resolution(ALL));
            return out;
        }

        private List<RuleCount> painPoints() {
            return painFindings.entrySet().stream()
                    .map(e -> new RuleCount(e.getKey(), e.getValue(), painCustomers.get(e.getKey()).size()))
                    .sorted(Comparator.comparing(RuleCount::findings).reversed().thenComparing(RuleCount::rule))
                    .toList();
        }

        private List<GapCount> handoffGaps() {
            return gapFindings.entrySet().stream()
                    .map(e -> new GapCount(e.getKey().get(0), e.getKey().get(1), e.getValue(),
                            List.copyOf(gapRules.get(e.getKey()))))
                    .sorted(Comparator.comparing(GapCount::findings).reversed().thenComparing(GapCount::from)
                            .thenComparing(GapCount::to))
                    .toList();
        }

        private PathVariants variants(Map<List<String>, int[]> paths) {
            List<PathVariant> all = new ArrayList<>();
            paths.forEach((path, n) -> {
                boolean cut = !path.isEmpty() && path.get(path.size() - 1).equals(CUT);
                all.add(new PathVariant(cut ? path.subList(0, path.size() - 1) : path, cut, n[0], n[1], n[2]));
            });
            all.sort(Comparator.comparing(PathVariant::customers).reversed()
                    .thenComparing(v -> String.join(" ", v.steps()))
                    .thenComparing(PathVariant::cut));
            return new PathVariants(pathCustomers, all.size(), all.subList(0, Math.min(settings.topVariants(), all.size())));
        }
    }

    /** Cases and tickets of one priority. */
    private final class SupportTally {
        int opened;
        int replied;
        int withinSla;
        int breached;
        int waiting;
        final List<Duration> replyTimes = new ArrayList<>();
        final List<SupportItem> items = new ArrayList<>();
        int resolved;
        final List<Duration> resolutionTimes = new ArrayList<>();

        void add(SupportItem item) {
            items.add(item);
            opened++;
            if (item.firstReply != null) {
                replied++;
                replyTimes.add(Duration.between(item.opened, item.firstReply));
            }
            if (item.resolved != null) {
                resolved++;
                resolutionTimes.add(Duration.between(item.opened, item.resolved));
            }
        }

        void merge(SupportTally other) {
            other.items.forEach(this::add);
        }

        /**
         * Each item is judged against its own SLA (its persona's, for its priority): the total row mixes
         * priorities, everyone's rows mix personas. The row shows an SLA only when all its items share it. An item
         * without an SLA (a priority none is set for) is counted as opened and replied, but neither within nor
         * breached.
         */
        FirstResponse firstResponse(String priority) {
            int within = 0;
            int late = 0;
            int wait = 0;
            Set<Duration> slas = new HashSet<>();
            for (SupportItem item : items) {
                slas.add(item.sla);
                if (item.sla == null) {
                    continue;
                }
                Duration waited = Duration.between(item.opened,
                        item.firstReply != null ? item.firstReply : context.judgedAt());
                if (waited.compareTo(item.sla) > 0) {
                    late++;
                } else if (item.firstReply != null) {
                    within++;
                } else {
                    wait++;
                }
            }
            Duration sla = !priority.equals(ALL) && slas.size() == 1 ? slas.iterator().next() : null;
            return new FirstResponse(priority, sla, opened, replied, within, late, wait, DurationStats.of(replyTimes));
        }

        Resolution resolution(String priority) {
            return new Resolution(priority, opened, resolved, opened - resolved, DurationStats.of(resolutionTimes));
        }
    }
}
