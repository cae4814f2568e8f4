package dev.journeyconnector.sandbox;

import java.nio.file.Path;

/**
 * How to start the sandbox.
 *
 * @param worldDir the world directory; null = the demo world on the classpath ({@code worlds/demo})
 * @param dataDir  where vendor state persists between runs; null = in memory only
 * @param reset    ignore saved state and start over from the world files
 * @param port     the Salesforce simulator's port; 0 = a free port
 */
public record SandboxOptions(Path worldDir, Path dataDir, boolean reset, int port) {
}
