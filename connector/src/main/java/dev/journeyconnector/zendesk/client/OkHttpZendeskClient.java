package dev.journeyconnector.zendesk.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * {@link ZendeskClient} over OkHttp. Each call: wait for its turn (rate limit, Retry-After) → send → classify
 * the answer → parse → attach side-loads. Retryable failures are retried up to {@code maxAttempts} times.
 * Credentials are added by an interceptor and appear nowhere else: not in URLs, messages or logs.
 * Server-sent next-page URLs (after_url, next_page) are never followed: the next request is built from the
 * cursor or end_time, so requests only ever go to the configured host.
 */
public final class OkHttpZendeskClient implements ZendeskClient {
    private static final Logger LOG = LoggerFactory.getLogger(OkHttpZendeskClient.class);
    // Exact decimals, as the store keeps them (store.Json).
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static final String TICKETS = "/api/v2/incremental/tickets/cursor.json";
    static final String USERS = "/api/v2/incremental/users/cursor.json";
    static final String TICKET_EVENTS = "/api/v2/incremental/ticket_events.json";
    static final String SATISFACTION_RATINGS = "/api/v2/satisfaction_ratings.json";

    private final ZendeskClientSettings settings;
    private final OkHttpClient http;
    private final HttpUrl base;
    private final RequestPacing pacing;
    private final DoubleSupplier random;
    private final List<String> secrets;

    public OkHttpZendeskClient(ZendeskClientSettings settings) {
        this(settings, Sleeper.REAL);
    }

    public OkHttpZendeskClient(ZendeskClientSettings settings, Sleeper sleeper) {
        this(settings, sleeper, () -> ThreadLocalRandom.current().nextDouble(), null);
    }

