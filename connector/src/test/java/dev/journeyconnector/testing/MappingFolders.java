package dev.journeyconnector.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Mapping folders for tests that edit them. The shipped touchpoint mappings change as the default journey
 * model grows, so tests that break and fix a file use a small Case mapping of their own, beside the shipped
 * vocabularies and personas; it maps fields the shipped Case route pulls.
 */
public final class MappingFolders {
    /** The repository's mappings and routes, from the module folder tests run in. */
    public static final Path SHIPPED = Path.of("..", "mappings");
    public static final Path ROUTES = Path.of("..", "routes");

    /** The Case mapping file's name in {@link #small}. */
    public static final String CASES = "salesforce-case.yaml";

    /**
     * Lines of {@link #CASES} that appear once, for tests to change: rules[0]'s stage and department, and its
     * title.
     */
    public static final String STAGE_LINE = "    stage: service\n";
    public static final String DEPARTMENT_LINE = "    department: support\n";
    public static final String TITLE_LINE = "    title: \"{Subject}\"\n";

    private static final String CASE_MAPPING = "# A small Case mapping for tests.\n"
            + "source: salesforce\n"
            + "object: Case\n"
            + "customer:\n"
            + "  - contact: ContactId\n"
            + "rules:\n"
            + "  - type: case-opened\n"
            + "    at: CreatedDate\n"
            + TITLE_LINE
            + STAGE_LINE
            + "    channel: { from: Origin, map: { Phone: phone, Web: web }, default: web }\n"
            + DEPARTMENT_LINE
            + "    sentiment: { from: Priority, map: { High: negative }, default: neutral }\n"
            + "  - type: case-closed\n"
            + "    when: { field: IsClosed, equals: true }\n"
            + "    at: ClosedDate\n"
            + "    stage: { from: Reason, map: { Installation: onboarding }, default: service }\n"
            + "    channel: web\n"
            + "    department: { from: Reason, map: { Billing: billing }, default: support }\n"
            + "    sentiment: neutral\n";

    private MappingFolders() {
    }

    /** Vocabularies and personas as shipped, and the small Case mapping: three files. */
    public static Path small(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(SHIPPED.resolve("vocabularies.yaml"), dir.resolve("vocabularies.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(SHIPPED.resolve("personas.yaml"), dir.resolve("personas.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(CASES), CASE_MAPPING);
        return dir;
    }

    /**
     * Vocabularies and personas as shipped, and no touchpoint mapping: a valid model for a test's own routes
     * folder, which the shipped mappings would not fit (each mapped object must be pulled by a route).
     */
    public static Path withoutTouchpointMappings(Path dir) throws IOException {
        small(dir);
        Files.delete(dir.resolve(CASES));
        return dir;
    }

    /** A copy of the whole shipped folder. */
    public static Path shipped(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    /** The Case mapping of {@link #small} with {@code line} (one of the constants) replaced. */
    public static void replaceCaseLine(Path dir, String line, String replacement) throws IOException {
        Path file = dir.resolve(CASES);
        String text = Files.readString(file);
        if (!text.contains(line)) {
            throw new IllegalStateException(file + " has no line '" + line.strip() + "'");
        }
        Files.writeString(file, text.replace(line, replacement));
    }
}
