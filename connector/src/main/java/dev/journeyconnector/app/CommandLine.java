package dev.journeyconnector.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: a command ({@code run} unless another is named), the run options ({@code --once}),
 * the command's own options ({@code findings --rule ID}, {@code insights --full}; see {@link #OPTIONS}), and
 * setting flags ({@code --salesforce-client-id=...} or {@code --salesforce-client-id ...}). A boolean
 * setting's flag alone means true ({@code --sandbox-reset}). {@code --help} after a command, or
 * {@code help COMMAND}, asks for that command's help: {@code command} is then the command asked about.
 *
 * @param options the command's own options by name without dashes ({@code rule}, {@code full}: "true"), and for
 *                {@code bench} its subject under {@code subject}
 */
public record CommandLine(String command, boolean once, boolean help, Map<String, String> settingFlags,
                          Map<String, String> options, List<String> problems) {

    public static final Set<String> COMMANDS = Set.of("run", "validate", "config", "help", "findings", "insights",
            "backtest", "bench");

    /** Each command's own options: name → whether it takes a value. They come after the command. */
    static final Map<String, Map<String, Boolean>> OPTIONS = Map.of(
            "findings", Map.of("customer", true, "rule", true, "state", true),
            "insights", Map.of("full", false),
            "backtest", Map.of("rules", true, "from", true, "to", true),
            "bench", Map.of("customers", true, "touched", true));

    /** What {@code journey bench} can measure. */
    static final Set<String> BENCH_SUBJECTS = Set.of("insights");

    public static CommandLine parse(String... args) {
        String command = null;
        boolean once = false;
        boolean help = false;
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--once")) {
                once = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--") && command != null && option(command, arg) != null) {
                String name = option(command, arg);
                int eq = arg.indexOf('=');
                if (!OPTIONS.get(command).get(name)) {
                    options.put(name, "true");
                } else if (eq > 0) {
                    options.put(name, arg.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.put(name, args[++i]);
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
            } else if ("help".equals(command) && COMMANDS.contains(arg)) {
                command = arg; // help validate: the help of validate
                help = true;
            } else {
                problems.add("unexpected argument '" + arg + "' (commands: run, validate, config, findings, insights,"
                        + " backtest, bench, help)");
            }
        }
        if ("help".equals(command)) {
            help = true;
        }
        if (once && command != null && !command.equals("run") && !help) {
            problems.add("--once applies to run, not to " + command);
        }
        if ("bench".equals(command) && !help && !options.containsKey("subject")) {
            problems.add("bench needs what to measure: " + String.join(", ", BENCH_SUBJECTS) + " (journey bench insights)");
        }
        return new CommandLine(command == null ? "run" : command, once, help, flags, options, problems);
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
