package dev.journeyconnector.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without --once the connector keeps polling on the routes' schedules; SIGTERM stops it cleanly. Runs
 * the packaged jar in a child JVM, as an ops admin would.
 */
class ContinuousModeIT {
    private static final Path JAR = Path.of("target", "journey-connector.jar");

    @TempDir
    Path dataDir;

    @Test
    void pollsAndWritesBackOnSchedulesThenStopsCleanlyOnSigterm() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-jar", JAR.toAbsolutePath().toString());
        pb.environment().put("JOURNEY_DATA_DIR", dataDir.toString());
        pb.environment().put("JOURNEY_ROUTES_DIR", Cli.ROUTES.toAbsolutePath().toString());
        pb.environment().put("JOURNEY_MAPPINGS_DIR", Cli.MAPPINGS.toAbsolutePath().toString());
        pb.environment().put("JOURNEY_POLL_INTERVAL", "1s");
        pb.environment().put("JOURNEY_WRITEBACK_INTERVAL", "2s");
        pb.environment().keySet().removeIf(k -> k.startsWith("SALESFORCE_"));
        pb.directory(dataDir.toFile());
        // A file, not a pipe: the JDK closes a child's pipe when the child exits, losing its last lines.
        Path log = dataDir.resolve("connector.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        try {
            awaitLine(log, Pattern.compile("Write-back: [1-9]\\d* created"), Duration.ofSeconds(90));
            awaitLine(log, Pattern.compile("Write-back plan: 0 to send, [1-9]\\d* unchanged"), Duration.ofSeconds(30));

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        } finally {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM's own exit status for a signal
        assertThat(lines).anyMatch(l -> l.contains("Stopping: finishing in-flight work"));
        assertThat(lines).noneMatch(l -> l.contains("ERROR") || l.contains("Exception"));
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).as("PostgreSQL shut down").doesNotExist();
        assertThat(dataDir.resolve("sandbox").resolve("salesforce").resolve("state.json")).exists();
    }

    private static void awaitLine(Path log, Pattern text, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.exists(log) || Files.readAllLines(log).stream().noneMatch(l -> text.matcher(l).find())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no line containing '" + text + "' within " + timeout + "; output:\n"
                        + (Files.exists(log) ? Files.readString(log) : "(none)"));
            }
            Thread.sleep(100);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
