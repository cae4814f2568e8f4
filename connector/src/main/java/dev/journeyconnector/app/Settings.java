package dev.journeyconnector.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting the connector reads. This list is the single source of truth: the loader accepts only
 * these names, {@code .env.example} must describe each of them (a test compares the two), and
 * {@code journey config} prints them with secrets redacted.
 */
public final class Settings {

    public static final Setting DATA_DIR = new Setting("JOURNEY_DATA_DIR", "./data", false, "Connector",
            "Folder for everything the connector keeps on disk: the embedded PostgreSQL data and the sandbox's state.");
    public static final Setting ROUTES_DIR = new Setting("JOURNEY_ROUTES_DIR", "./routes", false, "Connector",
            "Folder of Camel YAML DSL route files (*.yaml) that define what is pulled and written back.");
    public static final Setting POLL_INTERVAL = new Setting("JOURNEY_POLL_INTERVAL", "5m", false, "Connector",
            "How often each pull route polls its source when running continuously (e.g. 30s, 5m, 1h).");
    public static final Setting WRITEBACK_INTERVAL = new Setting("JOURNEY_WRITEBACK_INTERVAL", "5m", false, "Connector",
            "How often a continuously running connector analyses what was pulled and writes findings and journey "
                    + "context back to the CRM.");
    public static final Setting CURSOR_OVERLAP = new Setting("JOURNEY_CURSOR_OVERLAP", "2m", false, "Connector",
            "How far before its cursor each incremental pull starts again, to catch records whose modification "
                    + "time was stamped before a slower transaction committed. Re-read records are not stored twice.");
    public static final Setting WRITEBACK_ENABLED = new Setting("JOURNEY_WRITEBACK_ENABLED", "true", false, "Connector",
            "true to write findings, journey context and drift alerts back into Salesforce; false to pull and analyse only.");
    public static final Setting WRITEBACK_SUBJECT_PREFIX = new Setting("JOURNEY_WRITEBACK_SUBJECT_PREFIX", "[Journey]", false,
            "Connector", "Prefix of the Subject of every Task the connector writes, so reps can recognise and filter them.");
    public static final Setting WRITEBACK_MODE = new Setting("JOURNEY_WRITEBACK_MODE", "auto", false, "Write-back",
            "auto: findings go into Journey_Finding__c and journey context into the Contact journey fields where "
                    + "describe finds our metadata deployed (salesforce/), Tasks otherwise; tasks: Tasks only, whatever is deployed.");
    public static final Setting WRITEBACK_FALLBACK_OWNER = new Setting("JOURNEY_WRITEBACK_FALLBACK_OWNER", "", false,
            "Write-back", "Salesforce User Id (005...) who gets findings nobody responsible is known for, or whose owner "
                    + "is no longer active. Empty: the integration user the connector logs in as.");
    public static final Setting WRITEBACK_OPS_OWNER = new Setting("JOURNEY_WRITEBACK_OPS_OWNER", "", false, "Write-back",
            "Salesforce User Id (005...) of the ops admin who gets a Task while the journey-map drift score is above "
                    + "JOURNEY_DRIFT_THRESHOLD. Empty: no drift alert in Salesforce (the log still warns).");
    public static final Setting WRITEBACK_BUDGET_SHARE = new Setting("JOURNEY_WRITEBACK_BUDGET_SHARE", "0.1", false,
            "Write-back", "Share of the org's daily API allocation (as Salesforce reports it with every call) the "
                    + "write-back may spend per UTC day, above 0 and at most 1. Past it, writing waits for the next day.");
    public static final Setting WRITEBACK_REMINDER = new Setting("JOURNEY_WRITEBACK_REMINDER", "15m", false,
            "Write-back", "A handoff-gap alert is due the day it is written, with a reminder this long after it is written.");
    public static final Setting WRITEBACK_LOCK_RETRIES = new Setting("JOURNEY_WRITEBACK_LOCK_RETRIES", "3", false,
            "Write-back", "How many times records refused with UNABLE_TO_LOCK_ROW are sent again within one cycle "
                    + "(0-10), waiting 1 s, 2 s, 4 s ... Still locked after that: the next cycle tries again.");
    public static final Setting WRITEBACK_DRY_RUN = new Setting("JOURNEY_WRITEBACK_DRY_RUN", "false", false,
            "Write-back", "true (flag --dry-run) to print every record the write-back would create or update, "
                    + "and write nothing to Salesforce.");
    public static final Setting MAPPINGS_DIR = new Setting("JOURNEY_MAPPINGS_DIR", "./mappings", false, "Journey",
            "Folder of the journey model: vocabularies.yaml, personas.yaml, journey-map.yaml and one touchpoint mapping "
                    + "file per source object (*.yaml). Checked as a whole at start and by 'journey validate'.");
    public static final Setting MAPPINGS_CHECK_INTERVAL = new Setting("JOURNEY_MAPPINGS_CHECK_INTERVAL", "30s", false,
            "Journey", "How often a running connector looks for changed mapping files. Valid changes are applied "
                    + "without a restart (touchpoints re-derived from stored records); invalid ones are reported and "
                    + "the previous mappings stay in force.");
    public static final Setting DRIFT_THRESHOLD = new Setting("JOURNEY_DRIFT_THRESHOLD", "0.25", false, "Journey",
            "Drift score (0 = reality matches the journey map, 1 = nothing does) above which the ops admin is alerted.");
    public static final Setting DRIFT_UNSEEN_DAYS = new Setting("JOURNEY_DRIFT_UNSEEN_DAYS", "60", false, "Journey",
            "A touchpoint type the journey map expects but nobody has had for this many days is reported as drift.");
    public static final Setting LOG_LEVEL = new Setting("JOURNEY_LOG_LEVEL", "INFO", false, "Connector",
            "Log level of the connector's own messages: ERROR, WARN, INFO, DEBUG or TRACE.");

