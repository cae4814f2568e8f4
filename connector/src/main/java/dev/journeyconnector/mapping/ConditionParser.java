package dev.journeyconnector.mapping;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the YAML of a {@code when:} into a {@link Condition}, checking everything an admin can get wrong
 * and reporting all of it at once, each problem with file, line and path ({@code when.all[2].regex};
 * list indexes count from 0).
 *
 * <pre>
 * when:
 *   all:                              # also any: [...], not: {...}
 *     - field: Origin                 # dotted for nested maps: via.channel, Account.Name
 *       in: [Phone, Web]
 *       ignoreCase: true              # for equals and in; exact by default
 *     - not: { field: IsClosed, equals: true }
 *     - field: Priority
 *       regex: "(?i)high|urgent"      # whole value must match
 *     - field: CreatedDate
 *       gte: "2026-01-01"             # gt, gte, lt, lte: numbers, ISO dates, else text
 *     - field: Email
 *       exists: true                  # not null, not empty
 * </pre>
 */
public final class ConditionParser {

    /** Operators of a field clause, in the order the error messages list them. */
    public static final List<String> OPERATORS = List.of("equals", "in", "regex", "exists", "gt", "gte", "lt", "lte");
    /** Operators that combine other conditions. */
    public static final List<String> COMBINATORS = List.of("all", "any", "not");

    private static final String FIELD = "field";
    private static final String IGNORE_CASE = "ignoreCase";

    private final String file;
    private final KnownFields knownFields;

    /** A parser that accepts any field name. */
    public ConditionParser(String file) {
        this(file, (KnownFields) null);
    }

    /**
     * @param file        the file name used in problems
     * @param knownFields the object's top-level fields (Salesforce describe, a vendor's documented fields), or
     *                    null to accept any; for a dotted path only the first segment is checked, since nested
     *                    maps (a parent record, Zendesk {@code via}) have fields of their own
     */
    public ConditionParser(String file, Set<String> knownFields) {
        this(file, knownFields == null ? null : KnownFields.of(knownFields));
    }

    /**
     * @param knownFields the fields of the object the condition tests, or null to accept any; messages name
     *                    its owner ({@code unknown field 'Orgin' for salesforce Case})
     */
    public ConditionParser(String file, KnownFields knownFields) {
        this.file = file;
        this.knownFields = knownFields;
    }

    /**
     * Parses a condition, or throws every problem in it.
     *
     * @param path where the node sits in its document, e.g. {@code rules[3].when}
     */
    public Condition parse(Node node, String path) throws MappingException {
        List<MappingProblem> problems = new ArrayList<>();
        Optional<Condition> condition = parse(node, path, problems);
        if (!problems.isEmpty() || condition.isEmpty()) {
            throw new MappingException(problems.isEmpty()
                    ? List.of(problem(node, path, "not a condition")) : problems);
        }
        return condition.get();
    }

    /**
     * Parses a condition, adding its problems to {@code problems} so a caller loading a whole file can report
     * them together with its own.
     *
     * @return the condition, or empty when it has problems
     */
    public Optional<Condition> parse(Node node, String path, List<MappingProblem> problems) {
        int before = problems.size();
        Optional<Condition> condition = clause(node, path, problems);
        return problems.size() == before ? condition : Optional.empty();
    }

    private Optional<Condition> clause(Node node, String path, List<MappingProblem> problems) {
        if (!(node instanceof MappingNode map) || map.getValue().isEmpty()) {
            problems.add(problem(node, path, "a condition is a mapping such as {field: Origin, equals: Web}, "
                    + "or one of all: [...], any: [...], not: {...}"));
            return Optional.empty();
        }
        Map<String, NodeTuple> entries = entries(map, path, problems);
        List<String> combinators = present(entries, COMBINATORS);
        List<String> operators = present(entries, OPERATORS);
        boolean unknownKeys = reportUnknownKeys(entries, path, problems);

        if (!combinators.isEmpty()) {
            List<String> others = new ArrayList<>(entries.keySet());
            others.remove(combinators.get(0));
            if (!others.isEmpty()) {
                problems.add(problem(map, path, "'" + combinators.get(0) + "' stands alone in its clause, but here it has "
                        + quoted(others) + "; put the other conditions inside it or in a list under all:"));
                return Optional.empty();
            }
            String name = combinators.get(0);
            return combinator(name, entries.get(name).getValueNode(), path + "." + name, problems);
        }
        if (operators.size() > 1) {
            problems.add(problem(map, path, "two operators in one clause (" + String.join(", ", operators)
                    + "); write each as its own clause under all:"));
            return Optional.empty();
        }
        if (operators.isEmpty()) {
            if (!unknownKeys) {
                problems.add(problem(map, path, "no operator; add one of " + String.join(", ", OPERATORS)));
            }
            return Optional.empty();
        }
        String operator = operators.get(0);
        Optional<FieldPath> field = field(entries.get(FIELD), map, operator, path, problems);
        boolean ignoreCase = ignoreCase(entries.get(IGNORE_CASE), operator, path, problems);
        Node value = entries.get(operator).getValueNode();
        Optional<Condition> condition = field.flatMap(f -> operator(f, operator, value, ignoreCase,
                path + "." + operator, problems));
        return unknownKeys ? Optional.empty() : condition;
    }

