package dev.journeyconnector.sandbox.salesforce;

import com.sforce.async.AsyncApiException;
import com.sforce.async.AsyncExceptionCode;
import com.sforce.async.BatchInfo;
import com.sforce.async.BatchStateEnum;
import com.sforce.async.BulkConnection;
import com.sforce.async.CSVReader;
import com.sforce.async.ConcurrencyMode;
import com.sforce.async.ContentType;
import com.sforce.async.JobInfo;
import com.sforce.async.JobStateEnum;
import com.sforce.async.OperationEnum;
import com.sforce.ws.ConnectorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Bulk API 1.0 endpoints driven by force-wsc's own BulkConnection, over the real SOQL engine. */
class BulkApiTest {
    private static final int CONTACTS = 25_000;
    private static SalesforceSimulator sim;
    private static ApiCounters counters;

    @BeforeAll
    static void start() {
        sim = SalesforceSimulator.builder(SimulatorFixture.smallWorld()).start();
        counters = sim.counters();
        List<IncomingRecord> contacts = new ArrayList<>();
        for (int i = sim.org().count("Contact"); i < CONTACTS; i++) {
            contacts.add(new IncomingRecord("Contact", null, Map.of("LastName", "Bulk " + i, "Email", "bulk" + i + "@example.com"), null));
        }
        assertThat(sim.org().create(contacts, null)).allMatch(SaveOutcome::success);
        assertThat(sim.org().count("Contact")).isEqualTo(CONTACTS);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.clearControls();
        counters.reset();
    }

    @Test
    void pkChunkingSplits25000ContactsInto3BatchesOf10000AndTheOriginalBatchIsNotProcessed() throws Exception {
        BulkConnection bulk = connect();
        bulk.addHeader("Sforce-Enable-PKChunking", "chunkSize=10000");
        long usageBefore = sim.apiUsageToday();

        JobInfo job = bulk.createJob(queryJob(OperationEnum.query));
        BatchInfo original = bulk.createBatchFromStream(job, soql("SELECT Id, LastName, Account.Name FROM Contact"));
        BatchInfo[] batches = bulk.getBatchInfoList(job.getId()).getBatchInfo();
        Set<String> ids = new HashSet<>();
        int rows = 0;
        for (BatchInfo chunk : Arrays.copyOfRange(batches, 1, batches.length)) {
            for (String resultId : bulk.getQueryResultList(job.getId(), chunk.getId()).getResult()) {
                List<List<String>> csv = read(bulk.getQueryResultStream(job.getId(), chunk.getId(), resultId));
                assertThat(csv.get(0)).containsExactly("Id", "LastName", "Account.Name");
                csv.subList(1, csv.size()).forEach(r -> ids.add(r.get(0)));
                rows += csv.size() - 1;
            }
        }
        BatchInfo originalAfter = bulk.getBatchInfo(job.getId(), original.getId());
        JobInfo closed = bulk.closeJob(job.getId());

        assertThat(original.getState()).isEqualTo(BatchStateEnum.Queued);
        assertThat(batches).hasSize(4);
        assertThat(batches[0].getId()).isEqualTo(original.getId());
        assertThat(batches[0].getState()).isEqualTo(BatchStateEnum.NotProcessed);
        assertThat(Arrays.stream(batches).skip(1).map(BatchInfo::getState)).containsOnly(BatchStateEnum.Completed);
        assertThat(Arrays.stream(batches).skip(1).map(BatchInfo::getNumberRecordsProcessed)).containsExactly(10_000, 10_000, 5_000);
        assertThat(rows).isEqualTo(CONTACTS);
        assertThat(ids).hasSize(CONTACTS);
        assertThat(originalAfter.getState()).isEqualTo(BatchStateEnum.NotProcessed);
        assertThat(closed.getState()).isEqualTo(JobStateEnum.Closed);
        assertThat(closed.getNumberBatchesTotal()).isEqualTo(4);
        assertThat(closed.getNumberRecordsProcessed()).isEqualTo(CONTACTS);
        assertThat(bulkCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("bulkCreateJob", 1L, "bulkAddBatch", 1L,
                "bulkBatchList", 1L, "bulkResultList", 3L, "bulkResult", 3L, "bulkBatchInfo", 1L, "bulkCloseJob", 1L));
        assertThat(sim.apiUsageToday() - usageBefore).isEqualTo(11);
    }

