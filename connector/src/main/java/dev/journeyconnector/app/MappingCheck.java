package dev.journeyconnector.app;

import dev.journeyconnector.mapping.JourneyMap;
import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.mapping.MappingRule;
import dev.journeyconnector.mapping.MappingSet;
import dev.journeyconnector.mapping.Persona;
import dev.journeyconnector.mapping.TouchpointMapping;
import dev.journeyconnector.journey.Vocabulary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import dev.journeyconnector.insight.RuleRegistry;
import dev.journeyconnector.insight.RuleSet;
import dev.journeyconnector.insight.RulesLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The full check of the journey model, one definition for the three places it runs: {@code journey
 * validate}, the start of a run (nothing starts on an invalid model), and a running connector's reloads.
 */
final class MappingCheck {

    private MappingCheck() {
    }

    /**
     * Loads and checks the mapping folder as a run uses it: every file, and every mapped object and field
     * against what the routes in {@code routesDir} pull (a mapping of a field no route fetches would never fire).
     *
     * @throws MappingException with every problem of every file, each with file, line and path
     */
    static MappingSet load(Path mappingsDir, Path routesDir) throws MappingException {
        return MappingSet.load(mappingsDir, routesDir);
    }

    /**
     * {@code journey validate}: reads only the two folders' settings (so it works before the vendors are
     * configured), checks the model, and prints a summary (exit 0) or every problem at once (exit 2).
     */
    static int validate(SettingsLoader.Loaded settings, PrintStream out, PrintStream err) {
        List<String> problems = new ArrayList<>(settings.problems());
        Path mappingsDir = folder(settings, Settings.MAPPINGS_DIR, problems);
        Path routesDir = folder(settings, Settings.ROUTES_DIR, problems);
        if (!problems.isEmpty()) {
            err.println(new ConfigProblems(problems).getMessage());
            err.println("Every setting is described in .env.example; flags are listed by --help.");
            return JourneyConnector.BAD_CONFIG;
        }
        MappingSet model;
        try {
            model = load(mappingsDir, routesDir);
        } catch (MappingException e) {
            err.println("The " + problems(mappingsDir, routesDir, e));
            err.println("A connector does not start on these files, and a running one keeps the mappings it has.");
            return JourneyConnector.BAD_CONFIG;
        }
        // The insight rules' thresholds live beside the mappings and name their personas: checked with them.
        Path rulesFile = mappingsDir.resolve(RulesLoader.FILE_NAME);
        try {
            RuleSet rules = RuleSet.load(rulesFile, RuleRegistry.defaults(), InsightCommands.personaIds(model));
            out.print(summary(model));
            out.print(row("insight rules", rules.config().registry().rules().size() + " rules ("
                    + (Files.isRegularFile(rulesFile) ? rulesFile.getFileName() : "no " + RulesLoader.FILE_NAME
                    + ": every rule with its defaults") + ")"));
            return JourneyConnector.OK;
        } catch (MappingException e) {
            int n = e.problems().size();
            err.println("The rules file " + rulesFile + " has " + n + (n == 1 ? " problem:" : " problems:")
                    + e.problems().stream().map(p -> System.lineSeparator() + "  - " + p).collect(Collectors.joining()));
            err.println("A connector does not start on this file, and a running one keeps the rules it has.");
            return JourneyConnector.BAD_CONFIG;
        }
    }

    /**
     * {@code mapping files in M (checked against the routes in R) have N problems:}, then one {@code - file:line
     * path: message} line each; a route file that is not YAML is among them, as the check reads the routes.
     */
    static String problems(Path mappingsDir, Path routesDir, MappingException e) {
        int n = e.problems().size();
        return "mapping files in " + mappingsDir + " (checked against the routes in " + routesDir + ") have " + n
                + (n == 1 ? " problem:" : " problems:")
                + e.problems().stream().map(p -> System.lineSeparator() + "  - " + p).collect(Collectors.joining());
    }

    /** What the model holds, for an ops admin to see that their edit was read the way they meant it. */
    static String summary(MappingSet model) {
        StringBuilder out = new StringBuilder();
        List<String> files = yamlFiles(model.dir());
        out.append("Mappings OK: ").append(files.size()).append(" files in ").append(model.dir())
                .append(", fingerprint ").append(model.fingerprint(), 0, 12).append('\n');

        List<TouchpointMapping> mappings = model.mappings().values().stream()
                .sorted(Comparator.comparing(MappingCheck::name)).toList();
        int width = mappings.stream().mapToInt(m -> name(m).length()).max().orElse(0);
        out.append(row("objects mapped", String.valueOf(mappings.size())));
        Set<String> ruleTypes = new LinkedHashSet<>();
        for (TouchpointMapping m : mappings) {
            String what;
            if (m.reference()) {
                what = "reference data, no touchpoints";
            } else {
                List<String> types = m.rules().stream().map(MappingRule::type).toList();
                ruleTypes.addAll(types);
                what = types.size() + (types.size() == 1 ? " rule: " : " rules: ") + String.join(", ", types)
                        + (m.skip().isPresent() ? "; some records skipped" : "");
            }
            out.append(String.format("    %-" + width + "s  %s (%s)%n", name(m), what, Path.of(m.file()).getFileName()));
        }
        out.append(row("rule types", ruleTypes.size() + " distinct"));

        List<String> personas = new ArrayList<>(model.personas().rules().stream().map(Persona::id).toList());
        personas.add(model.personas().defaultPersona().id() + " (default)");
        out.append(row("personas", personas.size() + ": " + String.join(", ", personas)));

        out.append(row("journey map", model.journeyMap().map(MappingCheck::journeyMap).orElse("none: there is no "
                + MappingSet.JOURNEY_MAP + ", so no drift report is computed")));

        Vocabulary v = model.vocabulary();
        out.append(row("stages", v.stages().size() + ": " + v.stages().stream().map(Vocabulary.Term::name)
                .collect(Collectors.joining(" → ")) + ", and " + v.churn().name() + " outside the order"));
        out.append(row("channels", v.channels().size() + ": " + names(v.channels())));
        out.append(row("departments", v.departments().size() + ": " + names(v.departments())));
        return out.toString();
    }

    /** {@code 4 persona journeys (leisure-traveller: awareness → purchase → service, churn; ...)}. */
    private static String journeyMap(JourneyMap map) {
        return map.journeys().size() + (map.journeys().size() == 1 ? " persona journey" : " persona journeys")
                + " (" + Path.of(map.file()).getFileName() + "): " + map.journeys().stream()
                .map(j -> j.personaId() + " " + j.stages().size() + (j.stages().size() == 1 ? " stage" : " stages")
                        + ", " + j.expectedTypes().size() + " types")
                .collect(Collectors.joining("; "));
    }

    private static String name(TouchpointMapping m) {
        return MappingSet.key(m.source(), m.object());
    }

    private static String row(String label, String value) {
        return String.format("  %-16s %s%n", label, value);
    }

    private static String names(List<Vocabulary.Term> terms) {
        return terms.stream().map(Vocabulary.Term::name).collect(Collectors.joining(", "));
    }

    private static List<String> yamlFiles(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The folder a setting names (a blank value means its default); a malformed one is a problem naming it. */
    private static Path folder(SettingsLoader.Loaded settings, Setting setting, List<String> problems) {
        String value = settings.get(setting);
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            problems.add(setting.name() + " '" + value + "' is not a path: " + e.getReason()
                    + " (from " + settings.origin(setting) + ")");
            return null;
        }
    }
}
