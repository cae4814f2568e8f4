package dev.journeyconnector.it;

import dev.journeyconnector.testing.MappingFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A connector asked to start on broken mapping files refuses, with every problem in one message, before it
 * opens the store, starts the sandbox or calls any vendor.
 */
class MappingErrorIT {

    @TempDir
    Path dir;

    @Test
    void aOnceRunOnBrokenMappingsExits2WithEveryProblemAndStartsNothing() throws Exception {
        Path mappings = brokenMappings();
        Path data = dir.resolve("data");

        Cli run = Cli.run(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()), data, "--once");

        assertThat(run.exit()).isEqualTo(2);
        assertEveryProblemInOneMessage(run.err());
        assertNothingStarted(run, data);
    }

    @Test
    void aContinuousRunOnBrokenMappingsExits2InsteadOfPolling() throws Exception {
        Path mappings = brokenMappings();
        Path data = dir.resolve("data");

        // Without --once a started connector would poll until stopped: the timeout is what catches that.
        Cli run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Cli.run(Map.of("JOURNEY_MAPPINGS_DIR", mappings.toString()), data));

        assertThat(run.exit()).isEqualTo(2);
        assertEveryProblemInOneMessage(run.err());
        assertNothingStarted(run, data);
    }

    /** Three mistakes in two files. */
    private Path brokenMappings() throws Exception {
        Path mappings = MappingFolders.small(dir.resolve("mappings"));
        Files.writeString(mappings.resolve("personas.yaml"), "personas: []\n");
        MappingFolders.replaceCaseLine(mappings, MappingFolders.STAGE_LINE, "    stage: servicing\n");
        return mappings;
    }

    private static void assertEveryProblemInOneMessage(String err) {
        assertThat(err).containsPattern("journey-connector could not start: the mapping files in .*mappings \\(checked against the routes in .*routes\\) have 3 problems:\\R"
                + "  - .*personas\\.yaml:1 personas: .*\\R"
                + "  - .*personas\\.yaml:1 default: .*\\R"
                + "  - .*salesforce-case\\.yaml:\\d+ rules\\[0]\\.stage: unknown stage 'servicing'.*\\R"
                + "Nothing was started\\.");
    }

    private static void assertNothingStarted(Cli run, Path data) {
        assertThat(run.out()).as("no run summary").isEmpty();
        assertThat(run.err()).doesNotContain("Store:").doesNotContain("Sandbox:").doesNotContain("Stored ")
                .doesNotContain("Journey summaries");
        assertThat(data.resolve("postgres")).as("the store was not opened").doesNotExist();
        assertThat(data.resolve("sandbox")).as("the sandbox, and so every vendor, was not started").doesNotExist();
    }
}
