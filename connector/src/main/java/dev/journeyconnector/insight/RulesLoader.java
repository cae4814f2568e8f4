package dev.journeyconnector.insight;

import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.mapping.MappingProblem;
import dev.journeyconnector.mapping.MappingYaml;
import dev.journeyconnector.mapping.Spelling;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code mappings/rules.yaml}, checking it against the rules the connector knows and reporting every
 * problem at once, each with file, line and path ({@code rules.repeat-contact.personas.retail-shopper.window}).
 *
 * <pre>
 * businessHours:            # optional; the calendar of rules with businessHours: true
 *   zone: Europe/Berlin     # default UTC
 *   days: [mon, tue, wed, thu, fri]
 *   open: "09:00"
 *   close: "17:00"
 * rules:
 *   repeat-contact:         # a rule id the connector knows
 *     enabled: true         # optional, default true
 *     severity: medium      # optional: low, medium, high, critical
 *     window: 14d           # the rule's thresholds: durations (90m, 4h, 14d, 2w), counts, true/false,
 *     contacts: 3           #   per-priority durations {urgent: 1h, high: 4h, normal: 24h, low: 48h}
 *     personas:             # optional overrides for a persona of personas.yaml: the same keys but personas
 *       small-business-banking-client: { window: 7d }
 * </pre>
 *
 * A rule the file leaves out runs with its defaults.
 */
public final class RulesLoader {

    public static final String FILE_NAME = "rules.yaml";
    private static final List<String> TOP_KEYS = List.of("businessHours", "rules");
    private static final List<String> CALENDAR_KEYS = List.of("zone", "days", "open", "close");
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY,
            "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);

    private final String file;
    private final RuleRegistry registry;
    private final Collection<String> personaIds;
    private final List<MappingProblem> problems = new ArrayList<>();

    private RulesLoader(String file, RuleRegistry registry, Collection<String> personaIds) {
        this.file = file;
        this.registry = registry;
        this.personaIds = personaIds;
    }

