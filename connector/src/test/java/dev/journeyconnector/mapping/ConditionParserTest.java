package dev.journeyconnector.mapping;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The YAML syntax of conditions and the problems an admin sees for each kind of mistake. */
class ConditionParserTest {

    private static final Set<String> CASE_FIELDS = Set.of("Origin", "Priority", "CreatedDate", "Status", "IsClosed",
            "Account", "via");

    private static Node whenNode(String yaml) throws MappingException {
        Node root = MappingYaml.read("mappings/cases.yaml", yaml).orElseThrow();
        return MappingYaml.get(root, "when").orElseThrow();
    }

    private static List<MappingProblem> problems(String yaml, Set<String> knownFields) throws MappingException {
        List<MappingProblem> problems = new ArrayList<>();
        Node when = whenNode(yaml);
        assertThat(new ConditionParser("mappings/cases.yaml", knownFields).parse(when, "when", problems)).isEmpty();
        return problems;
    }

    private static List<String> problems(String yaml) throws MappingException {
        return problems(yaml, null).stream().map(MappingProblem::toString).toList();
    }

    @Test
    void parsesTheDocumentedExample() throws MappingException {
        Condition c = new ConditionParser("mappings/cases.yaml", CASE_FIELDS).parse(whenNode("""
                when:
                  all:
                    - field: Origin
                      in: [Phone, Web]
                    - field: via.channel
                      equals: chat
                    - not: { field: IsClosed, equals: true }
                    - field: Priority
                      regex: "(?i)high|urgent"
                    - field: CreatedDate
                      gte: "2026-01-01"
                """), "when");

        assertThat(c).isInstanceOf(Condition.All.class);
        List<Condition> parts = ((Condition.All) c).conditions();
        assertThat(parts).hasSize(5);
        assertThat(parts.get(0)).isEqualTo(new Condition.In(FieldPath.of("Origin"), List.of("Phone", "Web"), false));
        assertThat(parts.get(1)).isEqualTo(new Condition.Equals(FieldPath.of("via.channel"), "chat", false));
        assertThat(parts.get(2)).isEqualTo(new Condition.Not(new Condition.Equals(FieldPath.of("IsClosed"), true, false)));
        assertThat(parts.get(3)).isInstanceOf(Condition.Regex.class);
        assertThat(parts.get(4)).isEqualTo(new Condition.Compare(FieldPath.of("CreatedDate"),
                Condition.Comparison.GTE, "2026-01-01"));
    }

    @Test
    void reportsEveryMistakeOfABrokenFileAtOnceWithLinesAndPaths() throws MappingException {
        String yaml = """
                when:
                  all:
                    - field: Origin
                      in: Phone
                    - field: via.channel
                      equals: chat
                      in: [chat]
                    - field: Priority
                      regex: "(?i)high|urgent("
                    - field: CreatedDate
                      gte: [2026-01-01]
                    - any: []
                    - field: Status
                      equal: closed
                    - field: origin
                      equals: Web
                """;

        List<MappingProblem> problems = problems(yaml, CASE_FIELDS);

        assertThat(problems).extracting(MappingProblem::line, MappingProblem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, "when.all[0].in"),
                org.assertj.core.groups.Tuple.tuple(5, "when.all[1]"),
                org.assertj.core.groups.Tuple.tuple(9, "when.all[2].regex"),
                org.assertj.core.groups.Tuple.tuple(11, "when.all[3].gte"),
                org.assertj.core.groups.Tuple.tuple(12, "when.all[4].any"),
                org.assertj.core.groups.Tuple.tuple(14, "when.all[5].equal"),
                org.assertj.core.groups.Tuple.tuple(15, "when.all[6].field"));
        assertThat(problems).extracting(MappingProblem::message).satisfiesExactly(
                m -> assertThat(m).isEqualTo("in takes a list, e.g. in: [Phone, Web]"),
                m -> assertThat(m).startsWith("two operators in one clause (equals, in)"),
                m -> assertThat(m).startsWith("invalid regex \"(?i)high|urgent(\": Unclosed group"),
                m -> assertThat(m).isEqualTo("gte compares with one number, date or text, not a list"),
                m -> assertThat(m).isEqualTo("any needs at least one condition"),
                m -> assertThat(m).startsWith("unknown operator 'equal' (did you mean 'equals'?)"),
                m -> assertThat(m).startsWith("unknown field 'origin' (did you mean 'Origin'?"));

