package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
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
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a touchpoint mapping file ({@code mappings/salesforce-case.yaml}), checking everything an admin can
 * get wrong and reporting all of it at once, each problem with file, line and path ({@code rules[1].channel.map.Web};
 * indexes count from 0). Every word (constants, every {@code map} value, every {@code default}) is checked
 * against the {@link Vocabulary}; given {@link SourceFields}, the object against what the routes pull and every
 * field named against that object's fields. Rules that can never fire are reported ({@link Reachability}).
 *
 * <pre>
 * source: salesforce                     # salesforce, zendesk or mailchimp
 * object: Case                           # the record type in that system
 * reference: false                       # optional; true: reference data, no customer/link/skip/rules
 * customer:                              # required unless reference; tried in order (CustomerLink.Kind keys)
 *   - contact: ContactId
 *   - account: AccountId
 * link: { salesforce: Id }               # optional; or {salesforce: {object: Case, id: CaseId}},
 *                                        # {zendesk-ticket: id}, {mailchimp-campaign: campaign_id}
 * skip: { field: Status, equals: Merged } # optional condition: records that are no journey moment
 * rules:                                 # every rule whose when holds makes one touchpoint
 *   - type: case-opened                  # lower case words joined by hyphens; unique in the file
 *     when: { field: Origin, exists: true }   # optional; see ConditionParser
 *     at: CreatedDate                    # the field holding the time (ISO), or
 *                                        # {field: created_at, plusMinutes: metric_set.reply_time_in_minutes.calendar}
 *     title: "Case {CaseNumber}: {Subject}"   # optional; {Field} placeholders, dotted allowed
 *     stage: service                     # a word, or {from: Field, map: {A: x}, default: y}
 *     channel: { from: Origin, map: { Phone: phone, Web: web }, default: web }
 *     department: support
 *     device: unknown                    # optional; the vocabulary's default device; a word, a lookup,
 *                                        # or a list of lookups tried in order, the last with the default
 *     sentiment: { from: Priority, map: { High: negative }, default: neutral }
 *     attributes:                        # optional; facts insight rules read, see AttributeParser
 *       priority: { from: Priority, map: { High: high }, default: normal }
 *       owner: OwnerId
 * </pre>
 */
public final class MappingLoader {

    private static final Pattern OBJECT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final List<String> TOP_KEYS = List.of("source", "object", "reference", "customer", "link", "skip",
            "rules");
    private static final List<String> LINK_PARENT_KEYS = List.of("object", "id");
    private static final List<String> AT_KEYS = List.of("field", "plusMinutes");
    private static final List<String> RULE_KEYS = List.of("type", "when", "at", "title", "stage", "channel",
            "department", "device", "sentiment", "attributes");
    private static final List<String> LOOKUP_KEYS = List.of("from", "map", "default");

    private final String file;
    private final Vocabulary vocabulary;
    /** The pulled objects and their fields; null to check no field names. */
    private final SourceFields sources;
    /** The fields of this file's object, once known; null while unknown or when not checked. */
    private KnownFields known;
    private final List<MappingProblem> problems = new ArrayList<>();
    private final YamlKeys keys;
    private final Map<String, Integer> types = new HashMap<>();

    private MappingLoader(String file, Vocabulary vocabulary, SourceFields sources) {
        this.file = file;
        this.keys = new YamlKeys(file, problems);
        this.vocabulary = vocabulary;
        this.sources = sources;
    }

    /** Loads and checks the file, without checking its object and field names; problems name it as given. */
    public static TouchpointMapping load(Path file, Vocabulary vocabulary) throws MappingException {
        return load(file, vocabulary, null);
    }

