package dev.journeyconnector.store;

import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Key;
import dev.journeyconnector.journey.Touchpoint.Source;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TouchpointStoreTest {
    private static final Instant T1 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-06-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-06-03T10:00:00Z");

    private DataSource dataSource;
    private TouchpointStore store;

    @BeforeEach
    void setUp() {
        dataSource = TestStore.clean().dataSource();
        store = new TouchpointStore(dataSource);
    }

    @Test
    void storingTheSameTouchpointsTwiceWritesNothingTheSecondTime() {
        List<Touchpoint> tps = List.of(ticket("4711", "ticket-opened", "c1", T1), ticket("4711", "ticket-first-reply", "c1", T2));

        assertThat(store.upsert(tps)).isEqualTo(2);
        assertThat(store.upsert(tps)).isZero();
        assertThat(store.timeline("c1")).containsExactlyElementsOf(tps);
    }

    @Test
    void aChangedFieldUpdatesOnlyThatTouchpoint() {
        Touchpoint opened = ticket("4711", "ticket-opened", "c1", T1);
        Touchpoint reply = ticket("4711", "ticket-first-reply", "c1", T2);
        store.upsert(List.of(opened, reply));
        Touchpoint angrier = new Touchpoint(reply.key(), "c1", reply.stage(), reply.channel(), reply.department(),
                reply.device(), Sentiment.NEGATIVE, reply.occurredAt(), reply.title(), null);

        assertThat(store.upsert(List.of(opened, angrier))).isEqualTo(1);
        assertThat(store.timeline("c1")).containsExactly(opened, angrier);
    }

    @Test
    void attributesAreStoredAndReadBack() {
        Touchpoint opened = withAttributes(ticket("4711", "ticket-opened", "c1", T1),
                Map.of("priority", "urgent", "status", "open", "ticket", "4711", "group", "9020000000001"));
        Touchpoint plain = ticket("4712", "ticket-opened", "c1", T2);

        assertThat(store.upsert(List.of(opened, plain))).isEqualTo(2);
        assertThat(store.timeline("c1")).containsExactly(opened, plain);
        assertThat(store.timeline("c1").get(0).attribute("priority")).contains("urgent");
        assertThat(store.timeline("c1").get(1).attributes()).isEmpty();
    }

    @Test
    void anUnchangedAttributeMapWritesNothingAndAChangedOneUpdates() throws Exception {
        Touchpoint opened = withAttributes(ticket("4711", "ticket-opened", "c1", T1),
                Map.of("priority", "high", "status", "open"));
        store.upsert(List.of(opened));
        Instant firstWritten = derivedAt(opened.key());

        // the same map built in another order is the same content
        Map<String, String> sameInAnotherOrder = new java.util.LinkedHashMap<>();
        sameInAnotherOrder.put("status", "open");
        sameInAnotherOrder.put("priority", "high");
        assertThat(store.upsert(List.of(withAttributes(opened, sameInAnotherOrder)))).isZero();
        assertThat(derivedAt(opened.key())).isEqualTo(firstWritten);

        Touchpoint escalated = withAttributes(opened, Map.of("priority", "urgent", "status", "open"));
        assertThat(store.upsert(List.of(escalated))).isEqualTo(1);
        assertThat(store.timeline("c1")).containsExactly(escalated);
        Touchpoint cleared = withAttributes(opened, Map.of());
        assertThat(store.replaceForRecords("zendesk", "ticket", List.of("4711"), List.of(cleared))).isEqualTo(1);
        assertThat(store.timeline("c1")).containsExactly(cleared);
    }

    @Test
    void aDerivationWithoutACustomerKeepsTheAssignedOne() {
        Touchpoint opened = ticket("4711", "ticket-opened", null, T1);
        store.upsert(List.of(opened));
        store.assignCustomers(Map.of(opened.key(), "c1"));

        assertThat(store.upsert(List.of(opened))).isZero();
        assertThat(store.timeline("c1")).containsExactly(opened.withCustomerKey("c1"));
    }

    @Test
    void reDerivationRemovesWhatARecordNoLongerYieldsAndKeepsTheRest() {
        Touchpoint opened = ticket("4711", "ticket-opened", "c1", T1);
        Touchpoint reply = ticket("4711", "ticket-first-reply", "c1", T2);
        Touchpoint otherOpened = ticket("4712", "ticket-opened", "c1", T2);
        Touchpoint goneRecord = ticket("4713", "ticket-opened", "c1", T3);
        Touchpoint notReDerived = ticket("4714", "ticket-opened", "c1", T3);
        store.upsert(List.of(opened, reply, otherOpened, goneRecord, notReDerived));

        int changed = store.replaceForRecords("zendesk", "ticket", List.of("4711", "4712", "4713"),
                List.of(opened, otherOpened));

        assertThat(changed).isEqualTo(2);
        assertThat(store.timeline("c1")).containsExactly(opened, otherOpened, notReDerived);
        assertThat(store.replaceForRecords("zendesk", "ticket", List.of("4711", "4712", "4713"),
                List.of(opened, otherOpened))).isZero();
    }

    @Test
    void reDerivationRefusesATouchpointOfAnotherRecordAndChangesNothing() {
        Touchpoint opened = ticket("4711", "ticket-opened", "c1", T1);
        store.upsert(List.of(opened));

        assertThatThrownBy(() -> store.replaceForRecords("zendesk", "ticket", List.of("4711"),
                List.of(ticket("9999", "ticket-opened", "c1", T2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zendesk/ticket/9999/ticket-opened");
        assertThat(store.timeline("c1")).containsExactly(opened);
    }

    @Test
    void reDerivationRefusesASourceSpeltOtherwiseThanItsWireName() {
        store.upsert(List.of(ticket("4711", "ticket-opened", "c1", T1)));

        assertThatThrownBy(() -> store.replaceForRecords("Zendesk", "ticket", List.of("4711"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Zendesk'");
        assertThat(store.timeline("c1")).hasSize(1);
    }

    @Test
    void aFailedReDerivationDeletesNothing() {
        Touchpoint opened = ticket("4711", "ticket-opened", "c1", T1);
        store.upsert(List.of(opened));
        Touchpoint unstorable = new Touchpoint(new Key(Source.ZENDESK, "ticket", "4711", "ticket-solved"), "c1",
                "resolution", "email", "support", "desktop", Sentiment.NEUTRAL, T2, "\u0000", null); // PostgreSQL text cannot hold NUL

        assertThatThrownBy(() -> store.replaceForRecords("zendesk", "ticket", List.of("4711"), List.of(unstorable)))
                .isInstanceOf(StoreException.class).hasMessageContaining("zendesk ticket");
        assertThat(store.timeline("c1")).containsExactly(opened);
    }

    @Test
    void theTimelineIsOrderedByTimeThenByKey() {
        Touchpoint late = ticket("1", "ticket-opened", "c1", T3);
        Touchpoint sameTimeB = ticket("2", "ticket-opened", "c1", T2);
        Touchpoint sameTimeA = caseOpened("500A", "c1", T2);
        Touchpoint sameTimeReply = ticket("2", "ticket-first-reply", "c1", T2);
        Touchpoint early = ticket("3", "ticket-opened", "c1", T1);
        Touchpoint someoneElse = ticket("4", "ticket-opened", "c2", T1);
        Touchpoint unresolved = ticket("5", "ticket-opened", null, T1);
        store.upsert(List.of(late, sameTimeB, sameTimeA, sameTimeReply, early, someoneElse, unresolved));

        // salesforce < zendesk, then record id, then type (ticket-first-reply < ticket-opened)
        assertThat(store.timeline("c1")).containsExactly(early, sameTimeA, sameTimeReply, sameTimeB, late);
        assertThat(store.timeline("nobody")).isEmpty();
    }

    @Test
    void assigningCustomersMovesTouchpointsIntoTheirTimelines() {
        Touchpoint a = ticket("1", "ticket-opened", null, T1);
        Touchpoint b = ticket("2", "ticket-opened", null, T2);
        Touchpoint c = ticket("3", "ticket-opened", "c2", T3);
        store.upsert(List.of(a, b, c));
        Map<Key, String> assignment = new HashMap<>();
        assignment.put(a.key(), "c1");
        assignment.put(b.key(), "c1");
        assignment.put(c.key(), null);
        assignment.put(new Key(Source.ZENDESK, "ticket", "404", "ticket-opened"), "c1");

        assertThat(store.assignCustomers(assignment)).isEqualTo(3);
        assertThat(store.assignCustomers(assignment)).isZero();
        assertThat(store.timeline("c1")).containsExactly(a.withCustomerKey("c1"), b.withCustomerKey("c1"));
        assertThat(store.timeline("c2")).isEmpty();
    }

    @Test
    void theTimelineIsOneOrderedScanOfItsIndex() throws Exception {
        store.upsert(List.of(ticket("1", "ticket-opened", "c1", T1), ticket("2", "ticket-opened", "c2", T2)));
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local enable_seqscan = off"); // the table is tiny; show what a large one does
            }
            try (PreparedStatement ps = c.prepareStatement("explain " + TouchpointStore.TIMELINE_SQL)) {
                ps.setString(1, "c1");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
        }

        assertThat(plan.toString()).contains("touchpoint_timeline").doesNotContain("Sort");
    }

    private static Touchpoint withAttributes(Touchpoint t, Map<String, String> attributes) {
        return new Touchpoint(t.key(), t.customerKey(), t.stage(), t.channel(), t.department(), t.device(),
                t.sentiment(), t.occurredAt(), t.title(), t.deepLink(), attributes);
    }

    private Instant derivedAt(Key key) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select derived_at from touchpoint where source = ? and object_type = ? and record_id = ? and type = ?")) {
            ps.setString(1, key.source().wireName());
            ps.setString(2, key.object());
            ps.setString(3, key.recordId());
            ps.setString(4, key.type());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static Touchpoint ticket(String id, String type, String customer, Instant at) {
        return new Touchpoint(new Key(Source.ZENDESK, "ticket", id, type), customer, "support", "email", "support",
                "desktop", Sentiment.NEUTRAL, at, "Ticket " + id,
                URI.create("https://acme.zendesk.com/agent/tickets/" + id));
    }

    private static Touchpoint caseOpened(String id, String customer, Instant at) {
        return new Touchpoint(new Key(Source.SALESFORCE, "Case", id, "case-opened"), customer, "support", "phone",
                "support", "desktop", Sentiment.NEGATIVE, at, "", null);
    }
}
