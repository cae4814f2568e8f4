package dev.journeyconnector.mapping;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathTest {

    /** A Zendesk ticket event as the incremental export sends it: child_events is a list of maps. */
    private static final Map<String, Object> EVENT = Map.of(
            "ticket_id", 4711,
            "child_events", List.of(
                    Map.of("event_type", "Change", "field_name", "status", "value", "open", "previous_value", "solved"),
                    Map.of("event_type", "Comment", "via", Map.of("channel", "email")),
                    Map.of("event_type", "Change", "field_name", "tags", "value", List.of("vip", "billing"))));

    @Test
    void aPathThroughAListGivesEveryElementsValue() {
        assertThat(FieldPath.of("child_events.field_name").resolve(EVENT)).isEqualTo(List.of("status", "tags"));
        assertThat(FieldPath.of("child_events.via.channel").resolve(EVENT)).isEqualTo(List.of("email"));
    }

    @Test
    void listsFoundAtTheEndAreFlattenedIn() {
        assertThat(FieldPath.of("child_events.value").resolve(EVENT)).isEqualTo(List.of("open", "vip", "billing"));
    }

    @Test
    void noElementHavingTheFieldIsAbsent() {
        assertThat(FieldPath.of("child_events.nothing").resolve(EVENT)).isNull();
        assertThat(FieldPath.of("child_events.event_type.deeper").resolve(EVENT)).isNull();
    }

    @Test
    void aListAtTheEndIsReturnedWhole() {
        assertThat(FieldPath.of("child_events").resolve(EVENT)).isSameAs(EVENT.get("child_events"));
    }

    @Test
    void conditionsOnAListPathHoldWhenAnyElementDoes() throws MappingException {
        Condition reopened = parse("""
                when:
                  all:
                    - { field: child_events.field_name, equals: status }
                    - { field: child_events.value, equals: open }
                """);
        assertThat(reopened.matches(EVENT)).isTrue();
        assertThat(parse("when: {field: child_events.value, equals: closed}").matches(EVENT)).isFalse();
        assertThat(parse("when: {field: child_events.field_name, exists: true}").matches(EVENT)).isTrue();
        assertThat(parse("when: {field: child_events.nothing, exists: false}").matches(EVENT)).isTrue();
    }

    @Test
    void blankOrEmptyPartsAreRefused() {
        assertThatThrownBy(() -> FieldPath.of(" ")).hasMessage("a field name is required");
        assertThatThrownBy(() -> FieldPath.of("a..b")).hasMessage("'a..b' has an empty part between dots");
        assertThatThrownBy(() -> FieldPath.of("a.")).hasMessage("'a.' has an empty part between dots");
    }

    private static Condition parse(String yaml) throws MappingException {
        return new ConditionParser("test.yaml").parse(MappingYaml.read("test.yaml", yaml).flatMap(
                root -> MappingYaml.get(root, "when")).orElseThrow(), "when");
    }
}
