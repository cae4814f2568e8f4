package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.Rule;
import dev.journeyconnector.insight.RuleRegistry;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.RulesConfig;
import dev.journeyconnector.insight.RulesLoader;
import dev.journeyconnector.insight.Threshold;
import dev.journeyconnector.mapping.PersonaLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandoffGapRulesTest {

    @Test
    void theSevenHandoffGapsAreRegisteredAsHandoffGaps() {
        assertThat(RuleRegistry.defaults().ids()).contains("won-not-onboarded", "engaged-lead-not-followed",
                "transfer-without-context", "channel-switch", "device-switch", "support-blind-to-deal",
                "consent-drift");
        assertThat(HandoffGapRules.all()).extracting(Rule::kind).containsOnly(Finding.Kind.HANDOFF_GAP);
    }

    /** The shipped file states each default explicitly, so ops admins read the real values there. */
    @Test
    void theShippedRulesFileStatesTheCodeDefaultsOfEveryHandoffGap() throws Exception {
        Path mappings = Path.of("..", "mappings");
        List<String> personaIds = PersonaLoader.load(mappings.resolve("personas.yaml")).all().stream()
                .map(p -> p.id()).toList();
        RulesConfig shipped = RulesLoader.load(mappings.resolve(RulesLoader.FILE_NAME), RuleRegistry.defaults(),
                personaIds);
        for (Rule rule : HandoffGapRules.all()) {
            RuleSettings file = shipped.settings(rule, "any");
            RuleSettings code = RuleSettings.defaults(rule);
            assertThat(file.enabled()).as(rule.id()).isTrue();
            assertThat(file.severity()).as(rule.id()).isEqualTo(rule.defaultSeverity());
            for (Threshold t : rule.thresholds()) {
                switch (t.type()) {
                    case DURATION -> assertThat(file.duration(t.name())).as(rule.id() + "." + t.name())
                            .isEqualTo(code.duration(t.name()));
                    case FLAG -> assertThat(file.flag(t.name())).as(rule.id() + "." + t.name())
                            .isEqualTo(code.flag(t.name()));
                    default -> throw new AssertionError(rule.id() + " has an unexpected threshold " + t);
                }
            }
        }
    }
}
