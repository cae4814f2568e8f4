package dev.journeyconnector.journey;

import dev.journeyconnector.journey.Vocabulary.Term;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code mappings/vocabularies.yaml} into a {@link Vocabulary}, or reports every problem in it at once,
 * each with file, line and path ({@code mappings/vocabularies.yaml:12: stages[3].name: 'engagement' is listed
 * twice; first at ...}).
 *
 * <p>Why SnakeYAML's node API rather than Jackson: Jackson's tree ({@code JsonNode}) drops source locations,
 * and its streaming parser ({@code JsonLocation}) would mean rebuilding a tree by hand; Jackson also keeps
 * only the last of two equal keys, which hides a duplicate. {@code Yaml.compose} gives a tree where every node
 * carries its start line and duplicate keys survive for us to report. SnakeYAML is already on the classpath
 * (jackson-dataformat-yaml parses with it), and {@code compose} builds no Java objects from tags, so the file
 * cannot instantiate classes.
 */
public final class VocabularyLoader {
    /** Where the file lives, relative to the folder the connector runs in. */
    public static final Path DEFAULT_FILE = Path.of("mappings", "vocabularies.yaml");

    private static final List<String> LISTS = List.of("stages", "channels", "departments", "devices");
    private static final Set<String> TOP_KEYS = Set.of("stages", "churn", "channels", "departments", "devices",
            "defaults");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "label", "description");
    private static final Set<String> DEFAULTS_KEYS = Set.of("device");

    private VocabularyLoader() {
    }

    /** Reads the file; every problem, a missing or unreadable file included, comes as one {@link VocabularyProblems}. */
    public static Vocabulary load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VocabularyProblems(file.toString(), List.of(file + ": cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
        }
        return load(file.toString(), text);
    }

    /**
     * Reads vocabularies from text.
     *
     * @param fileName how problems name the file
     */
    public static Vocabulary load(String fileName, String yaml) {
        return new Reading(fileName).read(yaml);
    }

    /** One pass over one file: the problems found and the line of every path seen. */
    private static final class Reading {
        private final String file;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Integer> lines = new HashMap<>();
        /** Paths whose shape is wrong and already reported: the rules should not call them missing too. */
        private final Set<String> misshapen = new HashSet<>();

        Reading(String file) {
            this.file = file;
        }

        Vocabulary read(String yaml) {
            Node root;
            try {
                root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                throw fail((mark == null ? file : file + ":" + (mark.getLine() + 1)) + ": not valid YAML: "
                        + e.getProblem());
            } catch (YAMLException e) {
                throw fail(file + ": not valid YAML: " + e.getMessage());
            }
            if (root == null || isEmpty(root)) {
                throw fail(file + ": the file is empty; it needs " + String.join(", ", topKeysInFileOrder()));
            }
            if (!(root instanceof MappingNode top)) {
                throw fail(at(root, "") + "expected a mapping with the keys " + String.join(", ", topKeysInFileOrder()));
            }
            Map<String, Node> sections = mapping(top, "", TOP_KEYS);
            Map<String, List<Term>> lists = new HashMap<>();
            for (String key : LISTS) {
                lists.put(key, sections.containsKey(key) ? list(sections.get(key), key) : null);
            }
            Term churn = sections.containsKey("churn") ? entry(sections.get("churn"), "churn") : null;
            String defaultDevice = null;
            if (sections.containsKey("defaults")) {
                Map<String, Node> defaults = mapping(sections.get("defaults"), "defaults", DEFAULTS_KEYS);
                defaultDevice = defaults.containsKey("device") ? scalar(defaults.get("device"), "defaults.device") : null;
            }
            // Entries that could not be read are reported already; the rules see the rest, so a file with a
            // broken entry still gets its duplicates and its missing churn reported in the same run.
            problems.addAll(Vocabulary.problems(lists.get("stages"), churn, lists.get("channels"),
                    lists.get("departments"), lists.get("devices"), defaultDevice, this::place, misshapen::contains));
            if (!problems.isEmpty()) {
                // In file order, so an ops admin fixes them top to bottom; problems without a line (a missing
                // section) come last. The sort is stable: problems on one line keep the order they were found.
                problems.sort(Comparator.comparingInt(this::lineOf));
                throw new VocabularyProblems(file, problems);
            }
            return new Vocabulary(lists.get("stages"), churn, lists.get("channels"), lists.get("departments"),
                    lists.get("devices"), defaultDevice);
        }

        /** The keys of a mapping, reporting duplicates and keys outside {@code allowed}. */
        private Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
            Map<String, Node> out = new LinkedHashMap<>();
            if (isEmpty(node)) {
                return out;
            }
            if (!(node instanceof MappingNode map)) {
                problems.add(at(node, path) + "expected a mapping with the keys " + String.join(", ", sorted(allowed)));
                misshapen.add(path);
                return out;
            }
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                    problems.add(at(t.getKeyNode(), path) + "a key must be a plain word");
                    continue;
                }
                String key = keyNode.getValue();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                if (out.containsKey(key)) {
                    problems.add(at(keyNode, keyPath) + "'" + key + "' is given twice; first at line "
                            + lines.get(keyPath));
                } else if (!allowed.contains(key)) {
                    problems.add(at(keyNode, keyPath) + unknownKey(key, allowed));
                } else {
                    lines.put(keyPath, line(keyNode));
                    out.put(key, t.getValueNode());
                }
            }
            return out;
        }

        private String unknownKey(String key, Set<String> allowed) {
            if (key.equals("sentiments")) {
                return "sentiments are fixed (" + String.join(", ", Sentiment.wireNames())
                        + ") and cannot be configured; remove this key";
            }
            return "unknown key '" + key + "'; known keys: " + String.join(", ", sorted(allowed));
        }

        private List<Term> list(Node node, String path) {
            if (isEmpty(node)) {
                return List.of();
            }
            if (!(node instanceof SequenceNode seq)) {
                problems.add(at(node, path) + "expected a list of entries ('- name: ...')");
                misshapen.add(path);
                return null;
            }
            List<Term> out = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                out.add(entry(seq.getValue().get(i), path + "[" + i + "]"));
            }
            return out;
        }

        /** An entry is a bare name or a mapping with name, label and description. */
        private Term entry(Node node, String path) {
            lines.put(path, line(node));
            if (node instanceof ScalarNode s) {
                if (s.getValue().isBlank()) {
                    problems.add(at(node, path) + "the entry is empty; give a name");
                    misshapen.add(path);
                    return null;
                }
                lines.put(path + ".name", line(node));
                return Term.of(s.getValue().strip());
            }
            if (!(node instanceof MappingNode)) {
                problems.add(at(node, path) + "expected a name or a mapping with name, label and description");
                misshapen.add(path);
                return null;
            }
            Map<String, Node> fields = mapping(node, path, ENTRY_KEYS);
            String name = fields.containsKey("name") ? scalar(fields.get("name"), path + ".name") : null;
            if (name == null || name.isBlank()) {
                if (!fields.containsKey("name") || (name != null)) {
                    problems.add(at(node, path) + "the entry has no name");
                }
                misshapen.add(path);
                return null;
            }
            String label = fields.containsKey("label") ? scalar(fields.get("label"), path + ".label") : null;
            if (fields.containsKey("label") && label != null && label.isBlank()) {
                problems.add(at(fields.get("label"), path + ".label") + "the label is empty; give one or remove the key "
                        + "(the label is then made from the name)");
            }
            String description = fields.containsKey("description")
                    ? scalar(fields.get("description"), path + ".description") : null;
            return Term.of(name.strip(), label, description);
        }

        private String scalar(Node node, String path) {
            if (node instanceof ScalarNode s) {
                return s.getValue();
            }
            problems.add(at(node, path) + "expected a single value, not a list or mapping");
            misshapen.add(path);
            return null;
        }

        private static boolean isEmpty(Node node) {
            return node instanceof ScalarNode s && s.getValue().isEmpty();
        }

        private String at(Node node, String path) {
            return file + ":" + line(node) + ": " + (path.isEmpty() ? "" : path + ": ");
        }

        /** {@code file:line: path}, with the line of the path or of its nearest parent that has one. */
        private String place(String path) {
            for (String p = path; !p.isEmpty(); p = parent(p)) {
                Integer line = lines.get(p);
                if (line != null) {
                    return file + ":" + line + ": " + path;
                }
            }
            return file + ": " + path;
        }

        private int lineOf(String problem) {
            String prefix = file + ":";
            int end = problem.indexOf(':', prefix.length());
            if (!problem.startsWith(prefix) || end < 0) {
                return Integer.MAX_VALUE;
            }
            try {
                return Integer.parseInt(problem.substring(prefix.length(), end));
            } catch (NumberFormatException e) {
                return Integer.MAX_VALUE;
            }
        }

        private static String parent(String path) {
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            return cut < 0 ? "" : path.substring(0, cut);
        }

        private static int line(Node node) {
            return node.getStartMark().getLine() + 1;
        }

        private VocabularyProblems fail(String problem) {
            problems.add(problem);
            return new VocabularyProblems(file, problems);
        }

        private static List<String> topKeysInFileOrder() {
            return List.of("stages", "churn", "channels", "departments", "devices", "defaults");
        }

        private static List<String> sorted(Set<String> keys) {
            return keys.stream().sorted().toList();
        }
    }
}
