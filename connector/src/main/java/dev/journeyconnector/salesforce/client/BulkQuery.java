package dev.journeyconnector.salesforce.client;

import com.sforce.async.AsyncApiException;
import com.sforce.async.BatchInfo;
import com.sforce.async.BatchStateEnum;
import com.sforce.async.BulkConnection;
import com.sforce.async.ConcurrencyMode;
import com.sforce.async.ContentType;
import com.sforce.async.JobInfo;
import com.sforce.async.OperationEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One Bulk API 1.0 query job, as a sentence: create the job, add the SOQL as its batch, wait for the batches,
 * list their results, close the job, then hand out one result file's records at a time.
 *
 * <p>With PK chunking Salesforce splits the batch into one batch per range of record Ids and marks the batch we
 * added {@code NotProcessed}; it has no results of its own
 * (https://developer.salesforce.com/docs/platform/api-asynch/guide/async-api-headers-enable-pk-chunking.html).
 * The job is done when every other batch is Completed; a Failed batch fails the query with its state message.
 */
final class BulkQuery {
    private static final Logger LOG = LoggerFactory.getLogger(BulkQuery.class);
    /** PK chunking's chunk size may be at most 250,000 records (PK Chunking header). */
    static final int MAX_PK_CHUNK_SIZE = 250_000;

    /** Sends one Bulk API request as {@code operation}: counted, serialised and renewed once on InvalidSessionId. */
    interface Calls {
        <T> T call(String operation, BulkCall<T> call);
    }

    @FunctionalInterface
    interface BulkCall<T> {
        T run(BulkConnection connection) throws AsyncApiException;
    }

    /** Waits between status polls; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** How long to wait between polls: doubling from {@code first} up to {@code max}, giving up after {@code total}. */
    record Backoff(Duration first, Duration max, Duration total) {
        /** Bulk query batches take seconds to minutes; Salesforce times a batch out after 10 minutes of processing and retries it up to 15 times (Bulk API limits). */
        static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(3));
    }

    private final Calls calls;
    private final BulkRecords records;
    private final Sleeper sleeper;
    private final Backoff backoff;

    BulkQuery(Calls calls, BulkRecords records, Sleeper sleeper, Backoff backoff) {
        this.calls = calls;
        this.records = records;
        this.sleeper = sleeper;
        this.backoff = backoff;
    }

    /**
     * Runs the query; the returned iterator downloads one result file per {@code next()}.
     *
     * @param pkChunkSize records per PK chunk, 1..250,000; 0 turns PK chunking off
     */
    Iterator<List<Map<String, Object>>> run(String sobject, String soql, boolean includeDeleted, int pkChunkSize) {
        JobInfo job = createJob(sobject, includeDeleted, pkChunkSize);
        Deque<String[]> results;
        boolean closed = false;
        try {
            BatchInfo added = addBatch(job, soql);
            List<BatchInfo> batches = awaitBatches(job, added, pkChunkSize > 0);
            results = listResults(job, batches);
            closeJob(job);
            closed = true;
        } finally {
            if (!closed) {
                closeQuietly(job);
            }
        }
        return new Results(job.getObject(), results);
    }

    private JobInfo createJob(String sobject, boolean includeDeleted, int pkChunkSize) {
        JobInfo job = new JobInfo();
        job.setObject(sobject);
        job.setOperation(includeDeleted ? OperationEnum.queryAll : OperationEnum.query);
        job.setContentType(ContentType.CSV);
        job.setConcurrencyMode(ConcurrencyMode.Parallel);
        return calls.call("bulkCreateJob", connection -> {
            // The connection is this query's own: BulkConnection sends added headers with every later POST too.
            if (pkChunkSize > 0) {
                connection.addHeader("Sforce-Enable-PKChunking", "chunkSize=" + pkChunkSize);
            }
            return connection.createJob(job);
        });
    }

    private BatchInfo addBatch(JobInfo job, String soql) {
        byte[] body = soql.getBytes(StandardCharsets.UTF_8);
        return calls.call("bulkAddBatch", connection -> connection.createBatchFromStream(job, new ByteArrayInputStream(body)));
    }

    /** Polls the job's batch list until every batch is final; a Failed batch fails the query. */
    private List<BatchInfo> awaitBatches(JobInfo job, BatchInfo added, boolean pkChunking) {
        Duration wait = backoff.first();
        Duration waited = Duration.ZERO;
        while (true) {
            List<BatchInfo> batches = List.of(calls.call("bulkBatchList", c -> c.getBatchInfoList(job.getId())).getBatchInfo());
            for (BatchInfo batch : batches) {
                if (batch.getState() == BatchStateEnum.Failed) {
                    throw batchFailed(job, batch);
                }
            }
            if (finished(batches, added, pkChunking)) {
                return batches;
            }
            if (waited.compareTo(backoff.total()) >= 0) {
                throw new SalesforceException(FailureKind.RETRYABLE, "BULK_TIMEOUT", "Bulk query job " + job.getId()
                        + " on " + job.getObject() + " did not finish within " + backoff.total());
            }
            sleep(wait);
            waited = waited.plus(wait);
            wait = wait.multipliedBy(2).compareTo(backoff.max()) > 0 ? backoff.max() : wait.multipliedBy(2);
        }
    }

    private static boolean finished(List<BatchInfo> batches, BatchInfo added, boolean pkChunking) {
        for (BatchInfo batch : batches) {
            boolean original = batch.getId().equals(added.getId());
            BatchStateEnum expected = original && pkChunking ? BatchStateEnum.NotProcessed : BatchStateEnum.Completed;
            if (batch.getState() != expected) {
                return false;
            }
        }
        return !batches.isEmpty();
    }

    private static SalesforceException batchFailed(JobInfo job, BatchInfo batch) {
        // stateMessage reads "<AsyncExceptionCode> : <text>", and for a bad query the text names the SOAP code:
        // "InvalidBatch : Failed to process query: INVALID_FIELD: ...".
        String message = batch.getStateMessage() == null ? "" : batch.getStateMessage().strip();
        String code = message.contains(" : ") ? message.substring(0, message.indexOf(" : ")).strip() : "BULK_BATCH_FAILED";
        java.util.regex.Matcher soapCode = java.util.regex.Pattern.compile("query: ([A-Z_]+):").matcher(message);
        if (soapCode.find()) {
            code = soapCode.group(1);
        }
        return new SalesforceException(SalesforceFailures.classify(code, message), code, "Bulk query batch "
                + batch.getId() + " of job " + job.getId() + " on " + job.getObject() + " failed: " + message);
    }

    private Deque<String[]> listResults(JobInfo job, List<BatchInfo> batches) {
        Deque<String[]> out = new ArrayDeque<>();
        for (BatchInfo batch : batches) {
            if (batch.getState() != BatchStateEnum.Completed) {
                continue;
            }
            String[] ids = calls.call("bulkResultList", c -> c.getQueryResultList(job.getId(), batch.getId())).getResult();
            for (String id : ids == null ? new String[0] : ids) {
                out.add(new String[] {job.getId(), batch.getId(), id});
            }
        }
        return out;
    }

    private void closeJob(JobInfo job) {
        calls.call("bulkCloseJob", c -> c.closeJob(job.getId()));
    }

    private void closeQuietly(JobInfo job) {
        try {
            closeJob(job);
        } catch (RuntimeException e) {
            LOG.warn("Could not close Bulk API job {} after a failure: {}", job.getId(), e.getMessage());
        }
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceException(FailureKind.RETRYABLE, "INTERRUPTED", "Interrupted while waiting for a Bulk API job");
        }
    }

    /** One element per result file, downloaded when asked for. */
    private final class Results implements Iterator<List<Map<String, Object>>> {
        private final String sobject;
        private final Deque<String[]> pending;

        Results(String sobject, Deque<String[]> pending) {
            this.sobject = sobject;
            this.pending = pending;
        }

        @Override
        public boolean hasNext() {
            return !pending.isEmpty();
        }

        @Override
        public List<Map<String, Object>> next() {
            String[] result = pending.poll();
            if (result == null) {
                throw new NoSuchElementException();
            }
            return calls.call("bulkResult", c -> {
                try (InputStream in = c.getQueryResultStream(result[0], result[1], result[2])) {
                    return records.read(sobject, new CsvRows(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
