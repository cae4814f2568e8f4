package dev.journeyconnector.mapping;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a rule's {@code attributes:}, adding every problem to the file's list with its line and path
 * ({@code rules[0].attributes.priority.map.High}), like the rest of the mapping file.
 *
 * <pre>
 * attributes:                                   # optional; names are lower case words joined by hyphens
 *   owner: OwnerId                              # a field, copied as text (dotted allowed)
 *   priority: { from: Priority, map: { High: high, Medium: normal }, default: normal }
 *   internal: { value: "true" }                 # a fixed value
 *   opportunity: { from: WhatId, when: { field: WhatId, regex: "006.*" } }   # only when the condition holds
 *   status:                                     # alternatives, the first that gives a value wins
 *     - { value: closed, when: { field: IsClosed, equals: true } }
 *     - { from: Status, map: { New: open, Closed: closed }, default: open }
 * </pre>
 */
final class AttributeParser {

    /** The shape of an attribute name, as of a touchpoint type: {@code stage-name}, {@code from-owner}. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final List<String> KEYS = List.of("from", "map", "default", "value", "when");
    private static final String FORMS = "a field (owner: OwnerId), {from: Field, map: {RecordValue: value}, "
            + "default: value}, {value: text}, each optionally with when: {condition}, or a list of those";

    private final String file;
    private final KnownFields known;
    private final List<MappingProblem> problems;

    /**
     * @param known    the fields of the file's object, or null to accept any
     * @param problems the file's problems; this parser adds to them
     */
    AttributeParser(String file, KnownFields known, List<MappingProblem> problems) {
        this.file = file;
        this.known = known;
        this.problems = problems;
    }

