package dev.journeyconnector.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.journeyconnector.app.JourneyConnector;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the connector's command line in this JVM, as a user would, and keeps what it printed. */
record Cli(int exit, String out, String err) {

    static final Path ROUTES = Path.of("..", "routes");
    static final Path MAPPINGS = Path.of("..", "mappings");

    /** The "Pulled" table of the run summary: "source object" → {fetched, new or changed}. */
    java.util.Map<String, long[]> pulled() {
        java.util.Map<String, long[]> rows = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^  ((?:salesforce|zendesk|mailchimp) \\S+)\\s+(\\d+)\\s+(\\d+)").matcher(out);
        while (m.find()) {
            rows.put(m.group(1), new long[]{Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return rows;
    }

    /** {fetched, new or changed} summed over one source's objects. */
    long[] pulledFrom(String source) {
        long[] sum = new long[2];
        pulled().forEach((k, v) -> {
            if (k.startsWith(source + " ")) {
                sum[0] += v[0];
                sum[1] += v[1];
            }
        });
        return sum;
    }

    /** New or changed records over all sources. */
    long storedTotal() {
        return pulled().values().stream().mapToLong(v -> v[1]).sum();
    }

    static Cli run(Path dataDir, String... args) {
        return run(Map.of(), dataDir, args);
    }

    static Cli run(Map<String, String> env, Path dataDir, String... args) {
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("JOURNEY_DATA_DIR", dataDir.toString());
        environment.putIfAbsent("JOURNEY_ROUTES_DIR", ROUTES.toString());
        environment.putIfAbsent("JOURNEY_MAPPINGS_DIR", MAPPINGS.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // The connector logs to stderr through logback; keep those lines with what it printed there.
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        int exit;
        try {
            exit = JourneyConnector.execute(args, environment, dataDir.resolve("no.env"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            root.detachAppender(logs);
        }
        StringBuilder stderr = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            stderr.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ")
                    .append(e.getFormattedMessage()).append('\n');
        }
        stderr.append(err.toString(StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), stderr.toString());
    }
}
