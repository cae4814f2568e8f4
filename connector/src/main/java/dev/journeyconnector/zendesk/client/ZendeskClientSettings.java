package dev.journeyconnector.zendesk.client;

import dev.journeyconnector.net.Loopback;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Everything the client needs to reach one Zendesk account. {@link #problems()} lists every missing or
 * contradictory setting at once, named by its record component; {@link #toString()} never shows apiToken or
 * oauthToken.
 *
 * <p>The host is built from the subdomain ({@code https://<subdomain>.zendesk.com}) so that credentials only
 * ever go to Zendesk. {@code baseUrlOverride} exists for the sandbox and tests: it is accepted for loopback
 * hosts, and for other hosts only with {@code allowNonLoopbackOverride} (and then only over https).
 *
 * @param subdomain                    the account's subdomain, the "acme" of acme.zendesk.com
 * @param email                        the agent's e-mail, for API-token auth ({@code email/token:apiToken})
 * @param apiToken                     an API token (Admin Center > Apps and integrations > Zendesk API)
 * @param oauthToken                   an OAuth access token, sent as Bearer; use either this or email + apiToken
 * @param incrementalRequestsPerMinute client-side cap for the incremental export endpoints: 10 per Zendesk's
 *                                     limit, 30 with the High Volume API add-on
 * @param maxAttempts                  attempts per request for retryable failures (429, 5xx, transport), at least 1
 * @param backoffBase                  first backoff delay; doubles each attempt, with jitter, up to backoffMax
 * @param maxRetryAfterWait            the longest a Retry-After is waited out inside one call; longer ones end the
 *                                     call (the next call still waits until the time Zendesk gave)
 */
public record ZendeskClientSettings(
        String subdomain,
        String email,
        String apiToken,
        String oauthToken,
        URI baseUrlOverride,
        boolean allowNonLoopbackOverride,
        Duration connectTimeout,
        Duration readTimeout,
        Clock clock,
        int incrementalRequestsPerMinute,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffMax,
        Duration maxRetryAfterWait) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** An incremental export page of 1000 tickets with side-loads can take tens of seconds to build. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** "You can make up to 10 requests per minute to these endpoints":
     *  https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#rate-limits */
    public static final int DEFAULT_INCREMENTAL_REQUESTS_PER_MINUTE = 10;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_RETRY_AFTER_WAIT = Duration.ofMinutes(5);

    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final String REDACTED = "****";

    public ZendeskClientSettings {
        subdomain = subdomain == null ? null : subdomain.strip();
        email = email == null || email.isBlank() ? null : email.strip();
        apiToken = apiToken == null || apiToken.isBlank() ? null : apiToken.strip();
        oauthToken = oauthToken == null || oauthToken.isBlank() ? null : oauthToken.strip();
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        clock = clock == null ? Clock.systemUTC() : clock;
        incrementalRequestsPerMinute = incrementalRequestsPerMinute == 0 ? DEFAULT_INCREMENTAL_REQUESTS_PER_MINUTE
                : incrementalRequestsPerMinute;
        maxAttempts = maxAttempts == 0 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        backoffBase = backoffBase == null ? DEFAULT_BACKOFF_BASE : backoffBase;
        backoffMax = backoffMax == null ? DEFAULT_BACKOFF_MAX : backoffMax;
        maxRetryAfterWait = maxRetryAfterWait == null ? DEFAULT_MAX_RETRY_AFTER_WAIT : maxRetryAfterWait;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every problem with these settings, each naming the setting at fault; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (subdomain == null || subdomain.isEmpty()) {
            if (baseUrlOverride == null) {
                problems.add("subdomain is required (the \"acme\" of https://acme.zendesk.com)");
            }
        } else if (!SUBDOMAIN.matcher(subdomain).matches()) {
            problems.add("subdomain must be only the part before .zendesk.com: lower-case letters, digits and '-', "
                    + "starting with a letter or digit (got \"" + subdomain + "\")");
        }
        if (baseUrlOverride != null) {
            String problem = overrideProblem(baseUrlOverride, allowNonLoopbackOverride);
            if (problem != null) {
                problems.add(problem);
            }
        }
        boolean tokenAuth = email != null || apiToken != null;
        if (oauthToken != null && tokenAuth) {
            problems.add("set either oauthToken or email + apiToken, not both");
        } else if (oauthToken == null) {
            if (email == null) {
                problems.add("email is required for API-token auth (or set oauthToken)");
            }
            if (apiToken == null) {
                problems.add("apiToken is required for API-token auth (or set oauthToken)");
            }
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add("connectTimeout must be positive (OkHttp treats 0 as no timeout)");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            problems.add("readTimeout must be positive (OkHttp treats 0 as no timeout)");
        }
        if (incrementalRequestsPerMinute < 1) {
            problems.add("incrementalRequestsPerMinute must be at least 1, got " + incrementalRequestsPerMinute);
        }
        if (maxAttempts < 1) {
            problems.add("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            problems.add("backoffBase must be >= 0 and backoffMax >= backoffBase");
        }
        if (maxRetryAfterWait.isNegative()) {
            problems.add("maxRetryAfterWait must not be negative");
        }
        return problems;
    }

    /** Throws one {@link IllegalArgumentException} listing all {@link #problems()}. */
    public ZendeskClientSettings requireValid() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Zendesk client settings are not usable: " + String.join("; ", problems));
        }
        return this;
    }

    /** Where requests go, without a trailing slash: the override when set, else https://subdomain.zendesk.com. */
    public String baseUrl() {
        if (baseUrlOverride != null) {
            String base = baseUrlOverride.toString();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return base;
        }
        return "https://" + subdomain + ".zendesk.com";
    }

    /** Why {@code url} may not receive credentials, or null when it may. */
    static String overrideProblem(URI url, boolean allowNonLoopback) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (!url.isAbsolute() || host == null || host.isBlank()) {
            return "baseUrlOverride must be an absolute http(s) URL with a host, e.g. http://127.0.0.1:8089 (got " + safe(url) + ")";
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null) {
            return "baseUrlOverride must not carry user information or a query (got " + safe(url) + ")";
        }
        boolean loopback = isLoopback(host);
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            // A token on a plain-http wire to another machine is as good as published.
            return "baseUrlOverride must use https (plain http is accepted only for loopback hosts), got " + safe(url);
        }
        if (!loopback && !allowNonLoopback) {
            return "baseUrlOverride host " + host + " is not a loopback address; the override is meant for the "
                    + "sandbox and tests (set allowNonLoopbackOverride only if this host is really yours)";
        }
        return null;
    }

    static boolean isLoopback(String host) {
        return Loopback.isLoopback(host);
    }

    private static String safe(URI url) {
        return url.getScheme() + "://" + (url.getHost() == null ? "?" : url.getHost())
                + (url.getPort() >= 0 ? ":" + url.getPort() : "") + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static String redact(String secret) {
        return secret == null ? null : REDACTED;
    }

    @Override
    public String toString() {
        return "ZendeskClientSettings[subdomain=" + subdomain
                + ", email=" + email
                + ", apiToken=" + redact(apiToken)
                + ", oauthToken=" + redact(oauthToken)
                + ", baseUrlOverride=" + (baseUrlOverride == null ? null : safe(baseUrlOverride))
                + ", allowNonLoopbackOverride=" + allowNonLoopbackOverride
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", clock=" + clock
                + ", incrementalRequestsPerMinute=" + incrementalRequestsPerMinute
                + ", maxAttempts=" + maxAttempts
                + ", backoffBase=" + backoffBase
                + ", backoffMax=" + backoffMax
                + ", maxRetryAfterWait=" + maxRetryAfterWait + "]";
    }

    /** Fluent construction; unset values take the defaults above. */
    public static final class Builder {
        private String subdomain;
        private String email;
        private String apiToken;
        private String oauthToken;
        private URI baseUrlOverride;
        private boolean allowNonLoopbackOverride;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Clock clock;
        private int incrementalRequestsPerMinute;
        private int maxAttempts;
        private Duration backoffBase;
        private Duration backoffMax;
        private Duration maxRetryAfterWait;

        private Builder() {
        }

        public Builder subdomain(String v) { subdomain = v; return this; }
        public Builder email(String v) { email = v; return this; }
        public Builder apiToken(String v) { apiToken = v; return this; }
        public Builder oauthToken(String v) { oauthToken = v; return this; }
        public Builder baseUrlOverride(URI v) { baseUrlOverride = v; return this; }
        public Builder allowNonLoopbackOverride(boolean v) { allowNonLoopbackOverride = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder incrementalRequestsPerMinute(int v) { incrementalRequestsPerMinute = v; return this; }
        public Builder maxAttempts(int v) { maxAttempts = v; return this; }
        public Builder backoffBase(Duration v) { backoffBase = v; return this; }
        public Builder backoffMax(Duration v) { backoffMax = v; return this; }
        public Builder maxRetryAfterWait(Duration v) { maxRetryAfterWait = v; return this; }

        public ZendeskClientSettings build() {
            return new ZendeskClientSettings(subdomain, email, apiToken, oauthToken, baseUrlOverride,
                    allowNonLoopbackOverride, connectTimeout, readTimeout, clock, incrementalRequestsPerMinute,
                    maxAttempts, backoffBase, backoffMax, maxRetryAfterWait);
        }
    }
}