    /** The attributes in file order, or empty when any of them has a problem (all of them reported). */
    Optional<Map<String, AttributeSpec>> parse(Node node, String path) {
        if (!(node instanceof MappingNode map) || map.getValue().isEmpty()) {
            problems.add(problem(node, path, "attributes takes a mapping of names to values, e.g. "
                    + "{owner: OwnerId, internal: {value: \"true\"}}"));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, AttributeSpec> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getTag().equals(Tag.NULL)) {
                problems.add(problem(tuple.getKeyNode(), path, "an attribute name is a plain word such as priority"));
                continue;
            }
            String name = keyNode.getValue();
            String namePath = path + "." + name;
            if (!NAME.matcher(name).matches()) {
                problems.add(problem(keyNode, namePath, "attribute name '" + name
                        + "' must be lower case words joined by hyphens, e.g. stage-name"));
                continue;
            }
            Integer first = lines.putIfAbsent(name, MappingYaml.line(keyNode));
            if (first != null) {
                problems.add(problem(keyNode, namePath, "'" + name + "' is written twice (first on line " + first + ")"));
                continue;
            }
            spec(tuple.getValueNode(), namePath, true).ifPresent(spec -> out.put(name, spec));
        }
        return problems.size() > before ? Optional.empty() : Optional.of(out);
    }

    private Optional<AttributeSpec> spec(Node node, String path, boolean listAllowed) {
        if (node instanceof ScalarNode scalar) {
            if (scalar.getTag().equals(Tag.NULL) || scalar.getValue().isBlank()) {
                problems.add(problem(node, path, "an attribute takes " + FORMS));
                return Optional.empty();
            }
            return field(node, path, scalar.getValue().strip())
                    .map(f -> new AttributeSpec.Copy(f, Optional.empty(), Optional.empty()));
        }
        if (node instanceof SequenceNode list) {
            if (!listAllowed || list.getValue().isEmpty()) {
                problems.add(problem(node, path, listAllowed ? "a list of alternatives needs at least one"
                        : "an alternative is a field or a mapping, not another list"));
                return Optional.empty();
            }
            int before = problems.size();
            List<AttributeSpec> alternatives = new ArrayList<>();
            for (int i = 0; i < list.getValue().size(); i++) {
                spec(list.getValue().get(i), path + "[" + i + "]", false).ifPresent(alternatives::add);
            }
            return problems.size() > before ? Optional.empty() : Optional.of(new AttributeSpec.FirstOf(alternatives));
        }
        if (!(node instanceof MappingNode map)) {
            problems.add(problem(node, path, "an attribute takes " + FORMS));
            return Optional.empty();
        }
        return form(map, path);
    }

    private Optional<AttributeSpec> form(MappingNode map, String path) {
        int before = problems.size();
        Map<String, NodeTuple> parts = entries(map, path);
        Optional<Condition> when = Optional.ofNullable(parts.get("when"))
                .flatMap(e -> new ConditionParser(file, known).parse(e.getValueNode(), path + ".when", problems));
        if (parts.containsKey("value")) {
            for (String other : List.of("from", "map", "default")) {
                if (parts.containsKey(other)) {
                    problems.add(problem(parts.get(other).getKeyNode(), path + "." + other, "value is fixed, so "
                            + other + " has no use beside it; write {value: text} or {from: Field, ...}"));
                }
            }
            Optional<String> value = text(parts.get("value").getValueNode(), path + ".value");
            return problems.size() > before ? Optional.empty()
                    : Optional.of(new AttributeSpec.Fixed(value.orElseThrow(), when));
        }
        NodeTuple fromEntry = parts.get("from");
        if (fromEntry == null) {
            if (problems.size() == before) {
                problems.add(problem(map, path, "from or value is missing; an attribute takes " + FORMS));
            }
            return Optional.empty();
        }
        Node fromNode = fromEntry.getValueNode();
        Optional<FieldPath> from = Optional.empty();
        if (fromNode instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) && !s.getValue().isBlank()) {
            from = field(fromNode, path + ".from", s.getValue().strip());
        } else {
            problems.add(problem(fromNode, path + ".from", "from takes a field name such as Priority"));
        }
        Optional<String> fallback = Optional.ofNullable(parts.get("default"))
                .flatMap(e -> text(e.getValueNode(), path + ".default"));
        Map<String, String> table = new LinkedHashMap<>();
        NodeTuple mapEntry = parts.get("map");
        if (mapEntry != null) {
            table(mapEntry.getValueNode(), path + ".map", table);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(mapEntry == null ? new AttributeSpec.Copy(from.orElseThrow(), fallback, when)
                : new AttributeSpec.Lookup(from.orElseThrow(), table, fallback, when));
    }

    private void table(Node node, String path, Map<String, String> table) {
        if (!(node instanceof MappingNode tableNode) || tableNode.getValue().isEmpty()) {
            problems.add(problem(node, path, "map takes a mapping of record values to attribute values, "
                    + "e.g. {High: high}"));
            return;
        }
        for (NodeTuple tuple : tableNode.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode recordValue) || recordValue.getTag().equals(Tag.NULL)) {
                problems.add(problem(tuple.getKeyNode(), path, "a record value must be a plain value"));
                continue;
            }
            String entryPath = path + "." + recordValue.getValue();
            Optional<String> value = text(tuple.getValueNode(), entryPath);
            if (table.containsKey(recordValue.getValue())) {
                problems.add(problem(recordValue, entryPath, "'" + recordValue.getValue() + "' is written twice"));
            } else {
                value.ifPresent(v -> table.put(recordValue.getValue(), v));
            }
        }
    }

    /** An attribute value written in the file: plain non-empty text ({@code true} and {@code 5} are text too). */
    private Optional<String> text(Node node, String path) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL) || scalar.getValue().isBlank()) {
            problems.add(problem(node, path, "an attribute value is a plain, non-empty text such as high or \"true\""));
            return Optional.empty();
        }
        return Optional.of(scalar.getValue().strip());
    }

    private Optional<FieldPath> field(Node node, String path, String value) {
        FieldPath field;
        try {
            field = FieldPath.of(value);
        } catch (IllegalArgumentException e) {
            problems.add(problem(node, path, e.getMessage()));
            return Optional.empty();
        }
        Optional<String> unknown = known == null ? Optional.empty() : known.problem(field);
        unknown.ifPresent(message -> problems.add(problem(node, path, message)));
        return unknown.isPresent() ? Optional.empty() : Optional.of(field);
    }

    /** The form's keys; an unknown key or one written twice is a problem. */
    private Map<String, NodeTuple> entries(MappingNode map, String path) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(problem(tuple.getKeyNode(), path, "a key must be a plain word such as "
                        + String.join(" or ", KEYS)));
                continue;
            }
            String key = keyNode.getValue();
            if (!KEYS.contains(key)) {
                String hint = Spelling.closest(key, KEYS).map(k -> " (did you mean '" + k + "'?)").orElse("");
                problems.add(problem(keyNode, path + "." + key, "unknown key '" + key + "'" + hint + "; known: "
                        + String.join(", ", KEYS)));
                continue;
            }
            if (entries.putIfAbsent(key, tuple) != null) {
                problems.add(problem(keyNode, path + "." + key, "'" + key + "' is written twice"));
            }
        }
        return entries;
    }

    private MappingProblem problem(Node node, String path, String message) {
        return new MappingProblem(file, MappingYaml.line(node), path, message);
    }
}
