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
import dev.journeyconnector.insight.kpi.JourneyKpis.StageKpis;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The KPIs as plain text for the command line: a header saying what is counted, then one section per persona and
 * one for everyone. Every rate is printed with its count and denominator ("10 of 12, 83.3%"), so nobody has to
 * guess what a percentage is out of. No colours, no terminal widths.
 */
public final class JourneyKpisText {
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String NONE = "-";

    private JourneyKpisText() {
    }

    public static String render(JourneyKpis kpis) {
        StringBuilder out = new StringBuilder();
        out.append("Journey KPIs from ").append(when(kpis.period().from())).append(" to ")
                .append(when(kpis.period().to())).append(" (end excluded), computed ")
                .append(when(kpis.generatedAt())).append('\n');
        out.append("Counted: touchpoints, campaign sends and findings inside the period; customers are those with "
                + "at least one touchpoint in it.\n");
        out.append(kpis.emailBasis() == JourneyKpis.EmailBasis.SENDS
                ? "Email rates are per campaign email sent in the period (bounces taken off).\n"
                : "Email rates are per email with recorded activity: sends are not known, so emails nobody reacted "
                        + "to are missing and the rates read high.\n");
        if (!kpis.findingsEvaluated()) {
            out.append("Pain points and handoff gaps: findings not evaluated yet.\n");
        }
        for (PersonaKpis p : kpis.personas()) {
            section(out, p, kpis.findingsEvaluated());
        }
        if (kpis.all() != null) {
            section(out, kpis.all(), kpis.findingsEvaluated());
        }
        return out.toString();
    }

    private static void section(StringBuilder out, PersonaKpis p, boolean findingsEvaluated) {
        out.append("\n== ").append(p.personaName())
                .append(p.personaId().equals(KpiCalculator.ALL) ? "" : " (" + p.personaId() + ")").append(": ")
                .append(p.customers()).append(p.customers() == 1 ? " customer" : " customers")
                .append(" with touchpoints in the period\n");
        if (p.customers() == 0 && p.email().emails() == 0) {
            out.append("  nothing to count in this period\n");
            return;
        }
        stages(out, p);
        support(out, p);
        out.append(String.format(Locale.ROOT, "%nSatisfaction  CSAT %s (%d good, %d bad)%n",
                percent(p.satisfaction().csat()), p.satisfaction().good(), p.satisfaction().bad()));
        Nps nps = p.nps();
        out.append(nps.responses() == 0 ? "NPS           not available (no touchpoint in the period has an nps score)\n"
                : String.format(Locale.ROOT, "NPS           %+.0f (%d responses: %d promoters, %d passives, "
                        + "%d detractors)%n", nps.score(), nps.responses(), nps.promoters(), nps.passives(),
                nps.detractors()));
        Email e = p.email();
        out.append(String.format(Locale.ROOT, "Email         %d emails, %d bounced, %d delivered: opened %s, "
                        + "clicked %s, unsubscribed %s%n", e.emails(), e.bounced(), e.delivered(),
                ratio(e.opened(), e.openRate()), ratio(e.clicked(), e.clickRate()),
                ratio(e.unsubscribed(), e.unsubscribeRate())));
        findings(out, p, findingsEvaluated);
        paths(out, "Stage paths", p.stagePaths());
        paths(out, "Touchpoint paths", p.typePaths());
    }

    private static void stages(StringBuilder out, PersonaKpis p) {
        out.append("\nStages (order from the ").append(p.stageOrder()).append(")\n");
        out.append(String.format(Locale.ROOT, "  %-12s %7s   %-22s %-20s%n", "stage", "reached",
                "→ next stage", "time in stage: median / p90 (customers who moved on)"));
        for (StageKpis s : p.stages()) {
            Optional<Conversion> next = p.conversions().stream().filter(c -> c.from().equals(s.stage())).findFirst();
            String conversion = next.map(c -> c.to() + " " + c.converted() + " of " + c.reachedFrom() + " "
                    + percent(c.rate())).orElse(s.inOrder() ? "" : "(outside the order)");
            String time = !s.inOrder() ? "" : s.timeInStage().count() == 0 ? NONE
                    : duration(s.timeInStage().median()) + " / " + duration(s.timeInStage().p90()) + " ("
                    + s.timeInStage().count() + ")";
            out.append(String.format(Locale.ROOT, "  %-12s %7d   %-22s %s", s.stage(), s.reached(), conversion, time)
                    .stripTrailing()).append('\n');
        }
    }

