package dev.journeyconnector.mapping;

import dev.journeyconnector.identity.AmbiguousMatch;
import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.store.CustomerStore;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import dev.journeyconnector.store.DerivationStore;
import dev.journeyconnector.store.DerivationStore.UnmappedRow;
import dev.journeyconnector.store.RawRecord;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.TouchpointStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The derivation stage over the embedded store: what it stores, when it re-derives, and that it repeats nothing. */
class DerivationStageTest {
    private static final String TREY = "003Jx0000000001IAA";
    private static final String AMIRA = "003Jx0000000002IAA";
    private static final String TREYS_ACCOUNT = "001Jx0000000001IAA";
    private static final String TREYS_CASE = "500Jx0000000001IAA";
    private static final DeepLinks LINKS = DeepLinks.of(null, "meridiangroup", "us21");

    @TempDir
    Path dir;

    private DataSource dataSource;
    private RawStore raw;
    private TouchpointStore touchpoints;
    private CustomerStore customers;
    private DerivationStore derivations;
    private final AtomicReference<MappingSet> model = new AtomicReference<>();
    private DerivationStage stage;
    private Instant version = Instant.parse("2026-11-01T00:00:00Z");

    @BeforeEach
    void setUp() {
        dataSource = TestStore.clean().dataSource();
        raw = new RawStore(dataSource);
        touchpoints = new TouchpointStore(dataSource);
        customers = new CustomerStore(dataSource);
        derivations = new DerivationStore(dataSource);
        model.set(model("v1", standardFiles()));
        stage = new DerivationStage(model::get, LINKS, derivations, touchpoints, customers);
    }

    @Test
    void aCustomersTouchpointsFromEverySourceReadInTimeOrder() {
        account(TREYS_ACCOUNT, "Hospitality");
        contact(TREY, "trey.weller@example.com", TREYS_ACCOUNT, "2026-05-14T11:20:00Z");
        zendeskUser("9010000000101", "Trey.Weller@example.com ");
        ticket("17", "9010000000101", "2026-07-03T09:15:00Z", "Never received my itinerary");
        salesforceCase(TREYS_CASE, TREY, "2026-05-05T08:00:00Z", "Cannot filter tours");
        caseComment("00aJx0000000001IAA", TREYS_CASE, "2026-05-06T08:00:00Z", true);
        caseComment("00aJx0000000002IAA", TREYS_CASE, "2026-05-06T09:00:00Z", false);

        stage.derive();

        assertThat(touchpoints.timeline("sf:" + TREY)).extracting(t -> t.key().asString()).containsExactly(
                "salesforce/Case/" + TREYS_CASE + "/case-opened",
                "salesforce/CaseComment/00aJx0000000001IAA/case-reply",
                "zendesk/tickets/17/ticket-opened");
        assertThat(touchpoints.timeline("sf:" + TREY).get(2).deepLink())
                .hasToString("https://meridiangroup.zendesk.com/agent/tickets/17");
        assertThat(customers.customers().get("sf:" + TREY))
                .isEqualTo(new StoredCustomer("sf:" + TREY, "contact", "leisure-traveller", SourceRef.contact(TREY)));
        DerivationStage.Counts counts = stage.counts();
        assertThat(counts.fullDerivations()).isEqualTo(1);
        assertThat(counts.recordsDerived()).isEqualTo(4);
        assertThat(counts.touchpointsDerived()).isEqualTo(3);
        assertThat(counts.touchpointsChanged()).isEqualTo(3);
        assertThat(counts.customersByKind()).containsExactly(Map.entry("contact", 1L));
    }

