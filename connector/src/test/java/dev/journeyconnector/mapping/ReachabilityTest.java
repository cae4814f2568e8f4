package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Vocabulary;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Conditions that can never hold are found, with a reason; anything that might hold passes. */
class ReachabilityTest {

    /** Every field a single value, as in Salesforce records. */
    private static final Reachability SINGLE = new Reachability(f -> true);
    /** Only tags may be a list. */
    private static final Reachability TAGS_LIST = new Reachability(f -> !f.first().equals("tags"));

    private static Condition when(String yaml) throws MappingException {
        return new ConditionParser("t.yaml").parse(MappingYaml.read("t.yaml", "when: " + yaml)
                .flatMap(root -> MappingYaml.get(root, "when")).orElseThrow(), "when");
    }

    private static Optional<String> never(String yaml) throws MappingException {
        return SINGLE.whyNever(when(yaml));
    }

    @Nested
    class ValuesOfOneField {
        @Test
        void equalsOnTwoDifferentValues() throws MappingException {
            assertThat(never("{all: [{field: Origin, equals: Phone}, {field: Origin, equals: Web}]}"))
                    .contains("Origin holds one value, which cannot be Phone and Web at once");
        }

        @Test
        void inListsWithNothingInCommon() throws MappingException {
            assertThat(never("{all: [{field: Origin, in: [Phone, Web]}, {field: Origin, in: [Email, Chat]}]}"))
                    .contains("Origin holds one value, which cannot be one of [Phone, Web] and one of [Email, Chat] "
                            + "at once");
            assertThat(never("{all: [{field: Origin, in: [Phone, Web]}, {field: Origin, equals: Web}]}")).isEmpty();
        }

        @Test
        void valuesARecordValueCouldEqualBothAreNotDisjoint() throws MappingException {
            // 1500 (a JSON number) equals both 1500 and "1500.0"; a date equals a datetime on that day;
            // TRUE equals true; case-blind tests meet whatever the case.
            assertThat(never("{all: [{field: Amount, equals: 1500}, {field: Amount, equals: '1500.0'}]}")).isEmpty();
            assertThat(never("{all: [{field: D, equals: '2026-01-05'}, {field: D, equals: '2026-01-05T10:00:00Z'}]}"))
                    .isEmpty();
            assertThat(never("{all: [{field: F, equals: true}, {field: F, equals: 'TRUE'}]}")).isEmpty();
            assertThat(never("{all: [{field: O, equals: web, ignoreCase: true}, {field: O, equals: Web}]}")).isEmpty();
            assertThat(never("{all: [{field: O, equals: web}, {field: O, equals: Web}]}")).isPresent();
        }

        @Test
        void aListFieldMayHoldBothValues() throws MappingException {
            Condition both = when("{all: [{field: tags, equals: vip}, {field: tags, equals: billing}]}");
            assertThat(TAGS_LIST.whyNever(both)).isEmpty();
            assertThat(TAGS_LIST.whyNever(when("{all: [{field: status, equals: open}, {field: status, equals: new}]}")))
                    .isPresent();
        }
    }

    @Nested
    class Existence {
        @Test
        void existsTrueAndFalse() throws MappingException {
            assertThat(never("{all: [{field: Email, exists: true}, {field: Email, exists: false}]}"))
                    .contains("Email must exist and be absent at once");
        }

        @Test
        void absentAndYetAValue() throws MappingException {
            assertThat(never("{all: [{field: Email, exists: false}, {field: Email, regex: '.+@.+'}]}"))
                    .contains("Email must be absent (exists: false) and yet match regex \".+@.+\"");
            assertThat(never("{all: [{field: Amount, exists: false}, {field: Amount, gt: 0}]}")).isPresent();
        }

        @Test
        void anEmptyTextIsAbsentYetCanPassSomeTests() throws MappingException {
            // exists: false holds on "", and "" equals "" and matches .*: both may hold.
            assertThat(never("{all: [{field: Email, exists: false}, {field: Email, equals: ''}]}")).isEmpty();
            assertThat(never("{all: [{field: Email, exists: false}, {field: Email, regex: '.*'}]}")).isEmpty();
        }

        @Test
        void aListFieldCannotBeAbsentAndHoldAValueEither() throws MappingException {
            assertThat(TAGS_LIST.whyNever(when("{all: [{field: tags, exists: false}, {field: tags, equals: vip}]}")))
                    .isPresent();
        }
    }

