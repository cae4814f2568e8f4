package dev.journeyconnector.app;

/** The text of {@code --help} and {@code journey config}, generated from the settings list. */
final class Help {
    private Help() {
    }

    /** The help of one command: {@code validate} has its own page; the others share the full one. */
    static String text(String command) {
        return command.equals("validate") ? validate() : text();
    }

    static String validate() {
        return String.format("""
                Usage: journey validate [--journey-mappings-dir DIR] [--journey-routes-dir DIR]

                Loads every file in the mappings folder (vocabularies, personas, touchpoint mappings) and checks
                them as a run would, without starting anything or calling any vendor. Prints what the files
                define (objects mapped, rule types, personas, stages), or every problem at once, each as
                file:line path: message.

                  %-40s %s
                      %s
                  %-40s %s
                      %s

                Exit codes: 0 the files are valid, 2 they are not (or a setting or flag is wrong).
                A connector does not start on invalid mapping files; a running one checks the folder every
                JOURNEY_MAPPINGS_CHECK_INTERVAL, applies valid changes and keeps its mappings on invalid ones.
                """,
                Settings.MAPPINGS_DIR.flag() + " (" + Settings.MAPPINGS_DIR.defaultValue() + ")",
                Settings.MAPPINGS_DIR.name(), Settings.MAPPINGS_DIR.description(),
                Settings.ROUTES_DIR.flag() + " (" + Settings.ROUTES_DIR.defaultValue() + ")",
                Settings.ROUTES_DIR.name(), Settings.ROUTES_DIR.description());
    }

    static String text() {
        StringBuilder out = new StringBuilder();
        out.append("""
                Usage: journey [run] [--once] [--SETTING value ...]
                       journey validate    check the mapping files and print what they define, or every problem
                       journey config      print the effective settings (secrets redacted) and where each came from
                       journey findings [--customer KEY] [--rule ID] [--state open|resolved|all]
                                           list the stored findings (open ones by default) with their evidence
                       journey insights [--full]
                                           evaluate the rules over the stored journey: the customers whose journey
                                           changed or whose deadlines passed, or with --full every customer
                       journey backtest --rules FILE --from YYYY-MM-DD --to YYYY-MM-DD
                                           what FILE's rules would have found in the period, against the rules in
                                           force, from the stored history; writes nothing
                       journey bench insights [--customers N (100000)] [--touched M (1000)]
                                           time a full and an incremental evaluation on a synthetic store in a
                                           temporary folder (never the connector's own store)
                       journey help [COMMAND]

                  --once               poll every source once, write back, print a summary and exit
                  --sandbox-reset      start the sandbox over from its world files
                  --sandbox-data DIR   load the sandbox world from DIR
                  --sandbox-dump FILE  write the sandbox's final state to FILE when the run ends

                Settings come from the environment, then ./.env, then flags (flags win).
                Without Salesforce credentials the connector runs against the local sandbox.

                """);
        String group = "";
        for (Setting s : Settings.ALL) {
            if (!s.group().equals(group)) {
                group = s.group();
                out.append(group).append(":\n");
            }
            out.append(String.format("  %-40s %s%n", s.flag() + (s.hasDefault() ? " (" + s.defaultValue() + ")" : ""),
                    s.name()));
            out.append("      ").append(s.description()).append('\n');
        }
        return out.toString();
    }

    static String effectiveSettings(SettingsLoader.Loaded loaded) {
        StringBuilder out = new StringBuilder();
        for (Setting s : Settings.ALL) {
            String value = loaded.get(s);
            if (s.secret() && !value.isEmpty()) {
                value = "****";
            }
            out.append(String.format("%-40s = %-30s (%s)%n", s.name(), value, loaded.origin(s)));
        }
        return out.toString();
    }
}
