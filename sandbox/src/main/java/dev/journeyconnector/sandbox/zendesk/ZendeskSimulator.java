package dev.journeyconnector.sandbox.zendesk;

import dev.journeyconnector.sandbox.SimulatorOptions;
import dev.journeyconnector.sandbox.SimulatorServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * A local Zendesk Support account: the incremental exports (tickets and users with cursors, ticket events by
 * time), satisfaction ratings, groups, single tickets and {@code users/me}, answering in Zendesk's JSON shapes
 * with Zendesk's authentication, the incremental export rate limit and its error bodies. Runs on WireMock's
 * Jetty, bound to 127.0.0.1. For tests and benchmarks it offers controls (Java methods here, and the same as JSON
 * under {@code /__sandbox/zendesk/}): per-endpoint counters, injected 429s, 5xx, malformed or truncated bodies,
 * latency and dropped connections, and changes to tickets, users and ratings.
 */
public final class ZendeskSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskSimulator.class);
    private static final ObjectMapper JSON = HelpDesk.JSON;
    private static final String CONTROL_PREFIX = "/__sandbox/zendesk";
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    /** Incremental exports return at most 1000 items a page (Incremental Exports API, "per_page"). */
    static final int MAX_EXPORT_PAGE = 1000;
    /** Cursor-based pagination: page[size] at most 100 (Pagination, "Using cursor pagination"). */
    static final int MAX_CURSOR_PAGE = 100;
    /** Body of Zendesk's 429 on the incremental exports, as clients have logged it (cloudbees-oss/zendesk-java-client#319). */
    static final String EXPORT_RATE_LIMITED = "{\"error\":\"APIRateLimitExceeded\","
            + "\"description\":\"Number of allowed incremental export API requests per minute exceeded\"}";
    static final String RATE_LIMITED = "{\"error\":\"APIRateLimitExceeded\","
            + "\"description\":\"Number of allowed API requests per minute exceeded\"}";
    static final String UNAUTHENTICATED = "{\"error\":\"Couldn't authenticate you\"}";
    private static final Pattern TICKET_PATH = Pattern.compile("/api/v2/tickets/(\\d+)\\.json");
    private static final Set<String> INCREMENTAL = Set.of(ZendeskCounters.TICKETS_CURSOR, ZendeskCounters.USERS_CURSOR,
            ZendeskCounters.TICKET_EVENTS);

    private final ZendeskWorld world;
    private final Clock clock;
    private final ZendeskStateStore store;
    private final ZendeskCounters counters = new ZendeskCounters();
    private final List<LoggedRequest> requestLog = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExportRateLimiter limiter;
    private final WireMockServer server;
    private HelpDesk desk;

    private final AtomicInteger dropConnections = new AtomicInteger();
    private final AtomicInteger rateLimitFaults = new AtomicInteger();
    private volatile Integer rateLimitRetryAfter;
    private final AtomicInteger serverErrors = new AtomicInteger();
    private volatile int serverErrorStatus = 500;
    private final AtomicInteger malformedResponses = new AtomicInteger();
    private final AtomicInteger truncatedResponses = new AtomicInteger();
    private volatile int latencyMillis;

    private ZendeskSimulator(Builder b) {
        this.world = b.world;
        this.clock = b.clock;
        this.store = b.dataDir() == null ? null : new ZendeskStateStore(b.dataDir());
        this.limiter = new ExportRateLimiter(clock, world.account().incrementalExportsPerMinute());
        Optional<HelpDesk> saved = Optional.empty();
        if (store != null && b.reset()) {
            store.delete();
        } else if (store != null) {
            saved = store.load(world.account(), clock);
        }
        desk = saved.orElseGet(() -> HelpDesk.fromWorld(world, clock));
        saved.ifPresent(s -> LOG.info("Zendesk sandbox state restored from {}", store.file()));
        server = SimulatorServer.start(b, new Dispatcher(), 0);
        persist();
    }

    public static Builder builder(ZendeskWorld world) {
        return new Builder(world);
    }

    /** The Zendesk files of the world in {@code dir}. */
    public static Builder builder(Path worldDir) {
        return new Builder(ZendeskWorldLoader.fromDirectory(worldDir));
    }

    /** The Zendesk files of a classpath world, e.g. {@code worlds/demo}. */
    public static Builder builder(String classpathWorld) {
        return new Builder(ZendeskWorldLoader.fromClasspath(classpathWorld));
    }

    /** Options of a simulator; {@link #start()} loads (or restores) the account and starts the server. */
    public static final class Builder extends SimulatorOptions<Builder> {
        private final ZendeskWorld world;
        private Clock clock = Clock.systemUTC();

        private Builder(ZendeskWorld world) {
            this.world = world;
        }

        /** The clock for the rate limit window and for the times of changes (tests pass a fake one). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public ZendeskSimulator start() {
            return new ZendeskSimulator(this);
        }
    }

    // ---- public API: where and who ----

    /** The base URL, e.g. {@code http://127.0.0.1:54321}; the API is under {@code /api/v2/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    /** One API request as it arrived: the simulator's clock then, the counter name, the status answered. */
    public record LoggedRequest(Instant at, String endpoint, int status) {
    }

    /** Every API request since start or {@link #clearRequestLog()}, in arrival order (control requests left out). */
    public List<LoggedRequest> requestLog() {
        return List.copyOf(requestLog);
    }

    public void clearRequestLog() {
        requestLog.clear();
    }

    /** The account and its credentials (sandbox-only values from the world). */
    public ZendeskWorld.Account account() {
        return world.account();
    }

    /** {@code Authorization} header value for API token auth: Basic {@code {email}/token:{api_token}}. */
    public String basicAuthorization() {
        String user = world.account().agentEmail() + "/token:" + world.account().apiToken();
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Authorization} header value for OAuth: Bearer {@code {oauth_token}}. */
    public String bearerAuthorization() {
        return "Bearer " + world.account().oauthToken();
    }

    public ZendeskCounters counters() {
        return counters;
    }

    // ---- public API: controls ----

    /** The next {@code calls} API requests get 429; with {@code Retry-After: <seconds>} unless {@code retryAfter} is null. */
    public void failNextWithRateLimit(int calls, Duration retryAfter) {
        rateLimitRetryAfter = retryAfter == null ? null : (int) Math.max(0, retryAfter.toSeconds());
        rateLimitFaults.set(calls);
    }

    /** The next {@code calls} API requests get this status (500, 503, ...) with a JSON error body. */
    public void failNextWithStatus(int calls, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status must be 5xx, got " + status);
        }
        serverErrorStatus = status;
        serverErrors.set(calls);
    }

    /** The next {@code calls} successful responses carry a body that is not valid JSON (status 200). */
    public void malformNextResponses(int calls) {
        malformedResponses.set(calls);
    }

    /** The next {@code calls} successful responses carry only the first half of their JSON body (status 200). */
    public void truncateNextResponses(int calls) {
        truncatedResponses.set(calls);
    }

    /** The next {@code requests} API requests get their connection reset without a response. */
    public void dropNextConnections(int requests) {
        dropConnections.set(requests);
    }

    /** Added to every API response. */
    public void setLatency(Duration latency) {
        latencyMillis = (int) latency.toMillis();
    }

    public void setIncrementalExportsPerMinute(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        limiter.perMinute(limit);
    }

    public int incrementalExportsPerMinute() {
        return limiter.perMinute();
    }

    /** Forgets the incremental export requests of the current minute. */
    public void resetRateLimit() {
        limiter.reset();
    }

    /** Clears every injected fault and latency and the rate limit window; counters and data stay. */
    public void clearControls() {
        dropConnections.set(0);
        rateLimitFaults.set(0);
        serverErrors.set(0);
        malformedResponses.set(0);
        truncatedResponses.set(0);
        latencyMillis = 0;
        limiter.reset();
    }

    // ---- public API: data ----

    /** Creates a ticket from Zendesk ticket fields (requester_id required); returns the ticket as the API serves it. */
    public synchronized JsonNode createTicket(Map<String, ?> fields) {
        return changed(render(desk.createTicket(fields)));
    }

    /** Changes ticket fields and/or adds {@code "comment": {"body", "public", "author_id"}}; recorded as an audit. */
    public synchronized JsonNode updateTicket(long id, Map<String, ?> changes) {
        return changed(render(desk.updateTicket(id, changes)));
    }

    /** The ticket stays in the export with status "deleted", as Zendesk shows deleted tickets. */
    public synchronized JsonNode deleteTicket(long id) {
        return changed(render(desk.deleteTicket(id)));
    }

    /** Adds {@code count} plain new tickets in one go (10,000 take well under a second); returns their ids. */
    public synchronized List<Long> generateTickets(int count) {
        return changed(desk.generateTickets(count));
    }

    public synchronized JsonNode createUser(Map<String, ?> fields) {
        return changed(renderUser(desk.createUser(fields)));
    }

    public synchronized JsonNode updateUser(long id, Map<String, ?> changes) {
        return changed(renderUser(desk.updateUser(id, changes)));
    }

    /** The requester rates the ticket: {@code good}, {@code bad} (with a comment) or {@code offered}. */
    public synchronized JsonNode rateTicket(long ticketId, String score, String comment) {
        return changed(renderRating(desk.rateTicket(ticketId, score, comment)));
    }

    public synchronized Optional<JsonNode> ticket(long id) {
        return desk.ticket(id).map(this::render);
    }

    public synchronized Optional<JsonNode> ticketMetrics(long ticketId) {
        return desk.metricSet(ticketId).map(this::renderMetric);
    }

    public synchronized Optional<JsonNode> user(long id) {
        return desk.user(id).map(this::renderUser);
    }

    public synchronized Optional<JsonNode> userByEmail(String email) {
        return desk.userByEmail(email).map(this::renderUser);
    }

    public synchronized int ticketCount() {
        return desk.ticketCount();
    }

    /** Starts the account over from the world files (saved state is replaced). */
    public synchronized void resetToWorld() {
        desk = HelpDesk.fromWorld(world, clock);
        persist();
    }

    /** Writes every record as JSON to {@code file}. */
    public synchronized void dump(Path file) {
        ZendeskStateStore.write(file, desk);
    }

    @Override
    public synchronized void close() {
        try {
            persist();
        } finally {
            server.stop();
        }
    }

    private <T> T changed(T result) {
        persist();
        return result;
    }

    private void persist() {
        if (store != null) {
            store.save(desk);
        }
    }

    // ---- request handling ----

    private final class Dispatcher implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "journey-sandbox-zendesk";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            URI uri = URI.create(request.getUrl());
            String path = uri.getPath();
            try {
                if (path.startsWith(CONTROL_PREFIX)) {
                    return controlApi(request, path.substring(CONTROL_PREFIX.length()));
                }
                String endpoint = endpoint(request.getMethod().value(), path);
                if (endpoint == null) {
                    return respond(json(404, "{\"error\":\"InvalidEndpoint\",\"description\":\"Not found\"}"));
                }
                counters.increment(endpoint);
                Instant arrived = clock.instant();
                ResponseDefinition answer = answer(request, uri, path, endpoint);
                requestLog.add(new LoggedRequest(arrived, endpoint, answer.getStatus()));
                return answer;
            } catch (BadRequest e) {
                return respond(json(400, error("InvalidValue", e.getMessage())));
            } catch (RuntimeException e) {
                LOG.error("Zendesk sandbox failed on {}", path, e);
                return respond(json(500, error("InternalError", "sandbox error: " + e)));
            }
        }

        private ResponseDefinition answer(Request request, URI uri, String path, String endpoint) {
            try {
                if (dropConnections.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                    return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                }
                Reply injected = injectedFault(endpoint);
                if (injected != null) {
                    return respond(injected);
                }
                if (!authenticated(request.getHeader("Authorization"))) {
                    return respond(json(401, UNAUTHENTICATED));
                }
                if (INCREMENTAL.contains(endpoint)) {
                    OptionalLong wait = limiter.tryAcquire();
                    if (wait.isPresent()) {
                        counters.increment(ZendeskCounters.RATE_LIMITED);
                        return respond(json(429, EXPORT_RATE_LIMITED).header("Retry-After", String.valueOf(wait.getAsLong())));
                    }
                }
                Map<String, String> query = query(uri.getRawQuery());
                Reply reply;
                synchronized (ZendeskSimulator.this) {
                    reply = handle(endpoint, path, query);
                }
                return respond(reply.status() == 200 ? corrupted(reply) : reply);
            } catch (BadRequest e) {
                return respond(json(400, error("InvalidValue", e.getMessage())));
            } catch (RuntimeException e) {
                LOG.error("Zendesk sandbox failed on {}", path, e);
                return respond(json(500, error("InternalError", "sandbox error: " + e)));
            }
        }

        private ResponseDefinition respond(Reply reply) {
            // Zendesk's Date header, on the simulator's clock: a client may bound a poll by it.
            ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(reply.status())
                    .withHeader("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                            .format(clock.instant().atZone(java.time.ZoneOffset.UTC)))
                    .withHeader("Content-Type", JSON_TYPE)
                    .withBody(reply.body().getBytes(StandardCharsets.UTF_8));
            reply.headers().forEach(b::withHeader);
            int delay = latencyMillis;
            if (delay > 0) {
                b.withFixedDelay(delay);
            }
            return b.build();
        }
    }

    private static String endpoint(String method, String path) {
        if (!method.equals("GET")) {
            return null;
        }
        return switch (path) {
            case "/api/v2/incremental/tickets/cursor.json", "/api/v2/incremental/tickets/cursor" -> ZendeskCounters.TICKETS_CURSOR;
            case "/api/v2/incremental/users/cursor.json", "/api/v2/incremental/users/cursor" -> ZendeskCounters.USERS_CURSOR;
            case "/api/v2/incremental/ticket_events.json", "/api/v2/incremental/ticket_events" -> ZendeskCounters.TICKET_EVENTS;
            case "/api/v2/satisfaction_ratings.json", "/api/v2/satisfaction_ratings" -> ZendeskCounters.SATISFACTION_RATINGS;
            case "/api/v2/groups.json", "/api/v2/groups" -> ZendeskCounters.GROUPS;
            case "/api/v2/users/me.json", "/api/v2/users/me" -> ZendeskCounters.USERS_ME;
            default -> TICKET_PATH.matcher(path).matches() ? ZendeskCounters.TICKET : null;
        };
    }

    private Reply injectedFault(String endpoint) {
        if (rateLimitFaults.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            Reply r = json(429, INCREMENTAL.contains(endpoint) ? EXPORT_RATE_LIMITED : RATE_LIMITED);
            Integer retryAfter = rateLimitRetryAfter;
            return retryAfter == null ? r : r.header("Retry-After", String.valueOf(retryAfter));
        }
        if (serverErrors.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            int status = serverErrorStatus;
            return status == 503
                    ? json(503, error("ServiceUnavailable", "Zendesk is temporarily unavailable (injected by the sandbox)"))
                    : json(status, error("InternalError", "Internal server error (injected by the sandbox)"));
        }
        return null;
    }

    private Reply corrupted(Reply reply) {
        if (malformedResponses.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            // Valid up to the end, then a stray comma and bracket: parsers fail on the last characters.
            String body = reply.body();
            return new Reply(200, body.substring(0, body.length() - 1) + ",]", reply.headers());
        }
        if (truncatedResponses.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            return new Reply(200, new String(bytes, 0, bytes.length / 2, StandardCharsets.UTF_8), reply.headers());
        }
        return reply;
    }

    /** Basic {@code {email}/token:{api_token}} or Bearer {@code {oauth_token}} (Security and authentication, API reference). */
    private boolean authenticated(String authorization) {
        if (authorization == null) {
            return false;
        }
        ZendeskWorld.Account a = world.account();
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim().equals(a.oauthToken());
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return false;
            }
            String user = decoded.substring(0, colon);
            String secret = decoded.substring(colon + 1);
            return user.equalsIgnoreCase(a.agentEmail() + "/token") && secret.equals(a.apiToken());
        }
        return false;
    }

    private Reply handle(String endpoint, String path, Map<String, String> query) {
        return switch (endpoint) {
            case ZendeskCounters.TICKETS_CURSOR -> ok(ticketExport(query));
            case ZendeskCounters.USERS_CURSOR -> ok(userExport(query));
            case ZendeskCounters.TICKET_EVENTS -> ok(ticketEventExport(query));
            case ZendeskCounters.SATISFACTION_RATINGS -> ok(satisfactionRatings(query));
            case ZendeskCounters.GROUPS -> ok(groups());
            case ZendeskCounters.USERS_ME -> {
                ObjectNode me = JSON.createObjectNode();
                me.set("user", desk.userByEmail(world.account().agentEmail()).map(this::renderUser).orElseThrow());
                yield ok(me);
            }
            case ZendeskCounters.TICKET -> {
                Matcher m = TICKET_PATH.matcher(path);
                m.matches();
                Optional<ObjectNode> t = desk.ticket(Long.parseLong(m.group(1)))
                        .filter(x -> !"deleted".equals(x.path("status").asText()));
                if (t.isEmpty()) {
                    yield json(404, error("RecordNotFound", "Not found"));
                }
                ObjectNode out = JSON.createObjectNode();
                out.set("ticket", render(t.get()));
                yield ok(out);
            }
            default -> json(404, error("InvalidEndpoint", "Not found"));
        };
    }

    // ---- incremental exports ----

    /** GET /api/v2/incremental/tickets/cursor.json?start_time=|cursor=[&per_page=][&include=metric_sets] */
    private ObjectNode ticketExport(Map<String, String> query) {
        int perPage = pageSize(query.get("per_page"), MAX_EXPORT_PAGE, MAX_EXPORT_PAGE);
        ExportCursor from = exportPosition(query);
        List<ObjectNode> rows = desk.ticketsAfter(from, perPage);
        boolean more = rows.size() > perPage;
        List<ObjectNode> page = more ? rows.subList(0, perPage) : rows;
        ObjectNode out = JSON.createObjectNode();
        ArrayNode tickets = out.putArray("tickets");
        page.forEach(t -> tickets.add(render(t)));
        if (includes(query, "metric_sets")) {
            ArrayNode sets = out.putArray("metric_sets");
            page.forEach(t -> desk.metricSet(t.get("id").asLong()).ifPresent(m -> sets.add(renderMetric(m))));
        }
        cursorPageLinks(out, "/api/v2/incremental/tickets/cursor.json", from, page, more, query);
        return out;
    }

    /** GET /api/v2/incremental/users/cursor.json?start_time=|cursor=[&per_page=][&include=identities] */
    private ObjectNode userExport(Map<String, String> query) {
        int perPage = pageSize(query.get("per_page"), MAX_EXPORT_PAGE, MAX_EXPORT_PAGE);
        ExportCursor from = exportPosition(query);
        List<ObjectNode> rows = desk.usersAfter(from, perPage);
        boolean more = rows.size() > perPage;
        List<ObjectNode> page = more ? rows.subList(0, perPage) : rows;
        ObjectNode out = JSON.createObjectNode();
        ArrayNode users = out.putArray("users");
        page.forEach(u -> users.add(renderUser(u)));
        if (includes(query, "identities")) {
            ArrayNode identities = out.putArray("identities");
            page.forEach(u -> identities.addAll(identities(u)));
        }
        cursorPageLinks(out, "/api/v2/incremental/users/cursor.json", from, page, more, query);
        return out;
    }

    private ExportCursor exportPosition(Map<String, String> query) {
        if (query.containsKey("cursor")) {
            return ExportCursor.decode(query.get("cursor")).orElseThrow(() -> new BadRequest("cursor is not valid"));
        }
        if (query.containsKey("start_time")) {
            return ExportCursor.startingAt(longParam(query, "start_time"));
        }
        throw new BadRequest("start_time or cursor is required");
    }

    /**
     * after_cursor points after the page's last record; on the last page (end_of_stream) it is still usable: the
     * next run passes it back and gets what changed since. Paging backwards is not simulated (before_* are null).
     */
    private void cursorPageLinks(ObjectNode out, String path, ExportCursor from, List<ObjectNode> page, boolean more,
                                 Map<String, String> query) {
        ExportCursor after = page.isEmpty() ? from : positionOf(page.get(page.size() - 1));
        StringBuilder url = new StringBuilder(url() + path + "?cursor=" + encode(after.encode()));
        if (query.containsKey("per_page")) {
            url.append("&per_page=").append(encode(query.get("per_page")));
        }
        if (query.containsKey("include")) {
            url.append("&include=").append(encode(query.get("include")));
        }
        out.put("after_url", url.toString());
        out.putNull("before_url");
        out.put("after_cursor", after.encode());
        out.putNull("before_cursor");
        out.put("end_of_stream", !more);
    }

    private static ExportCursor positionOf(ObjectNode record) {
        return new ExportCursor(HelpDesk.exportTimestamp(record), record.get("id").asLong());
    }

    /**
     * GET /api/v2/incremental/ticket_events.json?start_time=[&include=comment_events][&per_page=]: time-based.
     * A page never splits one second's events, so end_time (the last event's time + 1) as the next start_time
     * neither repeats nor skips events. Without {@code include=comment_events} Comment child events are left out.
     */
    private ObjectNode ticketEventExport(Map<String, String> query) {
        if (!query.containsKey("start_time")) {
            throw new BadRequest("start_time is required");
        }
        long start = longParam(query, "start_time");
        int perPage = pageSize(query.get("per_page"), MAX_EXPORT_PAGE, MAX_EXPORT_PAGE);
        boolean comments = includes(query, "comment_events");
        List<ObjectNode> all = desk.eventsFrom(start);
        int end = Math.min(perPage, all.size());
        while (end > 0 && end < all.size()
                && all.get(end).get("timestamp").asLong() == all.get(end - 1).get("timestamp").asLong()) {
            end++;
        }
        List<ObjectNode> page = all.subList(0, end);
        boolean endOfStream = end == all.size();
        long endTime = page.isEmpty() ? start : page.get(page.size() - 1).get("timestamp").asLong() + 1;
        ObjectNode out = JSON.createObjectNode();
        ArrayNode events = out.putArray("ticket_events");
        page.forEach(e -> events.add(renderEvent(e, comments)));
        out.put("count", page.size());
        out.put("end_of_stream", endOfStream);
        out.put("end_time", endTime);
        if (endOfStream) {
            out.putNull("next_page");
        } else {
            StringBuilder next = new StringBuilder(url() + "/api/v2/incremental/ticket_events.json?start_time=" + endTime);
            if (query.containsKey("include")) {
                next.append("&include=").append(encode(query.get("include")));
            }
            if (query.containsKey("per_page")) {
                next.append("&per_page=").append(encode(query.get("per_page")));
            }
            out.put("next_page", next.toString());
        }
        return out;
    }

    /**
     * GET /api/v2/satisfaction_ratings?start_time=&end_time=&score=&page[size]=&page[after]= with cursor
     * pagination (meta.has_more, meta.after_cursor, links.next). start_time and end_time filter on updated_at.
     */
    private ObjectNode satisfactionRatings(Map<String, String> query) {
        int size = pageSize(query.get("page[size]"), MAX_CURSOR_PAGE, MAX_CURSOR_PAGE);
        long afterId = 0;
        if (query.containsKey("page[after]")) {
            afterId = decodeRatingCursor(query.get("page[after]"));
        }
        Long start = query.containsKey("start_time") ? longParam(query, "start_time") : null;
        Long end = query.containsKey("end_time") ? longParam(query, "end_time") : null;
        List<ObjectNode> rows = desk.ratings(start, end, query.get("score"), afterId);
        boolean more = rows.size() > size;
        List<ObjectNode> page = more ? rows.subList(0, size) : rows;
        ObjectNode out = JSON.createObjectNode();
        ArrayNode ratings = out.putArray("satisfaction_ratings");
        page.forEach(r -> ratings.add(renderRating(r)));
        ObjectNode meta = out.putObject("meta");
        meta.put("has_more", more);
        String afterCursor = page.isEmpty() ? null : ratingCursor(page.get(page.size() - 1).get("id").asLong());
        String beforeCursor = page.isEmpty() ? null : ratingCursor(page.get(0).get("id").asLong());
        meta.put("after_cursor", afterCursor);
        meta.put("before_cursor", beforeCursor);
        ObjectNode links = out.putObject("links");
        links.putNull("prev");
        if (more) {
            StringBuilder next = new StringBuilder(url() + "/api/v2/satisfaction_ratings.json?page%5Bafter%5D=" + encode(afterCursor)
                    + "&page%5Bsize%5D=" + size);
            for (String key : List.of("start_time", "end_time", "score")) {
                if (query.containsKey(key)) {
                    next.append('&').append(key).append('=').append(encode(query.get(key)));
                }
            }
            links.put("next", next.toString());
        } else {
            links.putNull("next");
        }
        return out;
    }

    private static String ratingCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("sr|" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeRatingCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("sr|")) {
                throw new BadRequest("page[after] is not a valid cursor");
            }
            return Long.parseLong(raw.substring(3));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("page[after] is not a valid cursor");
        }
    }

    private ObjectNode groups() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode groups = out.putArray("groups");
        desk.groups().forEach(g -> groups.add(withUrl(g, "/api/v2/groups/" + g.get("id").asLong() + ".json")));
        out.putNull("next_page");
        out.putNull("previous_page");
        out.put("count", groups.size());
        return out;
    }

    // ---- rendering records as the API serves them ----

    private ObjectNode render(ObjectNode ticket) {
        ObjectNode t = withUrl(ticket, "/api/v2/tickets/" + ticket.get("id").asLong() + ".json");
        desk.ratingOf(ticket.get("id").asLong()).ifPresent(r -> {
            ObjectNode rating = JSON.createObjectNode();
            rating.set("score", r.get("score"));
            rating.set("id", r.get("id"));
            rating.set("comment", r.get("comment"));
            if (r.has("reason")) {
                rating.set("reason", r.get("reason"));
            }
            t.set("satisfaction_rating", rating);
        });
        t.set("fields", t.get("custom_fields").deepCopy());
        return t;
    }

    private ObjectNode renderUser(ObjectNode user) {
        return withUrl(user, "/api/v2/users/" + user.get("id").asLong() + ".json");
    }

    private ObjectNode renderMetric(ObjectNode metric) {
        return withUrl(metric, "/api/v2/ticket_metrics/" + metric.get("id").asLong() + ".json");
    }

    private ObjectNode renderRating(ObjectNode rating) {
        return withUrl(rating, "/api/v2/satisfaction_ratings/" + rating.get("id").asLong() + ".json");
    }

    private static ObjectNode renderEvent(ObjectNode event, boolean comments) {
        ObjectNode e = event.deepCopy();
        if (!comments) {
            ArrayNode kept = JSON.createArrayNode();
            e.path("child_events").forEach(c -> {
                if (!"Comment".equals(c.path("event_type").asText())) {
                    kept.add(c);
                }
            });
            e.set("child_events", kept);
        }
        return e;
    }

    /** A user's identities: the primary email, and the phone number when set. */
    private List<ObjectNode> identities(ObjectNode user) {
        List<ObjectNode> out = new ArrayList<>();
        long userId = user.get("id").asLong();
        if (user.hasNonNull("email")) {
            out.add(identity(user, userId * 10 + 1, "email", user.get("email").asText(), true));
        }
        if (user.hasNonNull("phone")) {
            out.add(identity(user, userId * 10 + 2, "phone_number", user.get("phone").asText(), !user.hasNonNull("email")));
        }
        return out;
    }

    private ObjectNode identity(ObjectNode user, long id, String type, String value, boolean primary) {
        ObjectNode i = JSON.createObjectNode();
        i.put("url", url() + "/api/v2/users/" + user.get("id").asLong() + "/identities/" + id + ".json");
        i.put("id", id);
        i.set("user_id", user.get("id"));
        i.put("type", type);
        i.put("value", value);
        i.put("verified", user.path("verified").asBoolean());
        i.put("primary", primary);
        i.set("created_at", user.get("created_at"));
        i.set("updated_at", user.get("created_at"));
        if (type.equals("email")) {
            i.put("undeliverable_count", 0);
            i.put("deliverable_state", "deliverable");
        }
        return i;
    }

    private ObjectNode withUrl(ObjectNode record, String path) {
        ObjectNode copy = record.deepCopy();
        if (copy.has("url")) {
            copy.put("url", url() + path);
            return copy;
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("url", url() + path);
        out.setAll(copy);
        return out;
    }

    // ---- control API (JSON over HTTP) ----

    /**
     * {@code GET  /counters} → {"counters": {...}, "incrementalExportsPerMinute"}; {@code POST /counters/reset};
     * {@code POST /controls} with any of {"rateLimitFaults", "retryAfterSeconds" (absent or null: no Retry-After),
     * "serverErrors", "serverErrorStatus", "malformedResponses", "truncatedResponses", "latencyMillis",
     * "dropConnections", "incrementalExportsPerMinute", "resetRateLimit", "clear"};
     * {@code POST /tickets} (no "id": create; with "id": update, "comment" allowed); {@code DELETE /tickets/{id}};
     * {@code POST /tickets/generate} {"count"}; {@code POST /users}; {@code POST /ratings} {"ticket_id", "score", "comment"};
     * {@code POST /reset} (start over from the world); {@code GET /state} (every record).
     */
    private ResponseDefinition controlApi(Request request, String path) {
        String method = request.getMethod().value();
        try {
            ObjectNode in = request.getBody() == null || request.getBody().length == 0
                    ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(request.getBody());
            Object out;
            if (method.equals("DELETE") && path.startsWith("/tickets/")) {
                out = deleteTicket(Long.parseLong(path.substring("/tickets/".length())));
            } else {
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
                    case "POST /tickets" -> {
                        Map<String, Object> fields = JSON.convertValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
                        Object id = fields.remove("id");
                        out = id == null ? createTicket(fields) : updateTicket(((Number) id).longValue(), fields);
                    }
                    case "POST /tickets/generate" -> out = Map.of("ids", generateTickets(in.path("count").asInt()));
                    case "POST /users" -> out = createUser(JSON.convertValue(in, new TypeReference<LinkedHashMap<String, Object>>() { }));
                    case "POST /ratings" -> out = rateTicket(in.path("ticket_id").asLong(), in.path("score").asText(),
                            in.path("comment").asText(null));
                    case "POST /reset" -> {
                        resetToWorld();
                        out = countersJson();
                    }
                    case "GET /state" -> {
                        synchronized (this) {
                            out = desk.snapshot();
                        }
                    }
                    default -> {
                        return controlReply(404, error("InvalidEndpoint", "unknown control " + method + " " + path));
                    }
                }
            }
            return controlReply(200, JSON.writeValueAsString(out));
        } catch (java.io.IOException | ClassCastException | IllegalArgumentException e) {
            return controlReply(400, error("InvalidValue", e.getMessage()));
        }
    }

    private static ResponseDefinition controlReply(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", JSON_TYPE).withBody(body).build();
    }

    private void applyControls(JsonNode in) {
        if (in.path("clear").asBoolean(false)) {
            clearControls();
        }
        if (in.has("rateLimitFaults")) {
            JsonNode retry = in.get("retryAfterSeconds");
            failNextWithRateLimit(in.get("rateLimitFaults").asInt(),
                    retry == null || retry.isNull() ? null : Duration.ofSeconds(retry.asLong()));
        }
        if (in.has("serverErrors")) {
            failNextWithStatus(in.get("serverErrors").asInt(), in.path("serverErrorStatus").asInt(500));
        }
        if (in.has("malformedResponses")) {
            malformNextResponses(in.get("malformedResponses").asInt());
        }
        if (in.has("truncatedResponses")) {
            truncateNextResponses(in.get("truncatedResponses").asInt());
        }
        if (in.has("latencyMillis")) {
            setLatency(Duration.ofMillis(in.get("latencyMillis").asLong()));
        }
        if (in.has("dropConnections")) {
            dropNextConnections(in.get("dropConnections").asInt());
        }
        if (in.has("incrementalExportsPerMinute")) {
            setIncrementalExportsPerMinute(in.get("incrementalExportsPerMinute").asInt());
        }
        if (in.path("resetRateLimit").asBoolean(false)) {
            resetRateLimit();
        }
    }

    private Map<String, Object> countersJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("counters", counters.snapshot());
        out.put("incrementalExportsPerMinute", incrementalExportsPerMinute());
        return out;
    }

    // ---- small helpers ----

    private record Reply(int status, String body, Map<String, String> headers) {
        Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h);
        }
    }

    private static Reply json(int status, String body) {
        return new Reply(status, body, Map.of());
    }

    private static Reply ok(JsonNode body) {
        try {
            return new Reply(200, JSON.writeValueAsString(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(String error, String description) {
        ObjectNode o = JSON.createObjectNode().put("error", error).put("description", description);
        return o.toString();
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    private static boolean includes(Map<String, String> query, String sideLoad) {
        String include = query.get("include");
        return include != null && List.of(include.split(",")).contains(sideLoad);
    }

    private static long longParam(Map<String, String> query, String name) {
        try {
            return Long.parseLong(query.get(name));
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a Unix time in seconds");
        }
    }

    private static int pageSize(String requested, int defaultSize, int max) {
        if (requested == null) {
            return defaultSize;
        }
        try {
            return Math.max(1, Math.min(max, Integer.parseInt(requested)));
        } catch (NumberFormatException e) {
            throw new BadRequest("page size must be a number");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
