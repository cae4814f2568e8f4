package dev.journeyconnector.journey;

import dev.journeyconnector.journey.Vocabulary.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VocabularyLoaderTest {
    /** The file ops edit, as shipped (tests run in connector/). */
    static final Path SHIPPED = Path.of("..").resolve(VocabularyLoader.DEFAULT_FILE);

    private static final String SMALL = """
            stages: [lead, customer]
            churn: gone
            channels: [web]
            departments: [sales]
            devices: [desktop, unknown]
            defaults: {device: unknown}
            """;

    @Test
    void theShippedFileLoadsToTheDefaults() {
        assertThat(VocabularyLoader.load(SHIPPED)).isEqualTo(Vocabulary.defaults());
    }

    @Test
    void entriesAreBareNamesOrMappingsWithLabelAndDescription() {
        Vocabulary v = VocabularyLoader.load("v.yaml", """
                stages:
                  - lead
                  - name: customer
                    label: Paying customer
                    description: >
                      Has bought at least once.
                churn: {name: gone, label: Left us}
                channels: [web]
                departments: [sales]
                devices: [unknown]
                defaults:
                  device: unknown
                """);
        assertThat(v.stages()).containsExactly(Term.of("lead", "Lead", null),
                Term.of("customer", "Paying customer", "Has bought at least once."));
        assertThat(v.churn()).isEqualTo(Term.of("gone", "Left us", null));
        assertThat(v.isTerminal("gone")).isTrue();
        assertThat(v.stageOrder("customer")).isEqualTo(1);
    }

    @Test
    void aSmallFileLoads() {
        Vocabulary v = VocabularyLoader.load("v.yaml", SMALL);
        assertThat(v.stageNames()).containsExactly("lead", "customer", "gone");
        assertThat(v.defaultDevice()).isEqualTo("unknown");
    }

    @Test
    void aBrokenFileReportsEveryProblemWithLineAndPath() {
        String yaml = """
                stages:                              # 1
                  - awareness                        # 2
                  - name: engagement                 # 3
                    colour: blue                     # 4
                  - name: Purchase Stage             # 5
                  - awareness                        # 6
                channels: []                         # 7
                departments:                         # 8
                  - sales                            # 9
                  - name: support                    # 10
                    label: ""                        # 11
                  - {label: No name here}            # 12
                devices: [desktop, mobile]           # 13
                sentiments: [happy, sad]             # 14
                defaults:                            # 15
                  device: unknown                    # 16
                  stage: awareness                   # 17
                channels: [web]                      # 18
                """;
        VocabularyProblems e = catchThrowableOfType(
                () -> VocabularyLoader.load("mappings/vocabularies.yaml", yaml), VocabularyProblems.class);
        assertThat(e.file()).isEqualTo("mappings/vocabularies.yaml");
        assertThat(e.problems()).as("in file order, missing sections last").containsExactly(
                "mappings/vocabularies.yaml:4: stages[1].colour: unknown key 'colour'; known keys: description, "
                        + "label, name",
                "mappings/vocabularies.yaml:5: stages[2].name: 'Purchase Stage' is not a valid name; use lower case "
                        + "letters, digits and underscores, starting with a letter (at most 40), e.g. in_person",
                "mappings/vocabularies.yaml:6: stages[3].name: 'awareness' is listed twice; first at "
                        + "mappings/vocabularies.yaml:2: stages[0].name",
                "mappings/vocabularies.yaml:7: channels: the list is empty; it needs at least one entry",
                "mappings/vocabularies.yaml:11: departments[1].label: the label is empty; give one or remove the key "
                        + "(the label is then made from the name)",
                "mappings/vocabularies.yaml:12: departments[2]: the entry has no name",
                "mappings/vocabularies.yaml:14: sentiments: sentiments are fixed (positive, neutral, negative) and "
                        + "cannot be configured; remove this key",
                "mappings/vocabularies.yaml:16: defaults.device: 'unknown' is not one of the devices (desktop, mobile)",
                "mappings/vocabularies.yaml:17: defaults.stage: unknown key 'stage'; known keys: device",
                "mappings/vocabularies.yaml:18: channels: 'channels' is given twice; first at line 7",
                "mappings/vocabularies.yaml: churn: the churn stage is missing; add 'churn: { name: churn }' "
                        + "(every journey needs a way out, and insight rules count churned customers)");
        assertThat(e.getMessage()).startsWith("mappings/vocabularies.yaml has 11 problems:");
    }

    @Test
    void churnMayNotReuseAStageName() {
        assertThatThrownBy(() -> VocabularyLoader.load("v.yaml", SMALL.replace("churn: gone", "churn: lead")))
                .isInstanceOf(VocabularyProblems.class)
                .hasMessageContaining("v.yaml:2: churn.name: 'lead' is listed twice; first at v.yaml:1: stages[0].name");
    }

    @Test
    void missingSectionsAreNamed() {
        VocabularyProblems e = catchThrowableOfType(() -> VocabularyLoader.load("v.yaml", "stages: [a]\n"),
                VocabularyProblems.class);
        assertThat(e.problems()).containsExactly(
                "v.yaml: churn: the churn stage is missing; add 'churn: { name: churn }' (every journey needs a way "
                        + "out, and insight rules count churned customers)",
                "v.yaml: channels: the list is missing; it needs at least one entry",
                "v.yaml: departments: the list is missing; it needs at least one entry",
                "v.yaml: devices: the list is missing; it needs at least one entry",
                "v.yaml: defaults.device: the default device is missing; name one of the devices (it is used when a "
                        + "source record says nothing about the device)");
    }

    @Test
    void wrongShapesAreReported() {
        VocabularyProblems e = catchThrowableOfType(() -> VocabularyLoader.load("v.yaml", """
                stages: awareness
                churn: [a, b]
                channels:
                  - [web]
                  -
                departments: {sales: yes}
                devices: [unknown]
                defaults: unknown
                """), VocabularyProblems.class);
        assertThat(e.problems()).as("each reported once, not again as missing").containsExactly(
                "v.yaml:1: stages: expected a list of entries ('- name: ...')",
                "v.yaml:2: churn: expected a name or a mapping with name, label and description",
                "v.yaml:4: channels[0]: expected a name or a mapping with name, label and description",
                "v.yaml:5: channels[1]: the entry is empty; give a name",
                "v.yaml:6: departments: expected a list of entries ('- name: ...')",
                "v.yaml:8: defaults: expected a mapping with the keys device");
    }

    @Test
    void anEmptyChurnIsReportedOnce() {
        VocabularyProblems e = catchThrowableOfType(() -> VocabularyLoader.load("v.yaml",
                SMALL.replace("churn: gone", "churn:")), VocabularyProblems.class);
        assertThat(e.problems()).containsExactly("v.yaml:2: churn: the entry is empty; give a name");
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        assertThatThrownBy(() -> VocabularyLoader.load("v.yaml", "stages: [a, b\nchurn: c\n"))
                .isInstanceOf(VocabularyProblems.class)
                .hasMessageMatching("(?s)v\\.yaml has 1 problem:.*v\\.yaml:\\d+: not valid YAML: .*");
    }

    @Test
    void anEmptyFileSaysWhatItNeeds() {
        assertThatThrownBy(() -> VocabularyLoader.load("v.yaml", "# nothing yet\n"))
                .hasMessageContaining("v.yaml: the file is empty; it needs stages, churn, channels, departments, "
                        + "devices, defaults");
        assertThatThrownBy(() -> VocabularyLoader.load("v.yaml", "- a\n"))
                .hasMessageContaining("v.yaml:1: expected a mapping with the keys");
    }

    @Test
    void tagsDoNotInstantiateClasses() {
        assertThatThrownBy(() -> VocabularyLoader.load("v.yaml",
                SMALL.replace("churn: gone", "churn: !!javax.script.ScriptEngineManager [gone]")))
                .isInstanceOf(VocabularyProblems.class)
                .hasMessageContaining("v.yaml:2: not valid YAML: Global tag is not allowed");
    }

    @Test
    void aMissingFileIsOneProblemNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("vocabularies.yaml");
        assertThatThrownBy(() -> VocabularyLoader.load(missing)).isInstanceOf(VocabularyProblems.class)
                .hasMessageContaining(missing + ": cannot be read");
    }

    @Test
    void aFileOnDiskLoads(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("vocabularies.yaml"), SMALL);
        assertThat(VocabularyLoader.load(file).channels()).containsExactly(Term.of("web"));
    }

    @Test
    void theShippedFileExplainsItselfToOps() throws Exception {
        List<String> lines = Files.readAllLines(SHIPPED);
        long comments = lines.stream().filter(l -> l.strip().startsWith("#")).count();
        assertThat(comments).isGreaterThan(10);
        for (String section : List.of("stages:", "churn:", "channels:", "departments:", "devices:", "defaults:")) {
            int at = lines.indexOf(section);
            assertThat(at).as(section + " is a top-level key").isPositive();
            assertThat(lines.get(at - 1)).as("the line before " + section + " is a comment").startsWith("#");
        }
    }
}
