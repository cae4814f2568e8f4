package dev.journeyconnector.salesforce.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceClientQueryTest {
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
    void queryReturnsRecordsTypedByTheDescribeFieldTypes() {
        salesforce.stubSoap("query", "derived_query_response_typed_page1.xml");

        QueryPage page = client.query("SELECT Id, Name FROM Opportunity");

        assertThat(page.done()).isFalse();
        assertThat(page.queryLocator()).isEqualTo("01gD0000002HU6KIAW-2000");
        assertThat(page.totalSize()).isEqualTo(4);
        Map<String, Object> first = page.records().get(0);
        assertThat(first).containsEntry("Id", "006A000000LZhwNIAT")
                .containsEntry("Name", "Opportunity 1")
                .containsEntry("StageName", "Prospecting")
                .containsEntry("Amount", new BigDecimal("15000.5"))
                .containsEntry("CloseDate", LocalDate.of(2013, 6, 30))
                .containsEntry("IsWon", false)
                .containsEntry("Probability", new BigDecimal("10.0"))
                .containsEntry("CreatedDate", Instant.parse("2013-05-03T18:26:57Z"))
                .containsEntry("Description", null)
                .doesNotContainKey("type");
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("type", "Account");
        account.put("Id", null);
        account.put("Name", "Acme");
        account.put("NumberOfEmployees", 250L);
        assertThat(first.get("Account")).isEqualTo(account);
        Map<String, Object> second = page.records().get(1);
        assertThat(second).containsEntry("Amount", null).containsEntry("IsWon", true).containsEntry("Account", null);
    }

    @Test
    void queryMoreFetchesTheNextPageByLocator() {
        salesforce.stubSoap("query", "derived_query_response_typed_page1.xml");
        salesforce.stubSoap("queryMore", "soapforce_query_more_response.xml");

        QueryPage first = client.query("SELECT Id, Name, StageName FROM Opportunity");
        QueryPage second = client.queryMore(first.queryLocator());

        assertThat(second.done()).isTrue();
        assertThat(second.queryLocator()).isNull();
        assertThat(second.records()).extracting(r -> r.get("Name")).containsExactly("Opportunity 1", "Opportunity 2");
        assertThat(salesforce.soapRequests("queryMore").get(0).getBodyAsString())
                .contains("01gD0000002HU6KIAW-2000");
    }

    @Test
    void queryAllUsesTheQueryAllOperation() {
        salesforce.stubSoap("queryAll", "soapforce_query_all_response.xml");

        QueryPage page = client.queryAll("SELECT Id, Name FROM Opportunity WHERE IsDeleted = true");

        assertThat(page.records()).hasSize(2);
        assertThat(salesforce.soapRequests("queryAll")).hasSize(1);
        assertThat(salesforce.soapRequests("query")).isEmpty();
    }

    @Test
    void queryRequestsCarryTheSessionAndTheBatchSize() {
        salesforce.stubSoap("query", "soapforce_query_response.xml");

        client.query("SELECT Id FROM Opportunity");

        String body = salesforce.soapRequests("query").get(0).getBodyAsString();
        assertThat(body).contains(FakeSalesforce.ACCESS_TOKEN).containsPattern("batchSize>2000<");
        // force-wsc compression stays on (its default): requests are gzipped.
        assertThat(salesforce.soapRequests("query").get(0).getHeader("Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void describeIsCalledOncePerObjectForTheClientsLifetime() {
        salesforce.stubSoap("query", "soapforce_query_response.xml");

        client.query("SELECT Id FROM Opportunity");
        client.query("SELECT Id FROM Opportunity");
        SObjectDescription description = client.describe("opportunity");

        assertThat(description.name()).isEqualTo("Opportunity");
        assertThat(description.keyPrefix()).isEqualTo("006");
        assertThat(description.field("amount")).get().extracting(FieldDescription::type).isEqualTo("currency");
        assertThat(description.field("StageName").get().picklistValues()).contains("Prospecting");
        assertThat(description.relationship("Account").get().name()).isEqualTo("AccountId");
        assertThat(salesforce.soapRequests("describeSObject")).hasSize(1);
    }

    @Test
    void apiUsageComesFromTheLastLimitInfoHeader() {
        assertThat(client.apiUsage()).isEqualTo(ApiUsage.UNKNOWN);
        salesforce.stubSoap("query", "www-salesforce_query_response_limitinfo.xml");

        QueryPage page = client.query("SELECT Id, Name FROM Contact");

        assertThat(page.records()).extracting(r -> r.get("Name")).containsExactly("FooBar Homer", "BazQux Simpson");
        assertThat(client.apiUsage()).isEqualTo(new ApiUsage(22092, 64000));
    }

    @Test
    void serverTimeIsSalesforcesClock() {
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("getServerTimestamp")).willReturn(FakeSalesforce.xml(200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com">
                <soapenv:Body><getServerTimestampResponse><result><timestamp>2026-05-01T10:00:00.123Z</timestamp></result></getServerTimestampResponse></soapenv:Body>
                </soapenv:Envelope>""")));

        assertThat(client.serverTime()).isEqualTo(Instant.parse("2026-05-01T10:00:00.123Z"));
    }

    @Test
    void invalidFieldFaultIsAPermanentFailure() {
        salesforce.stubSoapFault("query", "www-salesforce_invalid_field_fault.xml");

        SalesforceException failure = org.junit.jupiter.api.Assertions.assertThrows(SalesforceException.class,
                () -> client.query("select adfId, Name, Account.Name from Contact"));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.faultCode()).isEqualTo("INVALID_FIELD");
        assertThat(failure.getMessage()).contains("No such column 'adfId' on entity 'Contact'");
    }

    @Test
    void externalEntitiesInAResponseAreNeverResolved() {
        // We have no XML parser of our own; force-wsc's (XPP3 MXParser) must not read local files for a hostile server.
        String hostile = FakeSalesforce.fixture("soapforce_query_response.xml")
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
                .replace("Opportunity 1", "&xxe;");
        salesforce.server.stubFor(salesforce.soap(FakeSalesforce.operation("query")).willReturn(FakeSalesforce.xml(200, hostile)));

        // XPP3 stops at the undeclared-for-it entity reference ("Failed to get text"): the call fails, nothing is read.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.query("SELECT Id, Name FROM Opportunity"))
                .isInstanceOf(SalesforceException.class)
                .hasMessageNotContaining("root:");
    }
}
