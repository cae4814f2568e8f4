package dev.journeyconnector.app;

import dev.journeyconnector.store.Database;
import dev.journeyconnector.store.StoreException;
import dev.journeyconnector.store.WritebackLedger;
import dev.journeyconnector.store.WritebackLedger.DeadLetter;
import dev.journeyconnector.store.WritebackLedger.Entry;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code journey writeback status|dead-letters|retry}: the ops admin's view of the write-back, from the store alone
 * (no Salesforce call). {@code status} counts the ledger per kind and state and shows the day's API budget;
 * {@code dead-letters} lists the records Salesforce refused for good, with its reason; {@code retry} hands dead
 * letters back, so the next cycle sends them again.
 *
 * <p>Exit codes: 0 done; 1 the store could not be read, or {@code retry} was given a key that is not a dead letter
 * (the others named are still handed back, so a script notices a typo or a letter someone else retried); 2 a wrong
 * option ({@code retry} without {@code --key} or {@code --all}, an unknown {@code --kind}).
 */
final class WritebackCommand {
    static final String STATUS_USAGE = "Usage: journey writeback status [--json]";
    static final String DEAD_LETTERS_USAGE = "Usage: journey writeback dead-letters [--kind KIND] [--json]";
    static final String RETRY_USAGE = "Usage: journey writeback retry (--key KEY [--key KEY ...] | --all)";

    private WritebackCommand() {
    }

    static int run(JourneyConfig config, Map<String, String> options, PrintStream out, PrintStream err, Clock clock) {
        boolean json = Boolean.parseBoolean(options.getOrDefault("json", "false"));
        // The command line refuses writeback without one of its subjects, so there is always one here.
        return switch (options.get("subject")) {
            case "status" -> status(config, json, out, err, clock);
            case "dead-letters" -> deadLetters(config, options.get("kind"), json, out, err);
            case "retry" -> retry(config, options, out, err);
            default -> throw new IllegalArgumentException("no writeback subject " + options.get("subject"));
        };
    }

    static int status(JourneyConfig config, boolean json, PrintStream out, PrintStream err, Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Database db = Database.open(config.database(), config.dataDir())) {
            WritebackLedger ledger = new WritebackLedger(db.dataSource());
            WritebackText.Status status = new WritebackText.Status(today, ledger.counts(), ledger.budgetOn(today),
                    ledger.lastOrgUsage(), config.writeBack().budgetShare(), config.writebackEnabled(),
                    config.writeBack().dryRun());
            out.print(json ? WritebackText.statusJson(status) : WritebackText.status(status));
            return JourneyConnector.OK;
        } catch (StoreException e) {
            err.println("journey writeback status: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
    }

    static int deadLetters(JourneyConfig config, String kind, boolean json, PrintStream out, PrintStream err) {
        if (kind != null && !WritebackText.KINDS.contains(kind)) {
            err.println("journey writeback dead-letters: --kind " + kind + " is not a write-back kind ("
                    + String.join(", ", WritebackText.KINDS) + ")");
            err.println(DEAD_LETTERS_USAGE);
            return JourneyConnector.BAD_CONFIG;
        }
        try (Database db = Database.open(config.database(), config.dataDir())) {
            List<DeadLetter> letters = new WritebackLedger(db.dataSource()).deadLetters(kind);
            out.print(json ? WritebackText.deadLettersJson(letters) : WritebackText.deadLetters(letters, kind));
            return JourneyConnector.OK;
        } catch (StoreException e) {
            err.println("journey writeback dead-letters: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
    }

    static int retry(JourneyConfig config, Map<String, String> options, PrintStream out, PrintStream err) {
        boolean all = Boolean.parseBoolean(options.getOrDefault("all", "false"));
        String keyOption = options.get("key");
        if (all == (keyOption != null)) {
            err.println("journey writeback retry: " + (all
                    ? "--all retries every dead letter; name keys with --key instead, or give --all alone"
                    : "name the dead letters to hand back with --key KEY (as many as needed), or give --all"));
            err.println(RETRY_USAGE);
            return JourneyConnector.BAD_CONFIG;
        }
        Set<String> named = new LinkedHashSet<>();
        if (keyOption != null) {
            keyOption.lines().map(String::strip).filter(k -> !k.isEmpty()).forEach(named::add);
            if (named.isEmpty()) {
                err.println("journey writeback retry: --key needs a key (journey writeback dead-letters lists them)");
                err.println(RETRY_USAGE);
                return JourneyConnector.BAD_CONFIG;
            }
        }
        try (Database db = Database.open(config.database(), config.dataDir())) {
            WritebackLedger ledger = new WritebackLedger(db.dataSource());
            List<DeadLetter> letters = ledger.deadLetters(null);
            Set<String> deadKeys = letters.stream().map(DeadLetter::key).collect(Collectors.toSet());
            List<String> retried = all ? List.of() : named.stream().filter(deadKeys::contains).toList();
            List<String> notDead = named.stream().filter(k -> !deadKeys.contains(k)).toList();

            int handedBack = all || !retried.isEmpty() ? ledger.retryDead(retried) : 0;
            List<DeadLetter> handed = letters.stream().filter(d -> all || retried.contains(d.key())).toList();
            if (handedBack > 0) {
                boolean one = handedBack == 1;
                out.println("Handed back " + handedBack + " dead letter" + (one ? "" : "s") + " (" + byKind(handed)
                        + "): " + (one ? "it is" : "they are") + " to retry now.");
                out.println("The next 'journey --once', or the running connector's next cycle, sends "
                        + (one ? "it" : "them") + " to Salesforce again;");
                out.println("refused again, " + (one ? "it comes back as a dead letter."
                        : "they come back as dead letters."));
            } else if (all) {
                out.println("No dead letters to retry.");
            }
            if (!notDead.isEmpty()) {
                List<Entry> entries = ledger.entriesWithKeys(notDead);
                for (String key : notDead) {
                    err.println("journey writeback retry: " + key + " is not a dead letter: " + whatItIs(key, entries));
                }
                return JourneyConnector.FAILED;
            }
            return JourneyConnector.OK;
        } catch (StoreException e) {
            err.println("journey writeback retry: " + e.getMessage());
            return JourneyConnector.FAILED;
        }
    }

    /** "finding-task 2, finding-record 1". */
    private static String byKind(List<DeadLetter> letters) {
        Map<String, Long> counts = new TreeMap<>();
        letters.forEach(d -> counts.merge(d.kind(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Where the ledger has a key that is not a dead letter, per kind; or that it has none. */
    private static String whatItIs(String key, List<Entry> entries) {
        List<String> states = new ArrayList<>();
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                states.add(e.kind() + " " + switch (e.state()) {
                    case WRITTEN -> "is written (" + e.crmObject() + (e.crmId() == null ? "" : " " + e.crmId()) + ")";
                    case FAILED -> "is to retry already (the next cycle sends it)";
                    case SENDING -> "is in flight";
                    case DEAD -> "is DEAD but its letter is gone (the store was edited by hand?)";
                });
            }
        }
        return states.isEmpty()
                ? "the write-back ledger has no record with this key ('journey writeback dead-letters' lists the keys)"
                : String.join("; ", states);
    }
}
