package dev.journeyconnector.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads setting values from their three sources. Later sources win: the environment, then the
 * {@code .env} file in the working directory, then command-line flags. Values that are set but empty
 * count as unset, so an empty line in .env does not hide a default.
 */
public final class SettingsLoader {

    /** The raw values and where each came from, plus the problems found while reading them. */
    public record Loaded(Map<String, String> values, Map<String, String> origins, List<String> problems) {
        public String get(Setting s) {
            String v = values.get(s.name());
            return v == null || v.isBlank() ? s.defaultValue() : v.trim();
        }

        public boolean isSet(Setting s) {
            String v = values.get(s.name());
            return v != null && !v.isBlank();
        }

        public String origin(Setting s) {
            return origins.getOrDefault(s.name(), "default");
        }
    }

    private SettingsLoader() {
    }

    public static Loaded load(Map<String, String> environment, Path dotEnv, CommandLine commandLine) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>(commandLine.problems());

        for (Setting s : Settings.ALL) {
            String v = environment.get(s.name());
            if (v != null) {
                values.put(s.name(), v);
                origins.put(s.name(), "environment");
            }
        }
        if (dotEnv != null && Files.isRegularFile(dotEnv)) {
            readDotEnv(dotEnv, values, origins, problems);
        }
        commandLine.settingFlags().forEach((name, value) -> {
            values.put(name, value);
            origins.put(name, "flag " + Settings.byName(name).map(Setting::flag).orElse(name));
        });
        return new Loaded(values, origins, problems);
    }

    private static void readDotEnv(Path file, Map<String, String> values, Map<String, String> origins,
                                   List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(file + ": cannot be read (" + e.getMessage() + ")");
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String where = file.getFileName() + " line " + (i + 1);
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(where + ": expected NAME=value");
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip());
            if (Settings.byName(name).isEmpty()) {
                problems.add(where + ": unknown setting " + name + " (every setting is listed in .env.example)");
                continue;
            }
            values.put(name, value);
            origins.put(name, where);
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        int comment = v.indexOf(" #");
        return comment >= 0 ? v.substring(0, comment).strip() : v;
    }
}