    public static final Setting DB_URL = new Setting("JOURNEY_DB_URL", "", false, "Store",
            "JDBC URL of an external PostgreSQL (jdbc:postgresql://host:5432/journey). Empty: an embedded "
                    + "PostgreSQL whose data lives under JOURNEY_DATA_DIR/postgres.");
    public static final Setting DB_USER = new Setting("JOURNEY_DB_USER", "", false, "Store",
            "User for JOURNEY_DB_URL. Ignored for the embedded database.");
    public static final Setting DB_PASSWORD = new Setting("JOURNEY_DB_PASSWORD", "", true, "Store",
            "Password for JOURNEY_DB_URL. Ignored for the embedded database.");
    public static final Setting DB_POOL_SIZE = new Setting("JOURNEY_DB_POOL_SIZE", "5", false, "Store",
            "Maximum number of pooled database connections (2-100; schema migration needs two at start).");

    public static final Setting SF_AUTH_FLOW = new Setting("SALESFORCE_AUTH_FLOW", "", false, "Salesforce",
            "jwt, client_credentials or soap_password. Empty: chosen from the credentials given "
                    + "(a JWT key file means jwt, a client secret means client_credentials, a password means soap_password).");
    public static final Setting SF_LOGIN_URL = new Setting("SALESFORCE_LOGIN_URL", "https://login.salesforce.com", false,
            "Salesforce", "Where to authenticate: https://login.salesforce.com, https://test.salesforce.com for a "
                    + "sandbox org, or your My Domain URL (required for client_credentials).");
    public static final Setting SF_CLIENT_ID = new Setting("SALESFORCE_CLIENT_ID", "", false, "Salesforce",
            "Consumer key of the connected app (jwt and client_credentials flows). Empty, together with "
                    + "SALESFORCE_USERNAME: the connector runs against the local sandbox.");
    public static final Setting SF_CLIENT_SECRET = new Setting("SALESFORCE_CLIENT_SECRET", "", true, "Salesforce",
            "Consumer secret of the connected app (client_credentials flow).");
    public static final Setting SF_USERNAME = new Setting("SALESFORCE_USERNAME", "", false, "Salesforce",
            "Salesforce username the connector acts as (jwt and soap_password flows).");
    public static final Setting SF_JWT_KEY_FILE = new Setting("SALESFORCE_JWT_KEY_FILE", "", false, "Salesforce",
            "PEM file (PKCS#8) with the private key whose certificate is uploaded to the connected app (jwt flow).");
    public static final Setting SF_PASSWORD = new Setting("SALESFORCE_PASSWORD", "", true, "Salesforce",
            "Password for the soap_password flow, only for orgs still on API 64.0 or below.");
    public static final Setting SF_SECURITY_TOKEN = new Setting("SALESFORCE_SECURITY_TOKEN", "", true, "Salesforce",
            "Security token appended to the password in the soap_password flow.");
    public static final Setting SF_API_VERSION = new Setting("SALESFORCE_API_VERSION", "65.0", false, "Salesforce",
            "Salesforce API version, e.g. 65.0. The soap_password flow needs 64.0 or below.");
    public static final Setting SF_CONNECT_TIMEOUT = new Setting("SALESFORCE_CONNECT_TIMEOUT", "10s", false, "Salesforce",
            "Connect timeout for every Salesforce call (force-wsc has none by default).");
    public static final Setting SF_READ_TIMEOUT = new Setting("SALESFORCE_READ_TIMEOUT", "120s", false, "Salesforce",
            "Read timeout for every Salesforce call (force-wsc has none by default).");
    public static final Setting SF_QUERY_BATCH_SIZE = new Setting("SALESFORCE_QUERY_BATCH_SIZE", "2000", false,
            "Salesforce", "Records per query/queryMore page, 200-2000 (Salesforce's own bounds).");
    public static final Setting SF_BULK_THRESHOLD = new Setting("SALESFORCE_BULK_THRESHOLD", "100000", false,
            "Salesforce", "A first load of an object with more records than this goes through the Bulk API "
                    + "(PK-chunked) instead of query/queryMore; 0 never uses the Bulk API.");
    public static final Setting SF_PK_CHUNK_SIZE = new Setting("SALESFORCE_PK_CHUNK_SIZE", "100000", false,
            "Salesforce", "Records per chunk of a Bulk API first load, 1-250000 (Salesforce's maximum).");
    public static final Setting SF_ALLOW_NON_SALESFORCE_HOSTS = new Setting("SALESFORCE_ALLOW_NON_SALESFORCE_HOSTS", "false",
            false, "Salesforce", "true to accept a login or instance URL outside Salesforce's domains (a proxy). "
                    + "Loopback addresses are always accepted for the sandbox and tests.");

