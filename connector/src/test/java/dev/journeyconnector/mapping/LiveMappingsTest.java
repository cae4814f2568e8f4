package dev.journeyconnector.mapping;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.testing.MappingFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveMappingsTest {
    private static final Path SHIPPED = MappingFolders.SHIPPED;
    private static final Path ROUTES = MappingFolders.ROUTES;

    @TempDir
    Path root;
    Path dir;

    private final AtomicInteger loads = new AtomicInteger();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LiveMappings.class);
    private LiveMappings live;

    @BeforeEach
    void writeMappingsAndWatchTheLog() throws Exception {
        dir = MappingFolders.small(root.resolve("mappings"));
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        logger.detachAppender(log);
        logger.setLevel(null);
    }

    private LiveMappings start() throws MappingException {
        live = LiveMappings.load(dir, d -> {
            loads.incrementAndGet();
            return MappingSet.load(d, ROUTES);
        });
        log.list.clear();
        return live;
    }

    @Test
    void anInvalidFolderDoesNotStart() throws Exception {
        breakCaseMappingAndPersonas();

        assertThatThrownBy(() -> LiveMappings.load(dir, d -> MappingSet.load(d, ROUTES))).isInstanceOfSatisfying(MappingException.class,
                e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void aJourneyMapEditIsCheckedOnReloadAndAnInvalidOneKeepsTheMapInForce() throws Exception {
        Files.writeString(dir.resolve(MappingSet.JOURNEY_MAP), journeyMap("case-opened"));
        MappingSet before = start().get();
        assertThat(before.journeyMap()).isPresent();

        Files.writeString(dir.resolve(MappingSet.JOURNEY_MAP), journeyMap("case-opend"));

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.REJECTED);
        assertThat(live.get()).isSameAs(before);
        assertThat(live.rejected()).hasValueSatisfying(e -> assertThat(e.getMessage())
                .contains("journey-map.yaml").contains("no touchpoint mapping makes type 'case-opend' (did you mean "
                        + "'case-opened'?)"));

        Files.writeString(dir.resolve(MappingSet.JOURNEY_MAP), journeyMap("case-closed"));

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.APPLIED);
        assertThat(live.get().journeyMap()).hasValueSatisfying(map -> assertThat(map.journeys())
                .allSatisfy(j -> assertThat(j.expectedTypes()).containsExactly("case-closed")));
    }

    /** Every shipped persona expects one type of the small Case mapping, in service. */
    private static String journeyMap(String type) {
        StringBuilder out = new StringBuilder("personas:\n");
        for (String persona : List.of("leisure-traveller", "small-business-banking-client", "retail-shopper",
                "unclassified")) {
            out.append("  ").append(persona).append(":\n    stages:\n      - stage: service\n        types: [")
                    .append(type).append("]\n");
        }
        return out.toString();
    }

    @Test
    void anUnchangedFolderIsNotLoadedAgain() throws Exception {
        MappingSet first = start().get();

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.UNCHANGED);
        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.UNCHANGED);

        assertThat(live.get()).isSameAs(first);
        assertThat(loads).hasValue(1);
        assertThat(log.list).isEmpty();
    }

    @Test
    void aValidEditIsAppliedLoggedOnceAndAnnouncedToListeners() throws Exception {
        MappingSet before = start().get();
        List<MappingSet> heard = new ArrayList<>();
        live.onReload(heard::add);

        editCaseMapping("title: \"{Subject}\"", "title: \"Case {CaseNumber}: {Subject}\"");

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.APPLIED);
        MappingSet after = live.get();
        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint()).isEqualTo(MappingSet.fingerprint(dir));
        assertThat(heard).containsExactly(after);
        assertThat(messages(Level.INFO)).containsExactly(
                "Mappings reloaded: " + yamlFiles() + " files, fingerprint " + after.fingerprint().substring(0, 12) + "…");
        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.UNCHANGED);
        assertThat(heard).hasSize(1);
    }

    @Test
    void anInvalidEditKeepsTheMappingsInForceAndReportsEveryProblemOnceInOneMessage() throws Exception {
        MappingSet before = start().get();
        List<MappingSet> heard = new ArrayList<>();
        live.onReload(heard::add);

        breakCaseMappingAndPersonas();

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.REJECTED);
        assertThat(live.get()).isSameAs(before);
        assertThat(heard).isEmpty();
        List<String> warnings = messages(Level.WARN);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .contains("changed but are not valid; the mappings in force stay")
                .contains("3 problems:")
                .containsPattern("personas\\.yaml:\\d+ ")
                .containsPattern("salesforce-case\\.yaml:\\d+ rules\\[0\\]\\.stage: .*servicing");
        assertThat(live.rejected()).hasValueSatisfying(e -> assertThat(e.problems()).hasSize(3));

        // The same broken files on every later interval: nothing loaded, nothing logged again.
        for (int i = 0; i < 5; i++) {
            assertThat(live.check()).isEqualTo(LiveMappings.Outcome.STILL_REJECTED);
        }
        assertThat(messages(Level.WARN)).hasSize(1);
        assertThat(loads).hasValue(2);
        assertThat(live.get()).isSameAs(before);
    }

    @Test
    void aFurtherInvalidEditIsReportedAgainWithItsOwnProblems() throws Exception {
        start();
        breakCaseMappingAndPersonas();
        live.check();

        editCaseMapping("department: support", "department: suport");

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.REJECTED);
        List<String> warnings = messages(Level.WARN);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).contains("4 problems:").contains("suport");
    }

    @Test
    void aDeletedMappingFileIsAppliedWhenTheRestIsValid() throws Exception {
        start();
        assertThat(live.get().mapping(Touchpoint.Source.SALESFORCE, "Case")).isPresent();

        long before = yamlFiles();
        Files.delete(dir.resolve("salesforce-case.yaml"));

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.APPLIED);
        assertThat(live.get().mapping(Touchpoint.Source.SALESFORCE, "Case")).isEmpty();
        assertThat(messages(Level.INFO)).singleElement().asString()
                .startsWith("Mappings reloaded: " + (before - 1) + " files");
    }

    @Test
    void aDeletedVocabularyIsRejectedBecauseEveryMappingNeedsIt() throws Exception {
        MappingSet before = start().get();

        Files.delete(dir.resolve("vocabularies.yaml"));

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.REJECTED);
        assertThat(live.get()).isSameAs(before);
        assertThat(messages(Level.WARN)).singleElement().asString().contains("vocabularies.yaml:0: missing");
    }

    @Test
    void aDeletedFolderKeepsTheMappingsInForceAndIsReportedOnce() throws Exception {
        MappingSet before = start().get();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.REJECTED);
        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.STILL_REJECTED);

        assertThat(live.get()).isSameAs(before);
        assertThat(messages(Level.WARN)).singleElement().asString().contains("the mappings folder does not exist");
    }

    @Test
    void aFolderThatBecomesValidAgainIsApplied() throws Exception {
        start();
        breakCaseMappingAndPersonas();
        live.check();

        Files.copy(SHIPPED.resolve("personas.yaml"), dir.resolve("personas.yaml"), StandardCopyOption.REPLACE_EXISTING);
        editCaseMapping("stage: servicing", "stage: service");
        editCaseMapping("department: support", "department: billing");

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.APPLIED);
        assertThat(live.rejected()).isEmpty();
        assertThat(live.get().fingerprint()).isEqualTo(MappingSet.fingerprint(dir));
        assertThat(live.get().mapping(Touchpoint.Source.SALESFORCE, "Case").orElseThrow().rules().get(0)
                .department().resolve(Map.of())).isEqualTo("billing");
    }

    @Test
    void filesPutBackAsTheyWereClearTheProblemsWithoutAReload() throws Exception {
        MappingSet before = start().get();
        String personas = Files.readString(dir.resolve("personas.yaml"));
        String cases = Files.readString(dir.resolve("salesforce-case.yaml"));
        breakCaseMappingAndPersonas();
        live.check();

        Files.writeString(dir.resolve("personas.yaml"), personas);
        Files.writeString(dir.resolve("salesforce-case.yaml"), cases);

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.UNCHANGED);
        assertThat(live.get()).isSameAs(before);
        assertThat(live.rejected()).isEmpty();
        assertThat(messages(Level.INFO)).singleElement().asString().contains("back to the ones in force");
        // Broken the same way again: it is a new edit, so it is reported again.
        breakCaseMappingAndPersonas();
        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.REJECTED);
        assertThat(messages(Level.WARN)).hasSize(2);
    }

    @Test
    void aListenerThatFailsDoesNotUndoTheReloadNorSilenceTheOthers() throws Exception {
        start();
        List<MappingSet> heard = new ArrayList<>();
        live.onReload(set -> {
            throw new IllegalStateException("listener bug");
        });
        live.onReload(heard::add);

        editCaseMapping("department: support", "department: billing");

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.APPLIED);
        assertThat(heard).containsExactly(live.get());
        assertThat(messages(Level.WARN)).singleElement().asString().contains("listener bug");
    }

    @Test
    void aLoaderThatCrashesIsReportedOnceAndTheMappingsInForceStay() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        live = LiveMappings.load(dir, d -> {
            if (calls.incrementAndGet() > 1) {
                throw new NullPointerException("parser bug");
            }
            return MappingSet.load(d, ROUTES);
        });
        MappingSet before = live.get();
        log.list.clear();
        editCaseMapping("department: support", "department: billing");

        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.REJECTED);
        assertThat(live.check()).isEqualTo(LiveMappings.Outcome.STILL_REJECTED);

        assertThat(live.get()).isSameAs(before);
        assertThat(messages(Level.WARN)).singleElement().asString().contains("could not be checked").contains("parser bug");
    }

    @Test
    void theBackgroundCheckerAppliesAnEditWithinAnIntervalAndStopsOnClose() throws Exception {
        start();
        String before = live.get().fingerprint();
        live.startChecking(Duration.ofMillis(50));
        assertThatThrownBy(() -> live.startChecking(Duration.ofMillis(50))).isInstanceOf(IllegalStateException.class);

        editCaseMapping("department: support", "department: billing");
        await(() -> !live.get().fingerprint().equals(before));
        assertThat(live.get().fingerprint()).isEqualTo(MappingSet.fingerprint(dir));

        live.close();
        String closedAt = live.get().fingerprint();
        editCaseMapping("department: billing", "department: sales");
        Thread.sleep(300);
        assertThat(live.get().fingerprint()).isEqualTo(closedAt);
    }

    private void breakCaseMappingAndPersonas() throws Exception {
        Files.writeString(dir.resolve("personas.yaml"), "personas: []\n");
        editCaseMapping("stage: service", "stage: servicing");
    }

    /** Changes one line of the test's Case mapping, e.g. {@code stage: service} of its first rule. */
    private void editCaseMapping(String from, String to) throws Exception {
        MappingFolders.replaceCaseLine(dir, "    " + from + "\n", "    " + to + "\n");
    }

    private long yamlFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).count();
        }
    }

    private List<String> messages(Level level) {
        return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("within 10 s").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