        assertThatThrownBy(() -> new ConditionParser("mappings/cases.yaml", CASE_FIELDS).parse(whenNode(yaml), "when"))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> {
                    String[] lines = e.getMessage().split("\n");
                    assertThat(lines).hasSize(7);
                    assertThat(lines[0]).isEqualTo("mappings/cases.yaml:4 when.all[0].in: in takes a list, e.g. in: [Phone, Web]");
                    assertThat(lines[2]).startsWith("mappings/cases.yaml:9 when.all[2].regex: invalid regex");
                    assertThat(((MappingException) e).problems()).hasSize(7);
                });
    }

    @Test
    void knownFieldsCheckOnlyTheFirstSegmentOfAPath() throws MappingException {
        String yaml = """
                when:
                  all:
                    - { field: Account.Whatever, exists: true }
                    - { field: Acount.Name, exists: true }
                """;
        assertThat(problems(yaml, CASE_FIELDS)).extracting(MappingProblem::toString).containsExactly(
                "mappings/cases.yaml:4 when.all[1].field: unknown field 'Acount' (did you mean 'Account'?)");
    }

    @Test
    void anUnknownFieldWithNothingCloseListsTheKnownOnes() throws MappingException {
        assertThat(problems("when: {field: Shoe_Size__c, gt: 40}", CASE_FIELDS)).extracting(MappingProblem::toString)
                .containsExactly("mappings/cases.yaml:1 when.field: unknown field 'Shoe_Size__c'; known: "
                        + "Account, CreatedDate, IsClosed, Origin, Priority, Status, via");
    }

    @Test
    void messagesNameTheObjectTheFieldsBelongTo() throws MappingException {
        KnownFields cases = new KnownFields("salesforce Case", CASE_FIELDS, Set.of(), null);
        List<MappingProblem> problems = new ArrayList<>();
        assertThat(new ConditionParser("mappings/cases.yaml", cases).parse(whenNode("when: {field: Orgin, equals: Web}"),
                "when", problems)).isEmpty();
        assertThat(problems).extracting(MappingProblem::toString).containsExactly(
                "mappings/cases.yaml:1 when.field: unknown field 'Orgin' for salesforce Case (did you mean 'Origin'?)");
    }

    @Test
    void withoutKnownFieldsAnyNameIsAccepted() throws MappingException {
        assertThat(new ConditionParser("x.yaml").parse(whenNode("when: {field: Anything.at.all, exists: true}"), "when"))
                .isEqualTo(new Condition.Exists(FieldPath.of("Anything.at.all"), true));
    }

    @Test
    void aConditionMustBeAMapping() throws MappingException {
        assertThat(problems("when: Origin == Web")).containsExactly(
                "mappings/cases.yaml:1 when: a condition is a mapping such as {field: Origin, equals: Web}, "
                        + "or one of all: [...], any: [...], not: {...}");
    }

    @Test
    void combinatorsTakeTheRightShape() throws MappingException {
        assertThat(problems("""
                when:
                  any:
                    - all: { field: Origin, equals: Web }
                    - not: [ { field: Origin, equals: Web } ]
                    - all:
                """)).containsExactly(
                "mappings/cases.yaml:3 when.any[0].all: all takes a list of conditions, each starting with '- '",
                "mappings/cases.yaml:4 when.any[1].not: not takes one condition; to exclude several write not: {any: [...]}",
                "mappings/cases.yaml:5 when.any[2].all: all takes a list of conditions, each starting with '- '");
    }

    @Test
    void aCombinatorStandsAloneInItsClause() throws MappingException {
        assertThat(problems("""
                when:
                  field: Origin
                  all: [ { field: Status, equals: New } ]
                """)).singleElement().asString()
                .startsWith("mappings/cases.yaml:2 when: 'all' stands alone in its clause, but here it has 'field'");
    }

    @Test
    void aFieldClauseNeedsAFieldAndAnOperator() throws MappingException {
        assertThat(problems("""
                when:
                  all:
                    - equals: Web
                    - field: Origin
                    - field: "a..b"
                      equals: x
                    - field: [Origin]
                      equals: x
                """)).containsExactly(
                "mappings/cases.yaml:3 when.all[0]: equals needs the field it tests: field: <name>",
                "mappings/cases.yaml:4 when.all[1]: no operator; add one of equals, in, regex, exists, gt, gte, lt, lte",
                "mappings/cases.yaml:5 when.all[2].field: 'a..b' has an empty part between dots",
                "mappings/cases.yaml:7 when.all[3].field: field takes a name such as Origin or via.channel");
    }

    @Test
    void valuesHaveTheRightShape() throws MappingException {
        assertThat(problems("""
                when:
                  all:
                    - { field: Origin, equals: [Web, Phone] }
                    - { field: Origin, equals: null }
                    - { field: Origin, in: [] }
                    - { field: Origin, in: [Web, [Phone]] }
                    - { field: Email, exists: maybe }
                    - { field: Amount, lt: true }
                    - { field: Amount, gt: { value: 5 } }
                """)).containsExactly(
                "mappings/cases.yaml:3 when.all[0].equals: equals takes one value; for several write in: [a, b]",
                "mappings/cases.yaml:4 when.all[1].equals: a value is required; to test for a missing field write exists: false",
                "mappings/cases.yaml:5 when.all[2].in: in needs at least one value",
                "mappings/cases.yaml:6 when.all[3].in[1]: a value of in is a single word, number or date",
                "mappings/cases.yaml:7 when.all[4].exists: exists takes true or false",
                "mappings/cases.yaml:8 when.all[5].lt: lt compares numbers, dates or text; for true/false use equals",
                "mappings/cases.yaml:9 when.all[6].gt: gt compares with one number, date or text, not a mapping");
    }

    @Test
    void aDateBoundMustBeARealDate() throws MappingException {
        assertThat(problems("""
                when:
                  all:
                    - { field: CloseDate, gte: 2026-13-01 }
                    - { field: CreatedDate, lt: "2026-01-31T25:00:00Z" }
                    - { field: CreatedDate, lt: "2026-01-31T09:00:00+0100" }
                """)).containsExactly(
                "mappings/cases.yaml:3 when.all[0].gte: '2026-13-01' looks like a date but is not one; "
                        + "write 2026-01-31 or 2026-01-31T09:00:00Z",
                "mappings/cases.yaml:4 when.all[1].lt: '2026-01-31T25:00:00Z' looks like a date but is not one; "
                        + "write 2026-01-31 or 2026-01-31T09:00:00Z");
    }

    @Test
    void ignoreCaseIsForEqualsAndIn() throws MappingException {
        assertThat(problems("""
                when:
                  all:
                    - { field: Priority, regex: high, ignoreCase: true }
                    - { field: Priority, equals: high, ignoreCase: sometimes }
                """)).containsExactly(
                "mappings/cases.yaml:3 when.all[0].ignoreCase: ignoreCase applies to equals and in; for a regex start it with (?i)",
                "mappings/cases.yaml:4 when.all[1].ignoreCase: ignoreCase takes true or false");
    }

    @Test
    void aKeyWrittenTwiceIsReported() throws MappingException {
        assertThat(problems("""
                when:
                  field: Origin
                  equals: Web
                  equals: Phone
                """)).containsExactly("mappings/cases.yaml:4 when.equals: 'equals' is written twice");
    }

    @Test
    void problemsAddToTheCallersList() throws MappingException {
        List<MappingProblem> problems = new ArrayList<>(List.of(new MappingProblem("other.yaml", 1, "rules", "earlier")));
        var parsed = new ConditionParser("mappings/cases.yaml").parse(whenNode("when: {field: Origin, equals: Web}"),
                "when", problems);
        assertThat(parsed).contains(new Condition.Equals(FieldPath.of("Origin"), "Web", false));
        assertThat(problems).hasSize(1);
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        assertThatThrownBy(() -> MappingYaml.read("mappings/cases.yaml", """
                when:
                  all:
                    - field: Origin
                      in: [Phone, Web
                    - field: Status
                """))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> {
                    MappingProblem p = ((MappingException) e).problems().get(0);
                    assertThat(p.file()).isEqualTo("mappings/cases.yaml");
                    assertThat(p.line()).isBetween(4, 5);
                    assertThat(p.message()).startsWith("not valid YAML: ");
                    assertThat(e.getMessage()).startsWith("mappings/cases.yaml:" + p.line() + ": not valid YAML");
                });
    }

    @Test
    void anEmptyDocumentHasNoRoot() throws MappingException {
        assertThat(MappingYaml.read("empty.yaml", "# nothing yet\n")).isEmpty();
    }
}
