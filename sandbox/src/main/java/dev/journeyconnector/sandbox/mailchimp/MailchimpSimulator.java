package dev.journeyconnector.sandbox.mailchimp;

import dev.journeyconnector.sandbox.SimulatorOptions;
import dev.journeyconnector.sandbox.SimulatorServer;
import com.fasterxml.jackson.databind.JsonNode;
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

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;


/**
 * A local Mailchimp Marketing API v3 (read side) over one simulated account: lists, list members,
 * campaigns, campaign email activity, unsubscribes and abuse reports under {@code /3.0}, with Mailchimp's
 * authentication, paging ({@code count}/{@code offset}, {@code total_items}), filters, problem+json errors
 * and its limit of simultaneous connections. Runs on WireMock's Jetty, bound to 127.0.0.1.
 *
 * <p>Controls for tests and benchmarks are Java methods here and the same as JSON under
 * {@code /__sandbox/mailchimp/}: call counters per endpoint, the concurrency cap and the highest concurrency
 * observed, injected 429/403/5xx, malformed or truncated bodies, latency and dropped connections.
 */
public final class MailchimpSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailchimpSimulator.class);
    private static final String API_PREFIX = "/3.0";
    private static final String CONTROL_PREFIX = "/__sandbox/mailchimp";
    /**
     * "Each user account is permitted up to 10 simultaneous connections"; more get 429
     * (https://mailchimp.com/developer/marketing/docs/fundamentals/#api-limits). Mailchimp sends no rate-limit headers.
     */
    public static final int MAILCHIMP_CONNECTION_LIMIT = 10;
    /** "Default value is 10. Maximum value is 1000" for {@code count} (OpenAPI spec 3.0.85, every collection). */
    static final int DEFAULT_COUNT = 10;
    static final int MAX_COUNT = 1000;
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final String PROBLEM_TYPE = "application/problem+json; charset=utf-8";

    private final MailchimpWorld world;
    private final MailchimpStateStore store;
    private final MailchimpData data;
    private final EndpointCounters counters = new EndpointCounters();
    private final WireMockServer server;
    private final MailchimpResponses responses;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxConcurrency = new AtomicInteger();
    private volatile int concurrencyLimit;
    private volatile boolean refuseCountAboveMax = true;
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private final AtomicInteger forbidden = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private volatile int serverErrorStatus = 500;
    private final AtomicInteger malformed = new AtomicInteger();
    private final AtomicInteger truncated = new AtomicInteger();
    private final AtomicInteger dropConnections = new AtomicInteger();
    private volatile int latencyMillis;

    private MailchimpSimulator(Builder b) {
        this.world = b.world;
        this.store = b.dataDir() == null ? null : new MailchimpStateStore(b.dataDir());
        this.concurrencyLimit = b.concurrencyLimit;
        Optional<MailchimpWorld> saved = Optional.empty();
        if (store != null && b.reset()) {
            store.delete();
        } else if (store != null) {
            saved = store.load(world.account());
        }
        this.data = new MailchimpData(saved.orElse(world));
        saved.ifPresent(s -> LOG.info("Mailchimp sandbox state restored from {}", store.file()));
        // Room for more than the connection cap: the cap must be answered with 429, not queued by Jetty.
        server = SimulatorServer.start(b, new Dispatcher(), 64);
        responses = new MailchimpResponses(url() + API_PREFIX, world.account().dataCenter(), data);
        data.onChange(this::persist);
        persist();
    }

    public static Builder builder(MailchimpWorld world) {
        return new Builder(world);
    }

    /** Options of a simulator; {@link #start()} loads (or restores) the account and starts the server. */
    public static final class Builder extends SimulatorOptions<Builder> {
        private final MailchimpWorld world;
        private int concurrencyLimit = MAILCHIMP_CONNECTION_LIMIT;

        private Builder(MailchimpWorld world) {
            this.world = world;
        }

        /** Simultaneous requests allowed before 429 (Mailchimp: 10). */
        public Builder concurrencyLimit(int limit) {
            this.concurrencyLimit = limit;
            return this;
        }

        public MailchimpSimulator start() {
            return new MailchimpSimulator(this);
        }
    }

    // ---- public API ----

    /** The base URL, e.g. {@code http://127.0.0.1:54321}; the API is under {@code /3.0}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The API root clients use in place of {@code https://<dc>.api.mailchimp.com/3.0}. */
    public URI apiUrl() {
        return URI.create(url() + API_PREFIX);
    }

    public int port() {
        return server.port();
    }

    /** The key clients must send (a sandbox value from the world, not a credential). */
    public String apiKey() {
        return world.account().apiKey();
    }

    public String dataCenter() {
        return world.account().dataCenter();
    }

    /** The account's records; change them here in tests. */
    public MailchimpData data() {
        return data;
    }

    public EndpointCounters counters() {
        return counters;
    }

    public int concurrencyLimit() {
        return concurrencyLimit;
    }

    public void setConcurrencyLimit(int limit) {
        this.concurrencyLimit = limit;
    }

    /** The most API requests that were in progress at once since start or {@link #resetMaxConcurrency()}. */
    public int maxConcurrency() {
        return maxConcurrency.get();
    }

    public void resetMaxConcurrency() {
        maxConcurrency.set(inFlight.get());
    }

    /** true (default): {@code count} above 1000 is refused with 400; false: it is served as 1000. */
    public void refuseCountAboveMax(boolean refuse) {
        this.refuseCountAboveMax = refuse;
    }

    /** The next {@code calls} API calls get 429 Too Many Requests (problem+json, no rate-limit headers). */
    public void failNextWithTooManyRequests(int calls) {
        tooManyRequests.set(calls);
    }

    /** The next {@code calls} API calls get a bare 403 (HTML, no problem document), as Mailchimp's edge does under load. */
    public void failNextWithForbidden(int calls) {
        forbidden.set(calls);
    }

    /** The next {@code calls} API calls get {@code status} (500 or 503, any 5xx). */
    public void failNextWithServerError(int calls, int status) {
        serverErrorStatus = status;
        serverErrors.set(calls);
    }

    /** The next {@code calls} successful API responses carry a body that is not JSON. */
    public void malformNextBodies(int calls) {
        malformed.set(calls);
    }

    /** The next {@code calls} successful API responses carry only the first half of their JSON body. */
    public void truncateNextBodies(int calls) {
        truncated.set(calls);
    }

    /** The next {@code calls} API requests get their connection reset without a response. */
    public void dropNextConnections(int calls) {
        dropConnections.set(calls);
    }

    /** Added to every API response (the request counts as in progress meanwhile). */
    public void setLatency(Duration latency) {
        this.latencyMillis = (int) latency.toMillis();
    }

    /** Clears every injected fault and latency; counters, the concurrency cap and data stay. */
    public void clearControls() {
        tooManyRequests.set(0);
        forbidden.set(0);
        serverErrors.set(0);
        malformed.set(0);
        truncated.set(0);
        dropConnections.set(0);
        latencyMillis = 0;
    }

    /** Starts the account over from the world files (saved state is replaced). */
    public void resetToWorld() {
        data.replaceWith(world);
        persist();
    }

    /** The account's records in the world-file format (what {@link #dump} writes). */
    public MailchimpWorld snapshot() {
        return data.snapshot(world.source(), world.account());
    }

    /** Writes the account's current records as JSON to {@code file}. */
    public void dump(Path file) {
        MailchimpStateStore.write(file, snapshot());
    }

    @Override
    public void close() {
        try {
            persist();
        } finally {
            server.stop();
        }
    }

    private void persist() {
        if (store != null) {
            synchronized (data) {
                store.save(snapshot());
            }
        }
    }

    // ---- request handling ----

    /** A refusal answered instead of a page. */
    private static final class ApiError extends RuntimeException {
        final int status;
        final ObjectNode body;

        ApiError(int status, String title, String detail) {
            super(title);
            this.status = status;
            this.body = MailchimpResponses.problem(status, title, detail);
        }

        static ApiError notFound() {
            return new ApiError(404, "Resource Not Found", "The requested resource could not be found.");
        }

        static ApiError invalid(String field, String message) {
            ApiError e = new ApiError(400, "Invalid Resource",
                    "The resource submitted could not be validated. For field-specific details, see the 'errors' array.");
            e.body.putArray("errors").addObject().put("field", field).put("message", message);
            return e;
        }
    }

    private final class Dispatcher implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "journey-sandbox-mailchimp";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            URI uri = URI.create(request.getUrl());
            String path = uri.getRawPath();
            if (path.startsWith(CONTROL_PREFIX)) {
                return controlApi(request, path.substring(CONTROL_PREFIX.length()));
            }
            if (!path.equals(API_PREFIX) && !path.startsWith(API_PREFIX + "/")) {
                return problem(ApiError.notFound());
            }
            String[] parts = path.substring(API_PREFIX.length()).replaceAll("^/|/$", "").split("/");
            counters.increment(endpoint(parts));
            int now = inFlight.incrementAndGet();
            maxConcurrency.accumulateAndGet(now, Math::max);
            try {
                return serve(request, parts, query(uri.getRawQuery()), now);
            } catch (RuntimeException e) {
                LOG.error("Mailchimp sandbox failed on {}", path, e);
                return problem(new ApiError(500, "Internal Server Error", "sandbox error: " + e));
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Counter name of an API path. */
    private static String endpoint(String[] p) {
        String joined = String.join("/", p).replaceAll("[0-9a-f]{32}", "{id}").replaceAll("[0-9a-f]{10}", "{id}");
        return switch (joined) {
            case "ping" -> "ping";
            case "lists" -> "lists";
            case "lists/{id}" -> "list";
            case "lists/{id}/members" -> "members";
            case "lists/{id}/members/{id}" -> "member";
            case "lists/{id}/abuse-reports" -> "abuseReports";
            case "campaigns" -> "campaigns";
            case "campaigns/{id}" -> "campaign";
            case "reports/{id}/email-activity" -> "emailActivity";
            case "reports/{id}/unsubscribed" -> "unsubscribed";
            default -> "other";
        };
    }

    private ResponseDefinition serve(Request request, String[] p, Map<String, String> q, int concurrent) {
        if (concurrent > concurrencyLimit) {
            return problem(new ApiError(429, "Too Many Requests",
                    "You have exceeded the limit of " + concurrencyLimit + " simultaneous connections."));
        }
        sleep(latencyMillis);
        if (take(dropConnections)) {
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        if (take(tooManyRequests)) {
            return problem(new ApiError(429, "Too Many Requests",
                    "You have exceeded the limit of " + concurrencyLimit + " simultaneous connections."));
        }
        if (take(forbidden)) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(403).withHeader("Content-Type", "text/html")
                    .withBody("<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Access Denied</BODY></HTML>\n").build();
        }
        if (take(serverErrors)) {
            int status = serverErrorStatus;
            return problem(new ApiError(status, status == 503 ? "Service Unavailable" : "Internal Server Error",
                    "An unexpected internal error has occurred. Please try again later."));
        }
        try {
            authenticate(request);
            if (!request.getMethod().value().equals("GET")) {
                throw new ApiError(405, "Method Not Allowed", "The requested method and resource are not compatible. "
                        + "The sandbox serves GET only.");
            }
            ObjectNode body = route(p, q);
            FieldFilter.apply(body, q.get("fields"), q.get("exclude_fields"));
            String text = body.toString();
            if (take(malformed)) {
                text = "{\"sandbox\": malformed " + text.substring(0, Math.min(40, text.length()));
            } else if (take(truncated)) {
                text = text.substring(0, text.length() / 2);
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", JSON_TYPE)
                    .withHeader("Date", httpDate()).withBody(text.getBytes(StandardCharsets.UTF_8)).build();
        } catch (ApiError e) {
            return problem(e);
        }
    }

    private static boolean take(AtomicInteger remaining) {
        return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static void sleep(int millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The HTTP Date header Mailchimp sends with every answer (RFC 9110 section 6.6.1); clients may bound a poll by it. */
    private static String httpDate() {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
    }

    private static ResponseDefinition problem(ApiError e) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(e.status).withHeader("Content-Type", PROBLEM_TYPE)
                .withBody(e.body.toString().getBytes(StandardCharsets.UTF_8)).build();
    }

    /** HTTP Basic with any user name and the key as password, or {@code Authorization: apikey <key>}. */
    private void authenticate(Request request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiError(401, "API Key Missing", "Your request did not include an API key.");
        }
        String key = null;
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                key = decoded.substring(decoded.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                key = null;
            }
        } else if (scheme.equalsIgnoreCase("apikey")) {
            key = value;
        }
        if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                apiKey().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "API Key Invalid",
                    "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
        }
    }

    private ObjectNode route(String[] p, Map<String, String> q) {
        int n = p.length;
        if (n == 1 && p[0].equals("ping")) {
            ObjectNode o = MailchimpResponses.JSON.createObjectNode();
            o.put("health_status", "Everything's Chimpy!");
            return o;
        }
        if (n == 1 && p[0].equals("lists")) {
            List<Audience> lists = new ArrayList<>(data.lists());
            lists.removeIf(not(l -> within(l.dateCreated(), q, "since_date_created", "before_date_created")));
            if ("DESC".equalsIgnoreCase(q.get("sort_dir"))) {
                lists.sort(Comparator.comparing(Audience::dateCreated).reversed());
            }
            return page(q, "lists", lists, responses::list, responses.listsLinks());
        }
        if (p[0].equals("lists") && n >= 2) {
            Audience list = data.list(p[1]).orElseThrow(ApiError::notFound);
            if (n == 2) {
                return responses.list(list);
            }
            if (n == 3 && p[2].equals("members")) {
                ObjectNode page = page(q, "members", members(list.id(), q), responses::member, responses.membersLinks(list.id()));
                return withField(page, "list_id", list.id(), "members");
            }
            if (n == 4 && p[2].equals("members")) {
                String id = p[3].contains("@") ? MailchimpResponses.md5(Member.key(decode(p[3]))) : p[3].toLowerCase();
                return responses.member(data.memberById(list.id(), id).orElseThrow(ApiError::notFound));
            }
            if (n == 3 && p[2].equals("abuse-reports")) {
                List<AbuseReport> reports = data.abuseReports(list.id());
                ObjectNode page = page(q, "abuse_reports", reports, a -> {
                    Campaign c = data.campaign(a.campaignId()).orElseThrow();
                    return responses.abuseReport(c, a, data.member(c.listId(), a.emailAddress()).orElse(null));
                }, responses.abuseLinks(list.id()));
                return withField(page, "list_id", list.id(), "abuse_reports");
            }
        }
        if (n == 1 && p[0].equals("campaigns")) {
            return page(q, "campaigns", campaigns(q), responses::campaign, responses.campaignsLinks());
        }
        if (n == 2 && p[0].equals("campaigns")) {
            return responses.campaign(data.campaign(p[1]).orElseThrow(ApiError::notFound));
        }
        if (n == 3 && p[0].equals("reports")) {
            Campaign c = data.campaign(p[1]).orElseThrow(ApiError::notFound);
            if (p[2].equals("email-activity")) {
                return withField(emailActivity(c, q), "campaign_id", c.id(), "emails");
            }
            if (p[2].equals("unsubscribed")) {
                ObjectNode page = page(q, "unsubscribes", data.unsubscribes(c.id()),
                        u -> responses.unsubscribe(c, u, data.member(c.listId(), u.emailAddress()).orElse(null)),
                        responses.reportLinks(c.id(), "unsubscribed", "Unsubs"));
                return withField(page, "campaign_id", c.id(), "unsubscribes");
            }
        }
        throw ApiError.notFound();
    }

    /** Puts {@code key} right after the items, where Mailchimp has it ({@code members, list_id, total_items}). */
    private static ObjectNode withField(ObjectNode page, String key, String value, String itemsKey) {
        ObjectNode out = MailchimpResponses.JSON.createObjectNode();
        out.set(itemsKey, page.get(itemsKey));
        out.put(key, value);
        page.fields().forEachRemaining(e -> {
            if (!e.getKey().equals(itemsKey)) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private List<Member> members(String listId, Map<String, String> q) {
        List<Member> all = new ArrayList<>(data.members(listId));
        String status = q.get("status");
        if (status != null) {
            if (!Member.STATUSES.contains(status)) {
                throw ApiError.invalid("status", "Value must be one of: " + String.join(", ", Member.STATUSES));
            }
            all.removeIf(m -> !m.status().equals(status));
        } else {
            all.removeIf(m -> m.status().equals("archived"));
        }
        all.removeIf(not(m -> within(m.lastChanged(), q, "since_last_changed", "before_last_changed")));
        all.removeIf(not(m -> within(m.timestampOpt(), q, "since_timestamp_opt", "before_timestamp_opt")));
        if (q.containsKey("unique_email_id")) {
            all.removeIf(m -> !MailchimpResponses.md5(m.listId() + ":" + m.key()).substring(0, 10).equals(q.get("unique_email_id")));
        }
        if ("true".equals(q.get("vip_only"))) {
            all.removeIf(m -> !m.vip());
        }
        String sort = q.get("sort_field");
        if (sort != null) {
            Comparator<Member> by = switch (sort) {
                case "last_changed" -> Comparator.comparing(Member::lastChanged);
                case "timestamp_opt" -> Comparator.comparing(Member::timestampOpt, Comparator.nullsFirst(Comparator.naturalOrder()));
                case "timestamp_signup" -> Comparator.comparing(Member::timestampSignup, Comparator.nullsFirst(Comparator.naturalOrder()));
                default -> throw ApiError.invalid("sort_field", "Value must be one of: timestamp_opt, timestamp_signup, last_changed");
            };
            all.sort("DESC".equalsIgnoreCase(q.get("sort_dir")) ? by.reversed() : by);
        }
        return all;
    }

    private List<Campaign> campaigns(Map<String, String> q) {
        List<Campaign> all = new ArrayList<>(data.campaigns());
        String status = q.get("status");
        if (status != null) {
            if (!Campaign.STATUSES.contains(status)) {
                throw ApiError.invalid("status", "Value must be one of: " + String.join(", ", Campaign.STATUSES));
            }
            all.removeIf(c -> !c.status().equals(status));
        }
        if (q.containsKey("type")) {
            all.removeIf(c -> !c.type().equals(q.get("type")));
        }
        if (q.containsKey("list_id")) {
            all.removeIf(c -> !c.listId().equals(q.get("list_id")));
        }
        if (q.containsKey("since_send_time") || q.containsKey("before_send_time")) {
            all.removeIf(c -> c.sendTime() == null);
        }
        all.removeIf(not(c -> within(c.sendTime(), q, "since_send_time", "before_send_time")));
        all.removeIf(not(c -> within(c.createTime(), q, "since_create_time", "before_create_time")));
        if (q.containsKey("member_id")) {
            all.removeIf(c -> data.recipients(c.id()).stream().noneMatch(m -> MailchimpResponses.md5(m.key()).equals(q.get("member_id"))));
        }
        String sort = q.get("sort_field");
        if (sort != null) {
            Comparator<Campaign> by = switch (sort) {
                case "create_time" -> Comparator.comparing(Campaign::createTime);
                case "send_time" -> Comparator.comparing(Campaign::sendTime, Comparator.nullsLast(Comparator.naturalOrder()));
                default -> throw ApiError.invalid("sort_field", "Value must be one of: create_time, send_time");
            };
            all.sort("DESC".equalsIgnoreCase(q.get("sort_dir")) ? by.reversed() : by);
        }
        return all;
    }

    /**
     * One row per recipient with their actions (possibly none). With {@code since}, only actions at or after
     * it, and only recipients that have such actions.
     */
    private ObjectNode emailActivity(Campaign c, Map<String, String> q) {
        Instant since = time(q, "since");
        Map<String, List<EmailActivity>> byMember = new HashMap<>();
        for (EmailActivity a : data.activity(c.id())) {
            if (since == null || !a.timestamp().isBefore(since)) {
                byMember.computeIfAbsent(Member.key(a.emailAddress()), k -> new ArrayList<>()).add(a);
            }
        }
        List<Member> rows = new ArrayList<>(data.recipients(c.id()));
        if (since != null) {
            rows.removeIf(m -> !byMember.containsKey(m.key()));
        }
        return page(q, "emails", rows, m -> responses.emailActivity(c, m, byMember.getOrDefault(m.key(), List.of())),
                responses.reportLinks(c.id(), "email-activity", "EmailActivity"));
    }

    private <T> ObjectNode page(Map<String, String> q, String key, List<T> items,
                                java.util.function.Function<T, ObjectNode> render, com.fasterxml.jackson.databind.node.ArrayNode links) {
        int count = intParam(q, "count", DEFAULT_COUNT);
        int offset = intParam(q, "offset", 0);
        if (count > MAX_COUNT) {
            // The spec says "Maximum value is 1000"; node-mailchimp issue #61 reports the live API serving 1000
            // for count=3000 instead. The sandbox refuses by default so that clients are made to respect the cap.
            if (refuseCountAboveMax) {
                throw ApiError.invalid("count", "Must be less than or equal to " + MAX_COUNT + ".");
            }
            count = MAX_COUNT;
        }
        if (count < 0 || offset < 0) {
            throw ApiError.invalid(count < 0 ? "count" : "offset", "Must be greater than or equal to 0.");
        }
        List<ObjectNode> rendered = new ArrayList<>();
        for (int i = offset; i < Math.min(items.size(), offset + count); i++) {
            rendered.add(render.apply(items.get(i)));
        }
        return responses.page(key, rendered, items.size(), links);
    }

    private static int intParam(Map<String, String> q, String name, int fallback) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name, "Must be an integer.");
        }
    }

    private static Instant time(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return MailchimpTime.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(name, "Must be an ISO 8601 date-time such as 2015-10-21T15:41:36+00:00.");
        }
    }

    /** since_* is inclusive, before_* exclusive; a missing value passes only when neither bound is given. */
    private static boolean within(Instant value, Map<String, String> q, String sinceParam, String beforeParam) {
        Instant since = time(q, sinceParam);
        Instant before = time(q, beforeParam);
        if (since == null && before == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        return (since == null || !value.isBefore(since)) && (before == null || value.isBefore(before));
    }

    private static <T> Predicate<T> not(Predicate<T> p) {
        return p.negate();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            q.put(k, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    // ---- control API (JSON over HTTP) ----

    /**
     * {@code GET /counters} → {"counters": {...}, "inFlight", "maxConcurrency", "concurrencyLimit"};
     * {@code POST /counters/reset} (also resets maxConcurrency);
     * {@code POST /controls} with any of {"concurrencyLimit", "resetMaxConcurrency", "tooManyRequests", "forbidden",
     * "serverErrors", "serverErrorStatus", "malformedBodies", "truncatedBodies", "dropConnections", "latencyMillis",
     * "refuseCountAboveMax", "clear"};
     * {@code POST /reset} (start over from the world); {@code GET /state} (the records in world-file form).
     */
    private ResponseDefinition controlApi(Request request, String path) {
        String method = request.getMethod().value();
        try {
            JsonNode in = request.getBody() == null || request.getBody().length == 0
                    ? MailchimpResponses.JSON.createObjectNode() : MailchimpResponses.JSON.readTree(request.getBody());
            Object out;
            switch (method + " " + path) {
                case "GET /counters" -> out = countersJson();
                case "POST /counters/reset" -> {
                    counters.reset();
                    resetMaxConcurrency();
                    out = countersJson();
                }
                case "POST /controls" -> {
                    applyControls(in);
                    out = countersJson();
                }
                case "POST /reset" -> {
                    resetToWorld();
                    out = countersJson();
                }
                case "GET /state" -> out = snapshot().toFiles();
                default -> {
                    return ResponseDefinitionBuilder.responseDefinition().withStatus(404).withHeader("Content-Type", JSON_TYPE)
                            .withBody(MailchimpResponses.JSON.writeValueAsString(Map.of("error", "unknown control " + method + " " + path)))
                            .build();
                }
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", JSON_TYPE)
                    .withBody(MailchimpResponses.JSON.writeValueAsString(out)).build();
        } catch (IOException | IllegalArgumentException e) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withHeader("Content-Type", JSON_TYPE)
                    .withBody(MailchimpResponses.JSON.createObjectNode().put("error", String.valueOf(e.getMessage())).toString())
                    .build();
        }
    }

    private void applyControls(JsonNode in) {
        if (in.path("clear").asBoolean(false)) {
            clearControls();
        }
        if (in.has("concurrencyLimit")) {
            setConcurrencyLimit(in.get("concurrencyLimit").asInt());
        }
        if (in.path("resetMaxConcurrency").asBoolean(false)) {
            resetMaxConcurrency();
        }
        if (in.has("tooManyRequests")) {
            failNextWithTooManyRequests(in.get("tooManyRequests").asInt());
        }
        if (in.has("forbidden")) {
            failNextWithForbidden(in.get("forbidden").asInt());
        }
        if (in.has("serverErrors")) {
            failNextWithServerError(in.get("serverErrors").asInt(), in.path("serverErrorStatus").asInt(500));
        }
        if (in.has("malformedBodies")) {
            malformNextBodies(in.get("malformedBodies").asInt());
        }
        if (in.has("truncatedBodies")) {
            truncateNextBodies(in.get("truncatedBodies").asInt());
        }
        if (in.has("dropConnections")) {
            dropNextConnections(in.get("dropConnections").asInt());
        }
        if (in.has("latencyMillis")) {
            setLatency(Duration.ofMillis(in.get("latencyMillis").asLong()));
        }
        if (in.has("refuseCountAboveMax")) {
            refuseCountAboveMax(in.get("refuseCountAboveMax").asBoolean());
        }
    }

    private Map<String, Object> countersJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("counters", counters.snapshot());
        out.put("inFlight", inFlight.get());
        out.put("maxConcurrency", maxConcurrency());
        out.put("concurrencyLimit", concurrencyLimit);
        return out;
    }
}
