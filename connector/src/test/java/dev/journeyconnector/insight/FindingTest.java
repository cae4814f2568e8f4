package dev.journeyconnector.insight;

import dev.journeyconnector.identity.Customer;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FindingTest {

    private static final TestRule RULE = new TestRule("slow-first-response");
    private static final Touchpoint OPENED = new Touchpoint(new Touchpoint.Key(Touchpoint.Source.ZENDESK, "tickets",
            "4711", "ticket-opened"), "sf:003A", "service", "email", "support", "unknown", Sentiment.NEUTRAL,
            Instant.parse("2026-03-02T09:00:00Z"), "Never received my itinerary", null);
    private static final CustomerHistory HISTORY = new CustomerHistory("sf:003A", Customer.Kind.CONTACT,
            "leisure-traveller", List.of(OPENED), null);

    private static Finding.Builder builder() {
        return Finding.builder(RULE, HISTORY, RuleSettings.defaults(RULE), Finding.Anchor.of(OPENED))
                .title("Slow first response").explanation("First reply after 31 h; the SLA for high priority is 4 h")
                .evidence(OPENED).actor(Finding.Actor.fallback("nobody owns the ticket"))
                .detectedAt(Instant.parse("2026-03-02T13:00:00Z"));
    }

    @Test
    void isKeyedByRuleCustomerAndAnchorRecord() {
        Finding f = builder().build();
        assertThat(f.key()).isEqualTo("slow-first-response|sf:003A|zendesk/tickets/4711");
        assertThat(f.personaId()).isEqualTo("leisure-traveller");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.evidence()).singleElement().satisfies(e -> {
            assertThat(e.touchpoint()).isEqualTo(OPENED.key());
            assertThat(e.what()).isEqualTo("ticket-opened \"Never received my itinerary\"");
        });
    }

    @Test
    void isOpenUntilTheConditionClears() {
        assertThat(builder().build().state()).isEqualTo(Finding.State.OPEN);
        assertThat(builder().clearedAt(Instant.parse("2026-03-03T16:00:00Z")).build().state())
                .isEqualTo(Finding.State.RESOLVED);
        assertThatThrownBy(() -> builder().clearedAt(Instant.parse("2026-03-01T00:00:00Z")).build())
                .hasMessageContaining("before it was detected");
    }

    @Test
    void anActorIsASalesforceUserOrTheFallback() {
        assertThat(new Finding.Actor("005Jx000000ABCDIA4", "case owner", "owns the case").userId())
                .isEqualTo("005Jx000000ABCDIA4");
        assertThatThrownBy(() -> new Finding.Actor("00GJx000000QUEUE", "case owner", "queue"))
                .hasMessageContaining("not a Salesforce User Id");
        assertThatThrownBy(() -> new Finding.Actor(null, "case owner", "nobody"))
                .hasMessageContaining("fallback");
    }
}
