package dev.journeyconnector.app;

import dev.journeyconnector.insight.Backtest;
import dev.journeyconnector.insight.BacktestText;
import dev.journeyconnector.insight.FindingsText;
import dev.journeyconnector.insight.HistoryLoader;
import dev.journeyconnector.insight.InsightStage;
import dev.journeyconnector.insight.RuleRegistry;
import dev.journeyconnector.insight.RuleSet;
import dev.journeyconnector.insight.RulesFile;
import dev.journeyconnector.insight.RulesLoader;
import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.mapping.MappingSet;
import dev.journeyconnector.mapping.Persona;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.DerivationStore;
import dev.journeyconnector.store.EvaluationStore;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.FindingStore.Filter;
import dev.journeyconnector.store.HistoryStore;
import dev.journeyconnector.store.StoreException;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The insight commands, working from the store alone (no vendor is called, nothing is written to a CRM):
 * {@code journey findings} lists stored findings, {@code journey insights [--full]} evaluates the rules over the
 * stored journey, {@code journey backtest} replays stored history with a candidate rules file.
 */
final class InsightCommands {

    private InsightCommands() {
    }

    /** The rules file of a mappings folder, followed as a running connector follows it. */
    static RulesFile rulesFile(Path mappingsDir, Supplier<MappingSet> model) throws MappingException {
        return new RulesFile(mappingsDir.resolve(RulesLoader.FILE_NAME), RuleRegistry.defaults(),
                () -> personaIds(model.get()));
    }

    static List<String> personaIds(MappingSet model) {
        return model.personas().all().stream().map(Persona::id).toList();
    }