    @Test
    void aSecondDerivationWithNothingNewWritesNothing() throws Exception {
        contact(TREY, "trey.weller@example.com", null, "2026-05-14T11:20:00Z");
        zendeskUser("9010000000101", "trey.weller@example.com");
        ticket("17", "9010000000101", "2026-07-03T09:15:00Z", "Never received my itinerary");
        ticket("18", "9010000000101", null, "No date");
        contact(AMIRA, "amira@example.com", null, "2026-05-14T11:20:00Z");
        contact("003Jx0000000003IAA", "amira@example.com", null, "2026-05-15T11:20:00Z");
        zendeskUser("9010000000102", "amira@example.com");
        ticket("19", "9010000000102", "2026-07-04T09:15:00Z", "Which of us?");
        stage.derive();
        Map<String, Object> before = lastWrites();
        Thread.sleep(5); // so that any write would show as a later derived_at

        stage.derive();

        assertThat(lastWrites()).isEqualTo(before);
        DerivationStage.Counts counts = stage.counts();
        assertThat(counts.fullDerivations()).as("only the first").isEqualTo(1);
        assertThat(counts.recordsDerived()).as("records derived over both runs").isEqualTo(3);
        assertThat(counts.touchpointsChanged()).isEqualTo(2);
        assertThat(counts.customersAssigned()).isZero();
    }

    @Test
    void aContactCreatedLaterClaimsTheTicketsItsEmailAlreadyHad() {
        zendeskUser("9010000000101", "trey.weller@example.com");
        ticket("17", "9010000000101", "2026-07-03T09:15:00Z", "Never received my itinerary");
        stage.derive();
        assertThat(touchpoints.timeline("prospect:trey.weller@example.com")).hasSize(1);

        contact(TREY, "Trey.Weller@example.com", null, "2026-07-10T11:20:00Z");
        stage.derive();

        assertThat(touchpoints.timeline("prospect:trey.weller@example.com")).isEmpty();
        assertThat(touchpoints.timeline("sf:" + TREY)).extracting(Touchpoint::type).containsExactly("ticket-opened");
        assertThat(stage.counts().customersAssigned()).isEqualTo(1);
        assertThat(stage.counts().recordsDerived()).as("the Contact is no journey record here; the ticket was not re-derived")
                .isEqualTo(1);
        assertThat(customers.customers()).containsOnlyKeys("sf:" + TREY);
    }

    @Test
    void aConvertedLeadsTouchpointsJoinTheContact() {
        lead("00QJx0000000001MAA", "trey.weller@example.com", null);
        task("00TJx0000000001IAA", "00QJx0000000001MAA", null, "Call", "2026-05-04T10:00:00Z");
        stage.derive();
        assertThat(touchpoints.timeline("sf:00QJx0000000001MAA")).extracting(Touchpoint::type).containsExactly("call");

        contact(TREY, "trey.weller@example.com", TREYS_ACCOUNT, "2026-05-14T11:20:00Z");
        lead("00QJx0000000001MAA", "trey.weller@example.com", TREY);
        stage.derive();

        assertThat(touchpoints.timeline("sf:00QJx0000000001MAA")).isEmpty();
        assertThat(touchpoints.timeline("sf:" + TREY)).extracting(Touchpoint::type).containsExactly("call");
        assertThat(customers.countByKind()).containsExactly(Map.entry("contact", 1L));
    }

    @Test
    void aMergedAwayContactsTouchpointsMoveToTheMasterRecord() {
        contact(TREY, "trey.weller@example.com", null, "2026-05-14T11:20:00Z");
        contact("003Jx00000000ZZIAA", "t.weller@example.com", null, "2026-06-01T09:00:00Z");
        salesforceCase(TREYS_CASE, "003Jx00000000ZZIAA", "2026-06-02T08:00:00Z", "Duplicate's case");
        stage.derive();
        assertThat(touchpoints.timeline("sf:003Jx00000000ZZIAA")).hasSize(1);

        Map<String, Object> merged = contactPayload("003Jx00000000ZZIAA", "t.weller@example.com", null, "2026-06-01T09:00:00Z");
        merged.put("IsDeleted", true);
        merged.put("MasterRecordId", TREY);
        store("salesforce", "Contact", "003Jx00000000ZZIAA", true, merged);
        stage.derive();

        assertThat(touchpoints.timeline("sf:" + TREY)).extracting(Touchpoint::type).containsExactly("case-opened");
        assertThat(customers.customers()).containsOnlyKeys("sf:" + TREY);
    }

