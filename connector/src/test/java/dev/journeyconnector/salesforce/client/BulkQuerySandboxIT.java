package dev.journeyconnector.salesforce.client;

import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import dev.journeyconnector.sandbox.salesforce.ApiCounters;
import dev.journeyconnector.sandbox.salesforce.IncomingRecord;
import dev.journeyconnector.sandbox.salesforce.SalesforceOrg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SalesforceClient#bulkQuery} against the sandbox's Bulk API, force-wsc's BulkConnection inside. */
class BulkQuerySandboxIT {
    private static final int CONTACTS = 25_000;
    private static final String SOQL = "SELECT Id, FirstName, LastName, Email, Account.Name, Account.AnnualRevenue, "
            + "CreatedDate, IsDeleted, HasOptedOutOfEmail, LastActivityDate, Description FROM Contact";

    private static Sandbox sandbox;
    private static ApiCounters counters;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(new SandboxOptions(null, null, false, 0));
        counters = sandbox.salesforce().counters();
        SalesforceOrg org = sandbox.salesforce().org();
        List<IncomingRecord> contacts = new ArrayList<>();
        for (int i = org.rows("Contact").size(); i < CONTACTS; i++) {
            contacts.add(new IncomingRecord("Contact", null, Map.of("LastName", "Bulk " + i, "Email", "bulk" + i + "@example.com",
                    "Description", i % 7 == 0 ? "Said \"call me\",\nthen, later: no" : "plain"), null));
        }
        org.create(contacts, null);
        assertThat(org.rows("Contact")).hasSize(CONTACTS);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void clearControls() {
        sandbox.salesforce().clearControls();
        counters.reset();
    }

    private SalesforceClient connect() {
        SalesforceClient client = SalesforceClients.connect(SalesforceClientSettings.builder(AuthFlow.CLIENT_CREDENTIALS)
                .loginUrl(sandbox.salesforceUrl())
                .clientId(sandbox.salesforceClientId())
                .clientSecret(sandbox.salesforceClientSecret())
                .queryBatchSize(2000)
                .build());
        ((PartnerSalesforceClient) client).bulkWaiting(sleeps::add,
                new BulkQuery.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofMinutes(1)));
        return client;
    }

    @Test
    void aPkChunkedBulkQueryReturnsTheSameTypedRecordsAsQueryInTenCalls() {
        try (SalesforceClient client = connect()) {
            Map<Object, Map<String, Object>> viaSoap = byId(soapQuery(client, SOQL));
            Map<String, Long> before = new HashMap<>(client.callCounts());
            counters.reset();

            List<Integer> fileSizes = new ArrayList<>();
            Map<Object, Map<String, Object>> viaBulk = new LinkedHashMap<>();
            Iterator<List<Map<String, Object>>> files = client.bulkQuery("Contact", SOQL, false, 10_000);
            while (files.hasNext()) {
                List<Map<String, Object>> file = files.next();
                fileSizes.add(file.size());
                file.forEach(r -> assertThat(viaBulk.put(r.get("Id"), r)).as("record seen once").isNull());
            }

            assertThat(fileSizes).containsExactly(10_000, 10_000, 5_000);
            assertThat(viaBulk).hasSize(CONTACTS).isEqualTo(viaSoap);
            Map<String, Long> bulkCalls = Map.of("bulkCreateJob", 1L, "bulkAddBatch", 1L, "bulkBatchList", 1L,
                    "bulkResultList", 3L, "bulkCloseJob", 1L, "bulkResult", 3L);
            assertThat(difference(client.callCounts(), before)).isEqualTo(bulkCalls);
            assertThat(bulkCounters()).isEqualTo(bulkCalls);
            assertThat(sleeps).isEmpty();
        }
    }

    @Test
    void theClientWaitsWithGrowingPausesUntilTheBatchesAreDone() {
        sandbox.salesforce().bulkApi().setPollsUntilDone(4);
        try (SalesforceClient client = connect()) {
            Iterator<List<Map<String, Object>>> files = client.bulkQuery("Contact", "SELECT Id FROM Contact", false, 0);

            assertThat(files.next()).hasSize(CONTACTS);
            assertThat(files.hasNext()).isFalse();
            assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4));
            assertThat(client.callCounts()).containsEntry("bulkBatchList", 5L);
        }
    }

    @Test
    void aSessionExpiredWhilePollingIsRenewedOnceAndTheQueryCompletes() {
        try (SalesforceClient client = connect()) {
            client.describe("Contact");
            counters.reset();
            sandbox.salesforce().bulkApi().setPollsUntilDone(2);
            sandbox.salesforce().expireSessionsAfter(3); // create job, add batch, first poll; then the session dies

            int records = 0;
            Iterator<List<Map<String, Object>>> files = client.bulkQuery("Contact", "SELECT Id FROM Contact", false, 10_000);
            while (files.hasNext()) {
                records += files.next().size();
            }

            assertThat(records).isEqualTo(CONTACTS);
            assertThat(client.sessionRenewals()).isEqualTo(1);
            assertThat(counters.get("oauthToken")).isEqualTo(1);
            // The poll refused for the expired session is sent again: 3 polls answered, 4 sent.
            assertThat(client.callCounts()).containsEntry("bulkBatchList", 4L);
            assertThat(counters.get("bulkBatchList")).isEqualTo(4);
        }
    }

    @Test
    void includeDeletedRunsQueryAllAndFindsDeletedRecords() {
        SalesforceOrg org = sandbox.salesforce().org();
        String id = (String) org.rows("Contact").stream().filter(r -> ("Bulk " + (CONTACTS - 1)).equals(r.get("LastName"))).findFirst().orElseThrow().get("Id");
        org.delete(List.of(id), null);
        try (SalesforceClient client = connect()) {
            String soql = "SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Bulk " + (CONTACTS - 1) + "'";

            assertThat(client.bulkQuery("Contact", soql, true, 0).next()).containsExactly(Map.of("Id", id, "IsDeleted", true));
            assertThat(client.bulkQuery("Contact", soql, false, 0).next()).isEmpty();
        } finally {
            org.rowById(id).orElseThrow().put("IsDeleted", Boolean.FALSE);
        }
    }

    @Test
    void aBadQueryFailsPermanentlyWithTheFieldErrorAndTheJobIsClosed() {
        try (SalesforceClient client = connect()) {
            assertThatThrownBy(() -> client.bulkQuery("Contact", "SELECT Id, Nope__c FROM Contact", false, 10_000))
                    .isInstanceOfSatisfying(SalesforceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                        assertThat(e.faultCode()).isEqualTo("INVALID_FIELD");
                        assertThat(e.getMessage()).contains("Nope__c");
                    });
            assertThat(client.callCounts()).containsEntry("bulkCloseJob", 1L);
        }
    }

    private static List<Map<String, Object>> soapQuery(SalesforceClient client, String soql) {
        List<Map<String, Object>> out = new ArrayList<>();
        QueryPage page = client.query(soql);
        out.addAll(page.records());
        while (!page.done()) {
            page = client.queryMore(page.queryLocator());
            out.addAll(page.records());
        }
        return out;
    }

    private static Map<Object, Map<String, Object>> byId(List<Map<String, Object>> records) {
        Map<Object, Map<String, Object>> out = new LinkedHashMap<>();
        records.forEach(r -> out.put(r.get("Id"), r));
        return out;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new HashMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    private static Map<String, Long> bulkCounters() {
        Map<String, Long> out = new HashMap<>();
        counters.snapshot().forEach((k, v) -> {
            if (k.startsWith("bulk") && v > 0) {
                out.put(k, v);
            }
        });
        return out;
    }
}
