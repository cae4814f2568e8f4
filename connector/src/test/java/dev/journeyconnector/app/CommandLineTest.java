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
                "unexpected argument 'extra' (commands: run, validate, config, drift, findings, insights, backtest, bench,"
                        + " kpis, writeback, help)");
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

    @Test
    void driftIsACommandWithAJsonOptionThatOnlyItAndKpisTake() {
        assertThat(CommandLine.parse("drift", "--json", "--journey-mappings-dir", "m")).satisfies(cli -> {
            assertThat(cli.command()).isEqualTo("drift");
            assertThat(cli.json()).isTrue();
            assertThat(cli.settingFlags()).containsEntry("JOURNEY_MAPPINGS_DIR", "m");
            assertThat(cli.problems()).isEmpty();
        });
        assertThat(CommandLine.parse("drift").json()).isFalse();
        assertThat(CommandLine.parse("help", "drift")).satisfies(cli -> {
            assertThat(cli.command()).isEqualTo("drift");
            assertThat(cli.help()).isTrue();
        });
        assertThat(CommandLine.parse("--once", "--json").problems())
                .containsExactly("--json applies to drift, kpis, writeback status and writeback dead-letters,"
                        + " not to run");
        assertThat(CommandLine.parse("drift", "--once").problems()).containsExactly("--once applies to run, not to drift");
    }

    @Test
    void writebackTakesItsSubjectAndEachSubjectItsOwnOptions() {
        assertThat(CommandLine.parse("writeback", "status", "--json")).satisfies(cli -> {
            assertThat(cli.command()).isEqualTo("writeback");
            assertThat(cli.options()).containsEntry("subject", "status").containsEntry("json", "true");
            assertThat(cli.problems()).isEmpty();
        });
        assertThat(CommandLine.parse("writeback", "dead-letters", "--kind=finding-task").options())
                .containsEntry("subject", "dead-letters").containsEntry("kind", "finding-task");
        assertThat(CommandLine.parse("writeback", "retry", "--all").options()).containsEntry("all", "true");
    }

    @Test
    void retryCollectsEveryKeyGivenInEitherForm() {
        CommandLine cli = CommandLine.parse("writeback", "retry", "--key",
                "slow-first-response|sf:003|zendesk/tickets/17", "--key=journey-map", "--journey-log-level", "DEBUG");

        assertThat(cli.options().get("key").lines())
                .containsExactly("slow-first-response|sf:003|zendesk/tickets/17", "journey-map");
        assertThat(cli.settingFlags()).containsEntry("JOURNEY_LOG_LEVEL", "DEBUG");
        assertThat(cli.problems()).isEmpty();
    }

    @Test
    void writebackWithoutAKnownSubjectOrWithAnotherSubjectsOptionIsAProblem() {
        assertThat(CommandLine.parse("writeback").problems())
                .containsExactly("writeback needs what to do: status, dead-letters, retry (journey writeback status)");
        assertThat(CommandLine.parse("writeback", "resend").problems())
                .containsExactly("writeback has no subject 'resend' (status, dead-letters, retry)");
        assertThat(CommandLine.parse("writeback", "status", "--kind", "drift-alert").problems())
                .containsExactly("--kind applies to writeback dead-letters, not to writeback status");
        assertThat(CommandLine.parse("writeback", "dead-letters", "--all").problems())
                .containsExactly("--all applies to writeback retry, not to writeback dead-letters");
        assertThat(CommandLine.parse("writeback", "retry", "--all", "--json").problems())
                .containsExactly("--json applies to writeback status and dead-letters, not to writeback retry");
        assertThat(CommandLine.parse("writeback", "retry", "journey-map").problems())
                .containsExactly("unexpected argument 'journey-map' (name each dead letter with --key journey-map)");
        assertThat(CommandLine.parse("writeback", "retry", "--key").problems()).containsExactly("--key needs a value");
        assertThat(CommandLine.parse("findings", "--all").problems())
                .containsExactly("unknown flag --all (see --help for the flags there are)");
    }

    @Test
    void writebackHelpIsAskedForPerSubjectEitherWay() {
        for (CommandLine cli : new CommandLine[]{CommandLine.parse("help", "writeback", "retry"),
                CommandLine.parse("writeback", "retry", "--help")}) {
            assertThat(cli.command()).isEqualTo("writeback");
            assertThat(cli.help()).isTrue();
            assertThat(cli.options()).containsEntry("subject", "retry");
            assertThat(cli.problems()).isEmpty();
        }
        assertThat(CommandLine.parse("writeback", "--help").problems()).isEmpty();
    }

    @Test
    void benchMeasuresInsightsOrTheWriteBackAndTouchedBelongsToInsights() {
        assertThat(CommandLine.parse("bench", "writeback", "--customers", "200")).satisfies(cli -> {
            assertThat(cli.command()).isEqualTo("bench");
            assertThat(cli.options()).containsEntry("subject", "writeback").containsEntry("customers", "200");
            assertThat(cli.problems()).isEmpty();
        });
        assertThat(CommandLine.parse("bench", "insights", "--touched", "20").problems()).isEmpty();
        assertThat(CommandLine.parse("bench", "writeback", "--touched", "20").problems())
                .containsExactly("--touched applies to bench insights, not to bench writeback");
        assertThat(CommandLine.parse("bench").problems())
                .containsExactly("bench needs what to measure: insights, writeback (journey bench insights)");
    }
}
