package dev.journeyconnector.sandbox.salesforce.schema;

import java.nio.file.Path;
import java.util.List;

/**
 * SFDX source the sandbox cannot deploy: every problem found, each naming its file, reported at once
 * (as {@code sf project deploy start} lists every component failure of a deployment).
 */
public final class MetadataDeploymentException extends RuntimeException {
    private final transient Path source;
    private final List<String> problems;

    public MetadataDeploymentException(Path source, List<String> problems) {
        super("cannot deploy Salesforce metadata from " + source + ":\n  - " + String.join("\n  - ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The {@code force-app/main/default}-style folder that was deployed. */
    public Path source() {
        return source;
    }

    /** One line per problem, each starting with the file it is about. */
    public List<String> problems() {
        return problems;
    }
}
