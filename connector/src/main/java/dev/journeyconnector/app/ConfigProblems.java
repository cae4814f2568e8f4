package dev.journeyconnector.app;

import java.util.List;

/**
 * Everything wrong with the configuration, collected before giving up so that an ops admin fixes all of
 * it in one go. Each problem names the setting (or flag, or .env line) and what is wrong with it.
 */
public final class ConfigProblems extends RuntimeException {
    private final List<String> problems;

    public ConfigProblems(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        StringBuilder out = new StringBuilder("The configuration has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (String p : problems) {
            out.append(System.lineSeparator()).append("  - ").append(p);
        }
        return out.toString();
    }
}
