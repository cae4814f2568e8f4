package dev.journeyconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyconnector.app.JourneyConfig;
import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.WritebackLedger;
import org.junit.jupiter.api.AfterEach;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.journeyconnector.it.OrgDump.FINDING_MARKER;
import static dev.journeyconnector.it.OrgDump.SUMMARY_MARKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-back's crash window: the connector is killed (SIGKILL) after Salesforce saved the Tasks of a create call
 * but before the answer with their ids reached it. The ledger then holds them as in flight with no id; the next
 * {@code --once} finds them again by their marker lines instead of creating them a second time.
 */
class WriteBackKillIT {
    private static final Path JAR = Path.of("target", "journey-connector.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final java.util.List<Process> started = new java.util.ArrayList<>();

    /** A failed test must not leave a connector (and its embedded PostgreSQL) running. */
    @AfterEach
    void stopWhatWasStarted() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aConnectorKilledBetweenSalesforceSavingItsTasksAndStoringTheirIdsFindsThemAgainAndWritesEachOnce()
            throws Exception {
        Path data = dir.resolve("data");
        Path firstLog = dir.resolve("first.log");
        int port = freePort();
        Process first = start(data, port, firstLog, "--once");
        awaitLine(firstLog, "Sandbox: Salesforce simulator on", Duration.ofSeconds(60));
        // The answer to every create() waits a minute after Salesforce processed the call: the window to kill in.
        control(port, "{\"latencyMillis\": 60000, \"latencyOperations\": [\"create\"]}");

        await("a create() call reached Salesforce", Duration.ofSeconds(180),
                () -> counter(port, "create") > 0 || !first.isAlive());
        assertThat(first.isAlive()).as(Files.readString(firstLog)).isTrue();
        Path state = data.resolve("sandbox").resolve("salesforce").resolve("state.json");
        await("the org saved the connector's Tasks", Duration.ofSeconds(30),
                () -> Files.exists(state) && !OrgDump.read(state).connectorTasks().isEmpty());
        first.destroyForcibly(); // SIGKILL: the ids Salesforce assigned are never stored
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(firstLog)).doesNotContain("Written back to Salesforce")
                .doesNotContainPattern("Write-back: \\d+ created");
        int inOrg = OrgDump.read(state).connectorTasks().size();
        assertThat(ledgerStates(data)).as("ledger after the kill").containsOnlyKeys("SENDING")
                .containsEntry("SENDING", (long) inOrg);

        Path dump = dir.resolve("after-restart.json");
        Path secondLog = dir.resolve("second.log");
        Process second = start(data, 0, secondLog, "--once", "--sandbox-dump", dump.toString());
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(secondLog);
        assertThat(second.exitValue()).as(log).isZero();

        Matcher summary = Pattern.compile("created (\\d+), updated (\\d+), unchanged (\\d+), dead-lettered 0, to retry 0,"
                + " deferred 0, reconciled (\\d+)").matcher(log);
        assertThat(summary.find()).as(log).isTrue();
        assertThat(Long.parseLong(summary.group(4))).as("reconciled").isEqualTo(inOrg);
        assertThat(Long.parseLong(summary.group(1))).as("created").isZero();
        OrgDump org = OrgDump.read(dump);
        Map<String, JsonNode> findingTasks = org.oneTaskByMarker(FINDING_MARKER);
        Map<String, JsonNode> summaryTasks = org.oneTaskByMarker(SUMMARY_MARKER);
        assertThat(findingTasks).isNotEmpty();
        assertThat(summaryTasks).hasSize(org.records("Contact").size());
        assertThat(org.connectorTasks()).hasSize(inOrg).hasSize(findingTasks.size() + summaryTasks.size());
        assertThat(ledgerStates(data)).containsOnlyKeys("WRITTEN").containsEntry("WRITTEN", (long) inOrg);
    }

    private Process start(Path dataDir, int sandboxPort, Path log, String... args) throws IOException {
        Files.createDirectories(dataDir);
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("SALESFORCE_") || k.startsWith("JOURNEY_")
                || k.startsWith("ZENDESK_") || k.startsWith("MAILCHIMP_") || k.startsWith("SANDBOX_"));
        pb.environment().put("JOURNEY_DATA_DIR", dataDir.toString());
        pb.environment().put("JOURNEY_ROUTES_DIR", Cli.ROUTES.toAbsolutePath().toString());
        pb.environment().put("JOURNEY_MAPPINGS_DIR", Cli.MAPPINGS.toAbsolutePath().toString());
        pb.environment().put("SANDBOX_PORT", String.valueOf(sandboxPort));
        pb.directory(dataDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Ledger rows by state, summed over kinds, read while no connector runs. */
    private static Map<String, Long> ledgerStates(Path dataDir) throws Exception {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Database db = Database.open(new JourneyConfig.Database("", "", "", 2), dataDir)) {
            new WritebackLedger(db.dataSource()).counts().values()
                    .forEach(byState -> byState.forEach((s, n) -> out.merge(s.name(), n, Long::sum)));
        }
        return out;
    }

    private static void control(int port, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/__sandbox/salesforce/controls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
    }

    /** Calls of one SOAP operation the child's simulator has answered or is answering. */
    private static long counter(int port, String operation) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/__sandbox/salesforce/counters")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path("counters").path(operation).asLong();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void awaitLine(Path log, String text, Duration timeout) throws Exception {
        await("'" + text + "' in " + log, timeout, () -> {
            try {
                return Files.exists(log) && Files.readString(log).contains(text);
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
