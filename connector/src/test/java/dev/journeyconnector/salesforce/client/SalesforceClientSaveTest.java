package dev.journeyconnector.salesforce.client;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SalesforceClientSaveTest {
    private static final Pattern SOBJECT_ELEMENT = Pattern.compile("<(\\w+:)?sObjects[ >]");

    private FakeSalesforce salesforce;
    private SalesforceClient client;

    @BeforeEach
    void start() {
        salesforce = new FakeSalesforce();
        salesforce.stubToken(FakeSalesforce.ACCESS_TOKEN);
        salesforce.stubStandardDescribes();
        client = SalesforceClients.connect(salesforce.clientCredentials());
    }

    @AfterEach
    void stop() {
        client.close();
        salesforce.close();
    }

    @Test
    void createReturnsOneOutcomePerRecordInOrderIncludingFailures() {
        salesforce.stubSoap("create", "derived_create_response_mixed.xml");

        List<SaveOutcome> outcomes = client.create("Opportunity", List.of(
                opportunity("A"), opportunity("B"), opportunity("C")));

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isEqualTo(new SaveOutcome("006A000000LbiizIAB", true, List.of(), true));
        assertThat(outcomes.get(1).success()).isFalse();
        assertThat(outcomes.get(1).id()).isNull();
        assertThat(outcomes.get(1).errors()).containsExactly(new SaveError("FIELD_INTEGRITY_EXCEPTION",
                "The profile name is already in use: Name", List.of("Name")));
        assertThat(outcomes.get(2).errors().get(0).statusCode()).isEqualTo("INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY");
        assertThat(outcomes.get(2).failureKind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(client.apiUsage()).isEqualTo(new ApiUsage(43, 5_000_000));
    }

    @Test
    void createSendsTypedValues() {
        salesforce.stubSoap("create", "soapforce_create_response.xml");
        Map<String, Object> record = new HashMap<>(opportunity("Typed"));
        record.put("Amount", new BigDecimal("1250.75"));
        record.put("CloseDate", LocalDate.of(2026, 5, 1));
        record.put("IsWon", Boolean.TRUE);
        record.put("Description", null);

        List<SaveOutcome> outcomes = client.create("Opportunity", List.of(record));

        assertThat(outcomes).containsExactly(new SaveOutcome("006A000000LbiizIAB", true, List.of(), true));
        String body = salesforce.soapRequests("create").get(0).getBodyAsString();
        assertThat(body).containsPattern("type[^>]*>Opportunity<").doesNotContain("Description")
                .containsPattern("Amount xsi:type=\"xsd:double\">1250.75<")
                .containsPattern("CloseDate xsi:type=\"xsd:string\">2026-05-01<")
                .containsPattern("IsWon xsi:type=\"xsd:boolean\">true<");
    }

    @Test
    void create450RecordsTakesThreeCallsOf200200And50() {
        String scenario = "chunks";
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("create")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(FakeSalesforce.xml(200, createResponse(200))));
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("create")).inScenario(scenario)
                .whenScenarioStateIs("second").willSetStateTo("third")
                .willReturn(FakeSalesforce.xml(200, createResponse(200))));
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("create")).inScenario(scenario)
                .whenScenarioStateIs("third")
                .willReturn(FakeSalesforce.xml(200, createResponse(50))));
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            records.add(opportunity("Opportunity " + i));
        }

        List<SaveOutcome> outcomes = client.create("Opportunity", records);

        assertThat(outcomes).hasSize(450).allMatch(SaveOutcome::success);
        assertThat(salesforce.soapRequests("create"))
                .extracting(request -> count(SOBJECT_ELEMENT, request.getBodyAsString()))
                .containsExactly(200, 200, 50);
    }

    @Test
    void aFailedChunkReportsTheOutcomesOfTheChunksAlreadySaved() {
        String scenario = "partial";
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("create")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("broken")
                .willReturn(FakeSalesforce.xml(200, createResponse(200))));
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("create")).inScenario(scenario)
                .whenScenarioStateIs("broken")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            records.add(opportunity("Opportunity " + i));
        }

        PartialSaveException failure = catchThrowableOfType(PartialSaveException.class,
                () -> client.create("Opportunity", records));

        assertThat(failure.completed()).hasSize(200);
        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
    }

    @Test
    void updateSendsTheIdAndClearsNullValuesThroughFieldsToNull() {
        salesforce.stubSoap("update", "soapforce_update_response.xml");
        Map<String, Object> record = new HashMap<>();
        record.put("Id", "006A000000LbiizIAB");
        record.put("StageName", "Closed Won");
        record.put("Description", null);

        List<SaveOutcome> outcomes = client.update("Opportunity", List.of(record));

        assertThat(outcomes).containsExactly(new SaveOutcome("006A000000LbiizIAB", true, List.of(), false));
        String body = salesforce.soapRequests("update").get(0).getBodyAsString();
        assertThat(body).containsPattern("fieldsToNull[^>]*>Description<")
                .containsPattern("Id[^>]*>006A000000LbiizIAB<")
                .contains("Closed Won");
    }

    @Test
    void updateFailureEntriesBecomeFailedOutcomes() {
        salesforce.stubSoap("update", "soapforce_update_response_failure.xml");

        List<SaveOutcome> outcomes = client.update("Opportunity",
                List.of(Map.of("Id", "006A000000LbiizIAB", "Name", "Renamed")));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.success()).isFalse();
            assertThat(outcome.errors()).extracting(SaveError::statusCode)
                    .containsExactly("INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY");
        });
    }

    @Test
    void unknownFieldsAreRefusedAllAtOnceBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.create("Opportunity", List.of(
                Map.of("Name", "A", "Stage", "x"), Map.of("Name", "B", "Amout__c", 1))))
                .isInstanceOf(UnknownFieldsException.class)
                .hasMessageContaining("Opportunity")
                .hasMessageContaining("Stage")
                .hasMessageContaining("Amout__c");
        assertThat(salesforce.soapRequests("create")).isEmpty();
    }

    @Test
    void fieldsDescribeSaysAreNotWritableAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.create("Opportunity", List.of(
                Map.of("Name", "A", "CreatedDate", Instant.parse("2026-05-01T10:00:00Z")))))
                .isInstanceOf(SalesforceException.class)
                .hasMessageContaining("not createable")
                .hasMessageContaining("CreatedDate");
        assertThat(salesforce.soapRequests("create")).isEmpty();
    }

    @Test
    void updateWithoutIdIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.update("Opportunity", List.of(Map.of("Name", "A"))))
                .isInstanceOf(SalesforceException.class)
                .hasMessageContaining("record 0 has no Id");
        assertThat(salesforce.soapRequests("update")).isEmpty();
    }

    private static Map<String, Object> opportunity(String name) {
        return Map.of("Name", name, "StageName", "Prospecting", "CloseDate", LocalDate.of(2026, 6, 30));
    }

    /** The soapforce create result (fixture soapforce_create_response.xml), repeated {@code n} times. */
    private static String createResponse(int n) {
        String one = FakeSalesforce.fixture("soapforce_create_response.xml");
        int start = one.indexOf("<result>");
        int end = one.indexOf("</result>") + "</result>".length();
        return one.substring(0, start) + one.substring(start, end).repeat(n) + one.substring(end);
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
