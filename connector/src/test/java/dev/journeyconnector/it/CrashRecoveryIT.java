package dev.journeyconnector.it;

import dev.journeyconnector.app.JourneyConfig;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.testing.TestWorlds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill the connector with SIGKILL in the middle of a pull, start it again: the store ends up exactly as
 * after an uninterrupted run (nothing lost, nothing twice), and the embedded PostgreSQL the killed
 * connector left running is taken care of.
 */
class CrashRecoveryIT {
    private static final Path JAR = Path.of("target", "journey-connector.jar");

    @TempDir
    Path dir;

    @Test
    void aConnectorKilledMidPullResumesAndStoresExactlyWhatAnUninterruptedRunStores() throws Exception {
        Path world = TestWorlds.withContacts(dir.resolve("world"), 10_000, null);

        Path reference = dir.resolve("reference");
        Process uninterrupted = start(reference, world, 0, reference.resolve("run.log"));
        assertThat(uninterrupted.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(uninterrupted.exitValue()).as(Files.readString(reference.resolve("run.log"))).isZero();

        Path crashed = dir.resolve("crashed");
        int port = freePort();
        Process first = start(crashed, world, port, crashed.resolve("first.log"));
        awaitLine(crashed.resolve("first.log"), "Sandbox: Salesforce simulator on", Duration.ofSeconds(60));
        slowDownSandbox(port);
        // Two of the five 2,000-record pages of Contacts stored, the next one in flight.
        awaitLine(crashed.resolve("first.log"), "Stored salesforce Contact page 2", Duration.ofSeconds(60));
        first.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL is orphaned
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(crashed.resolve("first.log"))).doesNotContain("run finished");
        Set<String> partial = storedRecords(crashed);
        assertThat(partial.size()).as("some but not all Contacts stored before the kill").isBetween(1, 10_010);

        Process second = start(crashed, world, 0, crashed.resolve("second.log"));
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(crashed.resolve("second.log"));
        assertThat(second.exitValue()).as(log).isZero();

        assertThat(storedRecords(crashed)).isEqualTo(storedRecords(reference)).hasSize(10_011);
    }

    private Process start(Path dataDir, Path world, int sandboxPort, Path log) throws IOException {
        Files.createDirectories(dataDir);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "--once", "--sandbox-data", world.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("SALESFORCE_") || k.startsWith("JOURNEY_"));
        pb.environment().put("JOURNEY_DATA_DIR", dataDir.toString());
        pb.environment().put("JOURNEY_ROUTES_DIR", Cli.ROUTES.toAbsolutePath().toString());
        pb.environment().put("JOURNEY_MAPPINGS_DIR", Cli.MAPPINGS.toAbsolutePath().toString());
        pb.environment().put("JOURNEY_WRITEBACK_ENABLED", "false");
        pb.environment().put("SANDBOX_PORT", String.valueOf(sandboxPort));
        pb.directory(dataDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /** Every stored raw record as "object id version", read after the connector has stopped. */
    private static Set<String> storedRecords(Path dataDir) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Database db = Database.open(new JourneyConfig.Database("", "", "", 2), dataDir);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select object_type, record_id, version_time from raw_record")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getTimestamp(3).toInstant());
            }
        }
        return out;
    }

    private static void slowDownSandbox(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/__sandbox/salesforce/controls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"latencyMillis\": 300}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
    }

    private static void awaitLine(Path log, String text, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + text + "' in " + log);
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
