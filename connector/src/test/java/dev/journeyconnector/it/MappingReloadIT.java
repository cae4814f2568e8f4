package dev.journeyconnector.it;

import dev.journeyconnector.testing.MappingFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running connector and an ops admin editing its mapping files: a broken edit is reported once, with every
 * problem, while the connector keeps polling on the mappings it has; the corrected edit is applied without a
 * restart. Runs the packaged jar in a child JVM, as ContinuousModeIT does.
 */
class MappingReloadIT {
    private static final Path JAR = Path.of("target", "journey-connector.jar");
    private static final String REJECTED = "changed but are not valid; the mappings in force stay";
    /** Logged by every write-back cycle: the connector is still polling and writing back. */
    private static final String SUMMARIES = "Write-back plan: ";

    @TempDir
    Path dir;

    @Test
    void aBrokenEditIsReportedOnceWhileTheConnectorKeepsPollingThenTheFixIsAppliedWithoutARestart() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path mappings = MappingFolders.small(dir.resolve("mappings"));
        Path cases = mappings.resolve(MappingFolders.CASES);
        String goodCases = Files.readString(cases);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("SALESFORCE_") || k.startsWith("JOURNEY_"));
        pb.environment().put("JOURNEY_DATA_DIR", data.toString());
        pb.environment().put("JOURNEY_ROUTES_DIR", Cli.ROUTES.toAbsolutePath().toString());
        pb.environment().put("JOURNEY_MAPPINGS_DIR", mappings.toString());
        pb.environment().put("JOURNEY_MAPPINGS_CHECK_INTERVAL", "1s");
        pb.environment().put("JOURNEY_POLL_INTERVAL", "1s");
        pb.environment().put("JOURNEY_WRITEBACK_INTERVAL", "1s");
        pb.directory(data.toFile());
        // A file, not a pipe: the JDK closes a child's pipe when the child exits, losing its last lines.
        Path log = dir.resolve("connector.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        try {
            awaitLines(log, "Mappings: checking " + mappings + " for changed files every 1s", 1, Duration.ofSeconds(90));
            awaitLines(log, SUMMARIES, 1, Duration.ofSeconds(90));

            // The admin saves the Case mapping with two mistakes.
            save(cases, goodCases.replace(MappingFolders.STAGE_LINE, "    stage: servicing\n")
                    .replace(MappingFolders.DEPARTMENT_LINE, "    department: suport\n"));

            awaitLines(log, REJECTED, 1, Duration.ofSeconds(30));
            int summariesAtBreak = count(log, SUMMARIES);
            // Several check intervals later: still running, writing back, and the problems not repeated.
            awaitLines(log, SUMMARIES, summariesAtBreak + 3, Duration.ofSeconds(60));
            assertThat(process.isAlive()).isTrue();
            assertThat(count(log, REJECTED)).as("the same broken files are reported once").isEqualTo(1);
            List<String> lines = Files.readAllLines(log);
            int at = indexOf(lines, REJECTED);
            assertThat(lines.get(at)).contains("WARN").contains("2 problems:");
            assertThat(lines.subList(at + 1, at + 3)).satisfiesExactly(
                    l -> assertThat(l).matches("  - .*salesforce-case\\.yaml:\\d+ rules\\[0]\\.stage: unknown stage 'servicing'.*"),
                    l -> assertThat(l).matches("  - .*salesforce-case\\.yaml:\\d+ rules\\[0]\\.department: unknown department 'suport'.*"));

            // The admin fixes both, and changes a title while at it.
            save(cases, goodCases.replace(MappingFolders.TITLE_LINE, "    title: \"Case {CaseNumber}: {Subject}\"\n"));

            awaitLines(log, "Mappings reloaded: ", 1, Duration.ofSeconds(30));
            assertThat(lines(log).filter(l -> l.contains("Mappings reloaded: ")).findFirst().orElseThrow())
                    .containsPattern("INFO .*Mappings reloaded: \\d+ files, fingerprint [0-9a-f]{12}");
            int summariesAtFix = count(log, SUMMARIES);
            awaitLines(log, SUMMARIES, summariesAtFix + 1, Duration.ofSeconds(30));

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM's own exit status for a signal
        assertThat(count(log, REJECTED)).isEqualTo(1);
        assertThat(count(log, "Mappings reloaded: ")).isEqualTo(1);
        assertThat(Files.readAllLines(log)).noneMatch(l -> l.contains("ERROR") || l.contains("Exception"));
    }

    /**
     * Replaces a file in one step, as editors that save through a temporary file do, so the connector's check
     * never sees it half-written (which it would rightly report as one more broken version).
     */
    private void save(Path file, String content) throws Exception {
        Path temp = Files.writeString(dir.resolve(file.getFileName() + ".saving"), content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line containing '" + text + "'");
    }

    private static Stream<String> lines(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream() : Stream.empty();
    }

    private static int count(Path log, String text) throws Exception {
        return (int) lines(log).filter(l -> l.contains(text)).count();
    }

    private static void awaitLines(Path log, String text, int atLeast, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (count(log, text) < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(atLeast + " lines containing '" + text + "' not seen within " + timeout
                        + "; output:\n" + (Files.exists(log) ? Files.readString(log) : "(none)"));
            }
            Thread.sleep(100);
        }
    }
}
