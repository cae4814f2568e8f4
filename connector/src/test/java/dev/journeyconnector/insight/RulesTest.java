package dev.journeyconnector.insight;

import dev.journeyconnector.identity.Customer;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.mapping.PersonaLoader;
import dev.journeyconnector.mapping.Personas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped rules file, its persona overrides, and running every rule over one customer. */
class RulesTest {

    private static final Path MAPPINGS = Path.of("..", "mappings");
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static RulesConfig shipped;
    private static Set<String> personaIds;

    @BeforeAll
    static void loadShippedFiles() throws Exception {
        Personas personas = PersonaLoader.load(MAPPINGS.resolve("personas.yaml"));
        personaIds = personas.all().stream().map(p -> p.id()).collect(Collectors.toSet());
        shipped = RulesLoader.load(MAPPINGS.resolve(RulesLoader.FILE_NAME), RuleRegistry.defaults(), personaIds);
    }

    private static Touchpoint ticket(String type, Duration offset) {
        return new Touchpoint(new Touchpoint.Key(Touchpoint.Source.ZENDESK, "tickets", "4711", type), "sf:003A",
                "service", "email", "support", "unknown", Sentiment.NEUTRAL, T0.plus(offset), "#4711 Card declined",
                null, Map.of("ticket", "4711", "priority", "normal"));
    }

    private static List<Finding> evaluate(String persona, RulesConfig config) {
        CustomerHistory history = new CustomerHistory("sf:003A", Customer.Kind.CONTACT, persona,
                List.of(ticket("ticket-opened", Duration.ZERO), ticket("ticket-first-reply", Duration.ofHours(10)),
                        ticket("ticket-solved", Duration.ofHours(12))), null);
        return Rules.evaluate(history, config, T0.plus(Duration.ofDays(10)));
    }

    @Test
    void theShippedFileConfiguresEveryRuleTheConnectorKnows() {
        assertThat(shipped.entries().keySet()).containsExactlyInAnyOrderElementsOf(RuleRegistry.defaults().ids());
    }

    @Test
    void aPersonaOverrideChangesWhatFiresForThatPersonaOnly() {
        // The shipped file gives small-business banking clients an 8 h first-reply SLA for normal priority.
        assertThat(evaluate("small-business-banking-client", shipped)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("slow-first-response");
            assertThat(f.explanation()).isEqualTo("First reply after 10 h; the SLA for normal priority is 8 h");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(evaluate("retail-shopper", shipped)).isEmpty();
    }

    @Test
    void aRuleDisabledForAPersonaDoesNotRunForIt() throws Exception {
        RulesConfig config = RulesLoader.parse("rules.yaml", """
                rules:
                  slow-first-response:
                    sla: {normal: 8h}
                    severity: critical
                    personas:
                      retail-shopper: {enabled: false}
                """, RuleRegistry.defaults(), personaIds);
        assertThat(evaluate("retail-shopper", config)).isEmpty();
        assertThat(evaluate("leisure-traveller", config)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void aFailingRuleIsNamedWithTheCustomer() {
        Rule broken = new TestRule("broken-rule") {
            @Override
            public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
                throw new IllegalArgumentException("no such attribute");
            }
        };
        CustomerHistory history = new CustomerHistory("sf:003A", Customer.Kind.CONTACT, "retail-shopper", List.of(),
                null);
        assertThatThrownBy(() -> Rules.evaluate(history, RulesConfig.defaults(new RuleRegistry(List.of(broken))),
                T0)).hasMessage("rule broken-rule failed on customer sf:003A: no such attribute");
    }

    @Test
    void docsExplainEveryRuleAndEverySetting() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "rules.md"));
        for (Rule rule : RuleRegistry.defaults().rules()) {
            assertThat(docs).as("docs/rules.md on " + rule.id()).contains("`" + rule.id() + "`");
            for (Threshold t : rule.thresholds()) {
                assertThat(docs).as("docs/rules.md on " + rule.id() + "." + t.name()).contains("`" + t.name() + "`");
            }
        }
    }
}
