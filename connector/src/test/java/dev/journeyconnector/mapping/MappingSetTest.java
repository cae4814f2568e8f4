package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Touchpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingSetTest {
    private static final Path SHIPPED = Path.of("..", "mappings");

    private static final Path SHIPPED_ROUTES = Path.of("..", "routes");

    @TempDir
    Path root;
    Path dir;
    Path routes;

    @BeforeEach
    void folders() throws Exception {
        dir = Files.createDirectory(root.resolve("mappings"));
        routes = Files.createDirectory(root.resolve("routes"));
    }

    @Test
    void theShippedFolderLoadsWhole() throws Exception {
        MappingSet set = MappingSet.load(SHIPPED);
        assertThat(set.mapping(Touchpoint.Source.SALESFORCE, "Case")).isPresent();
        assertThat(set.personas().defaultPersona()).isNotNull();
        assertThat(set.fingerprint()).hasSize(64).isEqualTo(MappingSet.fingerprint(SHIPPED));
    }

    @Test
    void problemsOfSeveralFilesComeInOneException() throws Exception {
        copyShipped();
        Files.writeString(dir.resolve("personas.yaml"), "personas: []\n");
        Files.writeString(dir.resolve("salesforce-case.yaml"), Files.readString(dir.resolve("salesforce-case.yaml"))
                .replace("stage: service", "stage: servicing"));

        assertThatThrownBy(() -> MappingSet.load(dir)).isInstanceOfSatisfying(MappingException.class, e -> {
            assertThat(e.problems()).extracting(MappingProblem::file)
                    .anyMatch(f -> f.endsWith("personas.yaml"))
                    .anyMatch(f -> f.endsWith("salesforce-case.yaml"));
            assertThat(e.getMessage()).contains("servicing");
        });
    }

    @Test
    void twoFilesForOneObjectAreRefused() throws Exception {
        copyShipped();
        Files.copy(dir.resolve("salesforce-case.yaml"), dir.resolve("cases-again.yaml"));
        assertThatThrownBy(() -> MappingSet.load(dir)).hasMessageContaining("salesforce/Case is already mapped");
    }

    @Test
    void aMissingFolderOrVocabularyIsNamed() throws Exception {
        assertThatThrownBy(() -> MappingSet.load(dir.resolve("nope"))).hasMessageContaining("JOURNEY_MAPPINGS_DIR");
        assertThatThrownBy(() -> MappingSet.load(dir)).hasMessageContaining("vocabularies.yaml");
    }

    @Test
    void theFingerprintChangesWithAnyFile() throws Exception {
        copyShipped();
        String before = MappingSet.fingerprint(dir);
        Files.writeString(dir.resolve("personas.yaml"), Files.readString(dir.resolve("personas.yaml")) + "\n# note\n");
        assertThat(MappingSet.fingerprint(dir)).isNotEqualTo(before);
    }

    /** The shipped mappings and routes, side by side as in the repository. */
    private void copyShipped() throws Exception {
        copy(SHIPPED, dir);
        copy(SHIPPED_ROUTES, routes);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
