package dev.journeyconnector.app;

import dev.journeyconnector.insight.HistoryLoader;
import dev.journeyconnector.insight.Priority;
import dev.journeyconnector.insight.Rule;
import dev.journeyconnector.insight.RuleRegistry;
import dev.journeyconnector.insight.RuleSet;
import dev.journeyconnector.insight.RulesConfig;
import dev.journeyconnector.insight.kpi.JourneyKpis;
import dev.journeyconnector.insight.kpi.JourneyKpisJson;
import dev.journeyconnector.insight.kpi.JourneyKpisText;
import dev.journeyconnector.insight.kpi.KpiContext;
import dev.journeyconnector.insight.kpi.KpiPeriod;
import dev.journeyconnector.insight.kpi.KpiSettings;
import dev.journeyconnector.insight.kpi.StoredKpis;
import dev.journeyconnector.insight.rules.SlowFirstResponseRule;
import dev.journeyconnector.mapping.JourneyMap;
import dev.journeyconnector.mapping.JourneyMapLoader;
import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.mapping.MappingSet;
import dev.journeyconnector.mapping.Persona;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.HistoryStore;
import dev.journeyconnector.store.KpiStore;
import dev.journeyconnector.store.StoreException;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code journey kpis --from DATE --to DATE [--persona ID] [--json]}: the journey KPIs and path variants of a
 * period, from the store alone (no vendor is called, nothing is written). Dates are UTC days; the period runs from
 * the start of {@code --from} up to the start of {@code --to}, which is not counted, so {@code --from 2026-01-01
 * --to 2027-01-01} is the year 2026.
 */
final class KpisCommand {
    static final String USAGE = "Usage: journey kpis --from YYYY-MM-DD --to YYYY-MM-DD [--persona ID] [--json]";

    private KpisCommand() {
    }

    static int run(JourneyConfig config, Map<String, String> options, PrintStream out, PrintStream err, Clock clock) {
        List<String> problems = new ArrayList<>();
        LocalDate from = date(options.get("from"), "--from", problems);
        LocalDate to = date(options.get("to"), "--to", problems);
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add("--to " + to + " must be after --from " + from + " (the --to day itself is not counted)");
        }
        if (!problems.isEmpty()) {
            err.println("journey kpis: " + String.join("; ", problems));
            err.println(USAGE);
            return JourneyConnector.BAD_CONFIG;
        }
        KpiPeriod period = new KpiPeriod(from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to.atStartOfDay().toInstant(ZoneOffset.UTC));

        MappingSet model;
        JourneyMap map;
        RuleSet rules;
        try {
            model = MappingCheck.load(config.journey().mappingsDir(), config.routesDir());
            map = JourneyMapLoader.load(config.journey().mappingsDir().resolve("journey-map.yaml"), model.vocabulary(),
                    model.personas(), JourneyMap.typesProduced(model.mappings().values()));
            rules = InsightCommands.rulesFile(config.journey().mappingsDir(), () -> model).get();
        } catch (MappingException e) {
            err.println("journey kpis: the " + MappingCheck.problems(config.journey().mappingsDir(), config.routesDir(), e));
            return JourneyConnector.BAD_CONFIG;
        }
        Map<String, String> personas = new LinkedHashMap<>();
        model.personas().all().forEach(p -> personas.put(p.id(), p.name()));
        String persona = options.get("persona");
        if (persona != null && !personas.containsKey(persona)) {
            err.println("journey kpis: --persona " + persona + " is not a persona of "
                    + config.journey().mappingsDir().resolve(MappingSet.PERSONAS) + "; known: "
                    + String.join(", ", personas.keySet()));
            return JourneyConnector.BAD_CONFIG;
        }
        KpiSettings settings = slas(KpiSettings.defaults(), rules.config(), model.personas().all());

        try (Database db = Database.open(config.database(), config.dataDir())) {
            HistoryStore histories = new HistoryStore(db.dataSource());
            boolean sendsKnown = !histories.reference("mailchimp", "campaigns").isEmpty();
            KpiContext context = new KpiContext(period, clock.instant(), model.vocabulary(), map, personas, settings,
                    sendsKnown ? JourneyKpis.EmailBasis.SENDS : JourneyKpis.EmailBasis.ACTIVITY, persona);
            JourneyKpis kpis = StoredKpis.compute(context, new KpiStore(db.dataSource()),
                    new HistoryLoader(histories, InsightCommands.storedLinks(db.dataSource())));
            out.print(Boolean.parseBoolean(options.getOrDefault("json", "false"))
                    ? JourneyKpisJson.render(kpis) : JourneyKpisText.render(kpis));
            return JourneyConnector.OK;
        } catch (StoreException e) {
            err.println("journey kpis: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
    }

    /**
     * The first-reply SLAs the slow-first-response rule uses (mappings/rules.yaml, with its persona overrides), so
     * the KPI and the rule judge a reply alike; the KPI counts calendar time even where the rule counts business
     * hours (docs/kpis.md).
     */
    static KpiSettings slas(KpiSettings settings, RulesConfig rules, List<Persona> personas) {
        Optional<Rule> rule = RuleRegistry.defaults().find(SlowFirstResponseRule.ID);
        if (rule.isEmpty()) {
            return settings;
        }
        Map<String, Map<String, Duration>> perPersona = new LinkedHashMap<>();
        personas.forEach(p -> perPersona.put(p.id(), byName(rules.settings(rule.get(), p.id()).perPriority("sla"))));
        // a persona id no file can use: the rule's own level, for customers of a persona personas.yaml lost
        Map<String, Duration> general = byName(rules.settings(rule.get(), " none").perPriority("sla"));
        return settings.withFirstReplySla(general, perPersona);
    }

    private static Map<String, Duration> byName(Map<Priority, Duration> sla) {
        Map<String, Duration> out = new LinkedHashMap<>();
        for (Priority p : Priority.values()) { // urgent, high, normal, low: the order reports list them
            if (sla.containsKey(p)) {
                out.put(p.wireName(), sla.get(p));
            }
        }
        return out;
    }

    private static LocalDate date(String text, String option, List<String> problems) {
        if (text == null) {
            problems.add(option + " is required");
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