    /**
     * Loads and checks the file, its object against what the routes pull and every field it names against
     * that object's fields.
     *
     * @param sources the pulled objects and their fields; null to check no names
     */
    public static TouchpointMapping load(Path file, Vocabulary vocabulary, SourceFields sources)
            throws MappingException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(List.of(new MappingProblem(file.toString(), 0, "",
                    "cannot read the file: " + e)));
        }
        return parse(file.toString(), text, vocabulary, sources);
    }

    /** Checks YAML text as if read from {@code file}, without checking object and field names. */
    public static TouchpointMapping parse(String file, String text, Vocabulary vocabulary) throws MappingException {
        return parse(file, text, vocabulary, null);
    }

    /** Checks YAML text as if read from {@code file}; {@code sources} may be null (see {@link #load}). */
    public static TouchpointMapping parse(String file, String text, Vocabulary vocabulary, SourceFields sources)
            throws MappingException {
        return new MappingLoader(file, vocabulary, sources).parse(text);
    }

    private TouchpointMapping parse(String text) throws MappingException {
        Optional<Node> root = MappingYaml.read(file, text);
        if (root.isEmpty() || !(root.get() instanceof MappingNode rootMap)) {
            throw new MappingException(List.of(new MappingProblem(file, root.map(MappingYaml::line).orElse(0), "",
                    "the file is a mapping with source:, object:, customer: and rules: [...]")));
        }
        Map<String, NodeTuple> top = entries(rootMap, "", TOP_KEYS);

        Optional<Touchpoint.Source> source = text(top, rootMap, "", "source").flatMap(value -> {
            Optional<Touchpoint.Source> found = Arrays.stream(Touchpoint.Source.values())
                    .filter(s -> s.wireName().equals(value)).findFirst();
            if (found.isEmpty()) {
                problems.add(problem(top.get("source").getValueNode(), "source", "unknown source '" + value
                        + "'; known: " + Arrays.stream(Touchpoint.Source.values()).map(Touchpoint.Source::wireName)
                        .collect(Collectors.joining(", "))));
            }
            return found;
        });
        Optional<String> object = text(top, rootMap, "", "object").filter(value -> {
            boolean ok = OBJECT.matcher(value).matches();
            if (!ok) {
                problems.add(problem(top.get("object").getValueNode(), "object", "object '" + value
                        + "' may hold only letters, digits and underscores, e.g. Case or ticket"));
            }
            return ok;
        });
        if (sources != null && source.isPresent() && object.isPresent()) {
            Optional<String> unknownObject = sources.unknownObject(source.get(), object.get());
            unknownObject.ifPresent(message -> problems.add(problem(top.get("object").getValueNode(), "object",
                    message)));
            known = sources.fields(source.get(), object.get()).orElse(null);
        }
        Optional<Boolean> referenceFlag = reference(top.get("reference"), rootMap);
        boolean reference = referenceFlag.orElse(false);
        if (reference) {
            for (String key : List.of("customer", "link", "skip", "rules")) {
                NodeTuple entry = top.get(key);
                if (entry != null) {
                    problems.add(problem(entry.getKeyNode(), key, "a reference object makes no touchpoints, so it "
                            + "has no " + key + "; remove it, or remove reference: true"));
                }
            }
            if (!problems.isEmpty()) {
                throw new MappingException(problems);
            }
            return new TouchpointMapping(file, source.orElseThrow(), object.orElseThrow(), true, List.of(),
                    Optional.empty(), Optional.empty(), List.of());
        }

        List<CustomerLink> customer = customer(top.get("customer"), rootMap);
        Optional<LinkSpec> link = Optional.ofNullable(top.get("link"))
                .flatMap(entry -> link(entry.getValueNode(), source, object));
        Optional<Condition> skip = Optional.ofNullable(top.get("skip"))
                .flatMap(entry -> condition(entry.getValueNode(), "skip"));

        List<MappingRule> rules = new ArrayList<>();
        NodeTuple rulesEntry = top.get("rules");
        if (rulesEntry == null) {
            missing(rootMap, "rules", "rules is missing: a list of rules, each starting with '- type: ...' "
                    + "(or reference: true for an object that makes no touchpoints)");
        } else if (!(rulesEntry.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problems.add(problem(rulesEntry.getValueNode(), "rules",
                    "rules takes a list of at least one rule, each starting with '- type: ...'"));
        } else {
            List<Node> ruleNodes = list.getValue();
            for (int i = 0; i < ruleNodes.size(); i++) {
                rule(ruleNodes.get(i), "rules[" + i + "]").ifPresent(rules::add);
            }
            if (problems.isEmpty()) {
                unreachable(rules, ruleNodes, skip, top.get("skip"), source.orElseThrow());
            }
        }
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return new TouchpointMapping(file, source.orElseThrow(), object.orElseThrow(), false, customer, link, skip,
                rules);
    }

    /**
     * Reports rules that can never make a touchpoint: a {@code when} that can never hold, one that holds only
     * for records the file's {@code skip} drops, and a rule repeating an earlier one (same when, same
     * touchpoint but for its type). See {@link Reachability} for what is proven; anything unproven passes.
     */
    private void unreachable(List<MappingRule> rules, List<Node> nodes, Optional<Condition> skip, NodeTuple skipEntry,
                             Touchpoint.Source source) {
        // Salesforce fields are single values (parent records are maps of them); a Zendesk or Mailchimp field
        // is one only when the catalogue says it is no list, and nested parts of their maps may be lists.
        Reachability reachability = new Reachability(source == Touchpoint.Source.SALESFORCE
                ? field -> known == null || known.singleValued(field, true)
                : field -> known != null && known.singleValued(field, false));
        for (int i = 0; i < rules.size(); i++) {
            MappingRule rule = rules.get(i);
            Node node = nodes.get(i);
            String path = "rules[" + i + "]";
            Node whenNode = MappingYaml.get(node, "when").orElse(node);
            Optional<String> never = rule.when().flatMap(reachability::whyNever);
            if (never.isPresent()) {
                problems.add(problem(whenNode, path + ".when", "unreachable: " + never.get()));
                continue;
            }
            if (skip.isPresent()) {
                Condition notSkipped = new Condition.Not(skip.get());
                Condition reaching = rule.when().<Condition>map(w -> new Condition.All(List.of(w, notSkipped)))
                        .orElse(notSkipped);
                if (reachability.whyNever(reaching).isPresent()) {
                    problems.add(problem(whenNode, rule.when().isPresent() ? path + ".when" : path, "unreachable: "
                            + (rule.when().isPresent() ? "every record it matches" : "every record")
                            + " is dropped by skip (line " + MappingYaml.line(skipEntry.getKeyNode()) + ")"));
                    continue;
                }
            }
            for (int j = 0; j < i; j++) {
                MappingRule earlier = rules.get(j);
                if (earlier.when().equals(rule.when()) && sameTouchpoint(earlier, rule)) {
                    problems.add(problem(node, path, "unreachable as a rule of its own: it repeats rules[" + j
                            + "] (line " + MappingYaml.line(nodes.get(j)) + ", type " + earlier.type()
                            + ") with the same when, time, title, stage, channel, department, device and "
                            + "sentiment, so every record would get the same moment twice; remove one"));
                    break;
                }
            }
        }
    }

    private static boolean sameTouchpoint(MappingRule a, MappingRule b) {
        return a.at().equals(b.at()) && a.title().equals(b.title()) && a.stage().equals(b.stage())
                && a.channel().equals(b.channel()) && a.department().equals(b.department())
                && a.device().equals(b.device()) && a.sentiment().equals(b.sentiment());
    }

    /** {@code reference: true|false}; absent is false; empty when it is neither (already reported). */
    private Optional<Boolean> reference(NodeTuple entry, MappingNode rootMap) {
        if (entry == null) {
            return Optional.of(false);
        }
        Object value = entry.getValueNode() instanceof ScalarNode s ? ConditionParser.scalar(s) : null;
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        problems.add(problem(entry.getValueNode(), "reference", "reference takes true or false"));
        // Whether customer and rules are required is unknown, so their absence is not reported as well.
        keys.explain(rootMap, List.of("customer", "rules"));
        return Optional.empty();
    }

    /** {@code customer: [{contact: ContactId}, {account: AccountId}]}: required, at least one link. */
    private List<CustomerLink> customer(NodeTuple entry, MappingNode rootMap) {
        String known = Arrays.stream(CustomerLink.Kind.values()).map(CustomerLink.Kind::key)
                .collect(Collectors.joining(", "));
        if (entry == null) {
            missing(rootMap, "customer", "customer is missing: a list saying whose record it is, e.g. "
                    + "customer: [{contact: ContactId}, {account: AccountId}]; known kinds: " + known
                    + " (or reference: true for an object that makes no touchpoints)");
            return List.of();
        }
        if (!(entry.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problems.add(problem(entry.getValueNode(), "customer", "customer takes a list of at least one "
                    + "'- kind: Field', tried in order, e.g. '- contact: ContactId'; known kinds: " + known));
            return List.of();
        }
        List<CustomerLink> links = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String path = "customer[" + i + "]";
            if (!(item instanceof MappingNode map) || map.getValue().size() != 1
                    || !(map.getValue().get(0).getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(problem(item, path, "each customer entry is one 'kind: Field', e.g. "
                        + "'- contact: ContactId'; known kinds: " + known));
                continue;
            }
            String key = keyNode.getValue();
            Optional<CustomerLink.Kind> kind = CustomerLink.Kind.ofKey(key);
            if (kind.isEmpty()) {
                problems.add(problem(keyNode, path + "." + key, "unknown customer kind '" + key + "'"
                        + similar(key, Arrays.stream(CustomerLink.Kind.values())
                        .map(CustomerLink.Kind::key).toList()) + "; known: " + known));
            }
            Optional<FieldPath> field = fieldValue(map.getValue().get(0).getValueNode(), path + "." + key);
            if (kind.isPresent() && field.isPresent()) {
                CustomerLink link = new CustomerLink(kind.get(), field.get());
                if (links.contains(link)) {
                    problems.add(problem(keyNode, path, "'" + link + "' is listed twice"));
                } else {
                    links.add(link);
                }
            }
        }
        return links;
    }

    /**
     * {@code link: {zendesk-ticket: id}}, {@code {salesforce: Id}} (the file's own object), {@code {salesforce:
     * {object: Case, id: CaseId}}} or {@code {mailchimp-campaign: campaign_id}}.
     */
    private Optional<LinkSpec> link(Node node, Optional<Touchpoint.Source> source, Optional<String> object) {
        String known = Arrays.stream(LinkSpec.Kind.values()).map(LinkSpec.Kind::key).collect(Collectors.joining(", "));
        String shape = "link takes one of {zendesk-ticket: Field}, {salesforce: Field}, "
                + "{salesforce: {object: Object, id: Field}}, {mailchimp-campaign: Field}";
        if (!(node instanceof MappingNode map) || map.getValue().size() != 1
                || !(map.getValue().get(0).getKeyNode() instanceof ScalarNode keyNode)) {
            problems.add(problem(node, "link", shape));
            return Optional.empty();
        }
        String key = keyNode.getValue();
        String path = "link." + key;
        Node value = map.getValue().get(0).getValueNode();
        Optional<LinkSpec.Kind> kind = LinkSpec.Kind.ofKey(key);
        if (kind.isEmpty()) {
            problems.add(problem(keyNode, path, "unknown link kind '" + key + "'"
                    + similar(key, Arrays.stream(LinkSpec.Kind.values()).map(LinkSpec.Kind::key).toList())
                    + "; known: " + known));
            return Optional.empty();
        }
        if (kind.get() != LinkSpec.Kind.SALESFORCE) {
            return fieldValue(value, path).map(id -> new LinkSpec(kind.get(), null, id));
        }
        if (value instanceof ScalarNode) {
            Optional<FieldPath> id = fieldValue(value, path);
            if (source.isPresent() && source.get() != Touchpoint.Source.SALESFORCE) {
                problems.add(problem(value, path, "a " + source.get().wireName() + " record is not a Salesforce "
                        + "record; name the Salesforce object: {salesforce: {object: Case, id: Field}}"));
                return Optional.empty();
            }
            return id.flatMap(i -> object.map(o -> new LinkSpec(LinkSpec.Kind.SALESFORCE, o, i)));
        }
        if (!(value instanceof MappingNode parent)) {
            problems.add(problem(value, path, shape));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, NodeTuple> parts = entries(parent, path, LINK_PARENT_KEYS);
        Optional<String> parentObject = text(parts, parent, path, "object").filter(value2 -> {
            boolean ok = OBJECT.matcher(value2).matches();
            if (!ok) {
                problems.add(problem(parts.get("object").getValueNode(), path + ".object", "object '" + value2
                        + "' is a Salesforce object name such as Case or Opportunity"));
            }
            return ok;
        });
        Optional<FieldPath> id = text(parts, parent, path, "id")
                .flatMap(v -> field(parts.get("id").getValueNode(), path + ".id", v));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new LinkSpec(LinkSpec.Kind.SALESFORCE, parentObject.orElseThrow(), id.orElseThrow()));
    }

    private Optional<Condition> condition(Node node, String path) {
        return new ConditionParser(file, known).parse(node, path, problems);
    }

    /**
     * {@code at: Field}, or {@code at: {field: Field, plusMinutes: Field}} for a time given as minutes after
     * another (Zendesk's first reply).
     */
    private Optional<TimeSpec> at(Map<String, NodeTuple> entries, MappingNode owner, String path) {
        String atPath = path + ".at";
        NodeTuple entry = entries.get("at");
        if (entry == null) {
            missing(owner, atPath, "at is missing: the field holding when it happened, e.g. at: CreatedDate, or "
                    + "{field: created_at, plusMinutes: Field}");
            return Optional.empty();
        }
        Node node = entry.getValueNode();
        if (node instanceof ScalarNode) {
            return fieldValue(node, atPath).map(TimeSpec::of);
        }
        if (!(node instanceof MappingNode map)) {
            problems.add(problem(node, atPath, "at takes a field, or {field: Field, plusMinutes: Field}"));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, NodeTuple> parts = entries(map, atPath, AT_KEYS);
        Optional<FieldPath> field = text(parts, map, atPath, "field")
                .flatMap(v -> field(parts.get("field").getValueNode(), atPath + ".field", v));
        Optional<FieldPath> plus = Optional.empty();
        if (parts.containsKey("plusMinutes")) {
            plus = text(parts, map, atPath, "plusMinutes")
                    .flatMap(v -> field(parts.get("plusMinutes").getValueNode(), atPath + ".plusMinutes", v));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new TimeSpec(field.orElseThrow(), plus.orElse(null)));
    }

    /** A field name written as a plain value. */
    private Optional<FieldPath> fieldValue(Node node, String path) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL) || scalar.getValue().isBlank()) {
            problems.add(problem(node, path, "a field name is needed here, such as Id or via.channel"));
            return Optional.empty();
        }
        return field(node, path, scalar.getValue().strip());
    }

    /** " (did you mean 'x'?)" for a close spelling among {@code known}, else empty text. */
    private static String similar(String written, List<String> known) {
        return Spelling.closest(written, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    private Optional<MappingRule> rule(Node node, String path) {
        if (!(node instanceof MappingNode map)) {
            problems.add(problem(node, path, "a rule is a mapping with type, at, stage, channel, department, "
                    + "sentiment and optionally when, title, device, attributes"));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, NodeTuple> entries = entries(map, path, RULE_KEYS);
        Optional<String> type = text(entries, map, path, "type").filter(value -> {
            Node typeNode = entries.get("type").getValueNode();
            if (!TYPE.matcher(value).matches()) {
                problems.add(problem(typeNode, path + ".type", "type '" + value
                        + "' must be lower case words joined by hyphens, e.g. case-opened"));
                return false;
            }
            Integer first = types.putIfAbsent(value, MappingYaml.line(typeNode));
            if (first != null) {
                problems.add(problem(typeNode, path + ".type", "type '" + value + "' is already used on line "
                        + first + "; one record would get two touchpoints with the same key"));
                return false;
            }
            return true;
        });

        Optional<Condition> when = Optional.empty();
        NodeTuple whenEntry = entries.get("when");
        if (whenEntry != null) {
            when = condition(whenEntry.getValueNode(), path + ".when");
        }
        Optional<TimeSpec> at = at(entries, map, path);
        TitleTemplate title = TitleTemplate.empty();
        NodeTuple titleEntry = entries.get("title");
        if (titleEntry != null) {
            Node titleNode = titleEntry.getValueNode();
            if (titleNode instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
                try {
                    title = TitleTemplate.parse(scalar.getValue());
                    for (FieldPath placeholder : title.fields()) {
                        Optional<String> unknown = known == null ? Optional.empty() : known.problem(placeholder);
                        unknown.ifPresent(m -> problems.add(problem(titleNode, path + ".title", "{" + placeholder
                                + "}: " + m)));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(problem(titleNode, path + ".title", e.getMessage()));
                }
            } else {
                problems.add(problem(titleNode, path + ".title", "title takes a text such as \"Case {CaseNumber}\""));
            }
        }
        Optional<ValueSpec> stage = value(entries, map, path, "stage", vocabulary::requireStage);
        Optional<ValueSpec> channel = value(entries, map, path, "channel", vocabulary::requireChannel);
        Optional<ValueSpec> department = value(entries, map, path, "department", vocabulary::requireDepartment);
        Optional<ValueSpec> device = entries.containsKey("device")
                ? value(entries, map, path, "device", vocabulary::requireDevice)
                : Optional.of(new ValueSpec.Constant(vocabulary.defaultDevice()));
        Optional<ValueSpec> sentiment = value(entries, map, path, "sentiment", vocabulary::requireSentiment);
        Optional<Map<String, AttributeSpec>> attributes = Optional.ofNullable(entries.get("attributes"))
                .map(e -> new AttributeParser(file, known, problems).parse(e.getValueNode(), path + ".attributes"))
                .orElse(Optional.of(Map.of()));

        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new MappingRule(type.orElseThrow(), when, at.orElseThrow(), title, stage.orElseThrow(),
                channel.orElseThrow(), department.orElseThrow(), device.orElseThrow(), sentiment.orElseThrow(),
                attributes.orElseThrow()));
    }

    /** A word: a constant, or {@code {from, map, default}}; every word checked with {@code check}. */
    private Optional<ValueSpec> value(Map<String, NodeTuple> entries, MappingNode owner, String path, String key,
                                      Function<String, ?> check) {
        String keyPath = path + "." + key;
        NodeTuple entry = entries.get(key);
        if (entry == null) {
            missing(owner, keyPath, key + " is missing: one " + key + " name for every record, or "
                    + "{from: Field, map: {RecordValue: " + key + "}, default: " + key + "}");
            return Optional.empty();
        }
        Node node = entry.getValueNode();
        if (node instanceof ScalarNode) {
            return word(node, keyPath, key, check).map(ValueSpec.Constant::new);
        }
        if (node instanceof SequenceNode list) {
            return alternatives(list, keyPath, key, check);
        }
        if (!(node instanceof MappingNode map)) {
            problems.add(problem(node, keyPath, key + " takes a name, {from: Field, map: {...}, default: ...}, "
                    + "or a list of such lookups"));
            return Optional.empty();
        }
        return lookup(map, keyPath, key, check, true).map(ValueSpec.class::cast);
    }

    /**
     * A list of lookups tried in order ({@link ValueSpec.FirstOf}): each needs {@code from} and {@code map}; the
     * last one, and only the last, has the {@code default}, since a default on an earlier one would hide every
     * lookup after it.
     */
    private Optional<ValueSpec> alternatives(SequenceNode list, String keyPath, String key, Function<String, ?> check) {
        if (list.getValue().isEmpty()) {
            problems.add(problem(list, keyPath, key + " takes a list of lookups {from: Field, map: {...}}, the last "
                    + "with a default; the list is empty"));
            return Optional.empty();
        }
        int before = problems.size();
        List<ValueSpec.Lookup> lookups = new ArrayList<>();
        String fallback = null;
        for (int i = 0; i < list.getValue().size(); i++) {
            Node element = list.getValue().get(i);
            String elementPath = keyPath + "[" + i + "]";
            boolean last = i == list.getValue().size() - 1;
            if (!(element instanceof MappingNode map)) {
                problems.add(problem(element, elementPath, "each alternative is a lookup {from: Field, map: {...}}"
                        + (last ? " with a default" : "")));
                continue;
            }
            Optional<Node> earlyDefault = last ? Optional.empty() : map.getValue().stream().map(NodeTuple::getKeyNode)
                    .filter(k -> k instanceof ScalarNode scalar && scalar.getValue().equals("default")).findFirst();
            if (earlyDefault.isPresent()) {
                problems.add(problem(earlyDefault.get(), elementPath + ".default", "only the last alternative has a "
                        + "default: a default here would hide the alternatives after it"));
                continue;
            }
            Optional<ValueSpec.Lookup> lookup = lookup(map, elementPath, key, check, last);
            lookup.ifPresent(lookups::add);
            if (last && lookup.isPresent()) {
                fallback = lookup.get().fallback();
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        String dflt = fallback;
        return Optional.of(new ValueSpec.FirstOf(lookups.stream()
                .map(l -> new ValueSpec.Lookup(l.from(), l.table(), dflt)).toList(), dflt));
    }

    /** {@code {from: Field, map: {...}, default: word}}; {@code withDefault} false for an earlier alternative. */
    private Optional<ValueSpec.Lookup> lookup(MappingNode map, String keyPath, String key, Function<String, ?> check,
                                              boolean withDefault) {
        int before = problems.size();
        Map<String, NodeTuple> parts = entries(map, keyPath, withDefault ? LOOKUP_KEYS : List.of("from", "map"));
        Optional<FieldPath> from = text(parts, map, keyPath, "from")
                .flatMap(value -> field(parts.get("from").getValueNode(), keyPath + ".from", value));
        Map<String, String> table = new LinkedHashMap<>();
        NodeTuple mapEntry = parts.get("map");
        if (mapEntry == null) {
            missing(map, keyPath + ".map", "map is missing: record values and their " + key
                    + ", e.g. map: {Phone: phone}");
        } else if (!(mapEntry.getValueNode() instanceof MappingNode tableNode) || tableNode.getValue().isEmpty()) {
            problems.add(problem(mapEntry.getValueNode(), keyPath + ".map", "map takes a mapping of record values to "
                    + key + " names, e.g. {Phone: phone}"));
        } else {
            for (NodeTuple tuple : tableNode.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode recordValue)) {
                    problems.add(problem(tuple.getKeyNode(), keyPath + ".map", "a record value must be a plain value"));
                    continue;
                }
                String entryPath = keyPath + ".map." + recordValue.getValue();
                Optional<String> word = word(tuple.getValueNode(), entryPath, key, check);
                if (table.containsKey(recordValue.getValue())) {
                    problems.add(problem(recordValue, entryPath, "'" + recordValue.getValue() + "' is written twice"));
                } else {
                    word.ifPresent(w -> table.put(recordValue.getValue(), w));
                }
            }
        }
        Optional<String> fallback = Optional.empty();
        if (withDefault) {
            NodeTuple dflt = parts.get("default");
            if (dflt == null) {
                missing(map, keyPath + ".default", "default is missing: the " + key
                        + " when the field is missing or its value is not in map");
            } else {
                fallback = word(dflt.getValueNode(), keyPath + ".default", key, check);
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ValueSpec.Lookup(from.orElseThrow(), table, fallback.orElse(null)));
    }

    private Optional<String> word(Node node, String path, String kind, Function<String, ?> check) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            problems.add(problem(node, path, "a " + kind + " name is needed here"));
            return Optional.empty();
        }
        String value = scalar.getValue().strip();
        try {
            check.apply(value);
            return Optional.of(value);
        } catch (IllegalArgumentException e) {
            problems.add(problem(node, path, e.getMessage()));
            return Optional.empty();
        }
    }

    /** A field path, checked against the object's fields when they are known. */
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

    /** A required, non-empty text under {@code key}. */
    private Optional<String> text(Map<String, NodeTuple> entries, MappingNode owner, String path, String key) {
        String keyPath = path.isEmpty() ? key : path + "." + key;
        NodeTuple entry = entries.get(key);
        if (entry == null) {
            missing(owner, keyPath, key + " is missing");
            return Optional.empty();
        }
        Node value = entry.getValueNode();
        if (!(value instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)
                || scalar.getValue().isBlank()) {
            problems.add(problem(value instanceof ScalarNode ? entry.getKeyNode() : value, keyPath,
                    key + " takes a text" + (value instanceof ScalarNode ? "" : ", not a list or mapping")));
            return Optional.empty();
        }
        return Optional.of(scalar.getValue().strip());
    }

    /** The mapping's keys; a key written twice or not among {@code known} is a problem. */
    private Map<String, NodeTuple> entries(MappingNode map, String path, List<String> known) {
        return keys.entries(map, path, known);
    }

    /**
     * Reports a required key as missing, unless it is there in the wrong case ({@code Stage:}), which is already
     * reported as unknown with the right spelling.
     */
    private void missing(MappingNode owner, String path, String message) {
        keys.missing(owner, path, message);
    }

    private MappingProblem problem(Node node, String path, String message) {
        return keys.problem(node, path, message);
    }
}
