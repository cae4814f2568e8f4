package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule's {@code attributes:}: the forms, how records give values, and the mistakes reported. */
class MappingAttributesTest {

    private static final String FILE = "mappings/cases.yaml";
    private static final String HEAD = """
            source: salesforce
            object: Case
            customer: [{contact: ContactId}]
            rules:
              - type: case-opened
                at: CreatedDate
                stage: service
                channel: phone
                department: support
                sentiment: neutral
                attributes:
            """;
    private static final SourceFields CASE_FIELDS = SourceFields.of("routes", Map.of("salesforce/Case",
            new KnownFields("salesforce Case", Set.of("Id", "ContactId", "CreatedDate", "Priority", "Status",
                    "IsClosed", "OwnerId", "Amount", "WhatId", "Account"), Set.of(), null)));

    private static TouchpointMapping parse(String attributes) throws MappingException {
        return MappingLoader.parse(FILE, HEAD + attributes.indent(6), Vocabulary.defaults(), CASE_FIELDS);
    }

    private static List<String> problems(String attributes) {
        try {
            parse(attributes);
        } catch (MappingException e) {
            return e.problems().stream().map(MappingProblem::toString).toList();
        }
        throw new AssertionError("expected problems in\n" + attributes);
    }

    private static Map<String, String> attributesOf(String attributes, Map<String, Object> fields)
            throws MappingException {
        Map<String, Object> record = new LinkedHashMap<>(fields);
        record.put("CreatedDate", "2026-06-01T10:00:00Z");
        List<Touchpoint> made = parse(attributes).map("500000000000001AAA", record);
        assertThat(made).hasSize(1);
        return made.get(0).attributes();
    }

    @Nested
    class Forms {

        @Test
        void aFieldIsCopiedAsText() throws MappingException {
            assertThat(attributesOf("owner: OwnerId", Map.of("OwnerId", "005000000000001AAA")))
                    .isEqualTo(Map.of("owner", "005000000000001AAA"));
        }

        @Test
        void aDottedFieldReachesIntoAParentRecord() throws MappingException {
            assertThat(attributesOf("account-name: Account.Name", Map.of("Account", Map.of("Name", "Meridian"))))
                    .isEqualTo(Map.of("account-name", "Meridian"));
        }

        @Test
        void aLookupMapsValuesAndFallsBackToItsDefault() throws MappingException {
            String priority = "priority: {from: Priority, map: {High: high, Medium: normal, Low: low}, default: normal}";
            assertThat(attributesOf(priority, Map.of("Priority", "High"))).containsEntry("priority", "high");
            assertThat(attributesOf(priority, Map.of("Priority", "Critical"))).containsEntry("priority", "normal");
            assertThat(attributesOf(priority, Map.of())).containsEntry("priority", "normal");
        }

        @Test
        void aLookupWithoutDefaultGivesNothingForAnUnlistedValue() throws MappingException {
            String status = "status: {from: Status, map: {Closed: closed}}";
            assertThat(attributesOf(status, Map.of("Status", "Closed"))).containsEntry("status", "closed");
            assertThat(attributesOf(status, Map.of("Status", "Working"))).isEmpty();
        }

        @Test
        void aLookupComparesBooleansAndNumbersByTheirText() throws MappingException {
            String closed = "is-closed: {from: IsClosed, map: {true: \"yes\", false: \"no\"}}";
            assertThat(attributesOf(closed, Map.of("IsClosed", true))).containsEntry("is-closed", "yes");
            assertThat(attributesOf("big: {from: Amount, map: {1500: \"true\"}, default: \"false\"}",
                    Map.of("Amount", new BigDecimal("1500.00")))).containsEntry("big", "true");
        }

        @Test
        void aFixedValueIsTheSameForEveryRecord() throws MappingException {
            assertThat(attributesOf("internal: {value: \"true\"}", Map.of())).isEqualTo(Map.of("internal", "true"));
            // unquoted true is the text true as well
            assertThat(attributesOf("internal: {value: true}", Map.of())).isEqualTo(Map.of("internal", "true"));
        }

        @Test
        void whenLimitsAnAttributeToTheRecordsItHoldsFor() throws MappingException {
            String opportunity = "opportunity: {from: WhatId, when: {field: WhatId, regex: \"006.*\"}}";
            assertThat(attributesOf(opportunity, Map.of("WhatId", "006000000000001AAA")))
                    .containsEntry("opportunity", "006000000000001AAA");
            assertThat(attributesOf(opportunity, Map.of("WhatId", "001000000000001AAA"))).isEmpty();
        }

