package dev.journeyconnector.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code journey bench writeback} as an ops admin runs it, small: a synthetic store of a few hundred customers, the
 * first plan against an empty ledger and the steady-state plan once everything is written.
 */
class WritebackBenchmarkTest {
    /** One row of the table: plan, customers, findings, contexts, planned writes, calls, seconds, heap peak MB. */
    private static final Pattern ROW = Pattern.compile("^  (first \\(empty ledger\\)|steady \\(all written\\))\\s+"
            + "([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d.]+)\\s+([\\d,]+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    @Test
    void theFirstPlanCreatesEveryRecordAndTheSteadyStatePlansNone() {
        Result r = run("bench", "writeback", "--customers", "200");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Write-back planning benchmark: 200 synthetic customers, Task mode")
                .contains("Machine: ").containsPattern("full insight evaluation\\s+[0-9.]+ s\\s+[\\d,]+ findings stored")
                .containsPattern("customers\\s+findings\\s+contexts\\s+planned writes\\s+calls\\s+seconds\\s+heap peak MB")
                .contains("Steady state: 0 writes, as expected");
        Matcher rows = ROW.matcher(r.out());
        assertThat(rows.find()).as(r.out()).isTrue();
        long[] first = numbers(rows);
        assertThat(rows.find()).as(r.out()).isTrue();
        long[] steady = numbers(rows);

        // customers, findings, contexts, writes, calls
        assertThat(first[0]).isEqualTo(200);
        assertThat(first[1]).as("the evaluation found something to write").isPositive();
        // Every synthetic customer is a Contact: one journey summary Task each.
        assertThat(first[2]).isEqualTo(200);
        assertThat(first[3]).as("summaries and finding Tasks").isGreaterThan(200);
        // Two groups (all Task creates): ceil(writes / 200) calls, or one more where the groups split a call.
        assertThat(first[4]).isBetween((first[3] + 199) / 200, (first[3] + 199) / 200 + 1);
        assertThat(r.out()).contains("first plan: " + String.format("%,d", first[3]) + " of its writes are creates");
        assertThat(steady[0]).isEqualTo(200);
        assertThat(steady[2]).as("the same contexts wanted").isEqualTo(200);
        assertThat(steady[3]).as("planned writes in the steady state").isZero();
        assertThat(steady[4]).as("calls in the steady state").isZero();
        assertThat(r.out()).contains("Steady state: 0 writes, as expected (" + String.format("%,d", first[3])
                + " unchanged records, no call)");
    }

    @Test
    void theWriteBackBenchmarkTakesNoTouchedCustomers() {
        Result r = run("bench", "writeback", "--touched", "5");

        assertThat(r.exit()).isEqualTo(JourneyConnector.BAD_CONFIG);
        assertThat(r.err()).contains("--touched applies to bench insights, not to bench writeback");
    }

    private static long[] numbers(Matcher row) {
        long[] out = new long[5];
        for (int i = 0; i < out.length; i++) {
            out[i] = Long.parseLong(row.group(i + 2).replace(",", ""));
        }
        return out;
    }

    private Result run(String... args) {
        Map<String, String> env = Map.of("JOURNEY_DATA_DIR", dir.toString(),
                "JOURNEY_MAPPINGS_DIR", Path.of("..", "mappings").toString(),
                "JOURNEY_ROUTES_DIR", Path.of("..", "routes").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JourneyConnector.execute(args, env, dir.resolve("no.env"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
