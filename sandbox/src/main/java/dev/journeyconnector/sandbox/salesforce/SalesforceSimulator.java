package dev.journeyconnector.sandbox.salesforce;

import dev.journeyconnector.sandbox.SimulatorOptions;
import dev.journeyconnector.sandbox.SimulatorServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.journeyconnector.sandbox.salesforce.schema.MetadataDeployment;
import dev.journeyconnector.sandbox.salesforce.schema.MetadataDeploymentException;
import dev.journeyconnector.sandbox.salesforce.schema.SObjectType;
import dev.journeyconnector.sandbox.salesforce.soql.SoqlDataSource;
import dev.journeyconnector.sandbox.world.OrgStateStore;
import dev.journeyconnector.sandbox.world.World;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;


/**
 * A local Salesforce: the OAuth token endpoint and the SOAP Partner API over an in-memory org, close
 * enough that the unmodified force-wsc client works against it. Runs on WireMock's Jetty, bound to
 * 127.0.0.1. Besides the API it offers controls for tests and benchmarks (Java methods here, and the same
 * as JSON under {@code /__sandbox/salesforce/}): call counters, the daily API allocation, session expiry,
 * injected REQUEST_LIMIT_EXCEEDED and UNABLE_TO_LOCK_ROW, latency and dropped connections.
 */
