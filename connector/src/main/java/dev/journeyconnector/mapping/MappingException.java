package dev.journeyconnector.mapping;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in the mapping files, reported together so one edit-and-run cycle fixes them all. */
public class MappingException extends Exception {

    private final List<MappingProblem> problems;

    public MappingException(List<MappingProblem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a MappingException needs at least one problem");
        }
        this.problems = sorted(problems);
    }

    /** The problems in file and line order. */
    public List<MappingProblem> problems() {
        return problems;
    }

    private static List<MappingProblem> sorted(List<MappingProblem> problems) {
        return problems.stream()
                .sorted(Comparator.comparing(MappingProblem::file).thenComparingInt(MappingProblem::line))
                .toList();
    }

    private static String format(List<MappingProblem> problems) {
        return sorted(problems).stream().map(MappingProblem::toString).collect(Collectors.joining("\n"));
    }
}
