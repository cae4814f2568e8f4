package dev.journeyconnector.insight.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyconnector.insight.kpi.JourneyKpis.Conversion;
import dev.journeyconnector.insight.kpi.JourneyKpis.FirstResponse;
import dev.journeyconnector.insight.kpi.JourneyKpis.GapCount;
import dev.journeyconnector.insight.kpi.JourneyKpis.PathVariant;
import dev.journeyconnector.insight.kpi.JourneyKpis.PathVariants;
import dev.journeyconnector.insight.kpi.JourneyKpis.PersonaKpis;
import dev.journeyconnector.insight.kpi.JourneyKpis.Resolution;
import dev.journeyconnector.insight.kpi.JourneyKpis.RuleCount;
import dev.journeyconnector.insight.kpi.JourneyKpis.StageKpis;

import java.time.Duration;

/**
 * The KPIs as JSON for scripts and the ops console ({@code journey kpis --json}). Written field by field rather
 * than by reflection, so the format stays put when the Java records change: durations in whole seconds
 * ({@code ...Seconds}), rates in percent with their counts beside them, a rate without a denominator null,
 * pain points and handoff gaps null while findings are not evaluated.
 */
public final class JourneyKpisJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JourneyKpisJson() {
    }

    public static String render(JourneyKpis kpis) {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", kpis.period().from().toString());
        root.put("to", kpis.period().to().toString());
        root.put("generatedAt", kpis.generatedAt().toString());
        root.put("emailBasis", kpis.emailBasis().name().toLowerCase(java.util.Locale.ROOT));
        root.put("findingsEvaluated", kpis.findingsEvaluated());
        ArrayNode personas = root.putArray("personas");
        kpis.personas().forEach(p -> section(personas.addObject(), p, kpis.findingsEvaluated()));
        if (kpis.all() != null) {
            section(root.putObject("all"), kpis.all(), kpis.findingsEvaluated());
        } else {
            root.putNull("all");
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the KPI report could not be written as JSON: " + e.getMessage(), e);
        }
    }

    private static void section(ObjectNode o, PersonaKpis p, boolean findingsEvaluated) {
        o.put("personaId", p.personaId());
        o.put("personaName", p.personaName());
        o.put("customers", p.customers());
        o.put("stageOrder", p.stageOrder());
        ArrayNode stages = o.putArray("stages");
        for (StageKpis s : p.stages()) {
            ObjectNode n = stages.addObject();
            n.put("stage", s.stage());
            n.put("inOrder", s.inOrder());
            n.put("reached", s.reached());
            stats(n, "timeInStage", s.timeInStage());
        }
        ArrayNode conversions = o.putArray("conversions");
        for (Conversion c : p.conversions()) {
            ObjectNode n = conversions.addObject();
            n.put("from", c.from());
            n.put("to", c.to());
            n.put("reachedFrom", c.reachedFrom());
            n.put("converted", c.converted());
            n.put("percent", c.rate());
        }
        ArrayNode first = o.putArray("firstResponse");
        for (FirstResponse r : p.firstResponse()) {
            ObjectNode n = first.addObject();
            n.put("priority", r.priority());
            n.put("slaSeconds", seconds(r.sla()));
            n.put("opened", r.opened());
            n.put("replied", r.replied());
            n.put("withinSla", r.withinSla());
            n.put("breached", r.breached());
            n.put("waiting", r.waiting());
            n.put("withinSlaPercent", r.withinSlaRate());
            stats(n, "time", r.time());
        }
        ArrayNode resolution = o.putArray("resolution");
        for (Resolution r : p.resolution()) {
            ObjectNode n = resolution.addObject();
            n.put("priority", r.priority());
            n.put("opened", r.opened());
            n.put("resolved", r.resolved());
            n.put("open", r.open());
            stats(n, "time", r.time());
        }
        ObjectNode csat = o.putObject("satisfaction");
        csat.put("good", p.satisfaction().good());
        csat.put("bad", p.satisfaction().bad());
        csat.put("csatPercent", p.satisfaction().csat());
        ObjectNode nps = o.putObject("nps");
        nps.put("promoters", p.nps().promoters());
        nps.put("passives", p.nps().passives());
        nps.put("detractors", p.nps().detractors());
        nps.put("score", p.nps().score());
        ObjectNode email = o.putObject("email");
        email.put("emails", p.email().emails());
        email.put("bounced", p.email().bounced());
        email.put("delivered", p.email().delivered());
        email.put("opened", p.email().opened());
        email.put("clicked", p.email().clicked());
        email.put("unsubscribed", p.email().unsubscribed());
        email.put("openPercent", p.email().openRate());
        email.put("clickPercent", p.email().clickRate());
        email.put("unsubscribePercent", p.email().unsubscribeRate());
        if (findingsEvaluated) {
            ArrayNode pains = o.putArray("painPoints");
            for (RuleCount r : p.painPoints()) {
                ObjectNode n = pains.addObject();
                n.put("rule", r.rule());
                n.put("findings", r.findings());
                n.put("customers", r.customers());
                n.put("per100Customers", r.per100(p.customers()));
            }
            ArrayNode gaps = o.putArray("handoffGaps");
            for (GapCount g : p.handoffGaps()) {
                ObjectNode n = gaps.addObject();
                n.put("from", g.from());
                n.put("to", g.to());
                n.put("findings", g.findings());
                g.rules().forEach(n.putArray("rules")::add);
            }
        } else {
            o.putNull("painPoints");
            o.putNull("handoffGaps");
        }
        paths(o.putObject("stagePaths"), p.stagePaths());
        paths(o.putObject("typePaths"), p.typePaths());
    }

    private static void paths(ObjectNode o, PathVariants v) {
        o.put("customers", v.customers());
        o.put("variants", v.variants());
        ArrayNode top = o.putArray("top");
        for (PathVariant path : v.top()) {
            ObjectNode n = top.addObject();
            path.steps().forEach(n.putArray("steps")::add);
            n.put("cut", path.cut());
            n.put("customers", path.customers());
            n.put("reachedPurchase", path.reachedPurchase());
            n.put("reachedRetention", path.reachedRetention());
        }
    }

    private static void stats(ObjectNode o, String name, DurationStats stats) {
        ObjectNode n = o.putObject(name);
        n.put("count", stats.count());
        n.put("medianSeconds", seconds(stats.median()));
        n.put("p90Seconds", seconds(stats.p90()));
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }
}
