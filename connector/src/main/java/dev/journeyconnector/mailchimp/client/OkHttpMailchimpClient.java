package dev.journeyconnector.mailchimp.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@link MailchimpClient} over OkHttp.
 *
 * <p>Mailchimp allows an account 10 simultaneous connections and answers 429 beyond
 * (https://mailchimp.com/developer/marketing/docs/fundamentals/#api-limits). One client is shared by every
 * Mailchimp route of a run, so the cap is held here, twice: a fair semaphore around each exchange (it also
 * covers reading the body), and OkHttp's Dispatcher maxRequestsPerHost. OkHttp applies the Dispatcher's limits
 * to enqueued calls only (https://square.github.io/okhttp/5.x/okhttp/okhttp3/-dispatcher/), so calls are
 * enqueued and awaited rather than executed. Waiting between retries happens outside the semaphore.
 */
public final class OkHttpMailchimpClient implements MailchimpClient {
    private static final Logger LOG = LoggerFactory.getLogger(OkHttpMailchimpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Any user name works; Mailchimp reads only the password (https://mailchimp.com/developer/marketing/docs/fundamentals/#authentication). */
    private static final String BASIC_USER = "journey-connector";

    private final HttpUrl root;
    private final OkHttpClient http;
    private final Semaphore permits;
    private final String authorization;
    private final Redactor redactor;
    private final Clock clock;
    private final Backoff backoff;
    private final int maxConnections;

    public OkHttpMailchimpClient(MailchimpClientSettings settings) {
        settings.requireValid();
        this.root = HttpUrl.get(settings.apiRoot());
        this.maxConnections = settings.maxConnections();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(maxConnections);
        dispatcher.setMaxRequestsPerHost(maxConnections);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(maxConnections, 5, TimeUnit.MINUTES))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .build();
        this.permits = new Semaphore(maxConnections, true);
        this.authorization = Credentials.basic(BASIC_USER, settings.apiKey());
        this.redactor = new Redactor(settings.apiKey());
        this.clock = settings.clock();
        this.backoff = settings.backoff();
        LOG.debug("Mailchimp client for {} with at most {} simultaneous requests", root, maxConnections);
    }

    @Override
    public MailchimpPages lists(int pageSize) {
        int count = pageSize(pageSize);
        return new MailchimpPages(0, offset -> page(collection(count, offset, "lists")
                .addPathSegment("lists").build(), "lists", offset, count));
    }

    @Override
    public MailchimpPages members(String listId, Instant sinceLastChanged, int pageSize) {
        int count = pageSize(pageSize);
        return new MailchimpPages(0, offset -> {
            HttpUrl.Builder url = collection(count, offset, "members")
                    .addPathSegment("lists").addPathSegment(id("listId", listId)).addPathSegment("members");
            if (sinceLastChanged != null) {
                url.addQueryParameter("since_last_changed", MailchimpTime.format(sinceLastChanged));
            }
            // Newest first: a member changed while we page moves to the front, behind our offset, so the pages
            // after it shift by one towards us and one member is read twice. Oldest first would shift them away
            // and skip one. The change itself is read by the next poll.
            url.addQueryParameter("sort_field", "last_changed").addQueryParameter("sort_dir", "DESC");
            return page(url.build(), "members", offset, count);
        });
    }

    @Override
    public MailchimpPages sentCampaigns(Instant sinceSendTime, int pageSize) {
        int count = pageSize(pageSize);
        return new MailchimpPages(0, offset -> {
            HttpUrl.Builder url = collection(count, offset, "campaigns").addPathSegment("campaigns")
                    .addQueryParameter("status", "sent");
            if (sinceSendTime != null) {
                url.addQueryParameter("since_send_time", MailchimpTime.format(sinceSendTime));
            }
            // A sent campaign's send_time never changes and new sends come last, so oldest first is stable.
            url.addQueryParameter("sort_field", "send_time").addQueryParameter("sort_dir", "ASC");
            return page(url.build(), "campaigns", offset, count);
        });
    }

    @Override
    public MailchimpPages emailActivity(String campaignId, Instant since, int pageSize) {
        int count = pageSize(pageSize);
        return new MailchimpPages(0, offset -> {
            HttpUrl.Builder url = collection(count, offset, "emails").addPathSegment("reports")
                    .addPathSegment(id("campaignId", campaignId)).addPathSegment("email-activity");
            if (since != null) {
                url.addQueryParameter("since", MailchimpTime.format(since));
            }
            return page(url.build(), "emails", offset, count);
        });
    }

    @Override
    public MailchimpPages unsubscribes(String campaignId, int fromOffset, int pageSize) {
        int count = pageSize(pageSize);
        return new MailchimpPages(Math.max(0, fromOffset), offset -> page(collection(count, offset, "unsubscribes")
                .addPathSegment("reports").addPathSegment(id("campaignId", campaignId))
                .addPathSegment("unsubscribed").build(), "unsubscribes", offset, count));
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** The simultaneous requests this client allows (for tests and the run summary). */
    public int maxConnections() {
        return maxConnections;
    }

    int dispatcherMaxRequestsPerHost() {
        return http.dispatcher().getMaxRequestsPerHost();
    }

    /**
     * A collection URL with count and offset. exclude_fields drops the {@code _links} hypermedia of the answer and
     * of each item (https://mailchimp.com/developer/marketing/docs/methods-parameters/#partial-responses): about
     * half of a member's JSON, and nothing the journey uses.
     */
    private HttpUrl.Builder collection(int count, int offset, String itemsField) {
        return root.newBuilder()
                .addQueryParameter("count", Integer.toString(count))
                .addQueryParameter("offset", Integer.toString(offset))
                .addQueryParameter("exclude_fields", "_links," + itemsField + "._links");
    }

    private MailchimpPage page(HttpUrl url, String itemsField, int offset, int count) {
        String endpoint = endpoint(url);
        Parsed answer = getJson(url);
        JsonNode body = answer.body();
        JsonNode items = body.get(itemsField);
        if (items == null || !items.isArray()) {
            throw MailchimpFailures.malformed(endpoint, 200, "no \"" + itemsField + "\" array", null, redactor);
        }
        List<Map<String, Object>> records = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw MailchimpFailures.malformed(endpoint, 200, "an item of \"" + itemsField + "\" is not an object",
                        null, redactor);
            }
            records.add(JSON.convertValue(item, MAP));
        }
        JsonNode total = body.get("total_items");
        int totalItems = total != null && total.isIntegralNumber() ? total.asInt() : -1;
        return new MailchimpPage(endpoint, List.copyOf(records), offset, totalItems, records.size() < count,
                answer.serverTime());
    }

    /** GET with retries for THROTTLED and TRANSIENT failures, as the backoff allows. */
    private Parsed getJson(HttpUrl url) {
        String endpoint = endpoint(url);
        Request request = new Request.Builder().url(url).get()
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build();
        Instant started = clock.instant();
        for (int attempt = 1; ; attempt++) {
            MailchimpException failure;
            try {
                Answer answer = exchange(request);
                if (answer.status() >= 200 && answer.status() < 300) {
                    return new Parsed(parse(endpoint, answer), serverTime(answer.date()));
                }
                failure = MailchimpFailures.fromResponse(endpoint, answer.status(), answer.body(), redactor);
            } catch (IOException e) {
                failure = MailchimpFailures.fromIo(endpoint, e, redactor);
            } catch (InterruptedException e) {
                throw interrupted(endpoint, e);
            }
            Duration elapsed = Duration.between(started, clock.instant());
            Optional<Duration> wait = backoff.delayAfter(attempt, failure.kind(), elapsed);
            if (wait.isEmpty()) {
                throw attempt == 1 ? failure : new MailchimpException(failure.kind(), endpoint, failure.status(),
                        failure.getMessage() + " (gave up after " + attempt + " attempts in " + elapsed.toSeconds() + " s)",
                        failure.getCause());
            }
            LOG.warn("{}; attempt {} of {}, retrying in {} ms", failure.getMessage(), attempt,
                    backoff.attemptsFor(failure.kind()), wait.get().toMillis());
            try {
                backoff.sleeper().sleep(wait.get());
            } catch (InterruptedException e) {
                throw interrupted(endpoint, e);
            }
        }
    }

    /** One HTTP exchange, body read, while holding one of the permits. */
    private Answer exchange(Request request) throws IOException, InterruptedException {
        permits.acquire();
        try {
            CompletableFuture<Answer> result = new CompletableFuture<>();
            Call call = http.newCall(request);
            call.enqueue(new Callback() {
                @Override
                public void onFailure(Call c, IOException e) {
                    result.completeExceptionally(e);
                }

                @Override
                public void onResponse(Call c, Response response) {
                    // Read here, on the dispatcher's thread, so the Dispatcher's slot is held until the body is in.
                    try (response) {
                        ResponseBody body = response.body();
                        result.complete(new Answer(response.code(), body == null ? "" : body.string(),
                                response.header("Date")));
                    } catch (IOException | RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }
            });
            try {
                return result.get();
            } catch (InterruptedException e) {
                call.cancel();
                throw e;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            }
        } finally {
            permits.release();
        }
    }

    private JsonNode parse(String endpoint, Answer answer) {
        if (answer.body().isBlank()) {
            throw MailchimpFailures.malformed(endpoint, answer.status(), "empty body", null, redactor);
        }
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw MailchimpFailures.malformed(endpoint, answer.status(), "not a JSON object", null, redactor);
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset();
            throw MailchimpFailures.malformed(endpoint, answer.status(), e.getOriginalMessage() + where, e, redactor);
        }
    }

    private MailchimpException interrupted(String endpoint, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new MailchimpException(MailchimpFailureKind.TRANSIENT, endpoint, 0,
                "Mailchimp " + endpoint + " was interrupted", e);
    }

    private static String endpoint(HttpUrl url) {
        return "GET " + url.encodedPath();
    }

    private static int pageSize(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE
                    + " (Mailchimp's largest count), got " + pageSize);
        }
        return pageSize;
    }

    private static String id(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private record Answer(int status, String body, String date) {
    }

    private record Parsed(JsonNode body, Instant serverTime) {
    }

    /**
     * The HTTP Date header (RFC 9110 section 6.6.1: when Mailchimp generated the answer), or our own clock when it
     * is missing or unreadable. Polls are bounded by it, so our clock drifting does not move them.
     */
    private Instant serverTime(String date) {
        if (date != null) {
            try {
                return java.time.ZonedDateTime.parse(date.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                LOG.debug("Mailchimp sent an unreadable Date header \"{}\"; using our clock", date);
            }
        }
        return clock.instant();
    }
}
