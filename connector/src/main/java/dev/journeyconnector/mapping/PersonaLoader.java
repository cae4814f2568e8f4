package dev.journeyconnector.mapping;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code mappings/personas.yaml}, checking everything an admin can get wrong and reporting all of it at
 * once, each problem with file, line and path ({@code personas[1].when.any[0].field}; indexes count from 0).
 *
 * <pre>
 * personas:                           # in order: the first whose when fires wins
 *   - id: leisure-traveller           # letters, digits, - and _; unique
 *     name: Leisure traveller
 *     description: Private traveller  # optional
 *     when:                           # a condition (see ConditionParser) over Contact.*, Account.*, Lead.*
 *       field: Account.Industry
 *       equals: Hospitality
 * default:                            # required; used when no rule fires; no when
 *   id: unclassified
 *   name: Unclassified
 * </pre>
 */
public final class PersonaLoader {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final List<String> TOP_KEYS = List.of("personas", "default");
    private static final List<String> PERSONA_KEYS = List.of("id", "name", "description", "when");

    private final String file;
    private final List<MappingProblem> problems = new ArrayList<>();
    private final YamlKeys keys;
    /** Ids seen so far and the line each was first written on. */
    private final Map<String, Integer> ids = new HashMap<>();

    private PersonaLoader(String file) {
        this.file = file;
        this.keys = new YamlKeys(file, problems);
    }

    /** Loads and checks the file; problems name it as given, e.g. {@code mappings/personas.yaml}. */
    public static Personas load(Path file) throws MappingException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(List.of(new MappingProblem(file.toString(), 0, "",
                    "cannot read the file: " + e)));
        }
        return parse(file.toString(), text);
    }

    /**
     * Checks YAML text as if read from {@code file}.
     *
     * @param file the name used in problems
     */
    public static Personas parse(String file, String text) throws MappingException {
        return new PersonaLoader(file).parse(text);
    }

    private Personas parse(String text) throws MappingException {
        Optional<Node> root = MappingYaml.read(file, text);
        if (root.isEmpty() || !(root.get() instanceof MappingNode rootMap)) {
            throw new MappingException(List.of(new MappingProblem(file, root.map(MappingYaml::line).orElse(0), "",
                    "the file is a mapping with personas: [...] and default: {...}")));
        }
        Map<String, NodeTuple> top = entries(rootMap, "", TOP_KEYS);

        List<Persona> rules = new ArrayList<>();
        NodeTuple personas = top.get("personas");
        if (personas == null) {
            missing(rootMap, "personas", "personas is missing: a list of personas, each starting with '- '");
        } else if (!(personas.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problems.add(problem(personas.getValueNode(), "personas",
                    "personas takes a list of at least one persona, each starting with '- id: ...'"));
        } else {
            for (int i = 0; i < list.getValue().size(); i++) {
                persona(list.getValue().get(i), "personas[" + i + "]", false).ifPresent(rules::add);
            }
        }

        Optional<Persona> fallback = Optional.empty();
        NodeTuple dflt = top.get("default");
        if (dflt == null) {
            missing(rootMap, "default", "default is missing: the persona of a customer no rule matches, "
                    + "e.g. default: {id: unclassified, name: Unclassified}");
        } else {
            fallback = persona(dflt.getValueNode(), "default", true);
        }

        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return new Personas(rules, fallback.orElseThrow());
    }

    private Optional<Persona> persona(Node node, String path, boolean isDefault) {
        if (!(node instanceof MappingNode map)) {
            problems.add(problem(node, path, "a persona is a mapping with id, name, description"
                    + (isDefault ? "" : " and when")));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, NodeTuple> entries = entries(map, path, PERSONA_KEYS);
        Optional<String> id = text(entries.get("id"), map, path, "id", true);
        id.ifPresent(value -> {
            Node idNode = entries.get("id").getValueNode();
            if (!ID.matcher(value).matches()) {
                problems.add(problem(idNode, path + ".id", "id '" + value
                        + "' may hold only letters, digits, - and _, e.g. leisure-traveller"));
            } else {
                Integer first = ids.putIfAbsent(value, MappingYaml.line(idNode));
                if (first != null) {
                    problems.add(problem(idNode, path + ".id", "id '" + value + "' is already used on line " + first));
                }
            }
        });
        Optional<String> name = text(entries.get("name"), map, path, "name", true);
        Optional<String> description = text(entries.get("description"), map, path, "description", false);

        Optional<Condition> when = Optional.empty();
        NodeTuple whenEntry = entries.get("when");
        if (isDefault) {
            if (whenEntry != null) {
                problems.add(problem(whenEntry.getKeyNode(), path + ".when",
                        "the default applies when no persona's when fires, so it takes no when; "
                                + "move the rule into a persona under personas:"));
            }
        } else if (whenEntry == null) {
            missing(map, path + ".when", "when is missing: the condition that picks this persona, "
                    + "e.g. when: {field: Account.Industry, equals: Retail}");
        } else {
            when = new ConditionParser(file, Personas.RECORDS)
                    .parse(whenEntry.getValueNode(), path + ".when", problems);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Persona(id.orElseThrow(), name.orElseThrow(), description.orElse(""), when));
    }

    /** A text value; a missing or empty required one is a problem. */
    private Optional<String> text(NodeTuple entry, MappingNode owner, String path, String key, boolean required) {
        String keyPath = path + "." + key;
        if (entry == null) {
            if (required) {
                missing(owner, keyPath, key + " is missing");
            }
            return Optional.empty();
        }
        Node value = entry.getValueNode();
        if (!(value instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problems.add(problem(value.getTag().equals(Tag.NULL) ? entry.getKeyNode() : value, keyPath,
                    key + " takes a text" + (value instanceof ScalarNode ? "" : ", not a list or mapping")));
            return Optional.empty();
        }
        String text = scalar.getValue().strip();
        if (text.isEmpty() && required) {
            problems.add(problem(value, keyPath, key + " must not be empty"));
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** The mapping's keys in order; a key written twice or not among {@code known} is a problem. */
    private Map<String, NodeTuple> entries(MappingNode map, String path, List<String> known) {
        return keys.entries(map, path, known);
    }


    /**
     * Reports a required key as missing, unless it is there in the wrong case ({@code Name:}), which is already
     * reported as unknown with the right spelling.
     */
    private void missing(MappingNode owner, String path, String message) {
        keys.missing(owner, path, message);
    }

    private MappingProblem problem(Node node, String path, String message) {
        return keys.problem(node, path, message);
    }
}