    public static final Setting ZD_SUBDOMAIN = new Setting("ZENDESK_SUBDOMAIN", "", false, "Zendesk",
            "The \"acme\" of https://acme.zendesk.com; the host is built from it. Empty: Zendesk is not pulled "
                    + "(in sandbox mode the Zendesk simulator is used).");
    public static final Setting ZD_EMAIL = new Setting("ZENDESK_EMAIL", "", false, "Zendesk",
            "Agent e-mail for API-token authentication (sent as email/token with ZENDESK_API_TOKEN).");
    public static final Setting ZD_API_TOKEN = new Setting("ZENDESK_API_TOKEN", "", true, "Zendesk",
            "Zendesk API token, used with ZENDESK_EMAIL. Set this or ZENDESK_OAUTH_TOKEN, not both.");
    public static final Setting ZD_OAUTH_TOKEN = new Setting("ZENDESK_OAUTH_TOKEN", "", true, "Zendesk",
            "Zendesk OAuth access token, sent as a Bearer token.");
    public static final Setting ZD_BASE_URL = new Setting("ZENDESK_BASE_URL", "", false, "Zendesk",
            "Stands in for https://<subdomain>.zendesk.com, for tests and local simulators. Loopback addresses only, "
                    + "unless ZENDESK_ALLOW_NON_LOOPBACK_BASE_URL is true.");
    public static final Setting ZD_ALLOW_NON_LOOPBACK = new Setting("ZENDESK_ALLOW_NON_LOOPBACK_BASE_URL", "false",
            false, "Zendesk", "true to accept an https ZENDESK_BASE_URL on another host (the token is sent there).");
    public static final Setting ZD_CONNECT_TIMEOUT = new Setting("ZENDESK_CONNECT_TIMEOUT", "10s", false, "Zendesk",
            "Connect timeout for every Zendesk call.");
    public static final Setting ZD_READ_TIMEOUT = new Setting("ZENDESK_READ_TIMEOUT", "60s", false, "Zendesk",
            "Read timeout for every Zendesk call.");
    public static final Setting ZD_REQUESTS_PER_MINUTE = new Setting("ZENDESK_INCREMENTAL_REQUESTS_PER_MINUTE", "10",
            false, "Zendesk", "Requests a minute to the incremental export endpoints, shared by all Zendesk routes: "
                    + "Zendesk allows 10 (30 with the High Volume API add-on).");
    public static final Setting ZD_MAX_ATTEMPTS = new Setting("ZENDESK_MAX_ATTEMPTS", "5", false, "Zendesk",
            "Attempts per Zendesk request on 429, 5xx and network failures (Retry-After is always honoured).");
    public static final Setting ZD_START_DATE = new Setting("ZENDESK_START_DATE", "", false, "Zendesk",
            "ISO-8601 instant (2026-01-01T00:00:00Z) where the first load of tickets, users, events and ratings "
                    + "starts. Empty: everything.");

