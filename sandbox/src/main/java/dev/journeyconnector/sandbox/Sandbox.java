package dev.journeyconnector.sandbox;

import dev.journeyconnector.sandbox.salesforce.SalesforceSimulator;
import dev.journeyconnector.sandbox.world.World;
import dev.journeyconnector.sandbox.world.WorldLoader;
import dev.journeyconnector.sandbox.zendesk.ZendeskSimulator;
import dev.journeyconnector.sandbox.zendesk.ZendeskWorldLoader;

import java.net.URI;
import java.nio.file.Path;

/**
 * The local vendor simulators the connector runs against, loaded from one world: the Salesforce
 * and Zendesk simulators; each further vendor simulator is started and closed here the same way.
 */
public final class Sandbox implements AutoCloseable {
    /** The classpath folder of the demo world used when {@link SandboxOptions#worldDir()} is null. */
    public static final String DEMO_WORLD = "worlds/demo";

    private final SalesforceSimulator salesforce;
    private ZendeskSimulator zendesk;

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
            sandbox.zendesk = startZendesk(options);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    // ---- Zendesk ----

    /** The Zendesk simulator on a free port, from the same world's {@code zendesk/} files (empty help desk without them). */
    private static ZendeskSimulator startZendesk(SandboxOptions options) {
        return ZendeskSimulator.builder(options.worldDir() == null
                        ? ZendeskWorldLoader.fromClasspath(DEMO_WORLD)
                        : ZendeskWorldLoader.fromDirectory(options.worldDir()))
                .dataDir(options.dataDir())
                .reset(options.reset())
                .start();
    }

    /** e.g. {@code http://127.0.0.1:54322}; the Zendesk API is under {@code /api/v2/}. */
    public URI zendeskUrl() {
        return zendesk.url();
    }

    /** Controls, counters, credentials and data of the Zendesk simulator. */
    public ZendeskSimulator zendesk() {
        return zendesk;
    }

    // ---- all simulators ----

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

    /**
     * Writes the final state of every simulator as JSON: Salesforce to {@code file}, Zendesk next to it
     * ({@code dump.json} → {@code dump.zendesk.json}).
     */
    public void dump(Path file) {
        salesforce.dump(file);
        if (zendesk != null) {
            zendesk.dump(sibling(file, "zendesk"));
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
            if (zendesk != null) {
                zendesk.close();
            }
        }
    }
}