public final class SalesforceSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String SOAP_PREFIX = "/services/Soap/u/";
    private static final String CONTROL_PREFIX = "/__sandbox/salesforce";
    /**
     * Salesforce refuses create/update/upsert/delete with more than 200 records in one call: fault
     * "EXCEEDED_ID_LIMIT: record limit reached. cannot submit more than 200 records into this call"
     * (as reported in django-salesforce issue #328 and superfell/Beatbox issue #3).
     */
    static final int MAX_RECORDS_PER_CALL = 200;
    /** QueryOptions batchSize: default 500, at least 200, at most 2000 (SOAP API Developer Guide, QueryOptions header). */
    static final int DEFAULT_BATCH = 500;
    static final int MIN_BATCH = 200;
    static final int MAX_BATCH = 2000;

    /** The world, with any Salesforce metadata deployed on top of its schema. */
    private volatile World world;
    private final OrgStateStore store;
    private final Function<SoqlDataSource, QueryExecutor> queryEngine;
    private final Clock clock = Clock.systemUTC();
    private final ApiCounters counters = new ApiCounters();
    private final Sessions sessions = new Sessions(clock);
    private final OAuthTokenEndpoint oauth;
    private final QueryCursors cursors = new QueryCursors();
    private final BulkApi bulk = new BulkApi(new BulkHost(), counters, clock);
    private final WireMockServer server;

    private volatile SalesforceOrg org;
    private volatile QueryExecutor queryExecutor;
    private long dailyApiRequests;
    private LocalDate apiUsageDate;
    private long apiUsage;

    private final AtomicInteger expireSessionsAfterCalls = new AtomicInteger(-1);
    private final AtomicInteger concurrentLimitFaults = new AtomicInteger();
    private final AtomicInteger dropConnections = new AtomicInteger();
    private volatile int latencyMillis;
    /** The SOAP operations the latency applies to; empty: every SOAP and OAuth response. */
    private volatile Set<String> latencyOperations = Set.of();

    private SalesforceSimulator(Builder b) {
        World deployed = b.world;
        for (Path dir : b.metadataDirs) {
            deployed = deployed.withTypes(MetadataDeployment.read(dir).applyTo(deployed.types()));
        }
        this.world = deployed;
        this.queryEngine = b.queryEngine;
        this.store = b.dataDir() == null ? null : new OrgStateStore(b.dataDir());
        this.oauth = new OAuthTokenEndpoint(world.connectedApp().clientId(), world.connectedApp().clientSecret(), clock);
        this.dailyApiRequests = world.dailyApiRequests();
        this.apiUsageDate = today();
        Optional<OrgStateStore.SavedState> saved = Optional.empty();
        if (store != null && b.reset()) {
            store.delete();
        } else if (store != null) {
            saved = store.load();
        }
        if (saved.isPresent()) {
            OrgStateStore.SavedState s = saved.get();
            useOrg(SalesforceOrg.fromSnapshot(world.organizationId(), world.types().values(), s.orgSnapshot()));
            if (apiUsageDate.equals(s.apiUsageDate())) {
                apiUsage = s.apiUsage();
            }
            LOG.info("Salesforce sandbox state restored from {}", store.file());
        } else {
            useOrg(SalesforceOrg.fromWorld(world, clock.instant()));
        }
        server = SimulatorServer.start(b, new Dispatcher(), 0);
        persist();
    }

    public static Builder builder(World world) {
        return new Builder(world);
    }

    /** Options of a simulator; {@link #start()} loads (or restores) the org and starts the server. */
    public static final class Builder extends SimulatorOptions<Builder> {
        private final World world;
        private Function<SoqlDataSource, QueryExecutor> queryEngine = SoqlQueryExecutor::new;
        private final List<Path> metadataDirs = new ArrayList<>();

        private Builder(World world) {
            this.world = world;
        }

        /**
         * Deploys SFDX source ({@code force-app/main/default}: {@code objects/<Obj>/...-meta.xml}) on top of the
         * world's schema when the simulator starts, before saved state is restored, so records of deployed objects
         * survive restarts. Several calls deploy in order. See {@link MetadataDeployment}.
         */
        public Builder deployMetadata(Path forceAppDefaultDir) {
            metadataDirs.add(Objects.requireNonNull(forceAppDefaultDir, "forceAppDefaultDir"));
            return this;
        }

        /** How queries are executed over the org (the SOQL engine). */
        public Builder queryEngine(Function<SoqlDataSource, QueryExecutor> queryEngine) {
            this.queryEngine = queryEngine;
            return this;
        }

        public SalesforceSimulator start() {
            return new SalesforceSimulator(this);
        }
    }

    private void useOrg(SalesforceOrg newOrg) {
        this.org = newOrg;
        this.queryExecutor = queryEngine.apply(newOrg);
    }

    // ---- public API ----

    /** The base URL, e.g. {@code http://127.0.0.1:54321}; token endpoint and SOAP endpoints are under it. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public String clientId() {
        return world.connectedApp().clientId();
    }

    public String clientSecret() {
        return world.connectedApp().clientSecret();
    }

    public String organizationId() {
        return world.organizationId();
    }

    /**
     * The org's My Domain host from the world ({@code meridiangroup.my.salesforce.com}), where a real org's record
     * pages live; empty when the world names none. Not where this simulator answers: that is {@link #url()}.
     */
    public Optional<String> myDomain() {
        return Optional.ofNullable(world.myDomain());
    }

    /** The org's data, for assertions. */
    public SalesforceOrg org() {
        return org;
    }

    public ApiCounters counters() {
        return counters;
    }

    /** The Bulk API 1.0 endpoints under {@code /services/async/}, for their test controls. */
    public BulkApi bulkApi() {
        return bulk;
    }

    /** Registers the public key of the certificate a connected app uses for the JWT bearer flow. */
    public void registerJwtKey(String clientId, PublicKey key) {
        oauth.registerJwtKey(clientId, key);
    }

    public synchronized void setDailyApiRequests(long limit) {
        this.dailyApiRequests = limit;
    }

    public synchronized long dailyApiRequests() {
        return dailyApiRequests;
    }

    /** API requests counted today (UTC), as the LimitInfoHeader reports them. */
    public synchronized long apiUsageToday() {
        rollUsageDay();
        return apiUsage;
    }

    public synchronized void resetApiUsage() {
        apiUsage = 0;
    }

    /** Ends every session now: the next call with an old session id gets INVALID_SESSION_ID. */
    public void expireSessions() {
        sessions.expireAll();
        expireSessionsAfterCalls.set(-1);
    }

    /** Lets {@code calls} more authenticated SOAP calls through, then ends every session ("expiry mid-run"). */
    public void expireSessionsAfter(int calls) {
        expireSessionsAfterCalls.set(calls);
    }

    public void setSessionTimeout(Duration timeout) {
        sessions.timeout(timeout);
    }

    /** The next {@code calls} SOAP calls fail with REQUEST_LIMIT_EXCEEDED for concurrent long-running requests. */
    public void failNextCallsWithConcurrentLimit(int calls) {
        concurrentLimitFaults.set(calls);
    }

    /** The next {@code requests} HTTP requests (SOAP or OAuth) get their connection reset without a response. */
    public void dropNextConnections(int requests) {
        dropConnections.set(requests);
    }

    /** Added to every SOAP and OAuth response. */
    public void setLatency(Duration latency) {
        setLatency(latency, Set.of());
    }

    /**
     * Added to the responses of these SOAP operations only (e.g. {@code create}), or to every SOAP and OAuth response
     * when {@code operations} is empty. Like the real API's latency it comes after the call was processed: a client
     * that gives up (or dies) while waiting leaves the call's records saved.
     */
    public void setLatency(Duration latency, Collection<String> operations) {
        this.latencyOperations = Set.copyOf(operations);
        this.latencyMillis = (int) latency.toMillis();
    }

    /** Saves touching these records fail with UNABLE_TO_LOCK_ROW (record-level error) until {@link #unlockRecords()}. */
    public void lockRecords(Collection<String> ids) {
        org.lock(ids);
    }

    public void unlockRecords() {
        org.unlockAll();
    }

    /** Clears every injected fault, latency and lock; counters and data stay. */
    public void clearControls() {
        expireSessionsAfterCalls.set(-1);
        concurrentLimitFaults.set(0);
        dropConnections.set(0);
        latencyMillis = 0;
        latencyOperations = Set.of();
        org.unlockAll();
        bulk.setPollsUntilDone(0);
    }

    /**
     * Deploys SFDX source into the running org, as an admin deploying mid-run would: describe, SOQL and saves see
     * the new objects and fields at once, existing records keep their values, and {@link #resetToWorld()} keeps the
     * deployed schema (metadata is not data). A restart needs the same deployment (builder or {@code --deploy-metadata})
     * to restore records of deployed objects.
     *
     * @throws MetadataDeploymentException naming each file that cannot be deployed; the org is then unchanged
     */
    public synchronized void deployMetadata(Path forceAppDefaultDir) {
        World current = world;
        Map<String, SObjectType> types = MetadataDeployment.read(forceAppDefaultDir).applyTo(current.types());
        List<SObjectType> changed = types.values().stream().filter(t -> current.types().get(t.name()) != t).toList();
        org.deploy(changed);
        world = current.withTypes(types);
        persist();
    }

    /** Starts the org over from the world files (saved state is replaced). */
    public synchronized void resetToWorld() {
        useOrg(SalesforceOrg.fromWorld(world, clock.instant()));
        cursors.clear();
        bulk.clear();
        persist();
    }

    /** Writes the org's current state as JSON to {@code file}. */
    public synchronized void dump(Path file) {
        OrgStateStore.write(file, savedState());
    }

    @Override
    public synchronized void close() {
        try {
            persist();
        } finally {
            server.stop();
        }
    }

    // ---- request handling ----

    private final class Dispatcher implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "journey-sandbox-salesforce";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = URI.create(request.getUrl()).getPath();
            try {
                if (path.startsWith(CONTROL_PREFIX)) {
                    return controlApi(request, path.substring(CONTROL_PREFIX.length()));
                }
                boolean oauthCall = path.equals("/services/oauth2/token") && request.getMethod().value().equals("POST");
                boolean soapCall = path.startsWith(SOAP_PREFIX) && request.getMethod().value().equals("POST");
                boolean bulkCall = path.startsWith(BulkApi.PATH_PREFIX);
                if (!oauthCall && !soapCall && !bulkCall) {
                    return response(404, "application/json", "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]", null);
                }
                if (dropConnections.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                    return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                }
                if (oauthCall) {
                    counters.increment("oauthToken");
                    OAuthTokenEndpoint.Reply reply = oauth.handle(new String(body(request), StandardCharsets.UTF_8),
                            url().toString(), SalesforceSimulator.this::activeUser, integrationUserId(),
                            userId -> sessions.open(world.organizationId(), userId), world.organizationId());
                    return response(reply.status(), "application/json;charset=UTF-8", reply.json(), null);
                }
                if (bulkCall) {
                    BulkApi.Reply reply = bulk.handle(request.getMethod().value(), path, request.getHeader("X-SFDC-Session"),
                            request.getHeader("Sforce-Enable-PKChunking"), body(request));
                    return response(reply.status(), reply.contentType(), reply.body(), null);
                }
                String version = path.substring(SOAP_PREFIX.length()).split("/")[0];
                String xml;
                int status = 200;
                String operation = null;
                try {
                    SoapRequest soapRequest = SoapRequest.parse(body(request));
                    operation = soapRequest.operationName();
                    xml = soap(version, soapRequest);
                } catch (SalesforceFault f) {
                    status = 500;
                    xml = SoapResponses.fault(f);
                }
                return response(status, "text/xml;charset=UTF-8", xml, operation);
            } catch (RuntimeException e) {
                LOG.error("Salesforce sandbox failed on {}", path, e);
                return response(500, "text/xml;charset=UTF-8",
                        SoapResponses.fault(SalesforceFault.unexpected("UNKNOWN_EXCEPTION", "sandbox error: " + e)), null);
            }
        }

        /** @param operation the SOAP operation answered, or null for OAuth, Bulk and error responses */
        private ResponseDefinition response(int status, String contentType, String body, String operation) {
            ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(status)
                    .withHeader("Content-Type", contentType)
                    .withBody(body.getBytes(StandardCharsets.UTF_8));
            int delay = latencyMillis;
            Set<String> only = latencyOperations;
            if (delay > 0 && (only.isEmpty() || operation != null && only.contains(operation))) {
                b.withFixedDelay(delay);
            }
            return b.build();
        }
    }

    /** force-wsc gzips request bodies by default (ConnectorConfig compression) and says so in Content-Encoding. */
    private static byte[] body(Request request) {
        byte[] raw = request.getBody();
        if (raw != null && raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw SalesforceFault.unexpected("UNKNOWN_EXCEPTION", "cannot gunzip the request body");
            }
        }
        return raw == null ? new byte[0] : raw;
    }

    private String soap(String version, SoapRequest req) {
        String op = req.operationName();
        counters.increment(op);
        if (op.equals("login")) {
            String body = login(version, req);
            return SoapResponses.envelope(countCall(), dailyApiRequests(), body);
        }
        Sessions.Session session = authenticate(req.sessionId());
        long used = countCall();
        String body = switch (op) {
            case "query", "queryAll" -> query(op, req);
            case "queryMore" -> queryMore(req);
            case "create" -> save(op, req, records -> org.create(records, session.userId()));
            case "update" -> save(op, req, records -> org.update(records, session.userId()));
            case "upsert" -> save(op, req, records -> org.upsert(req.param("externalIDFieldName"), records, session.userId()));
            case "delete" -> delete(req, session.userId());
            case "describeSObject" -> "<describeSObjectResponse><result>"
                    + SoapResponses.describeSObject(describable(req.param("sObjectType")))
                    + "</result></describeSObjectResponse>";
            case "describeSObjects" -> describeSObjects(req);
            case "describeGlobal" -> describeGlobal();
            case "getServerTimestamp" -> "<getServerTimestampResponse><result><timestamp>"
                    + FieldValues.format(clock.instant()) + "</timestamp></result></getServerTimestampResponse>";
            case "getUserInfo" -> "<getUserInfoResponse><result>" + userInfo(session.userId()) + "</result></getUserInfoResponse>";
            default -> throw SalesforceFault.unexpected("UNKNOWN_EXCEPTION",
                    "No operation available for request {urn:partner.soap.sforce.com}" + op + " in this sandbox");
        };
        return SoapResponses.envelope(used, dailyApiRequests(), body);
    }

    /**
     * SOAP login() was retired with API 65.0 (Winter '26): from 65.0 on Salesforce answers it with
     * INVALID_OPERATION and clients must use OAuth; 64.0 and earlier still accept it.
     */
    private String login(String version, SoapRequest req) {
        double v;
        try {
            v = Double.parseDouble(version);
        } catch (NumberFormatException e) {
            throw SalesforceFault.unexpected("UNSUPPORTED_API_VERSION", "Invalid Api version specified on URL");
        }
        if (v >= 65.0) {
            throw SalesforceFault.unexpected("INVALID_OPERATION",
                    "SOAP login() is not supported at API version 65.0 and later. Use OAuth.");
        }
        String username = req.param("username");
        String password = req.param("password");
        Optional<Map<String, Object>> user = world.logins().stream()
                .filter(l -> l.username().equalsIgnoreCase(username))
                .filter(l -> (l.password() + l.securityToken()).equals(password))
                .findFirst()
                .flatMap(l -> activeUser(l.username()));
        if (user.isEmpty()) {
            throw SalesforceFault.login("Invalid username, password, security token; or user locked out.");
        }
        String userId = (String) user.get().get("Id");
        String sessionId = sessions.open(world.organizationId(), userId);
        return SoapResponses.loginResult(url().toString(), version, world.organizationId(), sessionId, userInfo(userId), userId);
    }

    private Sessions.Session authenticate(String sessionId) {
        if (expireSessionsAfterCalls.compareAndSet(0, -1)) {
            sessions.expireAll();
        }
        Sessions.Session s = sessions.find(sessionId).orElseThrow(() -> SalesforceFault.unexpected("INVALID_SESSION_ID",
                // The text force-wsc's SoapConnection looks for ("Illegal Session") before calling the SessionRenewer.
                "Invalid Session ID found in SessionHeader: Illegal Session"));
        expireSessionsAfterCalls.getAndUpdate(n -> n > 0 ? n - 1 : n);
        return s;
    }

    /** Applies the injected and daily limits, then counts the call against today's allocation. */
    private synchronized long countCall() {
        if (concurrentLimitFaults.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw SalesforceFault.unexpected("REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.");
        }
        rollUsageDay();
        if (apiUsage >= dailyApiRequests) {
            throw SalesforceFault.unexpected("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }
        return ++apiUsage;
    }

    private void rollUsageDay() {
        LocalDate today = today();
        if (!today.equals(apiUsageDate)) {
            apiUsageDate = today;
            apiUsage = 0;
        }
    }

    private String query(String op, SoapRequest req) {
        String soql = req.param("queryString");
        if (soql == null || soql.isBlank()) {
            throw SalesforceFault.query("MALFORMED_QUERY", "unexpected token: <EOF>", 1, 1);
        }
        QueryExecutor.Result result;
        SalesforceOrg current = org;
        synchronized (current) {
            result = queryExecutor.run(soql, op.equals("queryAll"));
        }
        if (result.countOnly()) {
            return SoapResponses.queryResult(op, result, List.of(), null, true);
        }
        int batch = batchSize(req.batchSize());
        List<Map<String, Object>> rows = result.records();
        if (rows.size() <= batch) {
            return SoapResponses.queryResult(op, result, rows, null, true);
        }
        String cursor = cursors.open(result, batch);
        return SoapResponses.queryResult(op, result, rows.subList(0, batch), cursor + "-" + batch, false);
    }

    private String queryMore(SoapRequest req) {
        String locator = req.param("queryLocator");
        int dash = locator == null ? -1 : locator.lastIndexOf('-');
        if (dash < 0) {
            throw SalesforceFault.invalidQueryLocator();
        }
        QueryCursors.Cursor cursor = cursors.get(locator.substring(0, dash)).orElseThrow(SalesforceFault::invalidQueryLocator);
        int offset;
        try {
            offset = Integer.parseInt(locator.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw SalesforceFault.invalidQueryLocator();
        }
        List<Map<String, Object>> rows = cursor.result().records();
        if (offset < 0 || offset >= rows.size()) {
            throw SalesforceFault.invalidQueryLocator();
        }
        int batch = req.batchSize() == null ? cursor.batchSize() : batchSize(req.batchSize());
        int end = Math.min(rows.size(), offset + batch);
        boolean done = end == rows.size();
        if (done) {
            cursors.close(locator.substring(0, dash));
        }
        return SoapResponses.queryResult("queryMore", cursor.result(), rows.subList(offset, end),
                done ? null : locator.substring(0, dash) + "-" + end, done);
    }

    private static int batchSize(Integer requested) {
        if (requested == null) {
            return DEFAULT_BATCH;
        }
        return Math.max(MIN_BATCH, Math.min(MAX_BATCH, requested));
    }

    private String save(String op, SoapRequest req, Function<List<IncomingRecord>, List<SaveOutcome>> action) {
        List<IncomingRecord> records = req.sObjects();
        checkRecordCount(records.size());
        List<SaveOutcome> outcomes = action.apply(records);
        persist();
        return SoapResponses.saveResults(op, outcomes);
    }

    private String delete(SoapRequest req, String userId) {
        List<String> ids = req.params("ids");
        checkRecordCount(ids.size());
        List<SaveOutcome> outcomes = org.delete(ids, userId);
        persist();
        return SoapResponses.saveResults("delete", outcomes);
    }

    private static void checkRecordCount(int n) {
        if (n > MAX_RECORDS_PER_CALL) {
            throw SalesforceFault.unexpected("EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RECORDS_PER_CALL + " records into this call");
        }
    }

    /** Salesforce's answer for an object the org lacks, e.g. Journey_Finding__c before the connector's metadata is deployed. */
    private SObjectType describable(String name) {
        return org.type(name == null ? "" : name).orElseThrow(() -> SalesforceFault.query("INVALID_TYPE",
                "sObject type '" + name + "' is not supported. If you are attempting to use a custom object, be sure to"
                        + " append the '__c' after the entity name. Please reference your WSDL or the describe call for the"
                        + " appropriate names.", -1, -1));
    }

    private String describeSObjects(SoapRequest req) {
        StringBuilder b = new StringBuilder("<describeSObjectsResponse>");
        for (String name : req.params("sObjectType")) {
            b.append("<result>").append(SoapResponses.describeSObject(describable(name))).append("</result>");
        }
        return b.append("</describeSObjectsResponse>").toString();
    }

    private String describeGlobal() {
        StringBuilder b = new StringBuilder("<describeGlobalResponse><result><encoding>UTF-8</encoding><maxBatchSize>")
                .append(MAX_RECORDS_PER_CALL).append("</maxBatchSize>");
        for (SObjectType t : org.types()) {
            b.append("<sobjects>").append(SoapResponses.describeGlobalSObject(t)).append("</sobjects>");
        }
        return b.append("</result></describeGlobalResponse>").toString();
    }

    private String userInfo(String userId) {
        Map<String, Object> user = org.rowById(userId).orElse(Map.of("Id", userId));
        return SoapResponses.userInfo(world.organizationId(), world.orgName(), user, sessions.timeout().toSeconds());
    }

    private Optional<Map<String, Object>> activeUser(String username) {
        SalesforceOrg current = org;
        synchronized (current) {
            return current.rows("User").stream()
                    .filter(u -> username != null && username.equalsIgnoreCase((String) u.get("Username")))
                    .filter(u -> Boolean.TRUE.equals(u.get("IsActive")) && !Boolean.TRUE.equals(u.get("IsDeleted")))
                    .findFirst();
        }
    }

    private String integrationUserId() {
        if (world.integrationUser() != null) {
            return activeUser(world.integrationUser()).map(u -> (String) u.get("Id")).orElse(null);
        }
        return org.defaultUserId();
    }

    /** The simulator's sessions, allocation and query engine, as the Bulk API uses them. */
    private final class BulkHost implements BulkApi.Host {
        @Override
        public Sessions.Session authenticate(String sessionId) {
            return SalesforceSimulator.this.authenticate(sessionId);
        }

        @Override
        public void countCall() {
            SalesforceSimulator.this.countCall();
        }

        @Override
        public SalesforceOrg org() {
            return org;
        }

        @Override
        public QueryExecutor.Result query(SoqlDataSource source, String soql, boolean includeDeleted) {
            SalesforceOrg current = org;
            synchronized (current) {
                return queryEngine.apply(source).run(soql, includeDeleted);
            }
        }
    }

    // ---- persistence ----

    private synchronized OrgStateStore.SavedState savedState() {
        return OrgStateStore.SavedState.of(world.organizationId(), apiUsageDate, apiUsage, org.snapshot());
    }

    private void persist() {
        if (store != null) {
            store.save(savedState());
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    // ---- control API (JSON over HTTP) ----

    /**
     * {@code GET  /counters} → {"counters": {...}, "apiUsage", "dailyApiRequests"};
     * {@code POST /counters/reset};
     * {@code POST /controls} with any of {"dailyApiRequests", "resetApiUsage", "expireSessions", "expireSessionsAfterCalls",
     * "sessionTimeoutSeconds", "concurrentLimitFaults", "dropConnections", "latencyMillis" (with "latencyOperations": [...]
     * to delay only those SOAP operations), "lockRecordIds": [...],
     * "unlockAll", "clear"};
     * {@code POST /jwt-keys} with {"clientId", "publicKey": base64 X.509 (PEM armour allowed)};
     * {@code POST /reset} (start over from the world); {@code GET /state} (the org as JSON).
     */
    private ResponseDefinition controlApi(Request request, String path) {
        String method = request.getMethod().value();
        try {
            JsonNode in = request.getBody() == null || request.getBody().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.getBody());
            Object out;
            switch (method + " " + path) {
                case "GET /counters" -> out = countersJson();
                case "POST /counters/reset" -> {
                    counters.reset();
                    out = countersJson();
                }
                case "POST /controls" -> {
                    applyControls(in);
                    out = countersJson();
                }
                case "POST /jwt-keys" -> {
                    String pem = in.path("publicKey").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
                    registerJwtKey(in.path("clientId").asText(), key);
                    out = Map.of("registered", in.path("clientId").asText());
                }
                case "POST /reset" -> {
                    resetToWorld();
                    out = countersJson();
                }
                case "GET /state" -> out = savedState();
                default -> {
                    return ResponseDefinitionBuilder.responseDefinition().withStatus(404)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"unknown control " + method + " " + SoapResponses.esc(path) + "\"}").build();
                }
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(out)).build();
        } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":" + quote(e.getMessage()) + "}").build();
        }
    }

    private void applyControls(JsonNode in) {
        if (in.path("clear").asBoolean(false)) {
            clearControls();
        }
        if (in.has("dailyApiRequests")) {
            setDailyApiRequests(in.get("dailyApiRequests").asLong());
        }
        if (in.path("resetApiUsage").asBoolean(false)) {
            resetApiUsage();
        }
        if (in.path("expireSessions").asBoolean(false)) {
            expireSessions();
        }
        if (in.has("expireSessionsAfterCalls")) {
            expireSessionsAfter(in.get("expireSessionsAfterCalls").asInt());
        }
        if (in.has("sessionTimeoutSeconds")) {
            setSessionTimeout(Duration.ofSeconds(in.get("sessionTimeoutSeconds").asLong()));
        }
        if (in.has("concurrentLimitFaults")) {
            failNextCallsWithConcurrentLimit(in.get("concurrentLimitFaults").asInt());
        }
        if (in.has("dropConnections")) {
            dropNextConnections(in.get("dropConnections").asInt());
        }
        if (in.has("latencyMillis")) {
            List<String> operations = new ArrayList<>();
            in.path("latencyOperations").forEach(n -> operations.add(n.asText()));
            setLatency(Duration.ofMillis(in.get("latencyMillis").asLong()), operations);
        }
        if (in.path("unlockAll").asBoolean(false)) {
            unlockRecords();
        }
        if (in.has("lockRecordIds")) {
            List<String> ids = new ArrayList<>();
            in.get("lockRecordIds").forEach(n -> ids.add(n.asText()));
            lockRecords(ids);
        }
    }

    private Map<String, Object> countersJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("counters", counters.snapshot());
        out.put("apiUsage", apiUsageToday());
        out.put("dailyApiRequests", dailyApiRequests());
        return out;
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