    /** {@code journey findings [--customer KEY] [--rule ID] [--state open|resolved|all]}. */
    static int findings(JourneyConfig config, Map<String, String> options, PrintStream out, PrintStream err) {
        String stateName = options.getOrDefault("state", "open").toLowerCase(Locale.ROOT);
        FindingStore.State state;
        switch (stateName) {
            case "open" -> state = FindingStore.State.OPEN;
            case "resolved" -> state = FindingStore.State.RESOLVED;
            case "all" -> state = null;
            default -> {
                err.println("--state " + options.get("state") + " is not one of open, resolved, all");
                return JourneyConnector.BAD_CONFIG;
            }
        }
        Filter filter = new Filter(options.get("customer"), options.get("rule"), state);
        try (Database db = Database.open(config.database(), config.dataDir())) {
            List<FindingStore.Listed> listed = new FindingStore(db.dataSource()).list(filter);
            out.print(FindingsText.render(listed, selection(filter, stateName)));
            return JourneyConnector.OK;
        } catch (StoreException e) {
            err.println("journey findings: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
    }

    private static String selection(Filter filter, String stateName) {
        List<String> parts = new ArrayList<>();
        parts.add(stateName.equals("all") ? "open and resolved" : stateName);
        if (filter.customerKey() != null) {
            parts.add("customer " + filter.customerKey());
        }
        if (filter.ruleId() != null) {
            parts.add("rule " + filter.ruleId());
        }
        return String.join(", ", parts);
    }

    /** {@code journey insights [--full]}: one evaluation from the store, as the pipeline runs it. */
    static int insights(JourneyConfig config, Map<String, String> options, PrintStream out, PrintStream err) {
        boolean full = Boolean.parseBoolean(options.getOrDefault("full", "false"));
        MappingSet model;
        RulesFile rules;
        try {
            model = MappingCheck.load(config.journey().mappingsDir(), config.routesDir());
            rules = rulesFile(config.journey().mappingsDir(), () -> model);
        } catch (MappingException e) {
            err.println("journey insights: the " + MappingCheck.problems(config.journey().mappingsDir(),
                    config.routesDir(), e));
            return JourneyConnector.BAD_CONFIG;
        }
        try (Database db = Database.open(config.database(), config.dataDir())) {
            InsightStage stage = stage(db.dataSource(), rules, Clock.systemUTC());
            if (full) {
                stage.evaluateAll();
            } else {
                stage.evaluate();
            }
            InsightStage.Counts counts = stage.counts();
            FindingStore.Changes c = counts.changes();
            out.printf("Evaluated %d customers%s with %s: %d findings opened, %d updated, %d resolved, %d reopened,"
                            + " %d unchanged%s%n", counts.customersEvaluated(),
                    counts.fullEvaluations() > 0 ? " (every customer)" : "", rules.get().source(), c.opened(),
                    c.updated(), c.resolved(), c.reopened(), c.unchanged(),
                    counts.customersFailed() > 0 ? "; " + counts.customersFailed() + " customers failed (see the log)" : "");
            out.println();
            out.println("Findings stored now, by rule");
            out.print(counts.byRuleAndState().isEmpty() ? "  none\n" : FindingsText.byRuleAndState(counts.byRuleAndState(), "  "));
            return counts.customersFailed() > 0 ? JourneyConnector.FAILED : JourneyConnector.OK;
        } catch (StoreException e) {
            err.println("journey insights: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
    }

    static InsightStage stage(DataSource dataSource, Supplier<RuleSet> rules, Clock clock) {
        return new InsightStage(rules, storedLinks(dataSource), new HistoryStore(dataSource),
                new FindingStore(dataSource), new EvaluationStore(dataSource), clock);
    }

    /** The deep-link settings the stored touchpoints were derived with; none before the first derivation. */
    static DeepLinks storedLinks(DataSource dataSource) {
        return new DerivationStore(dataSource).state().map(s -> DeepLinks.fromSettings(s.linkSettings()))
                .orElse(DeepLinks.of(null, null, null));
    }

    /** {@code journey backtest --rules FILE --from DATE --to DATE}. */
    static int backtest(JourneyConfig config, Map<String, String> options, PrintStream out, PrintStream err,
                        Clock clock) {
        List<String> problems = new ArrayList<>();
        for (String required : List.of("rules", "from", "to")) {
            if (options.get(required) == null) {
                problems.add("--" + required + " is required");
            }
        }
        LocalDate from = date(options.get("from"), "--from", problems);
        LocalDate to = date(options.get("to"), "--to", problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add("--to " + to + " is before --from " + from);
        }
        if (!problems.isEmpty()) {
            err.println("journey backtest: " + String.join("; ", problems));
            err.println("Usage: journey backtest --rules FILE --from YYYY-MM-DD --to YYYY-MM-DD");
            return JourneyConnector.BAD_CONFIG;
        }
        RuleSet current;
        RuleSet candidate;
        try {
            MappingSet model = MappingCheck.load(config.journey().mappingsDir(), config.routesDir());
            current = rulesFile(config.journey().mappingsDir(), () -> model).get();
            candidate = RuleSet.load(Path.of(options.get("rules")), RuleRegistry.defaults(), personaIds(model));
            if (candidate.source().equals("the rules' defaults")) {
                err.println("journey backtest: --rules " + options.get("rules") + " does not exist");
                return JourneyConnector.BAD_CONFIG;
            }
        } catch (MappingException e) {
            err.println("journey backtest: " + e.getMessage());
            return JourneyConnector.BAD_CONFIG;
        }
        Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        // A period reaching into the future is evaluated as of now: a reply not due yet is not missing yet.
        Instant asOf = end.isAfter(clock.instant()) ? clock.instant() : end;
        try (Database db = Database.open(config.database(), config.dataDir())) {
            Backtest backtest = new Backtest(new HistoryLoader(new HistoryStore(db.dataSource()),
                    storedLinks(db.dataSource())), new EvaluationStore(db.dataSource()));
            out.print(BacktestText.render(backtest.run(current, candidate, start, asOf.isAfter(start) ? asOf : end)));
            return JourneyConnector.OK;
        } catch (StoreException e) {
            err.println("journey backtest: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
    }

    private static LocalDate date(String text, String option, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(option + " " + text + " is not a date like 2026-07-01");
            return null;
        }
    }
}
