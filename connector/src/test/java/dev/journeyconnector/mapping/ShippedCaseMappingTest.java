package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped {@code mappings/salesforce-case.yaml} applied to the sandbox's demo Cases, as the store holds them. */
class ShippedCaseMappingTest {

    private static TouchpointMapping mapping;
    private static List<Map<String, Object>> cases;

    @BeforeAll
    static void load() throws MappingException {
        mapping = MappingLoader.load(Path.of("..", "mappings", "salesforce-case.yaml"), Vocabulary.defaults());
        // As the store holds them after a pull: with IsClosed and the other fields Salesforce computes.
        cases = DemoWorldRecords.all(Path.of("..", "routes")).stream()
                .filter(r -> r.source() == Touchpoint.Source.SALESFORCE && r.object().equals("Case"))
                .map(DemoWorldRecords.Stored::payload).toList();
        assertThat(cases).isNotEmpty();
    }

    private static Map<String, Object> demoCase(String id) {
        return cases.stream().filter(c -> id.equals(c.get("Id"))).findFirst().orElseThrow();
    }

    @Test
    void highPriorityEmailCaseIsANegativeServiceTouchpoint() {
        Map<String, Object> record = demoCase("500Jx0000000002IAA");
        List<Touchpoint> touchpoints = mapping.map((String) record.get("Id"), record);

        assertThat(touchpoints).extracting(Touchpoint::type).containsExactly("case-opened", "case-closed");
        Touchpoint opened = touchpoints.get(0);
        assertThat(opened.key().asString()).isEqualTo("salesforce/Case/500Jx0000000002IAA/case-opened");
        assertThat(opened.occurredAt()).isEqualTo(Instant.parse("2026-07-03T08:12:00Z"));
        assertThat(opened.title()).isEqualTo("Never received my itinerary");
        assertThat(opened.stage()).isEqualTo("service");
        assertThat(opened.channel()).isEqualTo("email");
        assertThat(opened.department()).isEqualTo("support");
        assertThat(opened.device()).isEqualTo("unknown");
        assertThat(opened.sentiment()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void everyDemoCaseIsOpenedAndEveryClosedOneClosed() {
        for (Map<String, Object> record : cases) {
            TouchpointMapping.Result result = mapping.apply((String) record.get("Id"), record);
            assertThat(result.unmapped()).as(record.get("Id").toString()).isEmpty();
            boolean closed = "Closed".equals(record.get("Status"));
            assertThat(result.touchpoints()).extracting(Touchpoint::type)
                    .containsExactlyElementsOf(closed ? List.of("case-opened", "case-closed") : List.of("case-opened"));
            for (Touchpoint touchpoint : result.touchpoints()) {
                assertThat(Vocabulary.defaults().check(touchpoint)).isEmpty();
                assertThat(touchpoint.channel()).isEqualTo(
                        Map.of("Phone", "phone", "Email", "email", "Web", "web", "Chat", "chat").get(record.get("Origin")));
                assertThat(touchpoint.department()).isEqualTo("Billing".equals(record.get("Reason")) ? "billing" : "support");
            }
            Touchpoint opened = result.touchpoints().get(0);
            assertThat(opened.sentiment()).isEqualTo(
                    "High".equals(record.get("Priority")) ? Sentiment.NEGATIVE : Sentiment.NEUTRAL);
            assertThat(opened.stage()).isEqualTo("Account Opening".equals(record.get("Reason")) ? "onboarding" : "service");
            if (closed) {
                assertThat(result.touchpoints().get(1).occurredAt())
                        .isEqualTo(Instant.parse((String) record.get("ClosedDate")));
            }
        }
    }

    @Test
    void aCaseSentBeforeThePersonWasAContactIsTheirsByItsEmail() {
        Map<String, Object> filter = demoCase("500Jx0000000001IAA");

        assertThat(mapping.customer()).extracting(link -> link.kind().key() + ": " + link.field())
                .containsExactly("contact: ContactId", "account: AccountId", "email: SuppliedEmail");
        assertThat(mapping.customer().stream().map(link -> link.field().resolve(filter)).filter(Objects::nonNull))
                .containsExactly("trey.weller@example.com");
    }
}
