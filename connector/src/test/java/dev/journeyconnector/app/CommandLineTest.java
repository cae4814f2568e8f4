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
                "unexpected argument 'extra' (commands: run, validate, config, findings, insights, backtest, bench, help)");
    }

    @Test
    void validateIsACommandAndItsHelpCanBeAskedForEitherWay() {
        assertThat(CommandLine.parse("validate", "--journey-mappings-dir", "m")).satisfies(cli -> {
            assertThat(cli.command()).isEqualTo("validate");
            assertThat(cli.help()).isFalse();
            assertThat(cli.settingFlags()).containsEntry("JOURNEY_MAPPINGS_DIR", "m");
            assertThat(cli.problems()).isEmpty();
        });
        for (CommandLine cli : new CommandLine[]{CommandLine.parse("validate", "--help"), CommandLine.parse("help", "validate")}) {
            assertThat(cli.command()).isEqualTo("validate");
            assertThat(cli.help()).isTrue();
            assertThat(cli.problems()).isEmpty();
        }
    }

    @Test
    void onceWithACommandOtherThanRunIsAProblem() {
        assertThat(CommandLine.parse("validate", "--once").problems()).containsExactly("--once applies to run, not to validate");
        assertThat(CommandLine.parse("--once").problems()).isEmpty();
    }
}