    private static void support(StringBuilder out, PersonaKpis p) {
        FirstResponse total = p.firstResponse(KpiCalculator.ALL).orElseThrow();
        if (total.opened() == 0) {
            out.append("\nFirst response and resolution: no case or ticket opened in the period\n");
            return;
        }
        out.append("\nFirst response (opened → first reply)\n");
        out.append(String.format(Locale.ROOT, "  %-8s %5s %7s %8s %7s %9s %8s %7s  %s%n", "priority", "SLA", "opened",
                "replied", "median", "p90", "in SLA", "late", "waiting (SLA not yet run out)"));
        for (FirstResponse r : p.firstResponse()) {
            out.append(String.format(Locale.ROOT, "  %-8s %5s %7d %8d %7s %9s %8s %7d  %d%n", r.priority(),
                    r.sla() == null ? NONE : duration(r.sla()), r.opened(), r.replied(), duration(r.time().median()),
                    duration(r.time().p90()), r.withinSla() + " " + percent(r.withinSlaRate()), r.breached(),
                    r.waiting()));
        }
        out.append("Resolution (opened → solved or closed)\n");
        out.append(String.format(Locale.ROOT, "  %-8s %7s %9s %6s %7s %9s%n", "priority", "opened", "resolved", "open",
                "median", "p90"));
        for (Resolution r : p.resolution()) {
            out.append(String.format(Locale.ROOT, "  %-8s %7d %9d %6d %7s %9s%n", r.priority(), r.opened(),
                    r.resolved(), r.open(), duration(r.time().median()), duration(r.time().p90())));
        }
    }

    private static void findings(StringBuilder out, PersonaKpis p, boolean evaluated) {
        if (!evaluated) {
            out.append("Pain points   findings not evaluated yet\nHandoff gaps  findings not evaluated yet\n");
            return;
        }
        if (p.painPoints().isEmpty()) {
            out.append("Pain points   none detected in the period\n");
        } else {
            out.append("Pain points per 100 customers (findings detected in the period, by rule)\n");
            for (RuleCount r : p.painPoints()) {
                Double per100 = r.per100(p.customers());
                out.append(String.format(Locale.ROOT, "  %-28s %6s  (%s, %s)%n", r.rule(),
                        per100 == null ? NONE : String.format(Locale.ROOT, "%.1f", per100),
                        count(r.findings(), "finding"), count(r.customers(), "customer")));
            }
        }
        if (p.handoffGaps().isEmpty()) {
            out.append("Handoff gaps  none detected in the period\n");
        } else {
            out.append("Handoff gaps by from → to\n");
            for (GapCount g : p.handoffGaps()) {
                out.append(String.format(Locale.ROOT, "  %-28s %6d  (%s)%n", g.from() + " → " + g.to(), g.findings(),
                        String.join(", ", g.rules())));
            }
        }
    }

    private static void paths(StringBuilder out, String title, PathVariants v) {
        if (v.customers() == 0) {
            return;
        }
        out.append('\n').append(title).append(": top ").append(v.top().size()).append(" of ").append(v.variants())
                .append(v.variants() == 1 ? " variant" : " variants").append(" among ").append(v.customers())
                .append(" customers (customers, reached purchase, reached retention)\n");
        for (PathVariant path : v.top()) {
            out.append(String.format(Locale.ROOT, "  %4d %4d %4d  %s%s%n", path.customers(), path.reachedPurchase(),
                    path.reachedRetention(), String.join(" → ", path.steps()), path.cut() ? " → …" : ""));
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String when(Instant at) {
        return DAY_TIME.format(at);
    }

    private static String ratio(int count, Double rate) {
        return count + " (" + percent(rate) + ")";
    }

    static String percent(Double rate) {
        return rate == null ? NONE : String.format(Locale.ROOT, "%.1f%%", rate);
    }

    /** Compact and exact to the minute: 45m, 3h 20m, 2d 4h (a report of days needs no minutes). */
    static String duration(Duration d) {
        if (d == null) {
            return NONE;
        }
        long minutes = d.toMinutes();
        if (minutes >= 24 * 60) {
            long hours = d.toHours();
            return hours / 24 + "d" + (hours % 24 == 0 ? "" : " " + hours % 24 + "h");
        }
        if (minutes >= 60) {
            return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
        }
        return minutes > 0 || d.isZero() ? minutes + "m" : d.toSeconds() + "s";
    }
}