    public static final Setting MC_API_KEY = new Setting("MAILCHIMP_API_KEY", "", true, "Mailchimp",
            "Marketing API key, <key>-<dc> (e.g. ...-us21); the data centre, and so the host, comes from its suffix. "
                    + "Empty: Mailchimp is not pulled (in sandbox mode the Mailchimp simulator is used).");
    public static final Setting MC_BASE_URL = new Setting("MAILCHIMP_BASE_URL", "", false, "Mailchimp",
            "Stands in for https://<dc>.api.mailchimp.com, for tests and local simulators; /3.0 is added. "
                    + "Loopback addresses only, unless MAILCHIMP_ALLOW_NON_LOOPBACK_BASE_URL is true.");
    public static final Setting MC_ALLOW_NON_LOOPBACK = new Setting("MAILCHIMP_ALLOW_NON_LOOPBACK_BASE_URL", "false",
            false, "Mailchimp", "true to accept an https MAILCHIMP_BASE_URL on another host (the API key is sent there).");
    public static final Setting MC_MAX_CONNECTIONS = new Setting("MAILCHIMP_MAX_CONNECTIONS", "5", false, "Mailchimp",
            "Simultaneous Mailchimp requests across all Mailchimp routes, 1-10 (Mailchimp allows an account 10).");
    public static final Setting MC_CONNECT_TIMEOUT = new Setting("MAILCHIMP_CONNECT_TIMEOUT", "10s", false, "Mailchimp",
            "Connect timeout for every Mailchimp call.");
    public static final Setting MC_READ_TIMEOUT = new Setting("MAILCHIMP_READ_TIMEOUT", "60s", false, "Mailchimp",
            "Read timeout for every Mailchimp call (a 1,000-member page can take tens of seconds to build).");
    public static final Setting MC_START_DATE = new Setting("MAILCHIMP_START_DATE", "", false, "Mailchimp",
            "ISO-8601 instant (2026-01-01T00:00:00Z) before which members, campaigns and activity are not pulled "
                    + "on the first load. Empty: everything.");

