package dev.journeyconnector.mapping;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TitleTemplateTest {

    @Test
    void rendersFieldsNestedFieldsAndNumbers() {
        TitleTemplate t = TitleTemplate.parse("Case {CaseNumber}: {Subject} ({Account.Name}){ Missing }");
        assertThat(t.render(Map.of("CaseNumber", 1234L, "Subject", "Lost bag", "Account", Map.of("Name", "Acme"))))
                .isEqualTo("Case 1234: Lost bag (Acme)");
        assertThat(t.render(Map.of())).isEqualTo("Case :  ()");
        assertThat(TitleTemplate.parse("{tags}").render(Map.of("tags", java.util.List.of("a")))).isEmpty();
        assertThat(TitleTemplate.parse("plain").render(Map.of())).isEqualTo("plain");
    }

    @Test
    void rejectsBadPlaceholders() {
        assertThatThrownBy(() -> TitleTemplate.parse("a {b")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> TitleTemplate.parse("a }b")).hasMessageContaining("no '{'");
        assertThatThrownBy(() -> TitleTemplate.parse("a {}")).hasMessageContaining("names no field");
        assertThatThrownBy(() -> TitleTemplate.parse("{a..b}")).hasMessageContaining("empty part");
    }
}