    /** For tests: a fixed jitter source and an extra interceptor that sees each request as it is sent. */
    OkHttpZendeskClient(ZendeskClientSettings settings, Sleeper sleeper, DoubleSupplier random, Interceptor observer) {
        this.settings = settings.requireValid();
        this.base = HttpUrl.get(settings.baseUrl());
        this.pacing = new RequestPacing(settings.clock(), sleeper, settings.incrementalRequestsPerMinute(),
                settings.maxRetryAfterWait());
        this.random = random;
        String authorization = settings.oauthToken() != null
                ? "Bearer " + settings.oauthToken()
                // API token auth: "{email_address}/token:{api_token}", Basic
                // (https://developer.zendesk.com/api-reference/introduction/security-and-auth/#api-token)
                : Credentials.basic(settings.email() + "/token", settings.apiToken(), StandardCharsets.UTF_8);
        // The Basic credential is the token in base64: as secret as the token itself.
        this.secrets = java.util.stream.Stream.of(settings.apiToken(), settings.oauthToken(),
                        authorization.substring(authorization.indexOf(' ') + 1))
                .filter(s -> s != null && s.length() >= 4).toList();
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                // Retries are ours (bounded, paced); OkHttp's silent retry would bypass the rate limiter.
                .retryOnConnectionFailure(false)
                // A redirect to another host would carry the Authorization header there.
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .build()));
        if (observer != null) {
            builder.addNetworkInterceptor(observer);
        }
        this.http = builder.build();
    }

    @Override
    public CursorExportPage tickets(Instant startTime, String cursor, int perPage) {
        JsonNode body = get(TICKETS, true, cursorExportUrl(TICKETS, startTime, cursor, perPage, "metric_sets")).body();
        List<ObjectNode> tickets = records(TICKETS, body, "tickets");
        // metric_sets arrive beside the tickets, one per ticket, keyed by ticket_id
        // (https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/side_loading/#supported-endpoints).
        // They go inside their ticket so the stored ticket carries its first-reply and resolution times.
        attach(tickets, "id", sideLoad(TICKETS, body, "metric_sets"), "ticket_id", "metric_set", false);
        return new CursorExportPage(tickets, text(body, "after_cursor"), endOfStream(TICKETS, body));
    }

    @Override
    public CursorExportPage users(Instant startTime, String cursor, int perPage) {
        JsonNode body = get(USERS, true, cursorExportUrl(USERS, startTime, cursor, perPage, "identities")).body();
        List<ObjectNode> users = records(USERS, body, "users");
        // Identities (all e-mail addresses and phone numbers of a user) are what identity resolution matches on.
        attach(users, "id", sideLoad(USERS, body, "identities"), "user_id", "identities", true);
        return new CursorExportPage(users, text(body, "after_cursor"), endOfStream(USERS, body));
    }

    @Override
    public TimeExportPage ticketEvents(Instant startTime, int perPage) {
        HttpUrl url = base.newBuilder().encodedPath(TICKET_EVENTS)
                .addQueryParameter("start_time", Long.toString(epochSeconds(startTime)))
                .addQueryParameter("include", "comment_events")
                .addQueryParameter("per_page", Integer.toString(perPage))
                .build();
        JsonNode body = get(TICKET_EVENTS, true, url).body();
        List<ObjectNode> events = records(TICKET_EVENTS, body, "ticket_events");
        JsonNode endTime = body.get("end_time");
        Instant end = endTime == null || endTime.isNull() ? null : Instant.ofEpochSecond(endTime.asLong());
        return new TimeExportPage(events, end, endOfStream(TICKET_EVENTS, body));
    }

    @Override
    public CursorListPage satisfactionRatings(Instant startTime, String afterCursor, int pageSize) {
        HttpUrl.Builder url = base.newBuilder().encodedPath(SATISFACTION_RATINGS)
                .addQueryParameter("page[size]", Integer.toString(pageSize))
                .addQueryParameter("start_time", Long.toString(epochSeconds(startTime)));
        if (afterCursor != null) {
            url.addQueryParameter("page[after]", afterCursor);
        }
        Answer answer = get(SATISFACTION_RATINGS, false, url.build());
        JsonNode body = answer.body();
        List<ObjectNode> ratings = records(SATISFACTION_RATINGS, body, "satisfaction_ratings");
        JsonNode meta = body.get("meta");
        if (meta == null || !meta.isObject() || !meta.path("has_more").isBoolean()) {
            throw malformed(SATISFACTION_RATINGS, "the answer has no meta.has_more", null);
        }
        return new CursorListPage(ratings, text(meta, "after_cursor"), meta.get("has_more").asBoolean(),
                answer.serverTime());
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private HttpUrl cursorExportUrl(String path, Instant startTime, String cursor, int perPage, String include) {
        HttpUrl.Builder url = base.newBuilder().encodedPath(path);
        if (cursor != null) {
            url.addQueryParameter("cursor", cursor);
        } else {
            url.addQueryParameter("start_time", Long.toString(epochSeconds(startTime)));
        }
        return url.addQueryParameter("per_page", Integer.toString(perPage))
                .addQueryParameter("include", include)
                .build();
    }

    /** A parsed answer and the server's clock when it was sent. */
    private record Answer(JsonNode body, Instant serverTime) {
    }

    /** One GET with pacing, retries and classification; returns the parsed JSON object. */
    private Answer get(String endpoint, boolean incremental, HttpUrl url) {
        int maxAttempts = settings.maxAttempts();
        String lastCause = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                pacing.awaitTurn(endpoint, incremental);
                Duration wait;
                try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
                    int status = response.code();
                    if (response.isSuccessful()) {
                        return new Answer(parse(endpoint, response.body()), serverTime(response));
                    }
                    String detail = scrub(errorDetail(response.body()));
                    ZendeskFailureKind kind = ZendeskFailures.classifyStatus(status);
                    lastCause = "HTTP " + status + detail;
                    if (kind != ZendeskFailureKind.RETRYABLE) {
                        throw new ZendeskException(kind, endpoint, status, "Zendesk " + endpoint + " failed: "
                                + lastCause + hint(kind), null);
                    }
                    Duration retryAfter = status == 429 ? retryAfter(response.header("Retry-After")) : null;
                    if (retryAfter != null) {
                        // Always honoured, also when this was the last attempt: the next call waits too.
                        pacing.blockUntil(endpoint, pacing.now().plus(retryAfter));
                        wait = Duration.ZERO;
                        lastCause += " (Retry-After " + retryAfter.toSeconds() + " s)";
                    } else {
                        wait = backoff(attempt);
                    }
                }
                if (attempt < maxAttempts) {
                    LOG.warn("Zendesk {} answered {}; attempt {} of {}", endpoint, lastCause, attempt, maxAttempts);
                    pacing.pause(wait);
                }
            } catch (IOException e) {
                if (interrupted(e)) {
                    // The connector is stopping (SIGTERM interrupts the poll): not transport trouble, nothing to retry.
                    Thread.currentThread().interrupt();
                    throw new ZendeskException(ZendeskFailureKind.RETRYABLE, endpoint, 0,
                            "Zendesk " + endpoint + " call interrupted", null);
                }
                // Timeouts, refused connections, a body cut short: transport trouble, worth retrying.
                lastCause = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + scrub(e.getMessage()));
                if (attempt < maxAttempts) {
                    LOG.warn("Zendesk {} call failed ({}); attempt {} of {}", endpoint, lastCause, attempt, maxAttempts);
                    sleep(endpoint, backoff(attempt));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZendeskException(ZendeskFailureKind.RETRYABLE, endpoint, 0,
                        "Zendesk " + endpoint + " call interrupted", e);
            }
        }
        throw new ZendeskException(ZendeskFailureKind.RETRYABLE, endpoint, 0, "Zendesk " + endpoint
                + " still failing after " + maxAttempts + " attempts: " + lastCause, null);
    }

    /** OkHttp's answer to an interrupted thread; a read timeout is an InterruptedIOException too, but not this. */
    private static boolean interrupted(IOException e) {
        return Thread.currentThread().isInterrupted()
                || e instanceof java.io.InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)
                && "interrupted".equalsIgnoreCase(String.valueOf(e.getMessage()));
    }

    private void sleep(String endpoint, Duration wait) {
        try {
            pacing.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZendeskException(ZendeskFailureKind.RETRYABLE, endpoint, 0,
                    "Zendesk " + endpoint + " call interrupted", e);
        }
    }

    /** Exponential backoff with equal jitter: half the delay fixed, half random, so parallel pulls spread out. */
    Duration backoff(int attempt) {
        long base = settings.backoffBase().toMillis();
        long max = settings.backoffMax().toMillis();
        long delay = Math.min(max, base << Math.min(attempt - 1, 20));
        return Duration.ofMillis(delay / 2 + (long) (random.getAsDouble() * (delay - delay / 2)));
    }

    /** Retry-After is delta-seconds or an HTTP-date (RFC 9110 section 10.2.3); null when absent or unreadable. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(pacing.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /**
     * The HTTP Date header (RFC 9110 section 6.6.1: when the origin generated the response, whole seconds), or our
     * own clock when it is missing or unreadable. A poll bounded by the vendor's clock is not fooled by ours drifting.
     */
    private Instant serverTime(Response response) {
        String date = response.header("Date");
        if (date != null) {
            try {
                return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                LOG.debug("Zendesk sent an unreadable Date header \"{}\"; using our clock", date);
            }
        }
        return pacing.now();
    }

    private JsonNode parse(String endpoint, ResponseBody body) throws IOException {
        String text = body == null ? "" : body.string();
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(endpoint, "the answer is not complete JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw malformed(endpoint, "the answer is not a JSON object", null);
        }
        return node;
    }

    private static List<ObjectNode> records(String endpoint, JsonNode body, String key) {
        JsonNode array = body.get(key);
        if (array == null || !array.isArray()) {
            throw malformed(endpoint, "the answer has no \"" + key + "\" array", null);
        }
        List<ObjectNode> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            if (!(n instanceof ObjectNode o) || o.get("id") == null || o.get("id").isNull()) {
                throw malformed(endpoint, "an element of \"" + key + "\" is not an object with an id", null);
            }
            out.add(o);
        }
        return out;
    }

    private static ArrayNode sideLoad(String endpoint, JsonNode body, String key) {
        JsonNode n = body.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw malformed(endpoint, "side-load \"" + key + "\" is not an array", null);
        }
        return (ArrayNode) n;
    }

    /** Puts each side-loaded item into the record whose {@code idField} equals the item's {@code refField}. */
    private static void attach(List<ObjectNode> records, String idField, ArrayNode items, String refField,
                               String targetField, boolean many) {
        if (items == null) {
            return;
        }
        Map<String, List<JsonNode>> byRef = new HashMap<>();
        for (JsonNode item : items) {
            JsonNode ref = item.get(refField);
            if (ref != null && !ref.isNull()) {
                byRef.computeIfAbsent(ref.asText(), k -> new ArrayList<>()).add(item);
            }
        }
        for (ObjectNode record : records) {
            List<JsonNode> matches = byRef.get(record.get(idField).asText());
            if (many) {
                ArrayNode target = record.putArray(targetField);
                if (matches != null) {
                    matches.forEach(target::add);
                }
            } else if (matches != null) {
                record.set(targetField, matches.get(0));
            }
        }
    }

    private static boolean endOfStream(String endpoint, JsonNode body) {
        JsonNode eos = body.get("end_of_stream");
        if (eos == null || !eos.isBoolean()) {
            throw malformed(endpoint, "the answer has no end_of_stream", null);
        }
        return eos.asBoolean();
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static long epochSeconds(Instant t) {
        return t == null ? 0 : Math.max(0, t.getEpochSecond());
    }

    private static ZendeskException malformed(String endpoint, String what, Throwable cause) {
        return new ZendeskException(ZendeskFailureKind.MALFORMED, endpoint, 200,
                "Zendesk " + endpoint + " sent a malformed answer: " + what, cause);
    }

    /** Zendesk's own error text ({"error": ..., "description": ...}), short; never request headers. */
    private static String errorDetail(ResponseBody body) {
        if (body == null) {
            return "";
        }
        String text;
        try {
            text = body.string();
        } catch (IOException e) {
            return "";
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node != null && node.isObject()) {
                String error = node.path("error").isTextual() ? node.path("error").asText()
                        : node.path("error").path("title").asText("");
                String description = node.path("description").asText(node.path("error").path("message").asText(""));
                String joined = (error + (description.isEmpty() ? "" : ": " + description)).strip();
                return joined.isEmpty() ? "" : " " + shorten(joined);
            }
            return plain(text);
        } catch (IOException notJson) {
            return plain(text);
        }
    }

    /** Last line of defence for text that came from outside: our own messages never hold a secret. */
    private String scrub(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }

    /** A plain-text error body, one line; an HTML error page says nothing the status does not. */
    private static String plain(String text) {
        String t = text.strip();
        return t.isEmpty() || t.startsWith("<") ? "" : " " + shorten(t.replaceAll("\\s+", " "));
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static String hint(ZendeskFailureKind kind) {
        return kind == ZendeskFailureKind.AUTH
                ? " (check ZENDESK_EMAIL/ZENDESK_API_TOKEN or ZENDESK_OAUTH_TOKEN; incremental exports need an admin)"
                : "";
    }
}
