package dev.journeyconnector.mapping;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key checks every ops-editable YAML loader makes, reported into the loader's own problem list: unknown keys
 * (with the right spelling when only the case differs), keys written twice, and required keys that are missing,
 * not reported again when their absence is already explained (a miscased {@code Stage:}, say).
 */
final class YamlKeys {
    private final String file;
    private final List<MappingProblem> problems;
    /** Keys whose absence from a mapping is already explained by another problem. */
    private final Map<MappingNode, List<String>> explained = new HashMap<>();

    YamlKeys(String file, List<MappingProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The mapping's keys in order; a key written twice or not among {@code known} is a problem. */
    Map<String, NodeTuple> entries(MappingNode map, String path, List<String> known) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(problem(tuple.getKeyNode(), path, "a key must be a plain word such as "
                        + String.join(" or ", known)));
                continue;
            }
            String key = keyNode.getValue();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (!known.contains(key)) {
                String hint = known.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()
                        .map(k -> {
                            explain(map, List.of(k));
                            return " (did you mean '" + k + "'? keys are case-sensitive)";
                        }).orElse("");
                problems.add(problem(keyNode, keyPath, "unknown key '" + key + "'" + hint + "; known: "
                        + String.join(", ", known)));
                continue;
            }
            if (entries.putIfAbsent(key, tuple) != null) {
                problems.add(problem(keyNode, keyPath, "'" + key + "' is written twice"));
            }
        }
        return entries;
    }

    /** Marks keys of {@code owner} whose absence another problem already explains. */
    void explain(MappingNode owner, List<String> keys) {
        explained.computeIfAbsent(owner, m -> new ArrayList<>()).addAll(keys);
    }

    /** Reports a required key as missing, unless its absence is already explained. */
    void missing(MappingNode owner, String path, String message) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        if (!explained.getOrDefault(owner, List.of()).contains(key)) {
            problems.add(problem(owner, path, message));
        }
    }

    MappingProblem problem(Node node, String path, String message) {
        return new MappingProblem(file, MappingYaml.line(node), path, message);
    }
}
