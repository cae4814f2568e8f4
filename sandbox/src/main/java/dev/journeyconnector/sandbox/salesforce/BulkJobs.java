package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bulk API 1.0 jobs and batches of the simulator. A batch's query runs when the batch is added (its rows are fixed
 * then, as Salesforce's are once a batch is processed), but the batch is reported {@code Queued}, then
 * {@code InProgress}, until it has been looked at {@link #pollsUntilDone} times, so clients exercise their waiting.
 * The oldest jobs are forgotten beyond {@link #MAX_JOBS} to bound memory.
 */
final class BulkJobs {
    static final int MAX_JOBS = 200;

    private long serial = 1;
    private volatile int pollsUntilDone;
    private final Map<String, Job> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > MAX_JOBS;
        }
    };

    /** Batch states of the Bulk API (BatchStateEnum). */
    enum BatchState { Queued, InProgress, Completed, Failed, NotProcessed }

    /** One query job. {@code pkChunkSize} is null when PK chunking is off. */
    final class Job {
        final String id;
        final String operation;
        final String object;
        final String createdById;
        final Instant createdDate;
        final String concurrencyMode;
        final String apiVersion;
        final Integer pkChunkSize;
        final List<Batch> batches = new ArrayList<>();
        volatile Instant systemModstamp;
        volatile String state = "Open";

        private Job(String operation, String object, String createdById, Instant now, String concurrencyMode,
                    String apiVersion, Integer pkChunkSize) {
            this.id = SalesforceIds.of("750", serial++);
            this.operation = operation;
            this.object = object;
            this.createdById = createdById;
            this.createdDate = now;
            this.systemModstamp = now;
            this.concurrencyMode = concurrencyMode;
            this.apiVersion = apiVersion;
            this.pkChunkSize = pkChunkSize;
        }

        boolean includeDeleted() {
            return operation.equals("queryAll");
        }

        Batch newBatch(Instant now) {
            Batch b = new Batch(id, now, pollsUntilDone);
            batches.add(b);
            return b;
        }

        Optional<Batch> batch(String batchId) {
            return batches.stream().filter(b -> b.id.equals(batchId)).findFirst();
        }
    }

    /** One batch: its final state and result files are set when it runs; {@link #state} tells what a client sees now. */
    final class Batch {
        final String id;
        final String jobId;
        final Instant createdDate;
        BatchState finalState = BatchState.Queued;
        String stateMessage;
        int records;
        /** Result id → CSV text; one file per batch in this simulator. */
        final Map<String, String> results = new LinkedHashMap<>();
        private int pollsLeft;
        private boolean seen;

        private Batch(String jobId, Instant now, int polls) {
            this.id = SalesforceIds.of("751", serial++);
            this.jobId = jobId;
            this.createdDate = now;
            this.pollsLeft = polls;
        }

        void complete(int recordCount, String csv) {
            finalState = BatchState.Completed;
            records = recordCount;
            results.put(SalesforceIds.of("752", serial++), csv);
        }

        void fail(String message) {
            finalState = BatchState.Failed;
            stateMessage = message;
        }

        /** The state a client sees; {@code poll} counts this look towards the batch finishing. */
        BatchState state(boolean poll) {
            if (pollsLeft <= 0) {
                return finalState;
            }
            BatchState shown = seen ? BatchState.InProgress : BatchState.Queued;
            if (poll) {
                seen = true;
                pollsLeft--;
            }
            return shown;
        }

        boolean done() {
            return pollsLeft <= 0;
        }
    }

    synchronized Job create(String operation, String object, String userId, Instant now, String concurrencyMode,
                            String apiVersion, Integer pkChunkSize) {
        Job job = new Job(operation, object, userId, now, concurrencyMode, apiVersion, pkChunkSize);
        jobs.put(job.id, job);
        return job;
    }

    synchronized Optional<Job> get(String jobId) {
        return SalesforceIds.normalise(jobId).map(jobs::get);
    }

    synchronized void clear() {
        jobs.clear();
    }

    /** How many batch-status looks a new batch needs before it shows its final state (0: at once). */
    void pollsUntilDone(int polls) {
        this.pollsUntilDone = Math.max(0, polls);
    }
}
