package dev.journeyconnector.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.journeyconnector.mapping.MappingException;
import dev.journeyconnector.store.StoreException;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code journey [run] [--once] [--setting-flag value ...]}, {@code journey validate},
 * {@code journey config}, {@code journey drift [--json]}, the insight commands working from the store
 * ({@code findings}, {@code insights}, {@code backtest}, {@code bench insights}, {@code bench writeback}), the
 * write-back's ledger and dead letters ({@code writeback status|dead-letters|retry}), {@code journey help [COMMAND]}.
 * Exit codes: 0 done, 1
 * the run failed (or the store could not be read), 2 the configuration, the command line or a mapping file is
 * wrong (nothing was started).
 */
public final class JourneyConnector {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_CONFIG = 2;

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(JourneyConnector.class);

    private JourneyConnector() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), Path.of(".env"), System.out, System.err));
    }

    /** Runs one command and returns its exit code; never calls System.exit, so tests can call it. */
    public static int execute(String[] args, Map<String, String> env, Path dotEnv, PrintStream out, PrintStream err) {
        CommandLine cli = CommandLine.parse(args);
        if (cli.help()) {
            out.print(Help.text(cli.command(), cli.options().get("subject")));
            return cli.problems().isEmpty() ? OK : BAD_CONFIG;
        }
        SettingsLoader.Loaded loaded = SettingsLoader.load(env, dotEnv, cli);
        if (cli.command().equals("validate")) {
            return MappingCheck.validate(loaded, out, err);
        }
        JourneyConfig config;
        try {
            config = JourneyConfig.from(loaded);
        } catch (ConfigProblems problems) {
            err.println(problems.getMessage());
            err.println("Every setting is described in .env.example; flags are listed by --help.");
            return BAD_CONFIG;
        }
        if (cli.command().equals("config")) {
            out.print(Help.effectiveSettings(loaded));
            return OK;
        }
        setLogLevel(config.logLevel());
        return switch (cli.command()) {
            case "findings" -> InsightCommands.findings(config, cli.options(), out, err);
            case "insights" -> InsightCommands.insights(config, cli.options(), out, err);
            case "backtest" -> InsightCommands.backtest(config, cli.options(), out, err, Clock.systemUTC());
            case "bench" -> "writeback".equals(cli.options().get("subject"))
                    ? WritebackBenchmark.run(config, cli.options(), out, err)
                    : InsightBenchmark.run(config, cli.options(), out, err);
            case "drift" -> DriftCommand.run(config, cli.json(), Clock.systemUTC(), out, err);
            case "kpis" -> KpisCommand.run(config, cli.options(), out, err, java.time.Clock.systemUTC());
            case "writeback" -> WritebackCommand.run(config, cli.options(), out, err, Clock.systemUTC());
            default -> run(config, cli.once(), out, err);
        };
    }

    private static int run(JourneyConfig config, boolean once, PrintStream out, PrintStream err) {
        if (config.sandboxMode()) {
            LOG.info("journey-connector starting in SANDBOX mode: no vendor credentials are set, so it runs against "
                    + "the local Salesforce, Zendesk and Mailchimp simulators{}",
                    config.database().embedded() ? " and an embedded PostgreSQL" : "");
        } else {
            LOG.info("journey-connector starting against Salesforce at {} ({} flow)", config.salesforce().loginUrl(),
                    config.salesforce().flow().name().toLowerCase());
        }
        ConnectorRun run = new ConnectorRun(config, once);
        try {
            run.start();
            if (once) {
                RunSummary summary = run.runOnce();
                run.close();
                out.println();
                out.print(summary.render());
                return run.anyPullFailed() ? FAILED : OK;
            }
            awaitShutdown(run);
            return OK;
        } catch (MappingException e) {
            err.println("journey-connector could not start: the "
                    + MappingCheck.problems(config.journey().mappingsDir(), config.routesDir(), e));
            err.println("Nothing was started. Fix them (check with 'journey validate') and start again.");
            run.close();
            return BAD_CONFIG;
        } catch (RouteLoadException | StoreException e) {
            err.println("journey-connector could not start: " + e.getMessage());
            run.close();
            return FAILED;
        } catch (Exception e) {
            err.println("journey-connector failed: " + e.getMessage());
            LOG.debug("failure detail", e);
            run.close();
            return FAILED;
        }
    }

    /** Keeps polling until SIGTERM or Ctrl-C, then stops the routes and closes everything cleanly. */
    private static void awaitShutdown(ConnectorRun run) throws InterruptedException {
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "journey-shutdown"));
        LOG.info("Polling on the routes' schedules; stop with Ctrl-C or SIGTERM");
        stopRequested.await();
        LOG.info("Stopping: finishing in-flight work, then closing the store");
        try {
            run.close();
        } finally {
            stopped.countDown();
        }
    }

    private static void setLogLevel(String level) {
        ((Logger) LoggerFactory.getLogger("dev.journeyconnector")).setLevel(Level.toLevel(level));
    }
}
