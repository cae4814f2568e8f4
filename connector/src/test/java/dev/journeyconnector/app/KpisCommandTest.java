package dev.journeyconnector.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KpisCommandTest {
    @TempDir
    Path dir;

    @Test
    void kpisTakesItsPeriodPersonaAndJsonOptions() {
        CommandLine cli = CommandLine.parse("kpis", "--from", "2026-01-01", "--to=2027-01-01", "--persona",
                "retail-shopper", "--json");
        assertThat(cli.command()).isEqualTo("kpis");
        assertThat(cli.options()).containsEntry("from", "2026-01-01").containsEntry("to", "2027-01-01")
                .containsEntry("persona", "retail-shopper").containsEntry("json", "true");
        assertThat(cli.problems()).isEmpty();
    }

    @Test
    void aMissingOrBackwardsPeriodIsRefusedWithTheUsageBeforeTheStoreIsOpened() {
        Result missing = run("kpis", "--from", "2026-01-01");
        assertThat(missing.exit).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(missing.err).contains("journey kpis: --to is required").contains(KpisCommand.USAGE);

        Result backwards = run("kpis", "--from", "2026-02-01", "--to", "2026-01-31");
        assertThat(backwards.err).contains("--to 2026-01-31 must be after --from 2026-02-01");
        Result notADate = run("kpis", "--from", "1.1.2026", "--to", "2026-01-31");
        assertThat(notADate.err).contains("--from 1.1.2026 is not a date like 2026-07-01");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void anUnknownPersonaIsRefusedNamingTheKnownOnes() {
        Result r = run("kpis", "--from", "2026-01-01", "--to", "2026-02-01", "--persona", "astronaut");
        assertThat(r.exit).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(r.err).contains("--persona astronaut is not a persona of")
                .contains("known: leisure-traveller, small-business-banking-client, retail-shopper, unclassified");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void kpisHasItsOwnHelpPage() {
        Result r = run("help", "kpis");
        assertThat(r.exit).isZero();
        assertThat(r.out).startsWith(KpisCommand.USAGE).contains("docs/kpis.md");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("JOURNEY_MAPPINGS_DIR", Path.of("..", "mappings").toString());
        env.put("JOURNEY_ROUTES_DIR", Path.of("..", "routes").toString());
        env.put("JOURNEY_DATA_DIR", dir.resolve("data").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JourneyConnector.execute(args, env, dir.resolve("no.env"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
