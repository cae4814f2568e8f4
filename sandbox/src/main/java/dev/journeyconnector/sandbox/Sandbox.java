package dev.journeyconnector.sandbox;

import dev.journeyconnector.sandbox.mailchimp.MailchimpSimulator;
import dev.journeyconnector.sandbox.mailchimp.MailchimpWorld;
import dev.journeyconnector.sandbox.salesforce.SalesforceSimulator;
import dev.journeyconnector.sandbox.world.World;
import dev.journeyconnector.sandbox.world.WorldLoader;

import java.net.URI;
import java.nio.file.Path;

/**
 * The local vendor simulators the connector runs against, loaded from one world. Today it runs the
 * Salesforce simulator; each further vendor simulator is started and closed here the same way.
 */
public final class Sandbox implements AutoCloseable {
    /** The classpath folder of the demo world used when {@link SandboxOptions#worldDir()} is null. */
    public static final String DEMO_WORLD = "worlds/demo";

    private final SalesforceSimulator salesforce;
    private MailchimpSimulator mailchimp;

    private Sandbox(SalesforceSimulator salesforce) {
        this.salesforce = salesforce;
    }

    /** Loads the world (all problems reported at once) and starts the Salesforce simulator on 127.0.0.1. */
    public static Sandbox start(SandboxOptions options) {
        World world = options.worldDir() == null
                ? WorldLoader.fromClasspath(DEMO_WORLD)
                : WorldLoader.fromDirectory(options.worldDir());
        SalesforceSimulator salesforce = SalesforceSimulator.builder(world)
                .dataDir(options.dataDir() == null ? null : options.dataDir())
                .reset(options.reset())
                .port(options.port())
                .start();
        Sandbox sandbox = new Sandbox(salesforce);
        try {
            sandbox.startMailchimp(options);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    // ---- Mailchimp: world files under mailchimp/, state under <dataDir>/mailchimp/, its own free port ----

    private void startMailchimp(SandboxOptions options) {
        MailchimpWorld world = options.worldDir() == null
                ? MailchimpWorld.fromClasspath(DEMO_WORLD)
                : MailchimpWorld.fromDirectory(options.worldDir());
        mailchimp = MailchimpSimulator.builder(world).dataDir(options.dataDir()).reset(options.reset()).port(0).start();
    }

    /** e.g. {@code http://127.0.0.1:54322}; the Marketing API is under {@code /3.0}. */
    public URI mailchimpUrl() {
        return mailchimp.url();
    }

    /** Controls, counters and data of the Mailchimp simulator. */
    public MailchimpSimulator mailchimp() {
        return mailchimp;
    }

    /** {@code out/dump.json} → {@code out/dump.mailchimp.json}. */
    private static Path siblingDump(Path file, String vendor) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String sibling = dot < 0 ? name + "." + vendor : name.substring(0, dot) + "." + vendor + name.substring(dot);
        return file.resolveSibling(sibling);
    }

    /** e.g. {@code http://127.0.0.1:54321}; the token endpoint and SOAP API are under it. */
    public URI salesforceUrl() {
        return salesforce.url();
    }

    /** Controls and counters of the Salesforce simulator. */
    public SalesforceSimulator salesforce() {
        return salesforce;
    }

    /** The client id of the world's connected app. */
    public String salesforceClientId() {
        return salesforce.clientId();
    }

    /** The client secret of the world's connected app (a sandbox secret, not a real credential). */
    public String salesforceClientSecret() {
        return salesforce.clientSecret();
    }

    /** Writes the final state of every simulator as JSON: Salesforce to {@code file}, Mailchimp beside it. */
    public void dump(Path file) {
        salesforce.dump(file);
        if (mailchimp != null) {
            mailchimp.dump(siblingDump(file, "mailchimp"));
        }
    }

    /** Persists state (when a data dir is set) and stops the simulators. */
    @Override
    public void close() {
        try {
            if (mailchimp != null) {
                mailchimp.close();
            }
        } finally {
            salesforce.close();
        }
    }
}