    /** The clause's keys in order; a key written twice is a problem, since YAML would silently keep one. */
    private Map<String, NodeTuple> entries(MappingNode map, String path, List<MappingProblem> problems) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.add(problem(tuple.getKeyNode(), path, "a key must be a plain word such as field or equals"));
                continue;
            }
            if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                problems.add(problem(key, path + "." + key.getValue(), "'" + key.getValue() + "' is written twice"));
            }
        }
        return entries;
    }

    private static List<String> present(Map<String, NodeTuple> entries, List<String> names) {
        return names.stream().filter(entries::containsKey).toList();
    }

    private boolean reportUnknownKeys(Map<String, NodeTuple> entries, String path, List<MappingProblem> problems) {
        boolean any = false;
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (key.equals(FIELD) || key.equals(IGNORE_CASE) || OPERATORS.contains(key) || COMBINATORS.contains(key)) {
                continue;
            }
            any = true;
            problems.add(problem(entry.getValue().getKeyNode(), path + "." + key, "unknown operator '" + key + "'"
                    + suggestion(key) + "; known: field, ignoreCase, " + String.join(", ", OPERATORS) + ", "
                    + String.join(", ", COMBINATORS)));
        }
        return any;
    }

    private static String suggestion(String key) {
        List<String> all = new ArrayList<>(OPERATORS);
        all.addAll(COMBINATORS);
        all.add(FIELD);
        all.add(IGNORE_CASE);
        String lower = key.toLowerCase(Locale.ROOT);
        return all.stream()
                .filter(k -> k.equalsIgnoreCase(key) || lower.startsWith(k.toLowerCase(Locale.ROOT))
                        || k.toLowerCase(Locale.ROOT).startsWith(lower))
                .findFirst().map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    private Optional<Condition> combinator(String name, Node value, String path, List<MappingProblem> problems) {
        if (name.equals("not")) {
            if (value instanceof SequenceNode) {
                problems.add(problem(value, path, "not takes one condition; to exclude several write not: {any: [...]}"));
                return Optional.empty();
            }
            return clause(value, path, problems).map(Condition.Not::new);
        }
        if (!(value instanceof SequenceNode list)) {
            problems.add(problem(value, path, name + " takes a list of conditions, each starting with '- '"));
            return Optional.empty();
        }
        if (list.getValue().isEmpty()) {
            problems.add(problem(value, path, name + " needs at least one condition"));
            return Optional.empty();
        }
        List<Condition> parts = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < list.getValue().size(); i++) {
            // Every item is parsed even after a broken one, so all mistakes surface in one run.
            Optional<Condition> part = clause(list.getValue().get(i), path + "[" + i + "]", problems);
            part.ifPresent(parts::add);
            complete &= part.isPresent();
        }
        if (!complete) {
            return Optional.empty();
        }
        return Optional.of(name.equals("all") ? new Condition.All(parts) : new Condition.Any(parts));
    }

    private Optional<FieldPath> field(NodeTuple entry, MappingNode clause, String operator, String path,
                                      List<MappingProblem> problems) {
        if (entry == null) {
            problems.add(problem(clause, path, operator + " needs the field it tests: field: <name>"));
            return Optional.empty();
        }
        Node node = entry.getValueNode();
        String fieldPath = path + "." + FIELD;
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problems.add(problem(node, fieldPath, "field takes a name such as Origin or via.channel"));
            return Optional.empty();
        }
        FieldPath field;
        try {
            field = FieldPath.of(scalar.getValue());
        } catch (IllegalArgumentException e) {
            problems.add(problem(node, fieldPath, e.getMessage()));
            return Optional.empty();
        }
        Optional<String> unknown = knownFields == null ? Optional.empty() : knownFields.problem(field);
        if (unknown.isPresent()) {
            problems.add(problem(node, fieldPath, unknown.get()));
            return Optional.empty();
        }
        return Optional.of(field);
    }

    private boolean ignoreCase(NodeTuple entry, String operator, String path, List<MappingProblem> problems) {
        if (entry == null) {
            return false;
        }
        Node node = entry.getValueNode();
        Object value = node instanceof ScalarNode s ? scalar(s) : null;
        if (!(value instanceof Boolean b)) {
            problems.add(problem(node, path + "." + IGNORE_CASE, "ignoreCase takes true or false"));
            return false;
        }
        if (!operator.equals("equals") && !operator.equals("in")) {
            problems.add(problem(entry.getKeyNode(), path + "." + IGNORE_CASE, "ignoreCase applies to equals and in"
                    + (operator.equals("regex") ? "; for a regex start it with (?i)" : "")));
        }
        return b;
    }

    private Optional<Condition> operator(FieldPath field, String operator, Node value, boolean ignoreCase,
                                         String path, List<MappingProblem> problems) {
        return switch (operator) {
            case "equals" -> oneValue(value, path, "equals takes one value; for several write in: [a, b]", problems)
                    .map(v -> new Condition.Equals(field, v, ignoreCase));
            case "in" -> values(value, path, problems).map(v -> new Condition.In(field, v, ignoreCase));
            case "regex" -> regex(value, path, problems).map(p -> new Condition.Regex(field, p));
            case "exists" -> {
                Object flag = value instanceof ScalarNode s ? scalar(s) : null;
                if (flag instanceof Boolean b) {
                    yield Optional.of(new Condition.Exists(field, b));
                }
                problems.add(problem(value, path, "exists takes true or false"));
                yield Optional.empty();
            }
            default -> comparison(field, operator, value, path, problems);
        };
    }

    private Optional<Object> oneValue(Node node, String path, String notScalar, List<MappingProblem> problems) {
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(problem(node, path, notScalar));
            return Optional.empty();
        }
        Object value = scalar(scalar);
        if (value == null) {
            problems.add(problem(node, path, "a value is required; to test for a missing field write exists: false"));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private Optional<List<Object>> values(Node node, String path, List<MappingProblem> problems) {
        if (!(node instanceof SequenceNode list)) {
            problems.add(problem(node, path, "in takes a list, e.g. in: [Phone, Web]"));
            return Optional.empty();
        }
        if (list.getValue().isEmpty()) {
            problems.add(problem(node, path, "in needs at least one value"));
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            oneValue(list.getValue().get(i), path + "[" + i + "]", "a value of in is a single word, number or date",
                    problems).ifPresent(values::add);
        }
        return values.size() == list.getValue().size() ? Optional.of(values) : Optional.empty();
    }

    private Optional<Pattern> regex(Node node, String path, List<MappingProblem> problems) {
        Optional<Object> value = oneValue(node, path, "regex takes one pattern, e.g. regex: \"(?i)high|urgent\"", problems);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = ((ScalarNode) node).getValue();
        try {
            // Compiled once here, not per record.
            return Optional.of(Pattern.compile(text));
        } catch (PatternSyntaxException e) {
            problems.add(problem(node, path, "invalid regex \"" + text + "\": " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")));
            return Optional.empty();
        }
    }

    private Optional<Condition> comparison(FieldPath field, String operator, Node node, String path,
                                           List<MappingProblem> problems) {
        Condition.Comparison op = Condition.Comparison.valueOf(operator.toUpperCase(Locale.ROOT));
        String notScalar = operator + " compares with one number, date or text, not a "
                + (node instanceof SequenceNode ? "list" : "mapping");
        Optional<Object> bound = oneValue(node, path, notScalar, problems);
        if (bound.isPresent() && bound.get() instanceof Boolean) {
            problems.add(problem(node, path, operator + " compares numbers, dates or text; for true/false use equals"));
            return Optional.empty();
        }
        if (bound.isPresent() && bound.get() instanceof String text && looksLikeDate(text)
                && Values.moment(text).isEmpty()) {
            // Otherwise it silently compares as text against no date at all and never fires.
            problems.add(problem(node, path, "'" + text + "' looks like a date but is not one; write 2026-01-31 "
                    + "or 2026-01-31T09:00:00Z"));
            return Optional.empty();
        }
        return bound.map(b -> new Condition.Compare(field, op, b));
    }

    private static boolean looksLikeDate(String text) {
        return text.matches("\\d{4}-\\d{1,2}-\\d{1,2}.*");
    }

    /**
     * A scalar as a value: numbers as BigDecimal, true/false as Boolean, null as null, anything else as text.
     * SnakeYAML resolves plain scalars by YAML 1.1, where yes/no/on/off are booleans too; we take those as
     * text (as YAML 1.2 does), or {@code in: [NO, SE]} (country codes) would silently become booleans.
     */
    static Object scalar(ScalarNode node) {
        Tag tag = node.getTag();
        String text = node.getValue();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            String lower = text.toLowerCase(Locale.ROOT);
            return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : text;
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            try {
                return new BigDecimal(text.replace("_", ""));
            } catch (NumberFormatException e) {
                return text; // 0x1F, .inf: no record value is written that way
            }
        }
        return text;
    }

    private MappingProblem problem(Node node, String path, String message) {
        return new MappingProblem(file, MappingYaml.line(node), path, message);
    }

    private static String quoted(List<String> keys) {
        return String.join(", ", keys.stream().map(k -> "'" + k + "'").toList());
    }
}
