package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlDataSource;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlException;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlQuery;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bulk API 1.0 query jobs under {@code /services/async/<version>/}, XML flavour with CSV results, close enough for
 * force-wsc's {@code com.sforce.async.BulkConnection}
 * (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/asynch_api_intro.htm):
 * <pre>
 * POST job                                  create a query or queryAll job (JobInfo XML)      bulkCreateJob
 * GET  job/&lt;id&gt;                             job status                                        bulkJobInfo
 * POST job/&lt;id&gt;                             close or abort (JobInfo XML with state)           bulkCloseJob
 * POST job/&lt;id&gt;/batch                       add a batch: the SOQL as the text/csv body        bulkAddBatch
 * GET  job/&lt;id&gt;/batch                       BatchInfoList                                     bulkBatchList
 * GET  job/&lt;id&gt;/batch/&lt;bid&gt;                 BatchInfo                                         bulkBatchInfo
 * GET  job/&lt;id&gt;/batch/&lt;bid&gt;/result          result-list of result ids                         bulkResultList
 * GET  job/&lt;id&gt;/batch/&lt;bid&gt;/result/&lt;rid&gt;    the CSV                                           bulkResult
 * </pre>
 * The session comes in the {@code X-SFDC-Session} header (the same sessions as SOAP). Every request is counted
 * under its name above, faults included, and charged to the daily API allocation like a SOAP call: the allocation
 * covers "Salesforce Platform SOAP and REST APIs and any other API built on those frameworks"
 * (https://developer.salesforce.com/docs/platform/salesforce-app-limits-cheatsheet/guide/salesforce-app-limits-platform-api.html),
 * and Bulk API 1.0 is a REST-framework API. Errors are {@code <error><exceptionCode/><exceptionMessage/></error>}
 * with HTTP 400, e.g. InvalidSessionId / "Invalid session id".
 *
 * <p>PK chunking ({@code Sforce-Enable-PKChunking: true} or {@code chunkSize=N} on job creation, default 100,000,
 * at most 250,000; https://developer.salesforce.com/docs/platform/api-asynch/guide/async-api-headers-enable-pk-chunking.html):
 * the batch a client adds becomes {@code NotProcessed} and one batch per range of N record Ids of the object
 * (deleted records included, as the chunks are cut over the table) runs the same query limited to that range.
 */
public final class BulkApi {
    static final String PATH_PREFIX = "/services/async/";
    static final String NAMESPACE = "http://www.force.com/2009/06/asyncapi/dataload";
    static final String CONTENT_TYPE_XML = "application/xml";
    static final int DEFAULT_CHUNK_SIZE = 100_000;
    static final int MAX_CHUNK_SIZE = 250_000;
    /** Objects PK chunking supports besides custom objects (PK Chunking Header, Bulk API Developer Guide). */
    static final Set<String> PK_CHUNKING_OBJECTS = Set.of("account", "campaign", "campaignmember", "case", "contact",
            "lead", "loginhistory", "opportunity", "task", "user");

    /** What the Bulk API needs from the simulator around it. */
    interface Host {
        /** The session, or a SalesforceFault INVALID_SESSION_ID. */
        Sessions.Session authenticate(String sessionId);

        /** Counts one call against today's allocation, or a SalesforceFault REQUEST_LIMIT_EXCEEDED. */
        void countCall();

        SalesforceOrg org();

        /** Runs SOQL over {@code source} with the simulator's query engine, holding the org's lock. */
        QueryExecutor.Result query(SoqlDataSource source, String soql, boolean includeDeleted);
    }

    /** An HTTP answer. */
    record Reply(int status, String contentType, String body) {
    }

    private final Host host;
    private final ApiCounters counters;
    private final Clock clock;
    private final BulkJobs jobs = new BulkJobs();

    BulkApi(Host host, ApiCounters counters, Clock clock) {
        this.host = host;
        this.counters = counters;
        this.clock = clock;
    }

    /** How many batch-status requests (batch info or batch list) a new batch needs before it shows its final state. */
    public void setPollsUntilDone(int polls) {
        jobs.pollsUntilDone(polls);
    }

    /** Forgets every job (the org was reset). */
    void clear() {
        jobs.clear();
    }

    synchronized Reply handle(String method, String path, String sessionId, String pkChunkingHeader, byte[] body) {
        String[] parts = path.substring(PATH_PREFIX.length()).replaceAll("/+$", "").split("/");
        String operation = operationName(method, parts);
        if (operation == null) {
            return error("InvalidUrl", "Unknown Bulk API resource: " + method + " " + path);
        }
        counters.increment(operation);
        String version = parts[0];
        try {
            if (!version.matches("\\d{2,3}\\.\\d")) {
                return error("InvalidVersion", "Invalid api version specified on URL");
            }
            Sessions.Session session = host.authenticate(sessionId);
            host.countCall();
            return switch (operation) {
                case "bulkCreateJob" -> createJob(version, session, pkChunkingHeader, body);
                case "bulkJobInfo" -> ok(jobXml(job(parts[2], session)));
                case "bulkCloseJob" -> updateJob(job(parts[2], session), body);
                case "bulkAddBatch" -> addBatch(job(parts[2], session), body);
                case "bulkBatchList" -> ok(batchList(job(parts[2], session)));
                case "bulkBatchInfo" -> ok(batchXml(batch(job(parts[2], session), parts[4]), true, true));
                case "bulkResultList" -> ok(resultList(completed(batch(job(parts[2], session), parts[4]))));
                default -> result(completed(batch(job(parts[2], session), parts[4])), parts[6]);
            };
        } catch (BulkError e) {
            return error(e.code, e.getMessage());
        } catch (SalesforceFault f) {
            return switch (f.exceptionCode()) {
                case "INVALID_SESSION_ID" -> error("InvalidSessionId", "Invalid session id");
                case "REQUEST_LIMIT_EXCEEDED" -> error("ExceededQuota", f.getMessage());
                default -> error("InvalidBatch", f.exceptionCode() + ": " + f.getMessage());
            };
        }
    }

    private static String operationName(String method, String[] p) {
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        if (p.length < 2 || !p[1].equals("job")) {
            return null;
        }
        return switch (p.length) {
            case 2 -> post ? "bulkCreateJob" : null;
            case 3 -> get ? "bulkJobInfo" : post ? "bulkCloseJob" : null;
            case 4 -> !p[3].equals("batch") ? null : get ? "bulkBatchList" : post ? "bulkAddBatch" : null;
            case 5 -> get && p[3].equals("batch") ? "bulkBatchInfo" : null;
            case 6 -> get && p[3].equals("batch") && p[5].equals("result") ? "bulkResultList" : null;
            case 7 -> get && p[3].equals("batch") && p[5].equals("result") ? "bulkResult" : null;
            default -> null;
        };
    }

    // ---- jobs ----

    private Reply createJob(String version, Sessions.Session session, String pkChunkingHeader, byte[] body) {
        Element info = parseJobInfo(body);
        String operation = text(info, "operation").orElseThrow(() -> new BulkError("InvalidJob", "No operation specified"));
        if (!operation.equals("query") && !operation.equals("queryAll")) {
            throw new BulkError("InvalidJob", "This sandbox's Bulk API runs query and queryAll jobs only, not " + operation);
        }
        String objectName = text(info, "object").orElseThrow(() -> new BulkError("InvalidJob", "No object specified"));
        SObjectType type = host.org().type(objectName).filter(SObjectType::queryable)
                .orElseThrow(() -> new BulkError("InvalidEntity", "Entity '" + objectName + "' is not supported by the Bulk API."));
        String contentType = text(info, "contentType").orElse("XML");
        if (!contentType.equals("CSV")) {
            throw new BulkError("InvalidJob", "This sandbox returns Bulk API query results as CSV only; set contentType CSV");
        }
        Integer chunkSize = pkChunkSize(pkChunkingHeader);
        String mode = text(info, "concurrencyMode").orElse("Parallel");
        BulkJobs.Job job = jobs.create(operation, type.name(), session.userId(), FieldValues.now(), mode, version, chunkSize);
        return new Reply(201, CONTENT_TYPE_XML, jobXml(job));
    }

    /** The PK chunking header's chunk size: {@code true} gives the default; absent or {@code false}, none. */
    private static Integer pkChunkSize(String header) {
        if (header == null || header.isBlank() || header.trim().equalsIgnoreCase("false")) {
            return null;
        }
        int size = DEFAULT_CHUNK_SIZE;
        for (String option : header.split(";")) {
            String[] kv = option.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("chunkSize")) {
                try {
                    size = Integer.parseInt(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new BulkError("InvalidJob", "Invalid chunkSize in Sforce-Enable-PKChunking: " + kv[1].trim());
                }
            }
        }
        if (size < 1 || size > MAX_CHUNK_SIZE) {
            throw new BulkError("InvalidJob", "chunkSize must be between 1 and " + MAX_CHUNK_SIZE + ": " + size);
        }
        return size;
    }

    private Reply updateJob(BulkJobs.Job job, byte[] body) {
        String state = text(parseJobInfo(body), "state")
                .orElseThrow(() -> new BulkError("InvalidJobState", "No state specified"));
        if (!state.equals("Closed") && !state.equals("Aborted")) {
            throw new BulkError("InvalidJobState", "Invalid job state: " + state);
        }
        if (!job.state.equals("Open") && !job.state.equals(state)) {
            throw new BulkError("InvalidJobState", "Job " + job.id + " is " + job.state + " and cannot become " + state);
        }
        job.state = state;
        job.systemModstamp = FieldValues.now();
        return ok(jobXml(job));
    }

    private BulkJobs.Job job(String jobId, Sessions.Session session) {
        BulkJobs.Job job = jobs.get(jobId).orElseThrow(() -> new BulkError("InvalidJob", "Invalid job id: " + jobId));
        if (!job.createdById.equals(session.userId())) {
            throw new BulkError("InvalidUser", "User is not the owner of job " + job.id);
        }
        return job;
    }

    // ---- batches ----

    private Reply addBatch(BulkJobs.Job job, byte[] body) {
        if (!job.state.equals("Open")) {
            throw new BulkError("InvalidJobState", "Job " + job.id + " is " + job.state + "; batches can be added to open jobs only");
        }
        String soql = new String(body, StandardCharsets.UTF_8).trim();
        BulkJobs.Batch batch = job.newBatch(FieldValues.now());
        if (job.pkChunkSize == null) {
            run(job, batch, soql, host.org());
        } else {
            chunk(job, batch, soql);
        }
        job.systemModstamp = FieldValues.now();
        // Salesforce answers an added batch with state Queued whatever happens next.
        return new Reply(201, CONTENT_TYPE_XML, batchXml(batch, false, true));
    }

    private void chunk(BulkJobs.Job job, BulkJobs.Batch original, String soql) {
        SalesforceOrg org = host.org();
        SObjectType type = org.type(job.object).orElseThrow();
        if (!type.custom() && !PK_CHUNKING_OBJECTS.contains(type.name().toLowerCase(Locale.ROOT))) {
            original.fail("InvalidBatch : PK chunking is not supported for " + type.name());
            return;
        }
        List<String> ids = new ArrayList<>();
        synchronized (org) {
            org.rows(type.name()).forEach(r -> ids.add((String) r.get("Id")));
        }
        ids.sort(Comparator.comparing(BulkApi::id15));
        List<BulkJobs.Batch> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += job.pkChunkSize) {
            String low = id15(ids.get(from));
            String high = from + job.pkChunkSize < ids.size() ? id15(ids.get(from + job.pkChunkSize)) : null;
            BulkJobs.Batch chunk = job.newBatch(FieldValues.now());
            chunks.add(chunk);
            run(job, chunk, soql, new IdRange(org, type.name(), low, high));
            if (chunk.finalState == BulkJobs.BatchState.Failed) {
                // The query itself is bad: the batch the client added fails, no chunks are left behind.
                job.batches.removeAll(chunks);
                original.fail(chunk.stateMessage);
                return;
            }
        }
        original.finalState = BulkJobs.BatchState.NotProcessed;
    }

    private void run(BulkJobs.Job job, BulkJobs.Batch batch, String soql, SoqlDataSource source) {
        try {
            if (soql.isEmpty()) {
                throw new BulkError("InvalidBatch", "Failed to process query: MALFORMED_QUERY: unexpected token: <EOF>");
            }
            SoqlQuery parsed = SoqlQuery.parse(soql);
            QueryExecutor.Result result = host.query(source, soql, job.includeDeleted());
            if (result.countOnly()) {
                throw new BulkError("InvalidBatch", "Failed to process query: COUNT() queries are not supported by the Bulk API");
            }
            if (!result.sObjectType().equalsIgnoreCase(job.object)) {
                throw new BulkError("InvalidBatch", "Failed to process query: the query's object " + result.sObjectType()
                        + " is not the job's object " + job.object);
            }
            List<String> columns = BulkCsv.columns(host.org(), result.sObjectType(), parsed.selectedFields());
            batch.complete(result.records().size(), BulkCsv.render(columns, result.records()));
        } catch (SalesforceFault f) {
            batch.fail("InvalidBatch : Failed to process query: " + f.exceptionCode() + ": " + f.getMessage());
        } catch (SoqlException e) {
            batch.fail("InvalidBatch : Failed to process query: " + e.exceptionCode() + ": " + e.getMessage());
        } catch (BulkError e) {
            batch.fail(e.code + " : " + e.getMessage());
        }
    }

    private static String id15(String id) {
        return id.substring(0, 15);
    }

    private static BulkJobs.Batch batch(BulkJobs.Job job, String batchId) {
        return job.batch(dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds.normalise(batchId).orElse(batchId))
                .orElseThrow(() -> new BulkError("InvalidBatch", "Invalid batch id: " + batchId));
    }

    private static BulkJobs.Batch completed(BulkJobs.Batch batch) {
        if (!batch.done() || batch.finalState != BulkJobs.BatchState.Completed) {
            throw new BulkError("InvalidBatch", "Batch not completed");
        }
        return batch;
    }

    private static Reply result(BulkJobs.Batch batch, String resultId) {
        String csv = batch.results.get(resultId);
        if (csv == null) {
            throw new BulkError("InvalidBatch", "Invalid result id: " + resultId);
        }
        return new Reply(200, "text/csv", csv);
    }

    /** The object's rows whose Ids fall in [low, high) (15-character comparison; high null: no upper bound). */
    private record IdRange(SoqlDataSource org, String typeName, String low, String high) implements SoqlDataSource {
        @Override
        public Optional<SObjectType> type(String name) {
            return org.type(name);
        }

        @Override
        public Collection<Map<String, Object>> rows(String name) {
            Collection<Map<String, Object>> all = org.rows(name);
            if (!name.equalsIgnoreCase(typeName)) {
                return all;
            }
            return all.stream().filter(r -> {
                String id = id15((String) r.get("Id"));
                return id.compareTo(low) >= 0 && (high == null || id.compareTo(high) < 0);
            }).toList();
        }

        @Override
        public Optional<Map<String, Object>> rowById(String id) {
            return org.rowById(id);
        }

        @Override
        public Optional<SObjectType> typeOfId(String id) {
            return org.typeOfId(id);
        }
    }

    // ---- XML ----

    private static Element parseJobInfo(byte[] body) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new BulkError("InvalidXML", "The request body is not readable XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"jobInfo".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new BulkError("InvalidXML", "Expected a jobInfo element in namespace " + NAMESPACE);
        }
        return root;
    }

    private static Optional<String> text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                String t = e.getTextContent().trim();
                return t.isEmpty() ? Optional.empty() : Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** JobInfo, elements in the order force-wsc's JobInfo.loadFields reads them. */
    private static String jobXml(BulkJobs.Job job) {
        int queued = 0;
        int inProgress = 0;
        int completed = 0;
        int failed = 0;
        long processed = 0;
        for (BulkJobs.Batch b : job.batches) {
            switch (b.state(false)) {
                case Queued -> queued++;
                case InProgress -> inProgress++;
                case Completed -> {
                    completed++;
                    processed += b.records;
                }
                case Failed -> failed++;
                default -> { }
            }
        }
        StringBuilder x = new StringBuilder(prolog()).append("<jobInfo xmlns=\"").append(NAMESPACE).append("\">");
        el(x, "id", job.id);
        el(x, "operation", job.operation);
        el(x, "object", job.object);
        el(x, "createdById", job.createdById);
        el(x, "createdDate", FieldValues.format(job.createdDate));
        el(x, "systemModstamp", FieldValues.format(job.systemModstamp));
        el(x, "state", job.state);
        el(x, "concurrencyMode", job.concurrencyMode);
        el(x, "contentType", "CSV");
        el(x, "numberBatchesQueued", queued);
        el(x, "numberBatchesInProgress", inProgress);
        el(x, "numberBatchesCompleted", completed);
        el(x, "numberBatchesFailed", failed);
        el(x, "numberBatchesTotal", job.batches.size());
        el(x, "numberRecordsProcessed", processed);
        el(x, "numberRetries", 0);
        el(x, "apiVersion", job.apiVersion);
        el(x, "numberRecordsFailed", 0);
        el(x, "totalProcessingTime", 0);
        el(x, "apiActiveProcessingTime", 0);
        el(x, "apexProcessingTime", 0);
        return x.append("</jobInfo>").toString();
    }

    /** BatchInfo, elements in the order force-wsc's BatchInfo.loadFields reads them. */
    private static String batchXml(BulkJobs.Batch batch, boolean poll, boolean document) {
        BulkJobs.BatchState state = poll ? batch.state(true) : BulkJobs.BatchState.Queued;
        StringBuilder x = new StringBuilder();
        if (document) {
            x.append(prolog()).append("<batchInfo xmlns=\"").append(NAMESPACE).append("\">");
        } else {
            x.append("<batchInfo>");
        }
        el(x, "id", batch.id);
        el(x, "jobId", batch.jobId);
        el(x, "state", state.name());
        boolean final_ = state == batch.finalState && batch.done();
        if (final_ && batch.stateMessage != null) {
            el(x, "stateMessage", batch.stateMessage);
        }
        el(x, "createdDate", FieldValues.format(batch.createdDate));
        el(x, "systemModstamp", FieldValues.format(batch.createdDate));
        el(x, "numberRecordsProcessed", final_ && state == BulkJobs.BatchState.Completed ? batch.records : 0);
        el(x, "numberRecordsFailed", 0);
        el(x, "totalProcessingTime", 0);
        el(x, "apiActiveProcessingTime", 0);
        el(x, "apexProcessingTime", 0);
        return x.append("</batchInfo>").toString();
    }

    private static String batchList(BulkJobs.Job job) {
        StringBuilder x = new StringBuilder(prolog()).append("<batchInfoList xmlns=\"").append(NAMESPACE).append("\">");
        for (BulkJobs.Batch b : job.batches) {
            x.append(batchXml(b, true, false));
        }
        return x.append("</batchInfoList>").toString();
    }

    private static String resultList(BulkJobs.Batch batch) {
        StringBuilder x = new StringBuilder(prolog()).append("<result-list xmlns=\"").append(NAMESPACE).append("\">");
        batch.results.keySet().forEach(id -> el(x, "result", id));
        return x.append("</result-list>").toString();
    }

    private static String prolog() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    }

    private static void el(StringBuilder x, String name, Object value) {
        x.append('<').append(name).append('>').append(SoapResponses.esc(String.valueOf(value))).append("</").append(name).append('>');
    }

    private static Reply ok(String xml) {
        return new Reply(200, CONTENT_TYPE_XML, xml);
    }

    /** The Bulk API's error document, HTTP 400. */
    static Reply error(String code, String message) {
        return new Reply(400, CONTENT_TYPE_XML, prolog() + "<error xmlns=\"" + NAMESPACE + "\"><exceptionCode>" + code
                + "</exceptionCode><exceptionMessage>" + SoapResponses.esc(message) + "</exceptionMessage></error>");
    }

    /** A Bulk API error with its AsyncExceptionCode. */
    private static final class BulkError extends RuntimeException {
        private final String code;

        BulkError(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