        @Test
        void theFirstAlternativeThatGivesAValueWins() throws MappingException {
            String status = """
                    status:
                      - {value: closed, when: {field: IsClosed, equals: true}}
                      - {from: Status, map: {New: open, On Hold: pending}, default: open}
                    """;
            assertThat(attributesOf(status, Map.of("IsClosed", true, "Status", "Resolved")))
                    .containsEntry("status", "closed");
            assertThat(attributesOf(status, Map.of("IsClosed", false, "Status", "On Hold")))
                    .containsEntry("status", "pending");
            assertThat(attributesOf(status, Map.of("IsClosed", false))).containsEntry("status", "open");
        }

        @Test
        void aCopyWithDefaultFillsAMissingField() throws MappingException {
            assertThat(attributesOf("owner: {from: OwnerId, default: unassigned}", Map.of()))
                    .containsEntry("owner", "unassigned");
        }

        @Test
        void aRuleWithoutAttributesGivesNone() throws MappingException {
            String file = HEAD.replace("    attributes:\n", "");
            Map<String, Object> record = Map.of("CreatedDate", "2026-06-01T10:00:00Z");
            assertThat(MappingLoader.parse(FILE, file, Vocabulary.defaults()).map("1", record))
                    .singleElement().satisfies(t -> assertThat(t.attributes()).isEmpty());
        }

        @Test
        void theTouchpointKeepsEveryAttributeTheRecordGives() throws MappingException {
            String attributes = """
                    owner: OwnerId
                    priority: {from: Priority, map: {High: high}, default: normal}
                    internal: {value: "true"}
                    amount: Amount
                    """;
            Touchpoint t = parse(attributes).map("1", Map.of("CreatedDate", "2026-06-01T10:00:00Z",
                    "OwnerId", "005000000000001AAA", "Priority", "High", "Amount", 1500.0)).get(0);
            assertThat(t.attributes()).isEqualTo(Map.of("owner", "005000000000001AAA", "priority", "high",
                    "internal", "true", "amount", "1500"));
            assertThat(t.attribute("priority")).contains("high");
            assertThat(t.attribute("nps")).isEmpty();
            assertThat(t.occurredAt()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
        }
    }

    @Nested
    class RecordValues {

        @Test
        void aMissingOrBlankFieldGivesNoAttributeAndNoError() throws MappingException {
            TouchpointMapping m = parse("owner: OwnerId\n");
            Map<String, Object> withNull = new LinkedHashMap<>();
            withNull.put("CreatedDate", "2026-06-01T10:00:00Z");
            withNull.put("OwnerId", null);
            TouchpointMapping.Result missing = m.apply("1", Map.of("CreatedDate", "2026-06-01T10:00:00Z"));
            assertThat(missing.unmapped()).isEmpty();
            assertThat(missing.touchpoints()).singleElement().satisfies(t -> assertThat(t.attributes()).isEmpty());
            assertThat(m.map("1", withNull).get(0).attributes()).isEmpty();
            assertThat(attributesOf("owner: OwnerId", Map.of("OwnerId", "  "))).isEmpty();
        }

        @Test
        void numbersAreWrittenInTheirPlainForm() {
            assertThat(AttributeSpec.text(1500.0)).isEqualTo("1500");
            assertThat(AttributeSpec.text(new BigDecimal("1500.00"))).isEqualTo("1500");
            assertThat(AttributeSpec.text(new BigDecimal("12.50"))).isEqualTo("12.5");
            assertThat(AttributeSpec.text(new BigDecimal("1E+3"))).isEqualTo("1000");
            assertThat(AttributeSpec.text(0.0)).isEqualTo("0");
            assertThat(AttributeSpec.text(9020000000001L)).isEqualTo("9020000000001");
        }

        @Test
        void booleansAreTrueOrFalseAndTextIsStripped() {
            assertThat(AttributeSpec.text(Boolean.TRUE)).isEqualTo("true");
            assertThat(AttributeSpec.text(false)).isEqualTo("false");
            assertThat(AttributeSpec.text(" High ")).isEqualTo("High");
        }

        @Test
        void aListGivesItsOnlyValueAndNothingWhenItHoldsSeveral() {
            assertThat(AttributeSpec.text(List.of(false))).isEqualTo("false");
            assertThat(AttributeSpec.text(List.of("a", "b"))).isNull();
            assertThat(AttributeSpec.text(Map.of("a", "b"))).isNull();
            assertThat(AttributeSpec.text(null)).isNull();
        }
    }

