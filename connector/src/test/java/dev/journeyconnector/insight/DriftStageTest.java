package dev.journeyconnector.insight;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.mapping.JourneyMap;
import dev.journeyconnector.mapping.JourneyMap.PersonaJourney;
import dev.journeyconnector.mapping.JourneyMap.Stage;
import dev.journeyconnector.mapping.JourneyMap.StageOrder;
import dev.journeyconnector.mapping.MappingSet;
import dev.journeyconnector.store.CustomerStore;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import dev.journeyconnector.store.DerivationStore;
import dev.journeyconnector.store.DerivationStore.UnmappedRow;
import dev.journeyconnector.store.DriftStore;
import dev.journeyconnector.store.RawRecord;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.TouchpointStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The drift stage on a small store: two mapped Cases of two travellers, a WhatsApp Case no rule matched, and a
 * ticket whose requester is not resolved. Every number in the score is worked out below.
 */
class DriftStageTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** traveller: service (case-opened, ticket-opened) at any time; unseen after 30 days. */
    private static final JourneyMap MAP = new JourneyMap("mappings/journey-map.yaml", List.of(
            new PersonaJourney("traveller", 30, StageOrder.VOCABULARY,
                    List.of(new Stage("service", false, false, List.of("case-opened", "ticket-opened"))))));

    private DataSource dataSource;
    private DriftStore drift;
    private DerivationStore derivations;
    private MappingSet model = model(Optional.of(MAP));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void aSmallJourney() {
        dataSource = TestStore.clean().dataSource();
        drift = new DriftStore(dataSource);
        derivations = new DerivationStore(dataSource);
        new RawStore(dataSource).storePage("salesforce", "Case", List.of(
                caseRecord("500Jx0000000001IAA", "Phone"), caseRecord("500Jx0000000002IAA", "Phone"),
                caseRecord("500Jx0000000003IAA", "WhatsApp")), null);
        new RawStore(dataSource).storePage("zendesk", "tickets", List.of(new RawRecord("9", NOW, false,
                Map.of("id", 9, "status", "open"))), null);
        new TouchpointStore(dataSource).upsert(List.of(
                caseOpened("500Jx0000000001IAA", "sf:c1"), caseOpened("500Jx0000000002IAA", "sf:c2"),
                new Touchpoint(new Touchpoint.Key(Touchpoint.Source.ZENDESK, "tickets", "9", "ticket-opened"), null,
                        "service", "web", "support", "unknown", Sentiment.NEUTRAL, NOW.minus(Duration.ofDays(1)), "",
                        null)));
        new CustomerStore(dataSource).replaceCustomers(List.of(customer("sf:c1"), customer("sf:c2")));
        SourceRef whatsApp = new SourceRef("salesforce", "Case", "500Jx0000000003IAA");
        derivations.replaceUnmapped(List.of(whatsApp), List.of(new UnmappedRow(whatsApp, null, "no rule matched")));

        Logger logger = (Logger) LoggerFactory.getLogger(DriftStage.class);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void detachTheLogs() {
        ((Logger) LoggerFactory.getLogger(DriftStage.class)).detachAppender(logs);
    }

    @Test
    void theReportIsComputedFromTheStoreAndKeptAsTheLatest() {
        stage(0.15).analyse();

        // unmapped: 1 of 4 records (two Cases and the ticket made touchpoints) x 0.30 = 0.075; both touchpoints of
        // resolved customers are expected: 0; ticket-opened never seen by a traveller (the ticket's requester is not
        // resolved) 1 of 2 x 0.20 = 0.100; nobody reached two ordered stages: 0. Together 0.175.
        DriftStore.StoredReport stored = drift.latest().orElseThrow();
        assertThat(stored.score()).isEqualTo(0.175);
        assertThat(stored.threshold()).isEqualTo(0.15);
        assertThat(stored.alert()).isTrue();
        assertThat(stored.computedAt()).isEqualTo(NOW);

        DriftReport report = DriftReportJson.read(stored.reportJson());
        assertThat(report).as("the stored JSON reads back as the report computed now")
                .isEqualTo(DriftStage.compute(MAP, drift, derivations, NOW, 60, 0.15));
        assertThat(report.unmapped()).singleElement().satisfies(cases -> {
            assertThat(cases.source() + " " + cases.object()).isEqualTo("salesforce Case");
            assertThat(cases.records()).isEqualTo(1);
            assertThat(cases.mappedRecords()).isEqualTo(2);
            assertThat(cases.values()).contains(new DriftReport.DistinguishingValue("Origin", "WhatsApp", 1));
        });
        assertThat(report.unseen()).extracting(DriftReport.UnseenType::type).containsExactly("ticket-opened");
        assertThat(report.score().parts()).extracting(DriftScore.Component::count, DriftScore.Component::outOf)
                .containsExactly(tuple(1, 4), tuple(0, 2),
                        tuple(1, 2), tuple(0, 0));
    }

    @Test
    void aScoreAboveTheThresholdIsOneWarnUntilTheScoreChanges() {
        DriftStage stage = stage(0.15);

        stage.analyse();
        stage.analyse();
        assertThat(warnings()).containsExactly(
                "Journey drift 0.175 is above the threshold 0.15: run `journey drift` for the report");

        SourceRef another = new SourceRef("salesforce", "Case", "500Jx0000000002IAA");
        new TouchpointStore(dataSource).replaceForRecords("salesforce", "Case", List.of(another.recordId()), List.of());
        derivations.replaceUnmapped(List.of(another), List.of(new UnmappedRow(another, null, "no rule matched")));
        stage.analyse();

        // 2 of 4 unmapped x 0.30 = 0.150, ticket-opened unseen 0.100: 0.250.
        assertThat(warnings()).hasSize(2).last().isEqualTo(
                "Journey drift 0.25 is above the threshold 0.15: run `journey drift` for the report");
        assertThat(stage.latest()).hasValueSatisfying(score -> assertThat(score.score()).isEqualTo(0.25));
    }

    @Test
    void aScoreWithinTheThresholdIsNoWarning() {
        DriftStage stage = stage(0.25);

        stage.analyse();

        assertThat(warnings()).isEmpty();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Journey drift 0.175, within the threshold 0.25");
        assertThat(drift.latest()).hasValueSatisfying(r -> assertThat(r.alert()).isFalse());
    }

    @Test
    void withoutAJourneyMapNoReportIsComputedOrStored() {
        model = model(Optional.empty());
        DriftStage stage = stage(0.25);

        stage.analyse();

        assertThat(stage.latest()).isEmpty();
        assertThat(drift.latest()).isEmpty();
    }

    private DriftStage stage(double threshold) {
        return new DriftStage(() -> model, drift, derivations, 60, threshold, CLOCK);
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static MappingSet model(Optional<JourneyMap> map) {
        return new MappingSet(Path.of("mappings"), null, null, Map.of(), "fingerprint", map);
    }

    private static RawRecord caseRecord(String id, String origin) {
        return new RawRecord(id, NOW, false, Map.of("Id", id, "Origin", origin, "Status", "New"));
    }

    private static Touchpoint caseOpened(String caseId, String customer) {
        return new Touchpoint(new Touchpoint.Key(Touchpoint.Source.SALESFORCE, "Case", caseId, "case-opened"),
                customer, "service", "phone", "support", "unknown", Sentiment.NEUTRAL, NOW.minus(Duration.ofDays(2)),
                "", null);
    }

    private static StoredCustomer customer(String key) {
        return new StoredCustomer(key, "contact", "traveller", SourceRef.contact(key.substring(3)));
    }
}