    public static final Setting SANDBOX_WORLD_DIR = new Setting("SANDBOX_WORLD_DIR", "", false, "Sandbox",
            "World folder the sandbox loads (flag --sandbox-data DIR). Empty: the demo world shipped with the connector.");
    public static final Setting SANDBOX_RESET = new Setting("SANDBOX_RESET", "false", false, "Sandbox",
            "true to throw away the sandbox's saved state and start over from the world files (flag --sandbox-reset).");
    public static final Setting SANDBOX_DUMP_FILE = new Setting("SANDBOX_DUMP_FILE", "", false, "Sandbox",
            "File to write the sandbox's final state to as JSON when the run ends (flag --sandbox-dump FILE).");
    public static final Setting SANDBOX_SALESFORCE_METADATA = new Setting("SANDBOX_SALESFORCE_METADATA", "", false,
            "Sandbox", "SFDX source folder deployed into the sandbox's Salesforce org at start (flag --sandbox-metadata "
                    + "DIR), e.g. salesforce/force-app/main/default: the org then has Journey_Finding__c and the Contact "
                    + "journey fields. Empty: a plain org, where findings are written as Tasks.");
    public static final Setting SANDBOX_PORT = new Setting("SANDBOX_PORT", "0", false, "Sandbox",
            "Port of the local Salesforce simulator on 127.0.0.1; 0 picks a free one.");

    public static final List<Setting> ALL = List.of(
            DATA_DIR, ROUTES_DIR, POLL_INTERVAL, WRITEBACK_INTERVAL, CURSOR_OVERLAP, WRITEBACK_ENABLED,
            WRITEBACK_SUBJECT_PREFIX, LOG_LEVEL,
            WRITEBACK_MODE, WRITEBACK_FALLBACK_OWNER, WRITEBACK_OPS_OWNER, WRITEBACK_BUDGET_SHARE, WRITEBACK_REMINDER,
            WRITEBACK_LOCK_RETRIES, WRITEBACK_DRY_RUN,
            MAPPINGS_DIR, MAPPINGS_CHECK_INTERVAL, DRIFT_THRESHOLD, DRIFT_UNSEEN_DAYS,
            DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE,
            SF_AUTH_FLOW, SF_LOGIN_URL, SF_CLIENT_ID, SF_CLIENT_SECRET, SF_USERNAME, SF_JWT_KEY_FILE, SF_PASSWORD,
            SF_SECURITY_TOKEN, SF_API_VERSION, SF_CONNECT_TIMEOUT, SF_READ_TIMEOUT, SF_QUERY_BATCH_SIZE,
            SF_BULK_THRESHOLD, SF_PK_CHUNK_SIZE, SF_ALLOW_NON_SALESFORCE_HOSTS,
            ZD_SUBDOMAIN, ZD_EMAIL, ZD_API_TOKEN, ZD_OAUTH_TOKEN, ZD_BASE_URL, ZD_ALLOW_NON_LOOPBACK, ZD_CONNECT_TIMEOUT,
            ZD_READ_TIMEOUT, ZD_REQUESTS_PER_MINUTE, ZD_MAX_ATTEMPTS, ZD_START_DATE,
            MC_API_KEY, MC_BASE_URL, MC_ALLOW_NON_LOOPBACK, MC_MAX_CONNECTIONS, MC_CONNECT_TIMEOUT, MC_READ_TIMEOUT,
            MC_START_DATE,
            SANDBOX_WORLD_DIR, SANDBOX_RESET, SANDBOX_DUMP_FILE, SANDBOX_SALESFORCE_METADATA, SANDBOX_PORT);

    private static final Map<String, Setting> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, Setting> BY_FLAG = new LinkedHashMap<>();

    static {
        for (Setting s : ALL) {
            BY_NAME.put(s.name(), s);
            BY_FLAG.put(s.flag(), s);
        }
        // The sandbox flags named in the README read better than their derived forms.
        BY_FLAG.put("--sandbox-data", SANDBOX_WORLD_DIR);
        BY_FLAG.put("--sandbox-dump", SANDBOX_DUMP_FILE);
        BY_FLAG.put("--sandbox-metadata", SANDBOX_SALESFORCE_METADATA);
        BY_FLAG.put("--dry-run", WRITEBACK_DRY_RUN);
    }

    private Settings() {
    }

    public static Optional<Setting> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<Setting> byFlag(String flag) {
        return Optional.ofNullable(BY_FLAG.get(flag));
    }
}
