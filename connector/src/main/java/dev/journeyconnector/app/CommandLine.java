package dev.journeyconnector.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: a command ({@code run} unless another is named), the run options ({@code --once}),
 * {@code drift}'s {@code --json}, the insight commands' own options ({@code findings --rule ID},
 * {@code insights --full}; see {@link #OPTIONS}), and setting flags ({@code --salesforce-client-id=...} or
 * {@code --salesforce-client-id ...}). A boolean setting's flag alone means true ({@code --sandbox-reset}).
 * {@code --help} after a command, or {@code help COMMAND}, asks for that command's help: {@code command} is then
 * the command asked about. {@code bench} and {@code writeback} take a subject, the word after them
 * ({@code journey bench insights}, {@code journey bench writeback}, {@code journey writeback retry}).
 *
 * @param options the command's own options by name without dashes ({@code rule}, {@code full}: "true"; a
 *                repeatable option's values joined by newlines, see {@link #REPEATABLE}), and for {@code bench} and
 *                {@code writeback} the subject under {@code subject}
 */
public record CommandLine(String command, boolean once, boolean help, Map<String, String> settingFlags,
                          List<String> problems, boolean json, Map<String, String> options) {

    public static final Set<String> COMMANDS = Set.of("run", "validate", "config", "drift", "findings", "insights",
            "backtest", "bench", "kpis", "writeback", "help");

    /** Each command's own options: name → whether it takes a value. They come after the command. */
    static final Map<String, Map<String, Boolean>> OPTIONS = Map.of(
            "findings", Map.of("customer", true, "rule", true, "state", true),
            "insights", Map.of("full", false),
            "backtest", Map.of("rules", true, "from", true, "to", true),
            "bench", Map.of("customers", true, "touched", true),
            "kpis", Map.of("from", true, "to", true, "persona", true),
            "writeback", Map.of("kind", true, "key", true, "all", false));

    /**
     * Options that may be given more than once; their values are joined by newlines (no key the write-back keeps
     * holds one: finding keys are {@code rule|customer|source/object/id}).
     */
    static final Set<String> REPEATABLE = Set.of("key");

    /** Commands that can print JSON instead of text (writeback: its status and dead-letters). */
    static final Set<String> JSON_COMMANDS = Set.of("drift", "kpis", "writeback");

    /** What {@code journey bench} can measure, in the order the help lists them. */
    static final List<String> BENCH_SUBJECTS = List.of("insights", "writeback");

    /** The bench options only one subject takes: --touched says how many customers an incremental evaluation sees. */
    private static final Map<String, String> BENCH_OPTION_SUBJECT = Map.of("touched", "insights");

    /** What {@code journey writeback} does, in the order the help lists them. */
    static final List<String> WRITEBACK_SUBJECTS = List.of("status", "dead-letters", "retry");

    /** The writeback options each subject takes; every other writeback option is a problem with that subject. */
    private static final Map<String, Set<String>> WRITEBACK_OPTIONS = Map.of(
            "status", Set.of(),
            "dead-letters", Set.of("kind"),
            "retry", Set.of("key", "all"));

    /** The writeback subjects that can print JSON. */
    private static final Set<String> WRITEBACK_JSON = Set.of("status", "dead-letters");

    public CommandLine(String command, boolean once, boolean help, Map<String, String> settingFlags,
                       List<String> problems) {
        this(command, once, help, settingFlags, problems, false, Map.of());
    }

    public static CommandLine parse(String... args) {
        String command = null;
        boolean once = false;
        boolean help = false;
        boolean json = false;
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--once")) {
                once = true;
            } else if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--") && command != null && option(command, arg) != null) {
                String name = option(command, arg);
                int eq = arg.indexOf('=');
                if (!OPTIONS.get(command).get(name)) {
                    options.put(name, "true");
                } else if (eq > 0) {
                    putOption(options, name, arg.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    putOption(options, name, args[++i]);
                } else {
                    problems.add("--" + name + " needs a value");
                }
            } else if (arg.startsWith("--")) {
                String flag = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    flag = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                Setting setting = Settings.byFlag(flag).orElse(null);
                if (setting == null) {
                    problems.add("unknown flag " + flag + " (see --help for the flags there are)");
                    continue;
                }
                if (value == null) {
                    if (isBoolean(setting)) {
                        value = "true";
                    } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        value = args[++i];
                    } else {
                        problems.add("flag " + flag + " needs a value (" + setting.name() + ")");
                        continue;
                    }
                }
                flags.put(setting.name(), value);
            } else if (command == null && COMMANDS.contains(arg)) {
                command = arg;
            } else if ("bench".equals(command) && !options.containsKey("subject") && BENCH_SUBJECTS.contains(arg)) {
                options.put("subject", arg);
            } else if ("writeback".equals(command) && !options.containsKey("subject")
                    && WRITEBACK_SUBJECTS.contains(arg)) {
                options.put("subject", arg);
            } else if ("writeback".equals(command) && !options.containsKey("subject") && !arg.startsWith("-")) {
                problems.add("writeback has no subject '" + arg + "' (" + String.join(", ", WRITEBACK_SUBJECTS) + ")");
            } else if ("writeback".equals(command) && "retry".equals(options.get("subject")) && !arg.startsWith("-")) {
                problems.add("unexpected argument '" + arg + "' (name each dead letter with --key " + arg + ")");
            } else if ("help".equals(command) && COMMANDS.contains(arg)) {
                command = arg; // help validate: the help of validate
                help = true;
            } else {
                problems.add("unexpected argument '" + arg + "' (commands: run, validate, config, drift, findings,"
                        + " insights, backtest, bench, kpis, writeback, help)");
            }
        }
        if ("help".equals(command)) {
            help = true;
        }
        if (once && command != null && !command.equals("run") && !help) {
            problems.add("--once applies to run, not to " + command);
        }
        if (json && !JSON_COMMANDS.contains(String.valueOf(command)) && !help) {
            problems.add("--json applies to drift, kpis, writeback status and writeback dead-letters, not to "
                    + (command == null ? "run" : command));
        } else if (json && ("kpis".equals(command) || "writeback".equals(command))) {
            options.put("json", "true");
        }
        if ("bench".equals(command) && !help && !options.containsKey("subject")) {
            problems.add("bench needs what to measure: " + String.join(", ", BENCH_SUBJECTS) + " (journey bench insights)");
        } else if ("bench".equals(command) && !help) {
            BENCH_OPTION_SUBJECT.forEach((option, subject) -> {
                if (options.containsKey(option) && !subject.equals(options.get("subject"))) {
                    problems.add("--" + option + " applies to bench " + subject + ", not to bench " + options.get("subject"));
                }
            });
        }
        if ("writeback".equals(command) && !help) {
            writebackProblems(options, problems);
        }
        return new CommandLine(command == null ? "run" : command, once, help, flags, problems, json, options);
    }

    /** A repeatable option collects its values; any other keeps the last one given. */
    private static void putOption(Map<String, String> options, String name, String value) {
        options.merge(name, value, (before, added) -> REPEATABLE.contains(name) ? before + "\n" + added : added);
    }

    /** A writeback subject is required, and each of its options belongs to one subject. */
    private static void writebackProblems(Map<String, String> options, List<String> problems) {
        String subject = options.get("subject");
        if (subject == null) {
            if (problems.stream().noneMatch(p -> p.startsWith("writeback has no subject"))) {
                problems.add("writeback needs what to do: " + String.join(", ", WRITEBACK_SUBJECTS)
                        + " (journey writeback status)");
            }
            return;
        }
        for (String option : options.keySet()) {
            if (OPTIONS.get("writeback").containsKey(option) && !WRITEBACK_OPTIONS.get(subject).contains(option)) {
                problems.add("--" + option + " applies to writeback " + WRITEBACK_OPTIONS.entrySet().stream()
                        .filter(e -> e.getValue().contains(option)).map(Map.Entry::getKey).findFirst().orElseThrow()
                        + ", not to writeback " + subject);
            }
        }
        if (options.containsKey("json") && !WRITEBACK_JSON.contains(subject)) {
            problems.add("--json applies to writeback status and dead-letters, not to writeback " + subject);
        }
    }

    /** The option's name when {@code arg} ({@code --rule} or {@code --rule=x}) is one of the command's own. */
    private static String option(String command, String arg) {
        Map<String, Boolean> known = OPTIONS.get(command);
        if (known == null) {
            return null;
        }
        int eq = arg.indexOf('=');
        String name = arg.substring(2, eq > 0 ? eq : arg.length());
        return known.containsKey(name) ? name : null;
    }

    private static boolean isBoolean(Setting s) {
        return "true".equals(s.defaultValue()) || "false".equals(s.defaultValue());
    }
}
