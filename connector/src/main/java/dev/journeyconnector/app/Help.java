package dev.journeyconnector.app;

/** The text of {@code --help} and {@code journey config}, generated from the settings list. */
final class Help {
    private Help() {
    }

    static String text() {
        StringBuilder out = new StringBuilder();
        out.append("""
                Usage: journey [run] [--once] [--SETTING value ...]
                       journey config      print the effective settings (secrets redacted) and where each came from
                       journey help

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
