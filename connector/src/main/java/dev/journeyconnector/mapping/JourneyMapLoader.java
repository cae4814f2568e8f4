package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.mapping.JourneyMap.PersonaJourney;
import dev.journeyconnector.mapping.JourneyMap.Stage;
import dev.journeyconnector.mapping.JourneyMap.StageOrder;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code mappings/journey-map.yaml}, checking it against the vocabulary, the personas and (when given)
 * the touchpoint types the mappings make, and reports every problem at once with file, line and path
 * ({@code personas.retail-shopper.stages[2].types[1]}; indexes count from 0).
 *
 * <pre>
 * personas:                         # one journey per persona id of personas.yaml, the default included
 *   leisure-traveller:
 *     unseenDays: 120               # optional; else the connector's JOURNEY_DRIFT_UNSEEN_DAYS
 *     order: vocabulary             # optional; vocabulary (default) or as-listed
 *     stages:                       # a subset of the vocabulary's stages, in journey order
 *       - stage: awareness
 *         types: [lead-from-ad, list-signup]
 *       - stage: service
 *         ordered: false            # optional; may come at any time, so not part of order checks
 *         types: [ticket-opened]
 * </pre>
 *
 * <p>Stage order: with {@code order: vocabulary} a stage listed after one that comes later in the vocabulary
 * is reported, because the map's order is what the drift report holds customers to and an accidental swap
 * would report every customer as out of order. A persona whose journey really runs differently says
 * {@code order: as-listed}; churn, when listed, must still come last. A type may be listed under two stages (a
 * case opened is onboarding or service, depending on the Case), but only once per stage.
 */
public final class JourneyMapLoader {

    static final int MAX_UNSEEN_DAYS = 3650;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final List<String> TOP_KEYS = List.of("personas");
    private static final List<String> JOURNEY_KEYS = List.of("unseenDays", "order", "stages");
    private static final List<String> STAGE_KEYS = List.of("stage", "ordered", "types");

    private final String file;
    private final Vocabulary vocabulary;
    private final Personas personas;
    private final Set<String> knownTypes;
    private final List<MappingProblem> problems = new ArrayList<>();
    private final YamlKeys keys;

    private JourneyMapLoader(String file, Vocabulary vocabulary, Personas personas, Set<String> knownTypes) {
        this.file = file;
        this.keys = new YamlKeys(file, problems);
        this.vocabulary = vocabulary;
        this.personas = personas;
        this.knownTypes = knownTypes;
    }