    @Nested
    class Ranges {
        @Test
        void emptyNumberRange() throws MappingException {
            assertThat(never("{all: [{field: Amount, gt: 5}, {field: Amount, lt: 3}]}"))
                    .contains("Amount cannot be > 5 and be < 3 at once");
            assertThat(never("{all: [{field: Amount, gte: 5}, {field: Amount, lt: 5}]}")).isPresent();
            assertThat(never("{all: [{field: Amount, gte: 5}, {field: Amount, lte: 5}]}")).isEmpty();
            assertThat(never("{all: [{field: Amount, gt: 3}, {field: Amount, gt: 7}, {field: Amount, lt: 6}]}"))
                    .contains("Amount cannot be > 7 and be < 6 at once");
        }

        @Test
        void emptyDateRange() throws MappingException {
            assertThat(never("{all: [{field: CreatedDate, gte: '2026-02-01'}, {field: CreatedDate, lt: '2026-01-01'}]}"))
                    .isPresent();
        }

        @Test
        void datetimeBoundsOnOneDayMayStillHoldForAPlainDate() throws MappingException {
            // A record holding the date 2026-01-01 compares by day: it is >= 12:00 and <= 10:00 of that day.
            assertThat(never("{all: [{field: D, gte: '2026-01-01T12:00:00Z'}, {field: D, lte: '2026-01-01T10:00:00Z'}]}"))
                    .isEmpty();
            assertThat(never("{all: [{field: D, gte: '2026-01-02T12:00:00Z'}, {field: D, lte: '2026-01-01T10:00:00Z'}]}"))
                    .isPresent();
        }

        @Test
        void mixedKindsOfBoundsAreLeftAlone() throws MappingException {
            assertThat(never("{all: [{field: X, gt: 5}, {field: X, lt: 'a'}]}")).isEmpty();
            assertThat(never("{all: [{field: Name, gt: m}, {field: Name, lt: b}]}")).isPresent();
        }

        @Test
        void aListFieldMayHaveOneElementAboveAndAnotherBelow() throws MappingException {
            assertThat(TAGS_LIST.whyNever(when("{all: [{field: tags, gt: 5}, {field: tags, lt: 3}]}"))).isEmpty();
        }
    }

    @Nested
    class Negation {
        @Test
        void aTestAndItsNegation() throws MappingException {
            assertThat(never("{all: [{field: IsClosed, equals: true}, {not: {field: IsClosed, equals: true}}]}"))
                    .contains("IsClosed must equal true and, under not:, must not");
            assertThat(never("{all: [{field: P, regex: 'a.*'}, {not: {field: P, regex: 'a.*'}}]}")).isPresent();
        }

        @Test
        void equalsAValueThatNotInForbids() throws MappingException {
            assertThat(never("{all: [{field: Status, equals: Closed}, {not: {field: Status, in: [Closed, Lost]}}]}"))
                    .contains("Status must equal Closed but not be one of [Closed, Lost]");
            assertThat(TAGS_LIST.whyNever(when("{all: [{field: tags, equals: vip}, {not: {field: tags, in: [vip]}}]}")))
                    .isPresent();
            // the negated test is stricter about case: "closed" passes equals (ignoring case) and the not
            assertThat(never("{all: [{field: S, equals: Closed, ignoreCase: true}, {not: {field: S, equals: Closed}}]}"))
                    .isEmpty();
        }

        @Test
        void notOfAConditionThatAlwaysHolds() throws MappingException {
            assertThat(never("{not: {any: [{field: Email, exists: true}, {field: Email, exists: false}]}}"))
                    .contains("Email must exist and be absent at once");
            assertThat(never("{not: {any: [{field: S, equals: a}, {not: {field: S, equals: a}}]}}")).isPresent();
        }

        @Test
        void everyAlternativeImpossible() throws MappingException {
            assertThat(never("""
                    {all: [{field: A, equals: x}, {any: [{field: A, equals: y}, {field: A, exists: false}]}]}"""))
                    .contains("none of its 2 alternatives can hold: A holds one value, which cannot be x and y at "
                            + "once; A must be absent (exists: false) and yet equal x");
            assertThat(never("{all: [{field: A, equals: x}, {any: [{field: A, equals: y}, {field: B, equals: z}]}]}"))
                    .isEmpty();
        }
    }

    @Test
    void ordinaryConditionsPass() throws MappingException {
        for (String yaml : List.of("{field: Origin, equals: Web}", "{not: {field: Origin, equals: Web}}",
                "{all: [{field: Origin, equals: Web}, {field: Priority, equals: High}]}",
                "{any: [{field: Origin, equals: Web}, {field: Origin, equals: Phone}]}",
                "{all: [{field: Amount, gt: 3}, {field: Amount, lt: 5}]}",
                "{all: [{field: Email, exists: true}, {not: {field: Email, regex: '.*@example.com'}}]}")) {
            assertThat(never(yaml)).as(yaml).isEmpty();
        }
    }

