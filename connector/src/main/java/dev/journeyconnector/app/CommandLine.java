package dev.journeyconnector.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: a command ({@code run} unless another is named), the run options ({@code --once}),
 * {@code drift}'s {@code --json}, and setting flags ({@code --salesforce-client-id=...} or {@code --salesforce-client-id ...}). A boolean
 * setting's flag alone means true ({@code --sandbox-reset}). {@code --help} after a command, or
 * {@code help COMMAND}, asks for that command's help: {@code command} is then the command asked about.
 */
public record CommandLine(String command, boolean once, boolean help, Map<String, String> settingFlags,
                          List<String> problems, boolean json) {

    public static final Set<String> COMMANDS = Set.of("run", "validate", "config", "drift", "help");

    public CommandLine(String command, boolean once, boolean help, Map<String, String> settingFlags,
                       List<String> problems) {
        this(command, once, help, settingFlags, problems, false);
    }

    public static CommandLine parse(String... args) {
        String command = null;
        boolean once = false;
        boolean help = false;
        boolean json = false;
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--once")) {
                once = true;
            } else if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
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
            } else if ("help".equals(command) && COMMANDS.contains(arg)) {
                command = arg; // help validate: the help of validate
                help = true;
            } else {
                problems.add("unexpected argument '" + arg + "' (commands: run, validate, config, drift, help)");
            }
        }
        if ("help".equals(command)) {
            help = true;
        }
        if (once && command != null && !command.equals("run") && !help) {
            problems.add("--once applies to run, not to " + command);
        }
        if (json && !"drift".equals(command) && !help) {
            problems.add("--json applies to drift, not to " + (command == null ? "run" : command));
        }
        return new CommandLine(command == null ? "run" : command, once, help, flags, problems, json);
    }

    private static boolean isBoolean(Setting s) {
        return "true".equals(s.defaultValue()) || "false".equals(s.defaultValue());
    }
}
