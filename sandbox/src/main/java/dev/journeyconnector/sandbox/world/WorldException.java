package dev.journeyconnector.sandbox.world;

import java.util.List;

/** A world directory that cannot be loaded; lists every problem found, each naming file, record and field. */
public final class WorldException extends RuntimeException {
    private final List<String> problems;

    public WorldException(String source, List<String> problems) {
        super("world " + source + " has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