    @Nested
    class InAMappingFile {
        private static final String HEAD = """
                source: salesforce
                object: Task
                customer: [{who: WhoId}]
                """;
        private static final String OUT = "stage: engagement\n    channel: phone\n    department: sales\n"
                + "    sentiment: neutral\n";

        private List<String> problems(String text) {
            try {
                MappingLoader.parse("t.yaml", text, Vocabulary.defaults());
            } catch (MappingException e) {
                return e.problems().stream().map(MappingProblem::toString).toList();
            }
            return List.of();
        }

        @Test
        void anUnreachableWhenIsReportedWithLineAndPath() {
            assertThat(problems(HEAD + """
                    rules:
                      - type: call
                        when:
                          all:
                            - { field: Type, equals: Call }
                            - { field: Type, equals: Email }
                        at: CreatedDate
                        """ + "    " + OUT)).containsExactly(
                    "t.yaml:7 rules[0].when: unreachable: Type holds one value, which cannot be Call and Email at once");
        }

        @Test
        void aRuleWhoseRecordsAreAllSkipped() {
            assertThat(problems(HEAD + """
                    skip: { field: Subject, regex: '\\[Journey\\].*' }
                    rules:
                      - type: summary
                        when: { field: Subject, regex: '\\[Journey\\].*' }
                        at: CreatedDate
                        """ + "    " + OUT)).containsExactly(
                    "t.yaml:7 rules[0].when: unreachable: every record it matches is dropped by skip (line 4)");
        }

        @Test
        void aSkipThatDropsEverythingLeavesNoRuleReachable() {
            assertThat(problems(HEAD + """
                    skip: { any: [{ field: Subject, exists: true }, { field: Subject, exists: false }] }
                    rules:
                      - type: call
                        at: CreatedDate
                        """ + "    " + OUT)).containsExactly(
                    "t.yaml:6 rules[0]: unreachable: every record is dropped by skip (line 4)");
        }

        @Test
        void aRuleRepeatingAnEarlierOne() {
            String rule = "    when: { field: Type, equals: Call }\n    at: CreatedDate\n    " + OUT;
            assertThat(problems(HEAD + "rules:\n  - type: call\n" + rule + "  - type: phone-call\n" + rule))
                    .containsExactly("t.yaml:12 rules[1]: unreachable as a rule of its own: it repeats rules[0] "
                            + "(line 5, type call) with the same when, time, title, stage, channel, department, "
                            + "device and sentiment, so every record would get the same moment twice; remove one");
            // a different output makes it a different moment
            assertThat(problems(HEAD + "rules:\n  - type: call\n" + rule + "  - type: phone-call\n"
                    + rule.replace("phone", "email"))).isEmpty();
        }

        @Test
        void regexConditionsCompareByTheirPattern() {
            assertThat(new Condition.Regex(FieldPath.of("S"), java.util.regex.Pattern.compile("a.*")))
                    .isEqualTo(new Condition.Regex(FieldPath.of("S"), java.util.regex.Pattern.compile("a.*")))
                    .isNotEqualTo(new Condition.Regex(FieldPath.of("S"), java.util.regex.Pattern.compile("b.*")));
        }

        @Test
        void zendeskListFieldsFromTheCatalogueAreExempt() throws MappingException {
            SourceFields fields = SourceFields.of("routes", java.util.Map.of("zendesk/tickets",
                    new KnownFields("zendesk tickets", Set.of("tags", "status", "created_at", "requester_id", "via"),
                            Set.of("tags"), null)));
            String file = """
                    source: zendesk
                    object: tickets
                    customer: [{zendesk-user: requester_id}]
                    rules:
                      - type: vip-billing
                        when: { all: [{ field: tags, equals: vip }, { field: tags, equals: billing }] }
                        at: created_at
                        stage: service
                        channel: email
                        department: billing
                        sentiment: neutral
                    """;
            assertThat(MappingLoader.parse("t.yaml", file, Vocabulary.defaults(), fields).rules()).hasSize(1);
            assertThatThrownBy(() -> MappingLoader.parse("t.yaml", file.replace("tags", "status"),
                    Vocabulary.defaults(), fields)).hasMessageContaining("unreachable: status holds one value");
            // nested parts of vendor maps may be lists: not judged
            assertThat(MappingLoader.parse("t.yaml", file.replace("tags", "via.channel"), Vocabulary.defaults(),
                    fields).rules()).hasSize(1);
        }
    }
}