    @Nested
    class Mistakes {

        @Test
        void aNameMustBeLowerCaseWordsJoinedByHyphens() {
            assertThat(problems("Owner: OwnerId\nstage_name: Status\n")).containsExactly(
                    FILE + ":12 rules[0].attributes.Owner: attribute name 'Owner' must be lower case words joined by "
                            + "hyphens, e.g. stage-name",
                    FILE + ":13 rules[0].attributes.stage_name: attribute name 'stage_name' must be lower case words "
                            + "joined by hyphens, e.g. stage-name");
        }

        @Test
        void anUnknownFieldIsReportedWhereverItIsNamed() {
            assertThat(problems("""
                    owner: OwnrId
                    priority: {from: Priorty, map: {High: high}}
                    opportunity: {from: WhatId, when: {field: WhatID, exists: true}}
                    """)).hasSize(3).allSatisfy(p -> assertThat(p).contains("unknown field"))
                    .anySatisfy(p -> assertThat(p).startsWith(FILE + ":12 rules[0].attributes.owner: ")
                            .contains("'OwnrId'").contains("did you mean 'OwnerId'"))
                    .anySatisfy(p -> assertThat(p).startsWith(FILE + ":13 rules[0].attributes.priority.from: "))
                    .anySatisfy(p -> assertThat(p).startsWith(FILE + ":14 rules[0].attributes.opportunity.when.field"));
        }

        @Test
        void everyProblemOfEveryAttributeComesAtOnce() {
            assertThat(problems("""
                    priority: {from: Priority, mapp: {High: high}}
                    internal: {value: "true", from: Status}
                    status: {map: {Closed: closed}}
                    owner:
                    score: {from: Status, map: {}}
                    empty: {value: ""}
                    alternatives: []
                    nested: [[OwnerId]]
                    owner: OwnerId
                    """)).containsExactly(
                    FILE + ":12 rules[0].attributes.priority.mapp: unknown key 'mapp' (did you mean 'map'?); known: "
                            + "from, map, default, value, when",
                    FILE + ":13 rules[0].attributes.internal.from: value is fixed, so from has no use beside it; "
                            + "write {value: text} or {from: Field, ...}",
                    FILE + ":14 rules[0].attributes.status: from or value is missing; an attribute takes a field "
                            + "(owner: OwnerId), {from: Field, map: {RecordValue: value}, default: value}, "
                            + "{value: text}, each optionally with when: {condition}, or a list of those",
                    FILE + ":15 rules[0].attributes.owner: an attribute takes a field (owner: OwnerId), {from: Field, "
                            + "map: {RecordValue: value}, default: value}, {value: text}, each optionally with when: "
                            + "{condition}, or a list of those",
                    FILE + ":16 rules[0].attributes.score.map: map takes a mapping of record values to attribute "
                            + "values, e.g. {High: high}",
                    FILE + ":17 rules[0].attributes.empty.value: an attribute value is a plain, non-empty text such "
                            + "as high or \"true\"",
                    FILE + ":18 rules[0].attributes.alternatives: a list of alternatives needs at least one",
                    FILE + ":19 rules[0].attributes.nested[0]: an alternative is a field or a mapping, not another list",
                    FILE + ":20 rules[0].attributes.owner: 'owner' is written twice (first on line 15)");
        }

        @Test
        void attributesTakeAMapping() {
            assertThat(problems("")).containsExactly(FILE + ":11 rules[0].attributes: attributes takes a mapping of "
                    + "names to values, e.g. {owner: OwnerId, internal: {value: \"true\"}}");
        }

        @Test
        void aConditionMistakeInWhenIsReportedWithItsPath() {
            assertThat(problems("opportunity: {from: WhatId, when: {field: WhatId, regex: \"006(\"}}\n"))
                    .singleElement().asString()
                    .startsWith(FILE + ":12 rules[0].attributes.opportunity.when.regex: invalid regex");
        }

        @Test
        void attributeProblemsComeWithTheRestOfTheFile() {
            String file = HEAD.replace("stage: service", "stage: servise") + "      owner: OwnrId\n";
            try {
                MappingLoader.parse(FILE, file, Vocabulary.defaults(), CASE_FIELDS);
                throw new AssertionError("expected problems");
            } catch (MappingException e) {
                assertThat(e.problems()).extracting(MappingProblem::path)
                        .containsExactly("rules[0].stage", "rules[0].attributes.owner");
            }
        }
    }
}