    @Test
    void anAmbiguousEmailKeepsItsTouchpointsWithoutACustomerAndListsItForReview() {
        contact(AMIRA, "family@example.com", null, "2026-05-14T11:20:00Z");
        contact("003Jx0000000003IAA", " Family@Example.com", null, "2026-05-15T11:20:00Z");
        zendeskUser("9010000000102", "family@example.com");
        ticket("19", "9010000000102", "2026-07-04T09:15:00Z", "Which of us?");

        stage.derive();

        List<String> both = List.of(AMIRA, "003Jx0000000003IAA");
        assertThat(customers.reviewList()).containsExactly(
                new AmbiguousMatch(SourceRef.ticket("19"), "family@example.com", both),
                new AmbiguousMatch(SourceRef.zendeskUser("9010000000102"), "family@example.com", both));
        assertThat(touchpoints.customerAssignments()).containsEntry(
                new Touchpoint.Key(Touchpoint.Source.ZENDESK, "tickets", "19", "ticket-opened"), null);
        assertThat(stage.counts().reviewRecords()).isEqualTo(2);
        assertThat(stage.counts().heldForReview()).isEqualTo(1);
    }

    @Test
    void recordsTheModelCannotMapAreStoredUntilTheyAreFixed() {
        zendeskUser("9010000000101", "trey.weller@example.com");
        ticket("18", "9010000000101", null, "No date");
        task("00TJx0000000002IAA", TREY, null, "Email", "2026-05-04T10:00:00Z");
        stage.derive();

        assertThat(derivations.unmapped()).containsExactly(
                new UnmappedRow(new SourceRef("salesforce", "Task", "00TJx0000000002IAA"), null, "no rule matched"),
                new UnmappedRow(SourceRef.ticket("18"), "ticket-opened", "created_at is missing"));
        assertThat(stage.counts().unmappedRecords()).isEqualTo(2);

        ticket("18", "9010000000101", "2026-07-05T09:00:00Z", "Now dated");
        stage.derive();

        assertThat(derivations.unmapped()).extracting(UnmappedRow::ref)
                .containsExactly(new SourceRef("salesforce", "Task", "00TJx0000000002IAA"));
    }

    @Test
    void theDriftReportGetsTheRecordsThatMadeNoTouchpointWithTheirReasonsAndPayloads() {
        zendeskUser("9010000000101", "trey.weller@example.com");
        Map<String, Object> undated = ticketPayload("18", "9010000000101", null, "No date");
        undated.put("status", "solved");
        store("zendesk", "tickets", "18", false, undated);
        Map<String, Object> solvedUndated = ticketPayload("20", "9010000000101", "2026-07-05T09:00:00Z", "Half dated");
        solvedUndated.put("status", "solved");
        store("zendesk", "tickets", "20", false, solvedUndated);

        stage.derive();

        assertThat(derivations.unmapped()).extracting(r -> r.ref().recordId()).containsExactly("18", "18", "20");
        assertThat(derivations.unmappedRecords()).singleElement().satisfies(r -> {
            assertThat(r.ref()).isEqualTo(SourceRef.ticket("18"));
            assertThat(r.reason()).isEqualTo("ticket-opened: created_at is missing; ticket-solved: updated_at is missing");
            assertThat(r.payload()).containsEntry("subject", "No date");
        });
        assertThat(stage.counts().unmappedRecords()).as("ticket 20 made its ticket-opened").isEqualTo(1);
    }

    @Test
    void theConnectorsOwnTasksNeverBecomeTouchpoints() {
        contact(TREY, "trey.weller@example.com", null, "2026-05-14T11:20:00Z");
        task("00TJx00000000AAIAA", TREY, "[Journey] Journey summary: Trey Weller", "Call", "2026-11-20T10:00:00Z");
        task("00TJx00000000ABIAA", TREY, "Call about the tour", "Call", "2026-05-20T10:00:00Z");

        stage.derive();

        assertThat(touchpoints.timeline("sf:" + TREY)).extracting(t -> t.key().recordId())
                .containsExactly("00TJx00000000ABIAA");
        assertThat(derivations.unmapped()).isEmpty();
    }

