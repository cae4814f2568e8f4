package dev.journeyconnector.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped {@code mappings/salesforce-case.yaml} applied to the sandbox's demo Cases. */
class ShippedCaseMappingTest {

    private static TouchpointMapping mapping;
    private static List<Map<String, Object>> cases;

    @BeforeAll
    static void load() throws MappingException, IOException {
        mapping = MappingLoader.load(shippedFile(), Vocabulary.defaults());
        String resource = "worlds/demo/salesforce/Case.json";
        try (InputStream in = ShippedCaseMappingTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            cases = new ObjectMapper().readValue(in, new TypeReference<>() { });
        }
    }

    private static Path shippedFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("mappings/salesforce-case.yaml");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("mappings/salesforce-case.yaml not found above " + Path.of("").toAbsolutePath());
    }

    private static Map<String, Object> demoCase(String id) {
        return cases.stream().filter(c -> id.equals(c.get("Id"))).findFirst().orElseThrow();
    }

    @Test
    void highPriorityEmailCaseIsANegativeServiceTouchpoint() {
        Map<String, Object> record = demoCase("500Jx0000000002IAA");
        List<Touchpoint> touchpoints = mapping.map((String) record.get("Id"), record);

        assertThat(touchpoints).hasSize(1);
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
    void everyDemoCaseMapsToOneValidTouchpoint() {
        for (Map<String, Object> record : cases) {
            TouchpointMapping.Result result = mapping.apply((String) record.get("Id"), record);
            assertThat(result.unmapped()).as(record.get("Id").toString()).isEmpty();
            assertThat(result.touchpoints()).hasSize(1);
            Touchpoint touchpoint = result.touchpoints().get(0);
            assertThat(Vocabulary.defaults().check(touchpoint)).isEmpty();
            assertThat(touchpoint.channel()).isEqualTo(
                    Map.of("Phone", "phone", "Email", "email", "Web", "web", "Chat", "chat").get(record.get("Origin")));
            assertThat(touchpoint.sentiment()).isEqualTo(
                    "High".equals(record.get("Priority")) ? Sentiment.NEGATIVE : Sentiment.NEUTRAL);
        }
    }
}
