package dev.journeyconnector.sandbox;

import dev.journeyconnector.sandbox.mailchimp.MailchimpSimulator;
import dev.journeyconnector.sandbox.mailchimp.MailchimpWorld;
import dev.journeyconnector.sandbox.salesforce.SalesforceSimulator;
import dev.journeyconnector.sandbox.world.World;
import dev.journeyconnector.sandbox.world.WorldLoader;
import dev.journeyconnector.sandbox.zendesk.ZendeskSimulator;
import dev.journeyconnector.sandbox.zendesk.ZendeskWorldLoader;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local vendor simulators the connector runs against, loaded from one world: Salesforce, Zendesk
 * and Mailchimp, each on its own port of 127.0.0.1, each keeping its state under the data dir.
 */
public final class Sandbox implements AutoCloseable {
    /** The classpath folder of the demo world used when {@link SandboxOptions#worldDir()} is null. */
    public static final String DEMO_WORLD = "worlds/demo";

    private final SalesforceSimulator salesforce;
    private ZendeskSimulator zendesk;
    private MailchimpSimulator mailchimp;

    private Sandbox(SalesforceSimulator salesforce) {
        this.salesforce = salesforce;
    }

    /**
     * Loads the world (all problems reported at once), deploys the Salesforce metadata the options name, and starts
     * every simulator on 127.0.0.1.
     */
    public static Sandbox start(SandboxOptions options) {
        World world = options.worldDir() == null
                ? WorldLoader.fromClasspath(DEMO_WORLD)
                : WorldLoader.fromDirectory(options.worldDir());
        SalesforceSimulator.Builder salesforceBuilder = SalesforceSimulator.builder(world)
                .dataDir(options.dataDir())
                .reset(options.reset())
                .port(options.port());
        if (options.deployMetadataDir() != null) {
            salesforceBuilder.deployMetadata(options.deployMetadataDir());
        }
        SalesforceSimulator salesforce = salesforceBuilder.start();
        Sandbox sandbox = new Sandbox(salesforce);
        try {
            sandbox.zendesk = startZendesk(options);
            sandbox.mailchimp = startMailchimp(options);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    /** The Zendesk simulator on a free port, from the world's {@code zendesk/} files (an empty help desk without them). */
    private static ZendeskSimulator startZendesk(SandboxOptions options) {
        return ZendeskSimulator.builder(options.worldDir() == null
                        ? ZendeskWorldLoader.fromClasspath(DEMO_WORLD)
                        : ZendeskWorldLoader.fromDirectory(options.worldDir()))
                .dataDir(options.dataDir())
                .reset(options.reset())
                .start();
    }

    /** The Mailchimp simulator on a free port, from the world's {@code mailchimp/} files (an empty account without them). */
    private static MailchimpSimulator startMailchimp(SandboxOptions options) {
        MailchimpWorld world = options.worldDir() == null
                ? MailchimpWorld.fromClasspath(DEMO_WORLD)
                : MailchimpWorld.fromDirectory(options.worldDir());
        return MailchimpSimulator.builder(world).dataDir(options.dataDir()).reset(options.reset()).port(0).start();
    }

    /** e.g. {@code http://127.0.0.1:54321}; the token endpoint and SOAP API are under it. */
    public URI salesforceUrl() {
        return salesforce.url();
    }

    /** Controls and counters of the Salesforce simulator. */
    public SalesforceSimulator salesforce() {
        return salesforce;
    }

    /**
     * The world's Salesforce My Domain host, e.g. {@code meridiangroup.my.salesforce.com}: what links to record
     * pages use, as they would for a real org; empty when the world names none.
     */
    public Optional<String> salesforceMyDomain() {
        return salesforce.myDomain();
    }

    /** The client id of the world's connected app. */
    public String salesforceClientId() {
        return salesforce.clientId();
    }

    /** The client secret of the world's connected app (a sandbox secret, not a real credential). */
    public String salesforceClientSecret() {
        return salesforce.clientSecret();
    }

    /** e.g. {@code http://127.0.0.1:54322}; the Zendesk API is under {@code /api/v2/}. */
    public URI zendeskUrl() {
        return zendesk.url();
    }

    /** Controls, counters, credentials and data of the Zendesk simulator. */
    public ZendeskSimulator zendesk() {
        return zendesk;
    }

    /** e.g. {@code http://127.0.0.1:54323}; the Marketing API is under {@code /3.0}. */
    public URI mailchimpUrl() {
        return mailchimp.url();
    }

    /** Controls, counters and data of the Mailchimp simulator. */
    public MailchimpSimulator mailchimp() {
        return mailchimp;
    }

    /**
     * Writes the final state of every simulator as JSON: Salesforce to {@code file}, the others beside it
     * ({@code dump.json} → {@code dump.zendesk.json}, {@code dump.mailchimp.json}).
     */
    public void dump(Path file) {
        salesforce.dump(file);
        if (zendesk != null) {
            zendesk.dump(sibling(file, "zendesk"));
        }
        if (mailchimp != null) {
            mailchimp.dump(sibling(file, "mailchimp"));
        }
    }

    private static Path sibling(Path file, String vendor) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String sibling = dot > 0 ? name.substring(0, dot) + "." + vendor + name.substring(dot) : name + "." + vendor;
        return file.resolveSibling(sibling);
    }

    /** Persists state (when a data dir is set) and stops the simulators. */
    @Override
    public void close() {
        try {
            salesforce.close();
        } finally {
            try {
                if (zendesk != null) {
                    zendesk.close();
                }
            } finally {
                if (mailchimp != null) {
                    mailchimp.close();
                }
            }
        }
    }
}
