package dev.journeyconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyconnector.app.JourneyConfig;
import dev.journeyconnector.app.JourneyConnector;
import dev.journeyconnector.insight.DriftReport;
import dev.journeyconnector.insight.DriftReportJson;
import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import dev.journeyconnector.sandbox.salesforce.IncomingRecord;
import dev.journeyconnector.sandbox.salesforce.SaveOutcome;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.DriftStore;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4's acceptance: a Case with a new Origin value, added to the demo world's org, appears in the drift report
 * after the next run: in the report the run stores, and in {@code journey drift}. Each test builds on the previous
 * one's data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyDriftIT {
    private static final String TREY_CONTACT = "003Jx0000000001IAA";

    @TempDir
    static Path dataDir;
    private static String whatsAppCaseId;

    @Test
    @Order(1)
    void aRunComputesTheDriftReportStoresItAndShowsTheScore() {
        Cli run = Cli.run(dataDir, "--once");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("  drift score 0(\\.\\d{1,3})?, (within|above) the threshold 0\\.25");
        DriftStore.StoredReport stored = storedReport().orElseThrow();
        assertThat(run.out()).contains("drift score " + plain(stored.score()) + ",");
        assertThat(DriftReportJson.read(stored.reportJson()).unmapped())
                .as("every demo Case has a known Origin").noneMatch(o -> o.object().equals("Case"));
        // One WARN exactly when the score is above the threshold.
        assertThat(run.err().lines().filter(l -> l.startsWith("WARN") && l.contains("Journey drift")).count())
                .isEqualTo(stored.alert() ? 1 : 0);
    }

    @Test
    @Order(2)
    void aCaseFromANewOriginAppearsInTheReportAfterTheNextRun() throws Exception {
        whatsAppCaseId = createCaseInTheSandboxOrg("WhatsApp");

        Cli run = Cli.run(dataDir, "--once");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.pulled().get("salesforce Case")[1]).as("the new Case was pulled").isEqualTo(1);
        DriftReport stored = DriftReportJson.read(storedReport().orElseThrow().reportJson());
        assertThat(stored.unmapped()).filteredOn(o -> o.source().equals("salesforce") && o.object().equals("Case"))
                .singleElement().satisfies(cases -> {
                    assertThat(cases.records()).isEqualTo(1);
                    assertThat(cases.examples()).containsExactly(whatsAppCaseId);
                    assertThat(cases.reasons()).extracting(DriftReport.ReasonCount::reason)
                            .containsExactly("no rule matched");
                    assertThat(cases.values()).first().isEqualTo(
                            new DriftReport.DistinguishingValue("Origin", "WhatsApp", 1));
                });
    }

    @Test
    @Order(3)
    void journeyDriftPrintsTheReportFromTheStoreWithoutAVendorCall() throws Exception {
        Cli drift = Cli.run(dataDir, "drift");

        assertThat(drift.exit()).as(drift.err()).isZero();
        assertThat(drift.out()).startsWith("Journey drift report for ")
                .containsPattern("Drift score \\d\\.\\d{3}, alert above 0\\.250")
                .containsPattern("  salesforce Case: 1 unmapped, \\d+ mapped \\(e\\.g\\. " + whatsAppCaseId + "\\)\n"
                        + "    why: no rule matched \\(1\\)\n"
                        + "    values no mapped Case has:\n"
                        + "      Origin = \"WhatsApp\"  in 1 of 1 unmapped\n");
        assertThat(drift.err()).as("no sandbox, no vendor").doesNotContain("Sandbox").doesNotContain("simulator");

        Cli json = Cli.run(dataDir, "drift", "--json");

        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.out());
        JsonNode cases = null;
        for (JsonNode o : report.path("unmapped")) {
            if (o.path("object").asText().equals("Case")) {
                cases = o;
            }
        }
        assertThat(cases).as(json.out()).isNotNull();
        assertThat(cases.path("records").asInt()).isEqualTo(1);
        assertThat(cases.path("values").get(0).path("field").asText()).isEqualTo("Origin");
        assertThat(cases.path("values").get(0).path("value").asText()).isEqualTo("WhatsApp");
        assertThat(cases.path("values").get(0).path("records").asInt()).isEqualTo(1);
        assertThat(report.path("score").path("threshold").asDouble()).isEqualTo(0.25);
    }

    @Test
    @Order(4)
    void driftWithoutAJourneyMapOrWithBrokenMappingsExits2() throws Exception {
        Path mappings = Files.createDirectories(dataDir.resolve("mappings-without-map"));
        try (var files = Files.list(Cli.MAPPINGS)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("journey-map.yaml")) {
                    Files.copy(f, mappings.resolve(f.getFileName()));
                }
            }
        }
        Cli noMap = Cli.run(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()), dataDir, "drift");

        assertThat(noMap.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(noMap.err()).contains("journey-map.yaml does not exist");

        Files.writeString(mappings.resolve("personas.yaml"), "personas: []\n");
        Cli broken = Cli.run(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()), dataDir, "drift");

        assertThat(broken.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(broken.err()).contains("personas.yaml");
    }

    /** Creates a Case of Trey's in the sandbox org the runs use, as an agent would, and returns its Id. */
    private static String createCaseInTheSandboxOrg(String origin) {
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(null, dataDir.resolve("sandbox"), false, 0))) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("Subject", "Booking question sent by message");
            values.put("Origin", origin);
            values.put("Status", "New");
            values.put("ContactId", TREY_CONTACT);
            List<SaveOutcome> saved = sandbox.salesforce().org().create(
                    List.of(new IncomingRecord("Case", null, values, null)), sandbox.salesforce().org().defaultUserId());
            assertThat(saved).singleElement().satisfies(s -> assertThat(s.success()).as(s.errors().toString()).isTrue());
            return saved.get(0).id();
        }
    }

    private static Optional<DriftStore.StoredReport> storedReport() {
        try (Database db = Database.open(new JourneyConfig.Database("", "", "", 2), dataDir)) {
            return new DriftStore(db.dataSource()).latest();
        }
    }

    private static String plain(double score) {
        return dev.journeyconnector.insight.DriftStage.plain(score);
    }
}
