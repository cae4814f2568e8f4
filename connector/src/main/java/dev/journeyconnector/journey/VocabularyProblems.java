package dev.journeyconnector.journey;

import java.util.List;

/**
 * Everything wrong with a vocabularies file, collected before giving up so an ops admin fixes it in one go.
 * Each problem starts with file, line and path: {@code mappings/vocabularies.yaml:12: stages[3].name: ...}.
 */
public final class VocabularyProblems extends RuntimeException {
    private final String file;
    private final List<String> problems;

    public VocabularyProblems(String file, List<String> problems) {
        super(render(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<String> problems() {
        return problems;
    }

    private static String render(String file, List<String> problems) {
        StringBuilder out = new StringBuilder(file).append(" has ").append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (String p : problems) {
            out.append(System.lineSeparator()).append("  - ").append(p);
        }
        return out.toString();
    }
}