    /**
     * Loads and checks the file; problems name it as given, e.g. {@code mappings/journey-map.yaml}.
     *
     * @param knownTypes the types the touchpoint mappings make ({@link JourneyMap#typesProduced}); null skips
     *                   that check, e.g. when the mappings themselves failed to load
     * @throws MappingException with every problem found
     */
    public static JourneyMap load(Path file, Vocabulary vocabulary, Personas personas, Set<String> knownTypes)
            throws MappingException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(List.of(new MappingProblem(file.toString(), 0, "",
                    "cannot read the file: " + e)));
        }
        return parse(file.toString(), text, vocabulary, personas, knownTypes);
    }

    /** Checks YAML text as if read from {@code file} (the name used in problems); see {@link #load}. */
    public static JourneyMap parse(String file, String text, Vocabulary vocabulary, Personas personas,
                                   Set<String> knownTypes) throws MappingException {
        return new JourneyMapLoader(file, vocabulary, personas, knownTypes == null ? null : Set.copyOf(knownTypes))
                .parse(text);
    }

    private JourneyMap parse(String text) throws MappingException {
        Optional<Node> root = MappingYaml.read(file, text);
        if (root.isEmpty() || !(root.get() instanceof MappingNode rootMap)) {
            throw new MappingException(List.of(new MappingProblem(file, root.map(MappingYaml::line).orElse(0), "",
                    "the file is a mapping with personas: {<persona id>: {stages: [...]}, ...}")));
        }
        Map<String, NodeTuple> top = entries(rootMap, "", TOP_KEYS);
        List<PersonaJourney> journeys = new ArrayList<>();
        NodeTuple entry = top.get("personas");
        if (entry == null) {
            missing(rootMap, "personas", "personas is missing: one journey per persona id of personas.yaml, "
                    + "e.g. personas: {leisure-traveller: {stages: [...]}}");
        } else if (!(entry.getValueNode() instanceof MappingNode byPersona)) {
            problems.add(problem(entry.getValueNode(), "personas", "personas takes a mapping from persona id to "
                    + "its journey (leisure-traveller: followed by stages:), not a list or a text"));
        } else {
            journeys(byPersona, entry.getKeyNode(), journeys);
        }
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return new JourneyMap(file, journeys);
    }

    /** Reads each persona's journey into {@code journeys}; then reports the personas left without one. */
    private void journeys(MappingNode byPersona, Node personasKey, List<PersonaJourney> journeys) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (NodeTuple tuple : byPersona.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(problem(tuple.getKeyNode(), "personas", "a persona id must be a plain word such as "
                        + personas.defaultPersona().id()));
                continue;
            }
            String id = keyNode.getValue();
            String path = "personas." + id;
            Integer first = seen.putIfAbsent(id, MappingYaml.line(keyNode));
            if (first != null) {
                problems.add(problem(keyNode, path, "persona '" + id + "' already has a journey on line " + first));
                continue;
            }
            if (personas.byId(id).isEmpty()) {
                List<String> ids = personas.all().stream().map(Persona::id).toList();
                String hint = ids.stream().filter(k -> k.equalsIgnoreCase(id)).findFirst()
                        .map(k -> " (did you mean '" + k + "'? ids are case-sensitive)").orElse("");
                problems.add(problem(keyNode, path, "unknown persona '" + id + "'" + hint + "; personas.yaml has: "
                        + String.join(", ", ids)));
            }
            // Checked even for an unknown persona, so its other mistakes are not left for the next run.
            journey(tuple.getValueNode(), path, id).ifPresent(journeys::add);
        }
        for (Persona persona : personas.all()) {
            if (!seen.containsKey(persona.id()) && seen.keySet().stream().noneMatch(persona.id()::equalsIgnoreCase)) {
                problems.add(problem(personasKey, "personas", "persona '" + persona.id() + "' has no journey; add '"
                        + persona.id() + ":' with its stages (without one, every touchpoint of its customers "
                        + "would be reported as unexpected)"));
            }
        }
    }

    private Optional<PersonaJourney> journey(Node node, String path, String personaId) {
        if (!(node instanceof MappingNode map)) {
            problems.add(problem(node, path, "a journey is a mapping with stages: (and optionally unseenDays:, "
                    + "order:)"));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, NodeTuple> entries = entries(map, path, JOURNEY_KEYS);
        Integer unseenDays = unseenDays(entries.get("unseenDays"), path + ".unseenDays");
        StageOrder order = order(entries.get("order"), path + ".order");

        List<Stage> stages = new ArrayList<>();
        NodeTuple stagesEntry = entries.get("stages");
        if (stagesEntry == null) {
            missing(map, path + ".stages", "stages is missing: the persona's stages in journey order, "
                    + "each '- stage: <name>' with its types: [...]");
        } else if (!(stagesEntry.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problems.add(problem(stagesEntry.getValueNode(), path + ".stages",
                    "stages takes a list of at least one stage, each starting with '- stage: <name>'"));
        } else {
            stages(list, path + ".stages", order, stages);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PersonaJourney(personaId, unseenDays, order, stages));
    }

    private Integer unseenDays(NodeTuple entry, String path) {
        if (entry == null) {
            return null;
        }
        Node value = entry.getValueNode();
        if (!(value instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
            problems.add(problem(value, path, "unseenDays takes a whole number of days, e.g. unseenDays: 90"));
            return null;
        }
        long days;
        try {
            days = Long.parseLong(scalar.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > MAX_UNSEEN_DAYS) {
            problems.add(problem(value, path, "unseenDays must be between 1 and " + MAX_UNSEEN_DAYS + ", was "
                    + scalar.getValue()));
            return null;
        }
        return (int) days;
    }

    private StageOrder order(NodeTuple entry, String path) {
        if (entry == null) {
            return StageOrder.VOCABULARY;
        }
        Node value = entry.getValueNode();
        String written = value instanceof ScalarNode scalar ? scalar.getValue() : null;
        for (StageOrder order : StageOrder.values()) {
            if (order.wireName().equals(written)) {
                return order;
            }
        }
        problems.add(problem(value, path, "order takes vocabulary (the stages follow mappings/vocabularies.yaml; "
                + "the default) or as-listed (this persona's journey runs in the order listed)"
                + (written == null ? "" : ", not '" + written + "'")));
        return StageOrder.VOCABULARY;
    }

    private void stages(SequenceNode list, String path, StageOrder order, List<Stage> stages) {
        List<String> vocabularyOrder = vocabulary.stageNames();
        String churn = vocabulary.churn().name();
        Map<String, Integer> seen = new HashMap<>();
        String furthest = null;
        for (int i = 0; i < list.getValue().size(); i++) {
            Node node = list.getValue().get(i);
            String stagePath = path + "[" + i + "]";
            Optional<NamedStage> parsed = stage(node, stagePath, churn);
            if (parsed.isEmpty()) {
                continue;
            }
            // The name is checked for place and repetition even when the rest of the entry has mistakes.
            Node nameNode = parsed.get().nameNode();
            String name = parsed.get().name();
            Integer first = seen.putIfAbsent(name, MappingYaml.line(nameNode));
            if (first != null) {
                problems.add(problem(nameNode, stagePath + ".stage", "stage '" + name
                        + "' is listed twice; first on line " + first + " (put all its types in one entry)"));
                continue;
            }
            if (order == StageOrder.VOCABULARY) {
                if (furthest != null && vocabularyOrder.indexOf(name) < vocabularyOrder.indexOf(furthest)) {
                    problems.add(problem(nameNode, stagePath + ".stage", "stage '" + name + "' is listed after '"
                            + furthest + "' but comes before it in the vocabulary (" + String.join(", ",
                            vocabularyOrder) + "); list the stages in that order, or write 'order: as-listed' "
                            + "for this persona if its journey really runs in the order listed"));
                } else {
                    furthest = name;
                }
            } else if (name.equals(churn) && i < list.getValue().size() - 1) {
                problems.add(problem(nameNode, stagePath + ".stage", "'" + churn + "' must be the last stage: "
                        + "a customer leaves the journey by it and nothing follows"));
            }
            parsed.get().stage().ifPresent(stages::add);
        }
    }

    /** A stage entry whose name is known; {@code stage} is empty when the rest of the entry has mistakes. */
    private record NamedStage(String name, Node nameNode, Optional<Stage> stage) {
    }

    private Optional<NamedStage> stage(Node node, String path, String churn) {
        if (!(node instanceof MappingNode map)) {
            problems.add(problem(node, path, "a stage is a mapping: '- stage: <name>' with its types: [...]"));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, NodeTuple> entries = entries(map, path, STAGE_KEYS);

        String name = null;
        Node nameNode = null;
        NodeTuple stageEntry = entries.get("stage");
        if (stageEntry == null) {
            missing(map, path + ".stage", "stage is missing: a stage name from mappings/vocabularies.yaml ("
                    + String.join(", ", vocabulary.stageNames()) + ")");
        } else if (!(stageEntry.getValueNode() instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problems.add(problem(stageEntry.getValueNode(), path + ".stage", "stage takes one stage name"));
        } else if (vocabulary.stage(scalar.getValue()).isEmpty()) {
            problems.add(problem(scalar, path + ".stage", "unknown stage '" + scalar.getValue()
                    + "'; known stages: " + String.join(", ", vocabulary.stageNames())));
        } else {
            name = scalar.getValue();
            nameNode = scalar;
        }

        boolean ordered = !churn.equals(name);
        NodeTuple orderedEntry = entries.get("ordered");
        if (orderedEntry != null) {
            Node value = orderedEntry.getValueNode();
            if (!(value instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.BOOL)) {
                problems.add(problem(value, path + ".ordered", "ordered takes true or false"));
            } else if (Boolean.parseBoolean(scalar.getValue().toLowerCase())) {
                if (churn.equals(name)) {
                    problems.add(problem(value, path + ".ordered", "'" + churn + "' is outside the journey order "
                            + "(a customer can leave at any point); remove 'ordered: true'"));
                }
            } else {
                ordered = false;
            }
        }

        List<String> types = types(entries.get("types"), map, path + ".types");
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new NamedStage(name, nameNode, problems.size() > before ? Optional.empty()
                : Optional.of(new Stage(name, ordered, churn.equals(name), types))));
    }

    private List<String> types(NodeTuple entry, MappingNode owner, String path) {
        List<String> types = new ArrayList<>();
        if (entry == null) {
            missing(owner, path, "types is missing: the touchpoint types expected in this stage, "
                    + "e.g. types: [ticket-opened, ticket-solved]");
            return types;
        }
        if (!(entry.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problems.add(problem(entry.getValueNode(), path, "types takes a list of at least one touchpoint type, "
                    + "e.g. types: [ticket-opened, ticket-solved]"));
            return types;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node node = list.getValue().get(i);
            String typePath = path + "[" + i + "]";
            if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                problems.add(problem(node, typePath, "a type is one word such as ticket-opened"));
                continue;
            }
            String type = scalar.getValue();
            if (!TYPE.matcher(type).matches()) {
                problems.add(problem(node, typePath, "'" + type + "' is not a touchpoint type: lower case words "
                        + "joined by hyphens, e.g. ticket-first-reply"));
                continue;
            }
            Integer first = seen.putIfAbsent(type, MappingYaml.line(node));
            if (first != null) {
                problems.add(problem(node, typePath, "type '" + type + "' is listed twice in this stage; first on "
                        + "line " + first));
                continue;
            }
            if (knownTypes != null && !knownTypes.contains(type)) {
                problems.add(problem(node, typePath, "no touchpoint mapping makes type '" + type + "'"
                        + closest(type).map(k -> " (did you mean '" + k + "'?)").orElse("")
                        + "; the types are the rules' type: in the mapping files"));
                continue;
            }
            types.add(type);
        }
        return types;
    }

    /** The known type nearest to a misspelt one, if it is close enough to be the likely intent. */
    private Optional<String> closest(String type) {
        return knownTypes.stream()
                .map(k -> Map.entry(k, distance(k, type)))
                .filter(e -> e.getValue() <= Math.max(1, type.length() / 5))
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    /** Levenshtein distance: typos in a type are a letter or two. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        Arrays.setAll(previous, j -> j);
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The mapping's keys in order; a key written twice or not among {@code known} is a problem. */
    private Map<String, NodeTuple> entries(MappingNode map, String path, List<String> known) {
        return keys.entries(map, path, known);
    }

    /** Reports a required key as missing, unless it is there in the wrong case, already reported as unknown. */
    private void missing(MappingNode owner, String path, String message) {
        keys.missing(owner, path, message);
    }

    private MappingProblem problem(Node node, String path, String message) {
        return keys.problem(node, path, message);
    }
}
