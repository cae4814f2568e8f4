package dev.journeyconnector.app;

import dev.journeyconnector.insight.DriftStage;
import dev.journeyconnector.mailchimp.JourneyMailchimpComponent;
import dev.journeyconnector.mailchimp.client.MailchimpClient;
import dev.journeyconnector.mailchimp.client.MailchimpClientSettings;
import dev.journeyconnector.mailchimp.client.OkHttpMailchimpClient;
import dev.journeyconnector.insight.InsightStage;
import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.mapping.DerivationStage;
import dev.journeyconnector.mapping.LiveMappings;
import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.zendesk.JourneyZendeskComponent;
import dev.journeyconnector.zendesk.client.OkHttpZendeskClient;
import dev.journeyconnector.zendesk.client.ZendeskClient;
import dev.journeyconnector.zendesk.client.ZendeskClientSettings;
import dev.journeyconnector.pull.RawIntake;
import dev.journeyconnector.salesforce.JourneySalesforceComponent;
import dev.journeyconnector.salesforce.client.ApiUsage;
import dev.journeyconnector.salesforce.client.AuthFlow;
import dev.journeyconnector.salesforce.client.SalesforceClient;
import dev.journeyconnector.salesforce.client.SalesforceClientSettings;
import dev.journeyconnector.salesforce.client.SalesforceClients;
import dev.journeyconnector.sandbox.Sandbox;
import dev.journeyconnector.sandbox.SandboxOptions;
import dev.journeyconnector.store.CustomerStore;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.DerivationStore;
import dev.journeyconnector.store.EvaluationStore;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.HistoryStore;
import dev.journeyconnector.store.DriftStore;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.RunLog;
import dev.journeyconnector.store.StoreBinding;
import dev.journeyconnector.store.TouchpointStore;
import dev.journeyconnector.store.WritebackLedger;
import dev.journeyconnector.insight.RuleSet;
import dev.journeyconnector.insight.RulesFile;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.JourneyContextStore;
import dev.journeyconnector.writeback.ContextWrites;
import dev.journeyconnector.writeback.DriftAlert;
import dev.journeyconnector.writeback.FindingWrites;
import dev.journeyconnector.writeback.JourneyContext;
import dev.journeyconnector.writeback.OrgCapabilities;
import dev.journeyconnector.writeback.WriteBackSettings;
import dev.journeyconnector.writeback.WriteBackStage;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the connector: store, sandbox (in sandbox mode), Salesforce client, and the Camel routes
 * from the routes folder. {@link #runOnce()} polls every source once, writes back, and returns the
 * summary; {@link #start()} alone keeps polling on the routes' schedules until {@link #close()}.
 */
public final class ConnectorRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRun.class);
    private static final Duration ONCE_TIMEOUT = Duration.ofMinutes(30);

    private final JourneyConfig config;
    private final boolean once;
    private final Instant startedAt = Instant.now();
    private final PullProgress progress = new PullProgress();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Database database;
    private Sandbox sandbox;
    private SalesforceClient salesforce;
    private WriteBackStage writeBack;
    private DerivationStage derivation;
    private InsightStage insights;
    private DriftStage drift;
    private RunLog runLog;
    private long runId;
    private Main camel;
    private LiveMappings mappings;

    public ConnectorRun(JourneyConfig config, boolean once) {
        this.config = config;
        this.once = once;
    }

    /**
     * Checks the mapping files, opens the store, starts the sandbox if configured, connects to Salesforce
     * and starts the routes.
     *
     * @throws MappingException with every problem of the mapping files; then nothing was started
     */
    public void start() throws Exception {
        mappings = loadMappings();
        database = Database.open(config.database(), config.dataDir());
        toClose.add(database);
        LOG.info("Store: {}", database.embedded()
                ? "embedded PostgreSQL under " + config.dataDir().resolve("postgres") : "PostgreSQL at JOURNEY_DB_URL");
        if (config.sandboxMode() && config.sandbox().reset()) {
            database.forgetOrgData();
            LOG.info("Store: forgot the sandbox org's records, cursors and write-backs (--sandbox-reset)");
        }
        runLog = new RunLog(database.dataSource());
        runId = runLog.started(startedAt, mode());

        JourneyConfig.Salesforce sf = config.salesforce();
        if (config.sandboxMode()) {
            sandbox = Sandbox.start(new SandboxOptions(config.sandbox().worldDir(), config.dataDir().resolve("sandbox"),
                    config.sandbox().reset(), config.sandbox().port(), config.sandbox().salesforceMetadata()));
            toClose.add(0, this::closeSandbox);
            LOG.info("Sandbox: Salesforce simulator on {}, Zendesk on {}, Mailchimp on {}{}", sandbox.salesforceUrl(),
                    sandbox.zendeskUrl(), sandbox.mailchimpUrl(), config.sandbox().reset() ? " (reset to the world files)" : "");
            if (config.sandbox().salesforceMetadata() != null) {
                LOG.info("Sandbox: deployed the Salesforce metadata under {} into the org", config.sandbox().salesforceMetadata());
            }
        }
        salesforce = SalesforceClients.connect(clientSettings(sf));
        toClose.add(0, salesforce);
        new StoreBinding(database.dataSource()).bindOrCheck("Salesforce org", salesforce.organizationId(),
                "point JOURNEY_DATA_DIR (or JOURNEY_DB_URL) at a store of its own for this org");

        RawStore raw = new RawStore(database.dataSource());
        DeepLinks links = deepLinks();
        DerivationStore derivations = new DerivationStore(database.dataSource());
        derivation = new DerivationStage(mappings, links, derivations,
                new TouchpointStore(database.dataSource()), new CustomerStore(database.dataSource()));
        drift = new DriftStage(mappings, new DriftStore(database.dataSource()), derivations,
                config.journey().driftUnseenDays(), config.journey().driftThreshold(), Clock.systemUTC());
        RulesFile rules = InsightCommands.rulesFile(config.journey().mappingsDir(), mappings);
        FindingStore findings = new FindingStore(database.dataSource());
        insights = new InsightStage(rules, links, new HistoryStore(database.dataSource()), findings,
                new EvaluationStore(database.dataSource()), Clock.systemUTC());
        writeBack = writeBack(raw, findings, rules);

        camel = new Main();
        camel.configure().withRoutesIncludePattern("file:" + config.routesDir().toAbsolutePath() + "/*.yaml");
        camel.configure().withName("journey-connector");
        camel.bind(JourneySalesforceComponent.SCHEME, new JourneySalesforceComponent(salesforce, raw::cursor, progress));
        camel.bind(JourneyZendeskComponent.SCHEME, new JourneyZendeskComponent(zendeskClient(), raw::cursor, progress));
        camel.bind(JourneyMailchimpComponent.SCHEME, new JourneyMailchimpComponent(mailchimpClient(), raw::cursor, progress));
        camel.bind("rawIntake", new RawIntake(raw, progress));
        camel.bind("journeyWriteBack", writeBack);
        camel.bind("journeyDerivation", derivation);
        camel.bind("journeyInsights", insights);
        camel.bind("journeyDrift", drift);
        camel.bind("pullProgress", progress);
        RouteProperties.of(config, once).forEach(camel::addInitialProperty);
        try {
            camel.start();
        } catch (Exception e) {
            throw new RouteLoadException(config.routesDir(), e);
        }
        toClose.add(0, camel::stop);
        checkRoutesStarted(camel.getCamelContext());
        followMappingChanges();
    }

    // Mappings (issue 4): checked before anything starts; followed while the connector keeps polling.

    /** The mappings in force; a running connector replaces them when the files change and are valid. */
    public LiveMappings mappings() {
        return mappings;
    }

    /** The whole model, checked before the store, the sandbox or any vendor is touched. */
    private LiveMappings loadMappings() throws MappingException {
        return LiveMappings.load(config.journey().mappingsDir(), dir -> MappingCheck.load(dir, config.routesDir()));
    }

    /** A --once run keeps the model it started with; a continuous one picks up edits without a restart. */
    private void followMappingChanges() {
        if (!once) {
            mappings.startChecking(config.journey().mappingsCheckInterval());
            toClose.add(0, mappings);
        }
    }

    /**
     * Where touchpoints' deep links point. Salesforce record pages live on the org's instance host, which
     * the login named; the sandbox's simulator is no Salesforce host, so in sandbox mode they use the My Domain
     * its world names (the demo world's is meridiangroup.my.salesforce.com), as a real org's links would. A
     * setting DeepLinks refuses leaves that system without links rather than stopping the run.
     */
    private DeepLinks deepLinks() {
        String salesforceHost = sandbox != null ? sandbox.salesforceMyDomain().orElse(null)
                : salesforce.instanceHost().orElse(null);
        String zendeskSubdomain = sandbox != null ? sandbox.zendesk().account().subdomain()
                : config.zendesk().enabled() ? blankToNull(config.zendesk().subdomain()) : null;
        String mailchimpDc = sandbox != null ? sandbox.mailchimp().dataCenter()
                : config.mailchimp().enabled() ? dataCentre(config.mailchimp().apiKey()) : null;
        DeepLinks links = DeepLinks.of(usable(salesforceHost, h -> DeepLinks.of(h, null, null)),
                usable(zendeskSubdomain, z -> DeepLinks.of(null, z, null)),
                usable(mailchimpDc, dc -> DeepLinks.of(null, null, dc)));
        LOG.info("Deep links: {}", links);
        return links;
    }

    /** The setting if DeepLinks accepts it, else null (with a warning naming it). */
    private static String usable(String setting, java.util.function.Consumer<String> check) {
        if (setting == null) {
            return null;
        }
        try {
            check.accept(setting);
            return setting;
        } catch (IllegalArgumentException e) {
            LOG.warn("{}; touchpoints get no links into that system", e.getMessage());
            return null;
        }
    }

    /** The data centre a Mailchimp API key names after its dash, e.g. us21. */
    private static String dataCentre(String apiKey) {
        int dash = apiKey == null ? -1 : apiKey.lastIndexOf('-');
        return dash < 0 ? null : blankToNull(apiKey.substring(dash + 1));
    }

    /** Waits until every pull route has polled once, then analyses and writes back; returns the summary. */
    public RunSummary runOnce() throws Exception {
        awaitPulls();
        analyse();
        return summary();
    }

    /** Waits until every pull route has polled once and nothing is in flight. */
    public void awaitPulls() throws InterruptedException {
        Instant deadline = Instant.now().plus(ONCE_TIMEOUT);
        CamelContext context = camel.getCamelContext();
        while (!progress.everyPullPolled() || context.getInflightRepository().size() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("pulls did not finish within " + ONCE_TIMEOUT.toMinutes() + " minutes");
            }
            Thread.sleep(50);
        }
    }

    /**
     * One analysis cycle through the analyse hop: derive the journey from the store, compute the drift report,
     * then write back.
     */
    public void analyse() throws Exception {
        CamelContext context = camel.getCamelContext();
        camel.getCamelTemplate().sendBody(context.resolvePropertyPlaceholders("{{journey.hop.analyse}}"), null);
    }

    /** The vendor simulators in sandbox mode (their counters and request logs); null in live mode. */
    public Sandbox sandbox() {
        return sandbox;
    }

    public boolean anyPullFailed() {
        return progress.anyFailed();
    }

    public RunSummary summary() {
        return new RunSummary(mode(), Duration.between(startedAt, Instant.now()), progress.snapshot(),
                derivation == null ? DerivationStage.Counts.NONE : derivation.counts(),
                drift == null ? null : drift.latest().orElse(null),
                insights == null ? InsightStage.Counts.NONE : insights.counts(),
                writeBack == null ? null : writeBack.report(),
                writeBack == null || !writeBack.settings().dryRun() ? null : writeBack.lastPlan(),
                salesforce.callCounts(), usage(salesforce.apiUsage()));
    }

    /**
     * The write-back: findings as Tasks or Journey_Finding__c records, journey context as a summary Task or in the
     * Contact journey fields, the drift alert; which of them, describe decides at the first cycle.
     */
    private WriteBackStage writeBack(RawStore raw, FindingStore findings, RulesFile rules) {
        JourneyConfig.WriteBack wb = config.writeBack();
        WriteBackSettings settings = new WriteBackSettings(config.writebackSubjectPrefix(), wb.fallbackOwnerId(),
                wb.opsOwnerId(), wb.mode(), wb.budgetShare(), wb.reminder(), wb.lockRetries(),
                3, java.time.Duration.ofSeconds(1), wb.dryRun());
        WritebackLedger ledger = new WritebackLedger(database.dataSource());
        FindingWrites findingWrites = new FindingWrites(findings, raw, settings,
                (ruleId, personaId) -> thresholds(rules.get(), ruleId, personaId), Clock.systemUTC());
        ContextWrites.Contexts contexts = batch -> new JourneyContextStore(database.dataSource(),
                JourneyContext.Labels.of(mappings.get().vocabulary(), mappings.get().personas())).forEachBatch(batch);
        return new WriteBackStage(salesforce, ledger, java.util.List.of(findingWrites.records(), findingWrites.tasks(),
                ContextWrites.contactFields(contexts, settings), ContextWrites.summaryTasks(contexts, settings),
                new DriftAlert(new DriftStore(database.dataSource()), settings)),
                settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()))
                .startWhen(progress::everyPullPolled);
    }

    /** The thresholds of a rule for a persona, in words; says so when the rule is no longer configured. */
    static String thresholds(RuleSet rules, String ruleId, String personaId) {
        var config = rules.config();
        return config.registry().find(ruleId).map(rule -> config.settings(rule, personaId).thresholdsText())
                .orElse("rule " + ruleId + " is no longer in the registry");
    }

    /**
     * The Zendesk client, or null when Zendesk is not configured (its routes then do not start). One
     * client for all Zendesk routes: they share the account's limit on incremental exports.
     */
    private ZendeskClient zendeskClient() {
        JourneyConfig.Zendesk zd = config.zendesk();
        if (!zd.enabled()) {
            LOG.info("Zendesk: not configured (ZENDESK_SUBDOMAIN is empty), its routes stay stopped");
            return null;
        }
        ZendeskClientSettings.Builder settings = ZendeskClientSettings.builder()
                .connectTimeout(zd.connectTimeout()).readTimeout(zd.readTimeout())
                .incrementalRequestsPerMinute(zd.requestsPerMinute()).maxAttempts(zd.maxAttempts());
        if (sandbox != null) {
            var account = sandbox.zendesk().account();
            settings.subdomain(account.subdomain()).email(account.agentEmail()).apiToken(account.apiToken())
                    .baseUrlOverride(sandbox.zendeskUrl());
        } else {
            settings.subdomain(blankToNull(zd.subdomain())).email(blankToNull(zd.email()))
                    .apiToken(blankToNull(zd.apiToken())).oauthToken(blankToNull(zd.oauthToken()))
                    .baseUrlOverride(zd.baseUrl()).allowNonLoopbackOverride(zd.allowNonLoopbackBaseUrl());
        }
        ZendeskClient client = new OkHttpZendeskClient(settings.build().requireValid());
        toClose.add(0, client);
        return client;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The Mailchimp client, or null when Mailchimp is not configured (its routes then do not start). */
    private MailchimpClient mailchimpClient() {
        JourneyConfig.Mailchimp mc = config.mailchimp();
        if (!mc.enabled()) {
            LOG.info("Mailchimp: not configured (MAILCHIMP_API_KEY is empty), its routes stay stopped");
            return null;
        }
        String key = sandbox != null ? sandbox.mailchimp().apiKey() : mc.apiKey();
        URI baseUrl = sandbox != null ? sandbox.mailchimpUrl() : mc.baseUrl();
        MailchimpClient client = new OkHttpMailchimpClient(new MailchimpClientSettings(key, baseUrl,
                mc.allowNonLoopbackBaseUrl(), mc.maxConnections(), mc.connectTimeout(), mc.readTimeout(), null, null));
        toClose.add(0, client);
        return client;
    }

    private static String usage(ApiUsage usage) {
        return usage.known() ? usage.used() + " of " + usage.limit() + " requests today" : null;
    }

    private String mode() {
        return config.sandboxMode() ? "sandbox mode" : "live mode";
    }

    private SalesforceClientSettings clientSettings(JourneyConfig.Salesforce sf) {
        if (sandbox != null) {
            return new SalesforceClientSettings(AuthFlow.CLIENT_CREDENTIALS, sandbox.salesforceUrl(),
                    sandbox.salesforceClientId(), sandbox.salesforceClientSecret(), null, null, null, null,
                    sf.apiVersion(), sf.connectTimeout(), sf.readTimeout(), sf.queryBatchSize(), false);
        }
        AuthFlow flow = switch (sf.flow()) {
            case JWT -> AuthFlow.JWT_BEARER;
            case CLIENT_CREDENTIALS -> AuthFlow.CLIENT_CREDENTIALS;
            case SOAP_PASSWORD -> AuthFlow.SOAP_PASSWORD;
        };
        return new SalesforceClientSettings(flow, sf.loginUrl(), sf.clientId(), sf.clientSecret(), sf.username(),
                sf.jwtKeyFile(), sf.password(), sf.securityToken(), sf.apiVersion(), sf.connectTimeout(),
                sf.readTimeout(), sf.queryBatchSize(), sf.allowNonSalesforceHosts());
    }

    private static void checkRoutesStarted(CamelContext context) {
        List<String> stopped = context.getRoutes().stream()
                .filter(r -> context.getRouteController().getRouteStatus(r.getRouteId()) != ServiceStatus.Started)
                .filter(r -> r.isAutoStartup())
                .map(r -> r.getRouteId()).toList();
        if (!stopped.isEmpty()) {
            throw new IllegalStateException("routes did not start: " + String.join(", ", stopped));
        }
    }

    private void closeSandbox() {
        if (config.sandbox().dumpFile() != null) {
            sandbox.dump(config.sandbox().dumpFile());
            LOG.info("Sandbox state written to {}", config.sandbox().dumpFile());
        }
        sandbox.close();
    }

    /** Stops the routes, then the client, the sandbox and the store, in that order. */
    @Override
    public void close() {
        if (runLog != null && writeBack != null && salesforce != null) {
            try {
                runLog.finished(runId, summary().toMap());
            } catch (RuntimeException e) {
                LOG.warn("could not record the run's summary: {}", e.getMessage());
            }
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("while shutting down: {}", e.getMessage());
            }
        }
        toClose.clear();
    }
}
