package dev.journeyconnector.mailchimp.client;

import dev.journeyconnector.net.Loopback;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the client needs to reach one Mailchimp account. {@link #problems()} lists every unusable
 * setting at once; {@link #toString()} never shows the API key.
 *
 * <p>The API root comes from the key: a Marketing API key ends in its account's data centre, {@code <key>-us21},
 * and that account is served only at {@code https://us21.api.mailchimp.com/3.0}
 * (https://mailchimp.com/developer/marketing/docs/fundamentals/#api-structure).
 *
 * @param apiKey                   the Marketing API key, {@code <hex>-<dc>}; sent as the HTTP Basic password
 * @param baseUrlOverride          the sandbox or a test server standing in for {@code https://<dc>.api.mailchimp.com};
 *                                 {@code /3.0} is added unless the path already ends with it. Null for Mailchimp itself
 * @param allowNonLoopbackOverride accept an override that is not a loopback host (it must then use https)
 * @param maxConnections           simultaneous requests at most, 1..10; 0 means 5
 * @param connectTimeout           null means 10 s
 * @param readTimeout              null means 60 s
 * @param clock                    measures how long retries have taken; null means the system clock
 * @param backoff                  retry policy for throttling and transient failures; null means {@link Backoff#defaults()}
 */
public record MailchimpClientSettings(
        String apiKey,
        URI baseUrlOverride,
        boolean allowNonLoopbackOverride,
        int maxConnections,
        Duration connectTimeout,
        Duration readTimeout,
        Clock clock,
        Backoff backoff) {

    /** Mailchimp allows each account 10 simultaneous connections (https://mailchimp.com/developer/marketing/docs/fundamentals/#api-limits). */
    public static final int MAILCHIMP_CONNECTION_LIMIT = 10;
    /** Half the account's limit: other integrations of the same account (forms, e-commerce plugins) need some too. */
    public static final int DEFAULT_MAX_CONNECTIONS = 5;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A 1000-member page with merge fields is a few MB; Mailchimp can take tens of seconds to build it. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final String API_PATH = "/3.0";

    private static final Pattern KEY = Pattern.compile("[0-9A-Za-z]+-([a-z]+[0-9]+)");

    public MailchimpClientSettings {
        apiKey = apiKey == null ? null : apiKey.strip();
        maxConnections = maxConnections == 0 ? DEFAULT_MAX_CONNECTIONS : maxConnections;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        clock = clock == null ? Clock.systemUTC() : clock;
        backoff = backoff == null ? Backoff.defaults() : backoff;
    }

    /** Settings for Mailchimp itself, all else default. */
    public static MailchimpClientSettings of(String apiKey) {
        return new MailchimpClientSettings(apiKey, null, false, 0, null, null, null, null);
    }

    public MailchimpClientSettings withBaseUrlOverride(URI override, boolean allowNonLoopback) {
        return new MailchimpClientSettings(apiKey, override, allowNonLoopback, maxConnections, connectTimeout,
                readTimeout, clock, backoff);
    }

    public MailchimpClientSettings withMaxConnections(int value) {
        return new MailchimpClientSettings(apiKey, baseUrlOverride, allowNonLoopbackOverride, value, connectTimeout,
                readTimeout, clock, backoff);
    }

    public MailchimpClientSettings withTimeouts(Duration connect, Duration read) {
        return new MailchimpClientSettings(apiKey, baseUrlOverride, allowNonLoopbackOverride, maxConnections, connect,
                read, clock, backoff);
    }

    public MailchimpClientSettings withRetry(Clock clock, Backoff backoff) {
        return new MailchimpClientSettings(apiKey, baseUrlOverride, allowNonLoopbackOverride, maxConnections,
                connectTimeout, readTimeout, clock, backoff);
    }

    /** Every problem with these settings, each naming the setting at fault; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (apiKey == null || apiKey.isEmpty()) {
            problems.add("apiKey is required (a Mailchimp Marketing API key, e.g. 0123456789abcdef0123456789abcdef-us21)");
        } else if (dataCentre().isEmpty()) {
            problems.add("apiKey must end in its data centre, like <key>-us21 (the part after the last '-' must look like us21)");
        }
        if (maxConnections < 1 || maxConnections > MAILCHIMP_CONNECTION_LIMIT) {
            problems.add("maxConnections must be between 1 and " + MAILCHIMP_CONNECTION_LIMIT
                    + " (Mailchimp's limit of simultaneous connections per account), got " + maxConnections);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add("connectTimeout must be positive (OkHttp treats 0 as wait forever)");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            problems.add("readTimeout must be positive (OkHttp treats 0 as wait forever)");
        }
        overrideProblem().ifPresent(problems::add);
        return problems;
    }

    /** Throws one {@link IllegalArgumentException} listing all {@link #problems()}. */
    public MailchimpClientSettings requireValid() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Mailchimp client settings are not usable: " + String.join("; ", problems));
        }
        return this;
    }

    /** The data centre named by the key's suffix, e.g. "us21"; empty when the key does not end in one. */
    public Optional<String> dataCentre() {
        if (apiKey == null) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(apiKey);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The API root every path is relative to, e.g. https://us21.api.mailchimp.com/3.0, without a trailing slash. */
    public String apiRoot() {
        if (baseUrlOverride != null) {
            String base = baseUrlOverride.toString();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return base.endsWith(API_PATH) ? base : base + API_PATH;
        }
        return "https://" + dataCentre().orElseThrow(() -> new IllegalStateException("apiKey has no data centre"))
                + ".api.mailchimp.com" + API_PATH;
    }

    /**
     * The key travels in every request's Authorization header, so an override may only point at this machine
     * (the sandbox, a test server) unless explicitly allowed, and never over plain http to another host.
     */
    private Optional<String> overrideProblem() {
        if (baseUrlOverride == null) {
            return Optional.empty();
        }
        URI url = baseUrlOverride;
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (!url.isAbsolute() || host == null || host.isBlank()) {
            return Optional.of("baseUrlOverride must be an absolute URL with a host, e.g. http://127.0.0.1:8089");
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null) {
            return Optional.of("baseUrlOverride must not carry user information or a query");
        }
        boolean loopback = isLoopback(host);
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            return Optional.of("baseUrlOverride must use https (plain http only for loopback hosts), got " + scheme + "://" + host);
        }
        if (!loopback && !allowNonLoopbackOverride) {
            return Optional.of("baseUrlOverride host " + host + " is not a loopback address; the API key would be sent "
                    + "to it. Set allowNonLoopbackOverride only if that host is really yours");
        }
        return Optional.empty();
    }

    static boolean isLoopback(String host) {
        return Loopback.isLoopback(host);
    }

    @Override
    public String toString() {
        return "MailchimpClientSettings[apiKey=" + (apiKey == null ? null : "****" + dataCentre().map(dc -> "-" + dc).orElse(""))
                + ", baseUrlOverride=" + baseUrlOverride
                + ", allowNonLoopbackOverride=" + allowNonLoopbackOverride
                + ", maxConnections=" + maxConnections
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }
}
