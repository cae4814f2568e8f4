package dev.journeyconnector.app;

import dev.journeyconnector.insight.FindingsText;
import dev.journeyconnector.insight.InsightStage;
import dev.journeyconnector.insight.DriftScore;
import dev.journeyconnector.insight.DriftStage;
import dev.journeyconnector.mapping.DerivationStage;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.pull.PullProgress;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.journeyconnector.writeback.WritePlan;
import dev.journeyconnector.writeback.WriteReport;

/**
 * What one run did, in the words an ops admin reads at the end of {@code --once}: records pulled per
 * object, the journey derived from them and its drift score, the findings evaluated on it, records written back,
 * and the Salesforce API calls spent by operation. {@code drift} is null when no drift report was computed (no
 * journey map, or no cycle yet).
 */
public record RunSummary(String mode, Duration took, Map<String, PullProgress.Counts> pulls,
                         DerivationStage.Counts journey, DriftScore drift, InsightStage.Counts insights,
                         WriteReport writeBack, WritePlan dryRunPlan,
                         Map<String, Long> apiCalls, String apiUsage) {

    public RunSummary {
        writeBack = writeBack == null ? WriteReport.NONE : writeBack;
    }

    public long apiCallsTotal() {
        return apiCalls.values().stream().mapToLong(Long::longValue).sum();
    }

    public long fetchedTotal() {
        return pulls.values().stream().mapToLong(PullProgress.Counts::fetched).sum();
    }

    public long storedTotal() {
        return pulls.values().stream().mapToLong(PullProgress.Counts::stored).sum();
    }

    public long writtenTotal() {
        return writeBack.written();
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("journey-connector run finished in %.1f s (%s)%n", took.toMillis() / 1000.0, mode));
        out.append(String.format("%nPulled                              fetched  new/changed%n"));
        pulls.forEach((object, c) -> {
            out.append(String.format("  %-33s %7d  %11d", object, c.fetched(), c.stored()));
            if (c.failures() > 0) {
                out.append("  FAILED: ").append(c.lastError());
            }
            out.append(System.lineSeparator());
        });
        out.append(String.format("  %-33s %7d  %11d%n", "total", fetchedTotal(), storedTotal()));
        out.append(String.format("%nJourney (derived from the stored records with the mappings)%n"));
        out.append(String.format("  touchpoints derived %d from %d records, new/changed/removed %d%s%n",
                journey.touchpointsDerived(), journey.recordsDerived(), journey.touchpointsChanged(),
                journey.fullDerivations() > 0 ? " (every stored record re-derived)" : ""));
        out.append(String.format("  touchpoints given another customer %d%n", journey.customersAssigned()));
        out.append(String.format("  customers %s%n", journey.customersByKind().isEmpty() ? "none"
                : String.join(", ", new java.util.TreeMap<>(journey.customersByKind()).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList())));
        out.append(String.format("  records on the identity review list %d (%d touchpoints without a customer until decided)%n",
                journey.reviewRecords(), journey.heldForReview()));
        out.append(String.format("  unmapped records %d%n", journey.unmappedRecords()));
        out.append("  ").append(driftLine()).append(System.lineSeparator());
        insights(out);
        writeBack(out);
        out.append(String.format("%nSalesforce API calls: %d%n", apiCallsTotal()));
        new java.util.TreeMap<>(apiCalls).forEach((op, n) -> out.append(String.format("  %-33s %7d%n", op, n)));
        if (apiUsage != null) {
            out.append("  org's daily API usage: ").append(apiUsage).append(System.lineSeparator());
        }
        return out.toString();
    }

    private void writeBack(StringBuilder out) {
        if (dryRunPlan != null) {
            out.append(String.format("%nDry run: nothing was written to Salesforce. ")).append(dryRunPlan.render());
            return;
        }
        WriteReport w = writeBack;
        out.append(String.format("%nWritten back to Salesforce%s%n", w.mode() == null ? "" : " (" + w.mode() + ")"));
        out.append(String.format("  created %d, updated %d, unchanged %d, dead-lettered %d, to retry %d, deferred %d,"
                + " reconciled %d, API calls %d%n", w.created(), w.updated(), w.unchanged(), w.deadLettered(),
                w.failed(), w.deferred(), w.reconciled(), w.calls()));
        w.byKind().forEach((kind, n) -> out.append(String.format("  %-33s created %d, updated %d%n", kind, n[0], n[1])));
        new java.util.TreeMap<>(w.skipped()).forEach((reason, n) -> out.append(String.format("  not written: %d %s%n", n,
                reason)));
        if (w.stopped() != null) {
            out.append("  stopped early: ").append(w.stopped()).append(System.lineSeparator());
        }
        if (w.deadLettered() > 0) {
            out.append("  `journey writeback dead-letters` lists what Salesforce refused; `journey writeback retry` sends it again\n");
        }
    }

    private void insights(StringBuilder out) {
        FindingStore.Changes c = insights.changes();
        out.append(String.format("%nFindings (pain points and handoff gaps, from the rules in mappings/rules.yaml)%n"));
        out.append(String.format("  customers evaluated %d%s, findings opened %d, updated %d, resolved %d, reopened %d%n",
                insights.customersEvaluated(), insights.fullEvaluations() > 0 ? " (every customer)" : "",
                c.opened(), c.updated(), c.resolved(), c.reopened()));
        if (insights.customersFailed() > 0) {
            out.append(String.format("  customers a rule failed on %d (see the log)%n", insights.customersFailed()));
        }
        if (insights.byRuleAndState().isEmpty()) {
            out.append("  none stored\n");
        } else {
            out.append("  stored now, by rule:\n").append(FindingsText.byRuleAndState(insights.byRuleAndState(), "    "));
        }
        if (insights.held() > 0) {
            out.append(String.format("  held for identity review %d (not written back until decided)%n", insights.held()));
        }
    }

    /** {@code drift score 0.31, above the threshold 0.25: ...}, or why there is none. */
    private String driftLine() {
        if (drift == null) {
            return "drift score not computed (no journey map in the mappings folder)";
        }
        return "drift score " + DriftStage.plain(drift.score()) + (drift.alert()
                ? ", above the threshold " + DriftStage.plain(drift.threshold()) + ": run `journey drift` for the report"
                : ", within the threshold " + DriftStage.plain(drift.threshold()) + " (`journey drift` shows the report)");
    }

    /** The same figures as a map, stored with the run. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode);
        m.put("tookMillis", took.toMillis());
        Map<String, Object> p = new LinkedHashMap<>();
        pulls.forEach((k, c) -> p.put(k, Map.of("fetched", c.fetched(), "stored", c.stored(), "failures", c.failures())));
        m.put("pulls", p);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("fullDerivations", journey.fullDerivations());
        j.put("recordsDerived", journey.recordsDerived());
        j.put("touchpointsDerived", journey.touchpointsDerived());
        j.put("touchpointsChanged", journey.touchpointsChanged());
        j.put("customersAssigned", journey.customersAssigned());
        j.put("customersByKind", journey.customersByKind());
        j.put("reviewRecords", journey.reviewRecords());
        j.put("heldForReview", journey.heldForReview());
        j.put("unmappedRecords", journey.unmappedRecords());
        m.put("journey", j);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("evaluations", insights.evaluations());
        f.put("fullEvaluations", insights.fullEvaluations());
        f.put("customersEvaluated", insights.customersEvaluated());
        f.put("customersFailed", insights.customersFailed());
        f.put("opened", insights.changes().opened());
        f.put("updated", insights.changes().updated());
        f.put("resolved", insights.changes().resolved());
        f.put("reopened", insights.changes().reopened());
        Map<String, Object> byRule = new LinkedHashMap<>();
        insights.byRuleAndState().forEach((rule, byState) -> {
            Map<String, Long> states = new LinkedHashMap<>();
            byState.forEach((state, n) -> states.put(state.wireName(), n));
            byRule.put(rule, states);
        });
        f.put("byRule", byRule);
        f.put("held", insights.held());
        m.put("findings", f);
        if (drift != null) {
            m.put("drift", Map.of("score", drift.score(), "threshold", drift.threshold(), "alert", drift.alert()));
        }
        m.put("writeBack", writeBack.toMap());
        m.put("apiCalls", apiCalls);
        return m;
    }
}
