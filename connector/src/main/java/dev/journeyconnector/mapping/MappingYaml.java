package dev.journeyconnector.mapping;

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

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * Reads a mapping file into SnakeYAML's node tree. We keep nodes rather than Jackson's {@code JsonNode}
 * because every node carries its start {@link Mark} (line and column), so a problem found while interpreting
 * the tree still points at its line; a {@code JsonNode} has lost locations, and re-deriving them from a
 * Jackson {@code JsonParser} means building a located tree of our own. SnakeYAML is already on the class path
 * as the engine under jackson-dataformat-yaml. Composing only builds nodes: no objects are constructed from
 * tags, so a mapping file cannot instantiate classes.
 */
public final class MappingYaml {

    private MappingYaml() {
    }

    /**
     * @param file a name for messages, e.g. {@code mappings/zendesk.yaml}
     * @return the document's root node, or empty for an empty document
     * @throws MappingException when the text is not YAML, with the line the parser stopped at
     */
    public static Optional<Node> read(String file, String text) throws MappingException {
        LoaderOptions options = new LoaderOptions();
        try {
            return Optional.ofNullable(new Yaml(new SafeConstructor(options)).compose(new StringReader(text)));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = "not valid YAML: " + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : "");
            throw new MappingException(List.of(new MappingProblem(file, line(mark), "", message)));
        } catch (YAMLException e) {
            throw new MappingException(List.of(new MappingProblem(file, 0, "", "not valid YAML: " + e.getMessage())));
        }
    }

    /** The 1-based line a node starts on (SnakeYAML counts from 0), 0 when unknown. */
    public static int line(Node node) {
        return node == null ? 0 : line(node.getStartMark());
    }

    private static int line(Mark mark) {
        return mark == null ? 0 : mark.getLine() + 1;
    }

    /** The value under a plain key of a mapping node, or empty when the node is no mapping or lacks the key. */
    public static Optional<Node> get(Node node, String key) {
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return Optional.of(tuple.getValueNode());
                }
            }
        }
        return Optional.empty();
    }
}
