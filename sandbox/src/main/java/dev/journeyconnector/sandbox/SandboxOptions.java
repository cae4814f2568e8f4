package dev.journeyconnector.sandbox;

import java.nio.file.Path;

/**
 * How to start the sandbox.
 *
 * @param worldDir          the world directory; null = the demo world on the classpath ({@code worlds/demo})
 * @param dataDir           where vendor state persists between runs; null = in memory only
 * @param reset             ignore saved state and start over from the world files
 * @param port              the Salesforce simulator's port; 0 = a free port
 * @param deployMetadataDir SFDX source ({@code force-app/main/default}) deployed into the Salesforce org on top of
 *                          the world's schema, as an admin deploys the connector's metadata; null = none (the org
 *                          has the world's schema only, the "Task-only" write-back mode)
 */
public record SandboxOptions(Path worldDir, Path dataDir, boolean reset, int port, Path deployMetadataDir) {

    /** Without deployed metadata. */
    public SandboxOptions(Path worldDir, Path dataDir, boolean reset, int port) {
        this(worldDir, dataDir, reset, port, null);
    }
}
