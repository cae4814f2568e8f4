package dev.journeyconnector.app;

import dev.journeyconnector.mailchimp.client.MailchimpClientSettings;
import dev.journeyconnector.net.Loopback;
import dev.journeyconnector.writeback.OrgCapabilities;
import dev.journeyconnector.zendesk.client.ZendeskClientSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The validated configuration. {@link #from} checks every setting and every cross-setting rule in one
 * place and reports all problems together ({@link ConfigProblems}); nothing starts on a bad configuration.
 */
public record JourneyConfig(
        Path dataDir,
        Path routesDir,
        Duration pollInterval,
        Duration writebackInterval,
        int bulkThreshold,
        int pkChunkSize,
        Duration cursorOverlap,
        boolean writebackEnabled,
        String writebackSubjectPrefix,
        String logLevel,
        Database database,
        Salesforce salesforce,
        Zendesk zendesk,
        Mailchimp mailchimp,
        Sandbox sandbox,
        Journey journey,
        WriteBack writeBack) {

    public enum AuthFlow { JWT, CLIENT_CREDENTIALS, SOAP_PASSWORD }

    /** Where the store lives: {@code url} empty means the embedded PostgreSQL under the data dir. */
    public record Database(String url, String user, String password, int poolSize) {
        public boolean embedded() {
            return url.isEmpty();
        }

        @Override
        public String toString() {
            return "Database[url=" + (embedded() ? "(embedded)" : url) + ", user=" + user
                    + ", password=" + (password.isEmpty() ? "" : "****") + ", poolSize=" + poolSize + "]";
        }
    }

    /** Salesforce access. In sandbox mode the flow is client credentials against the local simulator. */
    public record Salesforce(AuthFlow flow, URI loginUrl, String clientId, String clientSecret, String username,
                             Path jwtKeyFile, String password, String securityToken, String apiVersion,
                             Duration connectTimeout, Duration readTimeout, int queryBatchSize,
                             boolean allowNonSalesforceHosts) {
        @Override
        public String toString() {
            return "Salesforce[flow=" + flow + ", loginUrl=" + loginUrl + ", clientId=" + clientId
                    + ", clientSecret=" + redact(clientSecret) + ", username=" + username + ", jwtKeyFile=" + jwtKeyFile
                    + ", password=" + redact(password) + ", securityToken=" + redact(securityToken)
                    + ", apiVersion=" + apiVersion + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                    + ", queryBatchSize=" + queryBatchSize + ", allowNonSalesforceHosts=" + allowNonSalesforceHosts + "]";
        }
    }

    /**
     * Zendesk access. {@code enabled} is false when no subdomain is set outside sandbox mode: its routes
     * then do not start. In sandbox mode the account and base URL are the simulator's, filled in at start.
     */
    public record Zendesk(boolean enabled, String subdomain, String email, String apiToken, String oauthToken,
                          URI baseUrl, boolean allowNonLoopbackBaseUrl, Duration connectTimeout, Duration readTimeout,
                          int requestsPerMinute, int maxAttempts, Instant startDate) {
        @Override
        public String toString() {
            return "Zendesk[enabled=" + enabled + ", subdomain=" + subdomain + ", email=" + email
                    + ", apiToken=" + (apiToken.isEmpty() ? "" : "****") + ", oauthToken=" + (oauthToken.isEmpty() ? "" : "****")
                    + ", baseUrl=" + baseUrl + ", requestsPerMinute=" + requestsPerMinute + ", startDate=" + startDate + "]";
        }
    }

    /**
     * Mailchimp access. {@code enabled} is false when no API key is set outside sandbox mode: its routes
     * then do not start. In sandbox mode the key and base URL are the simulator's, filled in at start.
     */
    public record Mailchimp(boolean enabled, String apiKey, URI baseUrl, boolean allowNonLoopbackBaseUrl,
                            int maxConnections, Duration connectTimeout, Duration readTimeout, Instant startDate) {
        @Override
        public String toString() {
            return "Mailchimp[enabled=" + enabled + ", apiKey=" + (apiKey.isEmpty() ? "" : "****")
                    + ", baseUrl=" + baseUrl + ", maxConnections=" + maxConnections + ", startDate=" + startDate + "]";
        }
    }

    /**
     * The journey model's files and how drift is judged.
     *
     * @param mappingsDir           the folder of mapping files
     * @param mappingsCheckInterval how often a running connector looks for changed mapping files
     * @param driftThreshold        drift score (0..1) above which the ops admin is alerted
     * @param driftUnseenDays       days without an expected touchpoint type before it counts as drift
     */
    public record Journey(Path mappingsDir, Duration mappingsCheckInterval, double driftThreshold, int driftUnseenDays) {
    }

    /** The local vendor simulators; {@code enabled} is true exactly when no vendor credentials are set. */
    public record Sandbox(boolean enabled, Path worldDir, boolean reset, Path dumpFile, int port, Path salesforceMetadata) {
    }

    /**
     * How findings, journey context and drift alerts are written back (see writeback.WriteBackSettings).
     *
     * @param mode             use deployed metadata (auto) or Tasks only
     * @param fallbackOwnerId  null: the integration user
     * @param opsOwnerId       null: no drift alert
     */
    public record WriteBack(OrgCapabilities.Mode mode, String fallbackOwnerId, String opsOwnerId, double budgetShare,
                            Duration reminder, int lockRetries, boolean dryRun) {
    }

    private static final Set<String> LOG_LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
    private static final List<String> SALESFORCE_DOMAINS = List.of(
            ".salesforce.com", ".force.com", ".cloudforce.com", ".salesforce.mil");

    public boolean sandboxMode() {
        return sandbox.enabled();
    }

    public static JourneyConfig from(SettingsLoader.Loaded in) {
        Checker c = new Checker(in);
        Path dataDir = c.path(Settings.DATA_DIR);
        Path routesDir = c.path(Settings.ROUTES_DIR);
        if (routesDir != null && !Files.isDirectory(routesDir)) {
            c.problem(Settings.ROUTES_DIR, "folder '" + routesDir + "' does not exist");
        }
        Duration poll = c.duration(Settings.POLL_INTERVAL, Duration.ofSeconds(1));
        Duration writeback = c.duration(Settings.WRITEBACK_INTERVAL, Duration.ofSeconds(1));
        int bulkThreshold = c.integer(Settings.SF_BULK_THRESHOLD, 0, Integer.MAX_VALUE);
        int pkChunkSize = c.integer(Settings.SF_PK_CHUNK_SIZE, 1, 250_000);
        Duration overlap = c.duration(Settings.CURSOR_OVERLAP, Duration.ZERO);
        boolean writebackEnabled = c.bool(Settings.WRITEBACK_ENABLED);
        String prefix = in.get(Settings.WRITEBACK_SUBJECT_PREFIX);
        if (prefix.isBlank()) {
            c.problem(Settings.WRITEBACK_SUBJECT_PREFIX, "must not be empty: it is how the connector recognises its own Tasks");
        } else if (prefix.length() > 40) {
            c.problem(Settings.WRITEBACK_SUBJECT_PREFIX, "is longer than 40 characters; Task subjects hold 255 in all");
        }
        String logLevel = in.get(Settings.LOG_LEVEL).toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            c.problem(Settings.LOG_LEVEL, "'" + in.get(Settings.LOG_LEVEL) + "' is not one of " + String.join(", ", LOG_LEVELS));
        }

        String dbUrl = in.get(Settings.DB_URL);
        if (!dbUrl.isEmpty() && !dbUrl.startsWith("jdbc:postgresql://")) {
            c.problem(Settings.DB_URL, "must start with jdbc:postgresql:// (or be empty for the embedded database)");
        }
        int pool = c.integer(Settings.DB_POOL_SIZE, 2, 100);
        Database database = new Database(dbUrl, in.get(Settings.DB_USER), in.get(Settings.DB_PASSWORD), pool);

        boolean sandboxMode = !in.isSet(Settings.SF_CLIENT_ID) && !in.isSet(Settings.SF_USERNAME);
        Salesforce salesforce = sandboxMode ? sandboxSalesforce(c, in) : liveSalesforce(c, in);
        Zendesk zendesk = zendesk(c, in, sandboxMode);
        Mailchimp mailchimp = mailchimp(c, in, sandboxMode);
        Sandbox sandbox = sandbox(c, in, sandboxMode);
        Journey journey = journey(c);
        WriteBack writeBack = writeBack(c, in);

        c.throwIfAny();
        return new JourneyConfig(dataDir, routesDir, poll, writeback, bulkThreshold, pkChunkSize, overlap, writebackEnabled, prefix, logLevel,
                database, salesforce, zendesk, mailchimp, sandbox, journey, writeBack);
    }

    private static WriteBack writeBack(Checker c, SettingsLoader.Loaded in) {
        OrgCapabilities.Mode mode = OrgCapabilities.Mode.AUTO;
        try {
            mode = OrgCapabilities.Mode.of(in.get(Settings.WRITEBACK_MODE));
        } catch (IllegalArgumentException e) {
            c.problem(Settings.WRITEBACK_MODE, "'" + in.get(Settings.WRITEBACK_MODE) + "' is not auto or tasks");
        }
        String fallback = userId(c, in, Settings.WRITEBACK_FALLBACK_OWNER);
        String ops = userId(c, in, Settings.WRITEBACK_OPS_OWNER);
        double share = c.fraction(Settings.WRITEBACK_BUDGET_SHARE);
        if (in.isSet(Settings.WRITEBACK_BUDGET_SHARE) && share == 0) {
            c.problem(Settings.WRITEBACK_BUDGET_SHARE, "is 0, so nothing could ever be written; set JOURNEY_WRITEBACK_ENABLED=false instead");
        }
        Duration reminder = c.duration(Settings.WRITEBACK_REMINDER, Duration.ZERO);
        int lockRetries = c.integer(Settings.WRITEBACK_LOCK_RETRIES, 0, 10);
        boolean dryRun = c.bool(Settings.WRITEBACK_DRY_RUN);
        return new WriteBack(mode, fallback, ops, share == 0 ? 0.1 : share, reminder, lockRetries, dryRun);
    }

    /** A Salesforce User Id setting: empty for none, else 005 and 15 or 18 characters. */
    private static String userId(Checker c, SettingsLoader.Loaded in, Setting s) {
        String v = in.get(s).trim();
        if (v.isEmpty()) {
            return null;
        }
        if (!dev.journeyconnector.insight.Finding.Actor.isUserId(v)) {
            c.problem(s, "'" + v + "' is not a Salesforce User Id (005 followed by 12 or 15 letters and digits)");
            return null;
        }
        return v;
    }

    private static Journey journey(Checker c) {
        // A missing folder is reported by the mapping check at start, with every other mapping problem.
        Path mappingsDir = c.path(Settings.MAPPINGS_DIR);
        Duration check = c.duration(Settings.MAPPINGS_CHECK_INTERVAL, Duration.ofSeconds(1));
        double threshold = c.fraction(Settings.DRIFT_THRESHOLD);
        int unseenDays = c.integer(Settings.DRIFT_UNSEEN_DAYS, 1, 3650);
        return new Journey(mappingsDir, check, threshold, unseenDays);
    }

    private static Salesforce sandboxSalesforce(Checker c, SettingsLoader.Loaded in) {
        for (Setting secret : List.of(Settings.SF_CLIENT_SECRET, Settings.SF_PASSWORD, Settings.SF_SECURITY_TOKEN,
                Settings.SF_JWT_KEY_FILE)) {
            if (in.isSet(secret)) {
                c.problem(secret, "is set but SALESFORCE_CLIENT_ID and SALESFORCE_USERNAME are empty; "
                        + "set them too, or remove it to run against the sandbox");
            }
        }
        // The sandbox's URL and connected app are only known once it has started; the app fills them in.
        return new Salesforce(AuthFlow.CLIENT_CREDENTIALS, null, "", "", "", null, "", "",
                c.apiVersion(), c.duration(Settings.SF_CONNECT_TIMEOUT, Duration.ofMillis(1)),
                c.duration(Settings.SF_READ_TIMEOUT, Duration.ofMillis(1)), c.integer(Settings.SF_QUERY_BATCH_SIZE, 200, 2000),
                false);
    }

    private static Salesforce liveSalesforce(Checker c, SettingsLoader.Loaded in) {
        String apiVersion = c.apiVersion();
        boolean allowOtherHosts = c.bool(Settings.SF_ALLOW_NON_SALESFORCE_HOSTS);
        URI loginUrl = c.salesforceUrl(Settings.SF_LOGIN_URL, allowOtherHosts);
        AuthFlow flow = authFlow(c, in);
        String clientId = in.get(Settings.SF_CLIENT_ID);
        String username = in.get(Settings.SF_USERNAME);
        Path keyFile = in.isSet(Settings.SF_JWT_KEY_FILE) ? Path.of(in.get(Settings.SF_JWT_KEY_FILE)) : null;
        if (flow == AuthFlow.JWT) {
            c.require(Settings.SF_CLIENT_ID, "the jwt flow");
            c.require(Settings.SF_USERNAME, "the jwt flow");
            c.require(Settings.SF_JWT_KEY_FILE, "the jwt flow");
            if (keyFile != null && !Files.isReadable(keyFile)) {
                c.problem(Settings.SF_JWT_KEY_FILE, "file '" + keyFile + "' does not exist or cannot be read");
            }
        } else if (flow == AuthFlow.CLIENT_CREDENTIALS) {
            c.require(Settings.SF_CLIENT_ID, "the client_credentials flow");
            c.require(Settings.SF_CLIENT_SECRET, "the client_credentials flow");
            if (loginUrl != null && isGenericLoginHost(loginUrl)) {
                c.problem(Settings.SF_LOGIN_URL, "the client_credentials flow needs your org's My Domain URL "
                        + "(https://yourdomain.my.salesforce.com), not " + loginUrl.getHost());
            }
        } else if (flow == AuthFlow.SOAP_PASSWORD) {
            c.require(Settings.SF_USERNAME, "the soap_password flow");
            c.require(Settings.SF_PASSWORD, "the soap_password flow");
            if (apiVersion != null && Double.parseDouble(apiVersion) >= 65.0) {
                c.problem(Settings.SF_API_VERSION, "is " + apiVersion + " but SOAP login() is gone from API 65.0; "
                        + "use SALESFORCE_AUTH_FLOW=jwt or client_credentials, or an API version of 64.0 or below");
            }
        }
        return new Salesforce(flow, loginUrl, clientId, in.get(Settings.SF_CLIENT_SECRET), username, keyFile,
                in.get(Settings.SF_PASSWORD), in.get(Settings.SF_SECURITY_TOKEN), apiVersion,
                c.duration(Settings.SF_CONNECT_TIMEOUT, Duration.ofMillis(1)),
                c.duration(Settings.SF_READ_TIMEOUT, Duration.ofMillis(1)),
                c.integer(Settings.SF_QUERY_BATCH_SIZE, 200, 2000), allowOtherHosts);
    }

    private static AuthFlow authFlow(Checker c, SettingsLoader.Loaded in) {
        String explicit = in.get(Settings.SF_AUTH_FLOW).toLowerCase(Locale.ROOT);
        switch (explicit) {
            case "jwt": return AuthFlow.JWT;
            case "client_credentials": return AuthFlow.CLIENT_CREDENTIALS;
            case "soap_password": return AuthFlow.SOAP_PASSWORD;
            case "": break;
            default:
                c.problem(Settings.SF_AUTH_FLOW, "'" + explicit + "' is not one of jwt, client_credentials, soap_password");
                return null;
        }
        if (in.isSet(Settings.SF_JWT_KEY_FILE)) {
            return AuthFlow.JWT;
        }
        if (in.isSet(Settings.SF_CLIENT_SECRET)) {
            return AuthFlow.CLIENT_CREDENTIALS;
        }
        if (in.isSet(Settings.SF_PASSWORD)) {
            return AuthFlow.SOAP_PASSWORD;
        }
        c.problem(Settings.SF_AUTH_FLOW, "cannot tell how to authenticate: set SALESFORCE_JWT_KEY_FILE (jwt), "
                + "SALESFORCE_CLIENT_SECRET (client_credentials) or SALESFORCE_PASSWORD (soap_password)");
        return null;
    }

    private static Zendesk zendesk(Checker c, SettingsLoader.Loaded in, boolean sandboxMode) {
        String subdomain = in.get(Settings.ZD_SUBDOMAIN);
        if (sandboxMode) {
            for (Setting s : List.of(Settings.ZD_SUBDOMAIN, Settings.ZD_API_TOKEN, Settings.ZD_OAUTH_TOKEN)) {
                if (in.isSet(s)) {
                    c.problem(s, "is set but Salesforce credentials are not; the connector needs the CRM it writes "
                            + "back to: set SALESFORCE_* too, or remove it to run against the sandbox");
                }
            }
        }
        URI baseUrl = in.isSet(Settings.ZD_BASE_URL) ? c.convert(Settings.ZD_BASE_URL, URI::create) : null;
        boolean allowOther = c.bool(Settings.ZD_ALLOW_NON_LOOPBACK);
        Duration connect = c.duration(Settings.ZD_CONNECT_TIMEOUT, Duration.ofMillis(1));
        Duration read = c.duration(Settings.ZD_READ_TIMEOUT, Duration.ofMillis(1));
        int perMinute = c.integer(Settings.ZD_REQUESTS_PER_MINUTE, 1, 1000);
        int attempts = c.integer(Settings.ZD_MAX_ATTEMPTS, 1, 20);
        Instant start = in.isSet(Settings.ZD_START_DATE) ? c.convert(Settings.ZD_START_DATE, Instant::parse) : null;
        String email = in.get(Settings.ZD_EMAIL);
        String apiToken = in.get(Settings.ZD_API_TOKEN);
        String oauthToken = in.get(Settings.ZD_OAUTH_TOKEN);
        boolean enabled = sandboxMode || !subdomain.isEmpty() || baseUrl != null;
        if (!sandboxMode && enabled) {
            // The client's own checks (subdomain shape, one way to authenticate, base-URL host rule).
            ZendeskClientSettings.builder().subdomain(emptyToNull(subdomain)).email(emptyToNull(email))
                    .apiToken(emptyToNull(apiToken)).oauthToken(emptyToNull(oauthToken)).baseUrlOverride(baseUrl)
                    .allowNonLoopbackOverride(allowOther).connectTimeout(connect).readTimeout(read)
                    .incrementalRequestsPerMinute(perMinute).maxAttempts(attempts).build()
                    .problems().forEach(p -> c.problem(zendeskSettingOf(p), p));
        }
        return new Zendesk(enabled, subdomain, email, apiToken, oauthToken, baseUrl, allowOther, connect, read,
                perMinute, attempts, start);
    }

    private static Setting zendeskSettingOf(String problem) {
        if (problem.startsWith("subdomain")) {
            return Settings.ZD_SUBDOMAIN;
        }
        if (problem.startsWith("email")) {
            return Settings.ZD_EMAIL;
        }
        if (problem.startsWith("apiToken") || problem.startsWith("set either")) {
            return Settings.ZD_API_TOKEN;
        }
        if (problem.startsWith("connectTimeout")) {
            return Settings.ZD_CONNECT_TIMEOUT;
        }
        if (problem.startsWith("readTimeout")) {
            return Settings.ZD_READ_TIMEOUT;
        }
        return Settings.ZD_BASE_URL;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Mailchimp mailchimp(Checker c, SettingsLoader.Loaded in, boolean sandboxMode) {
        String key = in.get(Settings.MC_API_KEY);
        if (sandboxMode && !key.isEmpty()) {
            c.problem(Settings.MC_API_KEY, "is set but Salesforce credentials are not; the connector needs the CRM "
                    + "it writes back to: set SALESFORCE_* too, or remove it to run against the sandbox");
        }
        URI baseUrl = null;
        if (in.isSet(Settings.MC_BASE_URL)) {
            baseUrl = c.convert(Settings.MC_BASE_URL, URI::create);
        }
        boolean allowOther = c.bool(Settings.MC_ALLOW_NON_LOOPBACK);
        int maxConnections = c.integer(Settings.MC_MAX_CONNECTIONS, 1, 10);
        Duration connect = c.duration(Settings.MC_CONNECT_TIMEOUT, Duration.ofMillis(1));
        Duration read = c.duration(Settings.MC_READ_TIMEOUT, Duration.ofMillis(1));
        Instant start = in.isSet(Settings.MC_START_DATE) ? c.convert(Settings.MC_START_DATE, Instant::parse) : null;
        boolean enabled = sandboxMode || !key.isEmpty();
        if (!sandboxMode && enabled) {
            // The client's own checks (key shape, data centre, base-URL host rule), each named by setting.
            new MailchimpClientSettings(key, baseUrl, allowOther, maxConnections, connect, read, null, null)
                    .problems().forEach(p -> c.problem(settingOf(p), p));
        }
        return new Mailchimp(enabled, key, baseUrl, allowOther, maxConnections, connect, read, start);
    }

    private static Setting settingOf(String mailchimpProblem) {
        if (mailchimpProblem.startsWith("apiKey")) {
            return Settings.MC_API_KEY;
        }
        if (mailchimpProblem.startsWith("maxConnections")) {
            return Settings.MC_MAX_CONNECTIONS;
        }
        if (mailchimpProblem.contains("imeout")) {
            return mailchimpProblem.startsWith("connect") ? Settings.MC_CONNECT_TIMEOUT : Settings.MC_READ_TIMEOUT;
        }
        return Settings.MC_BASE_URL;
    }

    private static Sandbox sandbox(Checker c, SettingsLoader.Loaded in, boolean sandboxMode) {
        Path world = in.isSet(Settings.SANDBOX_WORLD_DIR) ? Path.of(in.get(Settings.SANDBOX_WORLD_DIR)) : null;
        boolean reset = c.bool(Settings.SANDBOX_RESET);
        Path dump = in.isSet(Settings.SANDBOX_DUMP_FILE) ? Path.of(in.get(Settings.SANDBOX_DUMP_FILE)) : null;
        int port = c.integer(Settings.SANDBOX_PORT, 0, 65535);
        Path metadata = in.isSet(Settings.SANDBOX_SALESFORCE_METADATA) ? Path.of(in.get(Settings.SANDBOX_SALESFORCE_METADATA)) : null;
        if (metadata != null && !Files.isDirectory(metadata.resolve("objects"))) {
            c.problem(Settings.SANDBOX_SALESFORCE_METADATA, "folder '" + metadata + "' has no objects/ folder (an SFDX"
                    + " source folder such as salesforce/force-app/main/default)");
        }
        if (!sandboxMode) {
            for (Setting s : List.of(Settings.SANDBOX_WORLD_DIR, Settings.SANDBOX_DUMP_FILE, Settings.SANDBOX_SALESFORCE_METADATA)) {
                if (in.isSet(s)) {
                    c.problem(s, "applies only to the sandbox, but Salesforce credentials are set "
                            + "(the connector never starts the sandbox against a real org)");
                }
            }
            if (reset) {
                c.problem(Settings.SANDBOX_RESET, "applies only to the sandbox, but Salesforce credentials are set");
            }
        }
        if (world != null && !Files.isRegularFile(world.resolve("world.json"))) {
            c.problem(Settings.SANDBOX_WORLD_DIR, "folder '" + world + "' has no world.json (see docs/sandbox.md)");
        }
        return new Sandbox(sandboxMode, world, reset, dump, port, metadata);
    }

    private static boolean isGenericLoginHost(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.equals("login.salesforce.com") || host.equals("test.salesforce.com");
    }

    private static String redact(String secret) {
        return secret == null || secret.isEmpty() ? "" : "****";
    }

    /** Collects problems while converting values, so that one bad value does not hide the next. */
    private static final class Checker {
        private final SettingsLoader.Loaded in;
        private final List<String> problems;

        Checker(SettingsLoader.Loaded in) {
            this.in = in;
            this.problems = new ArrayList<>(in.problems());
        }

        void problem(Setting s, String what) {
            problems.add(s.name() + " " + what + " (from " + in.origin(s) + ")");
        }

        void require(Setting s, String forWhat) {
            if (!in.isSet(s)) {
                problems.add(s.name() + " is required for " + forWhat + " (set it in .env or with " + s.flag() + ")");
            }
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new ConfigProblems(problems);
            }
        }

        <T> T convert(Setting s, Function<String, T> parse) {
            try {
                return parse.apply(in.get(s));
            } catch (RuntimeException e) {
                problem(s, e.getMessage());
                return null;
            }
        }

        Path path(Setting s) {
            String v = in.get(s);
            if (v.isBlank()) {
                problem(s, "must not be empty");
                return null;
            }
            return convert(s, Path::of);
        }

        Duration duration(Setting s, Duration min) {
            Duration d = convert(s, Durations::parse);
            if (d != null && d.compareTo(min) < 0) {
                problem(s, "must be at least " + min.toString().substring(2).toLowerCase(Locale.ROOT));
            }
            return d;
        }

        boolean bool(Setting s) {
            String v = in.get(s).toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                problem(s, "'" + in.get(s) + "' is not true or false");
                return false;
            }
            return v.equals("true");
        }

        /** A number from 0 to 1, e.g. 0.25. */
        double fraction(Setting s) {
            Double d = convert(s, v -> {
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + v + "' is not a number like 0.25");
                }
            });
            if (d != null && !(d >= 0 && d <= 1)) {
                problem(s, "is " + d + " but must be between 0 and 1");
            }
            return d == null ? 0 : d;
        }

        int integer(Setting s, int min, int max) {
            Integer n = convert(s, v -> {
                try {
                    return Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + v + "' is not a whole number");
                }
            });
            if (n != null && (n < min || n > max)) {
                problem(s, "is " + n + " but must be between " + min + " and " + max);
            }
            return n == null ? min : n;
        }

        String apiVersion() {
            String v = in.get(Settings.SF_API_VERSION);
            if (!v.matches("\\d{2}\\.0") || Integer.parseInt(v.substring(0, 2)) < 31) {
                problem(Settings.SF_API_VERSION, "'" + v + "' is not an API version like 65.0 (31.0 or later)");
                return null;
            }
            return v;
        }

        URI salesforceUrl(Setting s, boolean allowOtherHosts) {
            String v = in.get(s);
            URI uri;
            try {
                uri = new URI(v);
            } catch (URISyntaxException e) {
                problem(s, "'" + v + "' is not a URL");
                return null;
            }
            if (uri.getHost() == null || uri.getScheme() == null) {
                problem(s, "'" + v + "' is not an absolute URL like https://login.salesforce.com");
                return null;
            }
            boolean loopback = Loopback.isLoopback(uri.getHost());
            if (!loopback && !"https".equalsIgnoreCase(uri.getScheme())) {
                problem(s, "must use https (only loopback addresses may use http)");
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            boolean salesforceHost = SALESFORCE_DOMAINS.stream().anyMatch(host::endsWith);
            if (!loopback && !salesforceHost && !allowOtherHosts) {
                problem(s, "host '" + host + "' is not a Salesforce domain; set SALESFORCE_ALLOW_NON_SALESFORCE_HOSTS=true "
                        + "if you really mean it");
            }
            return uri;
        }

    }
}