    /**
     * Loads and checks the file; problems name it as given, e.g. {@code mappings/rules.yaml}.
     *
     * @param personaIds the persona ids of personas.yaml, so an override for a misspelt persona is reported;
     *                   null to accept any id
     */
    public static RulesConfig load(Path file, RuleRegistry registry, Collection<String> personaIds)
            throws MappingException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(List.of(new MappingProblem(file.toString(), 0, "",
                    "cannot read the file: " + e)));
        }
        return parse(file.toString(), text, registry, personaIds);
    }

    /** Checks YAML text as if read from {@code file}. */
    public static RulesConfig parse(String file, String text, RuleRegistry registry, Collection<String> personaIds)
            throws MappingException {
        return new RulesLoader(file, registry, personaIds).parse(text);
    }

    private RulesConfig parse(String text) throws MappingException {
        Optional<Node> root = MappingYaml.read(file, text);
        if (root.isEmpty() || !(root.get() instanceof MappingNode rootMap)) {
            throw new MappingException(List.of(problem(root.orElse(null), "",
                    "the file is a mapping with rules: {...} and, optionally, businessHours: {...}")));
        }
        Map<String, NodeTuple> top = entries(rootMap, "", TOP_KEYS, "key");
        BusinessCalendar calendar = top.containsKey("businessHours")
                ? calendar(top.get("businessHours").getValueNode()) : BusinessCalendar.DEFAULT;

        Map<String, RulesConfig.Entry> rules = new LinkedHashMap<>();
        NodeTuple rulesEntry = top.get("rules");
        if (rulesEntry == null) {
            problems.add(problem(rootMap, "rules", "rules is missing: one entry per rule id, e.g. "
                    + "rules: {repeat-contact: {window: 14d}}; known rules: " + String.join(", ", registry.ids())));
        } else if (!(rulesEntry.getValueNode() instanceof MappingNode rulesMap)) {
            problems.add(problem(rulesEntry.getValueNode(), "rules", "rules takes a mapping of rule ids, e.g. "
                    + "repeat-contact: {window: 14d}"));
        } else {
            for (Map.Entry<String, NodeTuple> e : entries(rulesMap, "rules", registry.ids(), "rule").entrySet()) {
                Rule rule = registry.find(e.getKey()).orElseThrow();
                rule(rule, e.getValue().getValueNode(), "rules." + rule.id()).ifPresent(v -> rules.put(rule.id(), v));
            }
        }
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return new RulesConfig(registry, calendar, rules);
    }

    private Optional<RulesConfig.Entry> rule(Rule rule, Node node, String path) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return Optional.of(new RulesConfig.Entry(RulesConfig.Level.EMPTY, Map.of()));
        }
        if (!(node instanceof MappingNode map)) {
            problems.add(problem(node, path, "a rule takes a mapping of settings, e.g. {enabled: true, severity: "
                    + "medium}"));
            return Optional.empty();
        }
        List<String> known = settingNames(rule, true);
        Map<String, NodeTuple> entries = entries(map, path, known, "setting of " + rule.id());
        RulesConfig.Level level = level(rule, entries, path);
        Map<String, RulesConfig.Level> personas = new LinkedHashMap<>();
        NodeTuple personasEntry = entries.get("personas");
        if (personasEntry != null) {
            if (!(personasEntry.getValueNode() instanceof MappingNode personaMap)) {
                problems.add(problem(personasEntry.getValueNode(), path + ".personas", "personas takes a mapping "
                        + "of persona ids to settings, e.g. personas: {retail-shopper: {severity: high}}"));
            } else {
                for (NodeTuple t : personaMap.getValue()) {
                    if (!(t.getKeyNode() instanceof ScalarNode idNode)) {
                        problems.add(problem(t.getKeyNode(), path + ".personas", "a persona id must be plain text"));
                        continue;
                    }
                    String id = idNode.getValue();
                    String personaPath = path + ".personas." + id;
                    if (personaIds != null && !personaIds.contains(id)) {
                        problems.add(problem(idNode, personaPath, "unknown persona '" + id + "'"
                                + suggestion(id, personaIds) + "; personas.yaml has: "
                                + String.join(", ", new TreeSet<>(personaIds))));
                    }
                    if (personas.containsKey(id)) {
                        problems.add(problem(idNode, personaPath, "persona '" + id + "' is written twice"));
                        continue;
                    }
                    Node value = t.getValueNode();
                    if (!(value instanceof MappingNode valueMap)) {
                        problems.add(problem(value, personaPath, "a persona override takes a mapping of settings, "
                                + "e.g. {severity: high}"));
                        continue;
                    }
                    personas.put(id, level(rule, entries(valueMap, personaPath, settingNames(rule, false),
                            "setting of " + rule.id()), personaPath));
                }
            }
        }
        return Optional.of(new RulesConfig.Entry(level, personas));
    }

    private static List<String> settingNames(Rule rule, boolean withPersonas) {
        List<String> names = new ArrayList<>(List.of("enabled", "severity"));
        rule.thresholds().forEach(t -> names.add(t.name()));
        if (withPersonas) {
            names.add("personas");
        }
        return names;
    }

    private RulesConfig.Level level(Rule rule, Map<String, NodeTuple> entries, String path) {
        Boolean enabled = null;
        Severity severity = null;
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            String key = e.getKey();
            Node value = e.getValue().getValueNode();
            String keyPath = path + "." + key;
            switch (key) {
                case "personas" -> { }
                case "enabled" -> enabled = bool(value, keyPath).orElse(null);
                case "severity" -> {
                    String s = scalar(value);
                    severity = s == null ? null : Severity.of(s).orElse(null);
                    if (severity == null) {
                        problems.add(problem(value, keyPath, "severity '" + (s == null ? "" : s) + "' is not one of "
                                + String.join(", ", Severity.wireNames())));
                    }
                }
                default -> {
                    Threshold t = rule.thresholds().stream().filter(x -> x.name().equals(key)).findFirst()
                            .orElseThrow();
                    value(t, value, keyPath).ifPresent(v -> values.put(key, v));
                }
            }
        }
        return new RulesConfig.Level(enabled, severity, values);
    }

    private Optional<Object> value(Threshold t, Node node, String path) {
        return switch (t.type()) {
            case DURATION -> duration(node, path).map(d -> d);
            case FLAG -> bool(node, path).map(b -> b);
            case COUNT -> {
                String s = scalar(node);
                try {
                    int n = Integer.parseInt(s == null ? "" : s);
                    if (n < t.min() || n > t.max()) {
                        problems.add(problem(node, path, t.name() + " " + n + " is outside " + t.min() + ".."
                                + t.max()));
                        yield Optional.empty();
                    }
                    yield Optional.of(n);
                } catch (NumberFormatException e) {
                    problems.add(problem(node, path, t.name() + " takes a whole number, e.g. " + t.defaultValue()));
                    yield Optional.empty();
                }
            }
            case PER_PRIORITY -> {
                if (!(node instanceof MappingNode map)) {
                    problems.add(problem(node, path, t.name() + " takes a duration per priority, e.g. {urgent: 1h, "
                            + "high: 4h, normal: 24h, low: 48h}"));
                    yield Optional.empty();
                }
                Map<Priority, Duration> out = new EnumMap<>(Priority.class);
                entries(map, path, Priority.wireNames(), "priority").forEach((name, tuple) ->
                        duration(tuple.getValueNode(), path + "." + name)
                                .ifPresent(d -> out.put(Priority.of(name).orElseThrow(), d)));
                yield Optional.of(out);
            }
        };
    }

    private BusinessCalendar calendar(Node node) {
        if (!(node instanceof MappingNode map)) {
            problems.add(problem(node, "businessHours", "businessHours takes a mapping: {zone: Europe/Berlin, "
                    + "days: [mon, tue, wed, thu, fri], open: \"09:00\", close: \"17:00\"}"));
            return BusinessCalendar.DEFAULT;
        }
        int before = problems.size();
        Map<String, NodeTuple> entries = entries(map, "businessHours", CALENDAR_KEYS, "key");
        BusinessCalendar d = BusinessCalendar.DEFAULT;
        ZoneId zone = d.zone();
        if (entries.containsKey("zone")) {
            Node z = entries.get("zone").getValueNode();
            try {
                zone = ZoneId.of(String.valueOf(scalar(z)));
            } catch (DateTimeException e) {
                problems.add(problem(z, "businessHours.zone", "zone '" + scalar(z) + "' is not a time zone; write "
                        + "a region such as Europe/Berlin or America/New_York, or UTC"));
            }
        }
        Set<DayOfWeek> days = d.days();
        if (entries.containsKey("days")) {
            Node list = entries.get("days").getValueNode();
            if (!(list instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problems.add(problem(list, "businessHours.days", "days takes a list of at least one day, e.g. "
                        + "[mon, tue, wed, thu, fri]"));
            } else {
                Set<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
                for (int i = 0; i < seq.getValue().size(); i++) {
                    Node dayNode = seq.getValue().get(i);
                    String s = scalar(dayNode);
                    DayOfWeek day = s == null ? null : DAYS.get(s.toLowerCase(Locale.ROOT));
                    if (day == null) {
                        problems.add(problem(dayNode, "businessHours.days[" + i + "]", "'" + s + "' is not a day; "
                                + "write mon, tue, wed, thu, fri, sat or sun"));
                    } else {
                        parsed.add(day);
                    }
                }
                days = parsed.isEmpty() ? days : parsed;
            }
        }
        LocalTime open = time(entries.get("open"), "businessHours.open", d.open());
        LocalTime close = time(entries.get("close"), "businessHours.close", d.close());
        if (problems.size() > before) {
            return d;
        }
        if (!open.isBefore(close)) {
            problems.add(problem(entries.containsKey("close") ? entries.get("close").getValueNode() : map,
                    "businessHours.close", "close " + close + " must come after open " + open + " on the same day"));
            return d;
        }
        return new BusinessCalendar(zone, days, open, close);
    }

    private LocalTime time(NodeTuple entry, String path, LocalTime dflt) {
        if (entry == null) {
            return dflt;
        }
        String s = scalar(entry.getValueNode());
        try {
            return LocalTime.parse(s == null ? "" : s);
        } catch (DateTimeParseException e) {
            problems.add(problem(entry.getValueNode(), path, "'" + s + "' is not a time of day; write it as "
                    + "\"HH:MM\" in quotes, e.g. \"09:00\""));
            return dflt;
        }
    }

    private Optional<Duration> duration(Node node, String path) {
        String s = scalar(node);
        Optional<Duration> d = DurationText.parse(s);
        if (d.isEmpty()) {
            problems.add(problem(node, path, "'" + (s == null ? "" : s) + "' is not a duration; write a whole "
                    + "number above 0 and a unit: 90m, 4h, 14d or 2w"));
        }
        return d;
    }

    private Optional<Boolean> bool(Node node, String path) {
        String s = scalar(node);
        if ("true".equals(s) || "false".equals(s)) {
            return Optional.of(Boolean.valueOf(s));
        }
        problems.add(problem(node, path, "'" + (s == null ? "" : s) + "' is not true or false"));
        return Optional.empty();
    }

    /** A scalar's text; null for a list, a mapping or an empty value. */
    private static String scalar(Node node) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue().strip();
        }
        return null;
    }

    /** The mapping's keys in order; a key written twice or not among {@code known} is a problem. */
    private Map<String, NodeTuple> entries(MappingNode map, String path, List<String> known, String what) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(problem(tuple.getKeyNode(), path, "a key must be plain text"));
                continue;
            }
            String key = keyNode.getValue();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (!known.contains(key)) {
                problems.add(problem(keyNode, keyPath, "unknown " + what + " '" + key + "'" + suggestion(key, known)
                        + "; known: " + String.join(", ", known)));
                continue;
            }
            if (entries.putIfAbsent(key, tuple) != null) {
                problems.add(problem(keyNode, keyPath, "'" + key + "' is written twice"));
            }
        }
        return entries;
    }

    private static String suggestion(String written, Collection<String> known) {
        return Spelling.closest(written, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    private MappingProblem problem(Node node, String path, String message) {
        return new MappingProblem(file, MappingYaml.line(node), path, message);
    }
}