    @Test
    void batchesShowQueuedThenInProgressUntilPolledEnoughTimes() throws Exception {
        sim.bulkApi().setPollsUntilDone(2);
        BulkConnection bulk = connect();
        JobInfo job = bulk.createJob(queryJob(OperationEnum.query));
        BatchInfo batch = bulk.createBatchFromStream(job, soql("SELECT Id FROM Contact WHERE LastName = 'Doe'"));

        List<BatchStateEnum> states = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            states.add(bulk.getBatchInfo(job.getId(), batch.getId()).getState());
        }

        assertThat(states).containsExactly(BatchStateEnum.Queued, BatchStateEnum.InProgress, BatchStateEnum.Completed);
        assertThat(bulk.getBatchInfo(job.getId(), batch.getId()).getNumberRecordsProcessed()).isEqualTo(1);
    }

    @Test
    void queryAllIncludesDeletedRecordsAndQueryDoesNot() throws Exception {
        String id = (String) sim.org().rows("Contact").stream().filter(r -> "Bulk 7".equals(r.get("LastName"))).findFirst().orElseThrow().get("Id");
        sim.org().delete(List.of(id), null);
        try {
            String soql = "SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Bulk 7'";
            assertThat(runQuery(OperationEnum.queryAll, soql)).containsExactly(List.of("Id", "IsDeleted"), List.of(id, "true"));
            assertThat(runQuery(OperationEnum.query, soql)).containsExactly(List.of(BulkCsv.NO_RECORDS));
        } finally {
            sim.org().rowById(id).orElseThrow().put("IsDeleted", Boolean.FALSE);
        }
    }

    @Test
    void valuesAreQuotedWithNullsEmptyAndDatetimesInUtcMillis() throws Exception {
        List<List<String>> csv = runQuery(OperationEnum.query,
                "SELECT Id, FirstName, LastName, Account.Name, CreatedDate FROM Contact WHERE LastName IN ('Doe', 'Bulk 3') ORDER BY LastName");

        assertThat(csv.get(0)).containsExactly("Id", "FirstName", "LastName", "Account.Name", "CreatedDate");
        assertThat(csv.get(1).subList(1, 4)).containsExactly("", "Bulk 3", "");
        assertThat(csv.get(2).subList(1, 4)).containsExactly("Jane", "Doe", "Acme Corporation");
        assertThat(csv.get(2).get(4)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void anUnknownSessionGetsTheBulkApisInvalidSessionIdError() throws Exception {
        ConnectorConfig config = new ConnectorConfig();
        config.setSessionId("00D000000000001!nonsense");
        config.setRestEndpoint(sim.url() + "/services/async/" + SimulatorFixture.API_VERSION);
        config.setTraceMessage(false);
        BulkConnection bulk = new BulkConnection(config);

        assertThatThrownBy(() -> bulk.createJob(queryJob(OperationEnum.query)))
                .isInstanceOfSatisfying(AsyncApiException.class, e -> {
                    assertThat(e.getExceptionCode()).isEqualTo(AsyncExceptionCode.InvalidSessionId);
                    assertThat(e.getExceptionMessage()).isEqualTo("Invalid session id");
                });
        assertThatThrownBy(() -> bulk.getJobStatus("750Jx0000000001"))
                .isInstanceOfSatisfying(AsyncApiException.class,
                        e -> assertThat(e.getExceptionCode()).isEqualTo(AsyncExceptionCode.InvalidSessionId));
        assertThat(counters.get("bulkCreateJob")).isEqualTo(1);
    }

    @Test
    void aBadQueryFailsTheBatchWithTheQueryErrorInItsStateMessage() throws Exception {
        BulkConnection bulk = connect();
        JobInfo job = bulk.createJob(queryJob(OperationEnum.query));
        BatchInfo batch = bulk.createBatchFromStream(job, soql("SELECT Id, NoSuchField__c FROM Contact"));

        BatchInfo after = bulk.getBatchInfo(job.getId(), batch.getId());

        assertThat(after.getState()).isEqualTo(BatchStateEnum.Failed);
        assertThat(after.getStateMessage()).startsWith("InvalidBatch : Failed to process query: INVALID_FIELD:")
                .contains("NoSuchField__c");
        assertThatThrownBy(() -> bulk.getQueryResultList(job.getId(), batch.getId()))
                .isInstanceOfSatisfying(AsyncApiException.class,
                        e -> assertThat(e.getExceptionCode()).isEqualTo(AsyncExceptionCode.InvalidBatch));
    }

    @Test
    void aBadQueryWithPkChunkingFailsTheOriginalBatchAndLeavesNoChunks() throws Exception {
        BulkConnection bulk = connect();
        bulk.addHeader("Sforce-Enable-PKChunking", "true");
        JobInfo job = bulk.createJob(queryJob(OperationEnum.query));
        bulk.createBatchFromStream(job, soql("SELECT Id FROM Contact WHERE"));

        BatchInfo[] batches = bulk.getBatchInfoList(job.getId()).getBatchInfo();

        assertThat(batches).hasSize(1);
        assertThat(batches[0].getState()).isEqualTo(BatchStateEnum.Failed);
        assertThat(batches[0].getStateMessage()).startsWith("InvalidBatch : Failed to process query: MALFORMED_QUERY");
    }

    @Test
    void aChunkSizeAbove250000IsRefused() throws Exception {
        BulkConnection bulk = connect();
        bulk.addHeader("Sforce-Enable-PKChunking", "chunkSize=250001");

        assertThatThrownBy(() -> bulk.createJob(queryJob(OperationEnum.query)))
                .isInstanceOfSatisfying(AsyncApiException.class,
                        e -> assertThat(e.getExceptionCode()).isEqualTo(AsyncExceptionCode.InvalidJob));
    }

    private static List<List<String>> runQuery(OperationEnum operation, String soql) throws Exception {
        BulkConnection bulk = connect();
        JobInfo job = bulk.createJob(queryJob(operation));
        BatchInfo batch = bulk.createBatchFromStream(job, soql(soql));
        assertThat(bulk.getBatchInfo(job.getId(), batch.getId()).getState()).isEqualTo(BatchStateEnum.Completed);
        String[] results = bulk.getQueryResultList(job.getId(), batch.getId()).getResult();
        assertThat(results).hasSize(1);
        return read(bulk.getQueryResultStream(job.getId(), batch.getId(), results[0]));
    }

    private static BulkConnection connect() throws AsyncApiException {
        ConnectorConfig soap = SimulatorFixture.oauthConfig(sim);
        ConnectorConfig config = new ConnectorConfig();
        config.setSessionId(soap.getSessionId());
        config.setRestEndpoint(sim.url() + "/services/async/" + SimulatorFixture.API_VERSION);
        config.setTraceMessage(false);
        config.setCompression(true);
        return new BulkConnection(config);
    }

    private static JobInfo queryJob(OperationEnum operation) {
        JobInfo job = new JobInfo();
        job.setObject("Contact");
        job.setOperation(operation);
        job.setContentType(ContentType.CSV);
        job.setConcurrencyMode(ConcurrencyMode.Parallel);
        return job;
    }

    private static InputStream soql(String soql) {
        return new ByteArrayInputStream(soql.getBytes(StandardCharsets.UTF_8));
    }

    private static List<List<String>> read(InputStream in) throws IOException {
        CSVReader reader = new CSVReader(in, "UTF-8");
        reader.setMaxRowsInFile(Integer.MAX_VALUE);
        reader.setMaxCharsInFile(Integer.MAX_VALUE);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row = reader.nextRecord(); row != null; row = reader.nextRecord()) {
            rows.add(row.stream().map(v -> v == null ? "" : v).toList());
        }
        return rows;
    }

    private static Map<String, Long> bulkCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.snapshot().forEach((k, v) -> {
            if (k.startsWith("bulk") && v > 0) {
                out.put(k, v);
            }
        });
        return out;
    }
}
