package dev.journeyconnector.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    @Test
    void readsCommandOnceAndSettingFlagsInBothForms() {
        CommandLine cli = CommandLine.parse("run", "--once", "--journey-log-level=DEBUG", "--sandbox-data", "worlds/x",
                "--sandbox-reset");

        assertThat(cli.command()).isEqualTo("run");
        assertThat(cli.once()).isTrue();
        assertThat(cli.settingFlags()).containsEntry("JOURNEY_LOG_LEVEL", "DEBUG")
                .containsEntry("SANDBOX_WORLD_DIR", "worlds/x")
                .containsEntry("SANDBOX_RESET", "true");
        assertThat(cli.problems()).isEmpty();
    }

    @Test
    void aValueFlagWithoutValueAndAStrayArgumentAreProblems() {
        CommandLine cli = CommandLine.parse("--sandbox-dump", "--once", "extra");

        assertThat(cli.problems()).containsExactly(
                "flag --sandbox-dump needs a value (SANDBOX_DUMP_FILE)",
                "unexpected argument 'extra' (commands: run, config, help)");
    }
}