    @Test
    void aDeletedRecordTakesItsTouchpointsWithIt() {
        contact(TREY, "trey.weller@example.com", null, "2026-05-14T11:20:00Z");
        salesforceCase(TREYS_CASE, TREY, "2026-05-05T08:00:00Z", "Cannot filter tours");
        stage.derive();
        assertThat(touchpoints.timeline("sf:" + TREY)).hasSize(1);

        Map<String, Object> deleted = casePayload(TREYS_CASE, TREY, "2026-05-05T08:00:00Z", "Cannot filter tours");
        deleted.put("IsDeleted", true);
        store("salesforce", "Case", TREYS_CASE, true, deleted);
        stage.derive();

        assertThat(touchpoints.timeline("sf:" + TREY)).isEmpty();
        assertThat(stage.counts().touchpointsChanged()).isEqualTo(2);
    }

    @Test
    void aChangedModelReDerivesEveryStoredRecordAndAnObjectNoLongerMappedLosesItsTouchpoints() {
        contact(TREY, "trey.weller@example.com", null, "2026-05-14T11:20:00Z");
        salesforceCase(TREYS_CASE, TREY, "2026-05-05T08:00:00Z", "Cannot filter tours");
        task("00TJx00000000ABIAA", TREY, "Call about the tour", "Call", "2026-05-20T10:00:00Z");
        stage.derive();

        Map<String, String> files = standardFiles();
        files.remove("salesforce-task.yaml");
        files.put("salesforce-case.yaml", TestModels.CASES.replace("title: \"{Subject}\"", "title: \"Case: {Subject}\""));
        model.set(model("v2", files));
        stage.derive();

        assertThat(touchpoints.timeline("sf:" + TREY)).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("case-opened");
            assertThat(t.title()).isEqualTo("Case: Cannot filter tours");
        });
        assertThat(stage.counts().fullDerivations()).isEqualTo(2);
        assertThat(stage.counts().touchpointsChanged()).as("2 new, then 1 changed and 1 removed").isEqualTo(4);
    }

    @Test
    void theWatermarkFollowsTheRecordsReadButNeverPassesAnOpenTransactionNorGoesBack() {
        Instant t1 = Instant.parse("2026-11-01T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-01T10:05:00Z");
        Instant t3 = Instant.parse("2026-11-01T10:10:00Z");
        List<DerivationStore.StoredRecord> read = List.of(stored(t1), stored(t3));

        assertThat(DerivationStage.watermark(Instant.EPOCH, read, Instant.parse("2026-11-02T00:00:00Z"))).isEqualTo(t3);
        assertThat(DerivationStage.watermark(Instant.EPOCH, read, t2)).as("an open transaction began at t2").isEqualTo(t2);
        assertThat(DerivationStage.watermark(t2, List.of(), t3)).as("nothing read").isEqualTo(t2);
        assertThat(DerivationStage.watermark(t3, List.of(stored(t1)), t3)).as("never back").isEqualTo(t3);
    }

    // ---- the store's state and records ----

    /** The latest derived_at of every derived table and the state row: any write moves one of them. */
    private Map<String, Object> lastWrites() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("touchpoint", "customer", "identity_review", "unmapped_record", "derived_record",
                    "derivation_state")) {
                try (ResultSet rs = s.executeQuery("select count(*), max(derived_at) from " + table)) {
                    rs.next();
                    out.put(table, rs.getLong(1) + " rows, last " + rs.getTimestamp(2));
                }
            }
            try (ResultSet rs = s.executeQuery("select watermark from derivation_state")) {
                rs.next();
                out.put("watermark", rs.getTimestamp(1));
            }
        }
        return out;
    }

    private static DerivationStore.StoredRecord stored(Instant at) {
        return new DerivationStore.StoredRecord(SourceRef.ticket("1"), false, Map.of(), at);
    }

    private static Map<String, String> standardFiles() {
        Map<String, String> files = new HashMap<>();
        files.put("salesforce-task.yaml", TestModels.TASKS);
        files.put("salesforce-case.yaml", TestModels.CASES);
        files.put("salesforce-case-comment.yaml", TestModels.CASE_COMMENTS);
        files.put("zendesk-tickets.yaml", TestModels.TICKETS);
        files.put("zendesk-users.yaml", "source: zendesk\nobject: users\nreference: true\n");
        return files;
    }

    private MappingSet model(String name, Map<String, String> files) {
        Path folder = dir.resolve(name);
        if (Files.exists(folder)) {
            throw new IllegalStateException(name + " exists");
        }
        return TestModels.load(TestModels.folder(folder, files));
    }

    private void store(String source, String object, String id, boolean deleted, Map<String, Object> payload) {
        version = version.plusSeconds(1); // each write a newer version, as the sources' modification stamps are
        raw.storePage(source, object, List.of(new RawRecord(id, version, deleted, payload)), null);
    }

    private void account(String id, String industry) {
        store("salesforce", "Account", id, false, new HashMap<>(Map.of("Id", id, "Industry", industry)));
    }

    private void contact(String id, String email, String accountId, String created) {
        store("salesforce", "Contact", id, false, contactPayload(id, email, accountId, created));
    }

    private static Map<String, Object> contactPayload(String id, String email, String accountId, String created) {
        Map<String, Object> c = new HashMap<>();
        c.put("Id", id);
        c.put("Email", email);
        c.put("AccountId", accountId);
        c.put("CreatedDate", created);
        c.put("IsDeleted", false);
        return c;
    }

    private void lead(String id, String email, String convertedContactId) {
        Map<String, Object> l = new HashMap<>();
        l.put("Id", id);
        l.put("Email", email);
        l.put("IsDeleted", false);
        l.put("IsConverted", convertedContactId != null);
        l.put("ConvertedContactId", convertedContactId);
        store("salesforce", "Lead", id, false, l);
    }

    private void zendeskUser(String id, String email) {
        store("zendesk", "users", id, false, new HashMap<>(Map.of("id", Long.parseLong(id), "email", email,
                "role", "end-user")));
    }

    private void ticket(String id, String requesterId, String createdAt, String subject) {
        store("zendesk", "tickets", id, false, ticketPayload(id, requesterId, createdAt, subject));
    }

    private static Map<String, Object> ticketPayload(String id, String requesterId, String createdAt, String subject) {
        Map<String, Object> t = new HashMap<>();
        t.put("id", Long.parseLong(id));
        t.put("requester_id", Long.parseLong(requesterId));
        t.put("created_at", createdAt);
        t.put("subject", subject);
        t.put("status", "open");
        t.put("via", Map.of("channel", "email"));
        return t;
    }

    private void salesforceCase(String id, String contactId, String created, String subject) {
        store("salesforce", "Case", id, false, casePayload(id, contactId, created, subject));
    }

    private static Map<String, Object> casePayload(String id, String contactId, String created, String subject) {
        Map<String, Object> c = new HashMap<>();
        c.put("Id", id);
        c.put("ContactId", contactId);
        c.put("CreatedDate", created);
        c.put("Subject", subject);
        c.put("IsDeleted", false);
        return c;
    }

    private void caseComment(String id, String caseId, String created, boolean published) {
        store("salesforce", "CaseComment", id, false, new HashMap<>(Map.of("Id", id, "ParentId", caseId,
                "CreatedDate", created, "IsPublished", published)));
    }

    private void task(String id, String whoId, String subject, String subtype, String created) {
        Map<String, Object> t = new HashMap<>();
        t.put("Id", id);
        t.put("WhoId", whoId);
        t.put("Subject", subject);
        t.put("TaskSubtype", subtype);
        t.put("CreatedDate", created);
        store("salesforce", "Task", id, false, t);
    }
}
