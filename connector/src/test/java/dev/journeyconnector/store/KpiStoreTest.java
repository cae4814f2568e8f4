package dev.journeyconnector.store;

import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.insight.kpi.FindingRow;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KpiStoreTest {
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");

    private DataSource dataSource;
    private KpiStore store;

    @BeforeEach
    void setUp() {
        dataSource = TestStore.clean().dataSource();
        store = new KpiStore(dataSource);
        new CustomerStore(dataSource).replaceCustomers(List.of(
                new StoredCustomer("sf:003A", "contact", "traveller", SourceRef.contact("003A")),
                new StoredCustomer("sf:003B", "contact", "banker", SourceRef.contact("003B")),
                new StoredCustomer("sf:003C", "contact", "banker", SourceRef.contact("003C"))));
    }

    @Test
    void customersComeOneAtATimeWithTheirPersonaAndOnlyTheirTouchpointsInThePeriod() {
        new TouchpointStore(dataSource).upsert(List.of(
                tp("sf:003A", "500A", "case-opened", "2026-03-05T09:00:00Z", Map.of("priority", "high", "case", "500A")),
                tp("sf:003A", "500A", "case-closed", "2026-03-06T09:00:00Z", Map.of("case", "500A")),
                tp("sf:003A", "500Z", "case-opened", "2026-02-27T09:00:00Z", Map.of()),   // before the period
                tp("sf:003B", "500B", "case-opened", "2026-03-31T23:59:59Z", Map.of()),
                tp("sf:003B", "500B", "case-closed", "2026-04-01T00:00:00Z", Map.of()),   // at the end: excluded
                tp("sf:003C", "500C", "case-opened", "2026-01-10T09:00:00Z", Map.of()),   // nothing in March
                tp(null, "500U", "case-opened", "2026-03-10T09:00:00Z", Map.of())));      // no customer yet

        List<KpiStore.CustomerTouchpoints> seen = new ArrayList<>();
        int count = store.forEachCustomer(FROM, TO, seen::add);

        assertThat(count).isEqualTo(2);
        assertThat(seen).extracting(KpiStore.CustomerTouchpoints::customerKey, KpiStore.CustomerTouchpoints::personaId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sf:003A", "traveller"),
                        org.assertj.core.groups.Tuple.tuple("sf:003B", "banker"));
        assertThat(seen.get(0).touchpoints()).extracting(Touchpoint::type).containsExactly("case-opened", "case-closed");
        assertThat(seen.get(0).touchpoints().get(0).attributes()).containsEntry("priority", "high");
        assertThat(seen.get(1).touchpoints()).extracting(t -> t.key().recordId()).containsExactly("500B");
    }

    @Test
    void findingsAreUnknownUntilTheRulesHaveBeenEvaluated() throws SQLException {
        assertThat(store.findings(FROM, TO)).isEmpty();

        insertEvaluated();
        assertThat(store.findings(FROM, TO)).contains(List.of());
    }

    @Test
    void findingsDetectedInThePeriodAreReadAsRowsOpenOrResolved() throws SQLException {
        insertEvaluated();
        insertFinding("k1", "slow-first-response", "pain-point", "sf:003A", "traveller", null, null,
                "2026-03-05T12:00:00Z", "resolved");
        insertFinding("k2", "channel-switch", "handoff-gap", "sf:003B", "banker", "phone", "email",
                "2026-03-07T09:00:00Z", "open");
        insertFinding("k3", "won-not-onboarded", "handoff-gap", "sf:003B", "banker", "sales", null,
                "2026-03-08T09:00:00Z", "open");
        insertFinding("k4", "slow-first-response", "pain-point", "sf:003A", "traveller", null, null,
                "2026-04-01T00:00:00Z", "open"); // detected at the period's end: not in it

        assertThat(store.findings(FROM, TO).orElseThrow()).containsExactly(
                new FindingRow("slow-first-response", FindingRow.Kind.PAIN_POINT, "sf:003A", "traveller", null, null,
                        Instant.parse("2026-03-05T12:00:00Z")),
                new FindingRow("channel-switch", FindingRow.Kind.HANDOFF_GAP, "sf:003B", "banker", "phone", "email",
                        Instant.parse("2026-03-07T09:00:00Z")),
                new FindingRow("won-not-onboarded", FindingRow.Kind.HANDOFF_GAP, "sf:003B", "banker", "sales",
                        "unknown", Instant.parse("2026-03-08T09:00:00Z")));
    }

    @Test
    void onlyCustomersWithAStoredListMembershipCanHaveBeenSentCampaigns() {
        new TouchpointStore(dataSource).upsert(List.of(
                new Touchpoint(new Touchpoint.Key(Source.MAILCHIMP, "members", "list1/abc", "list-signup"), "sf:003B",
                        "awareness", "web", "marketing", "unknown", Sentiment.NEUTRAL,
                        Instant.parse("2026-02-01T09:00:00Z"), "", null),
                tp("sf:003A", "500A", "case-opened", "2026-03-05T09:00:00Z", Map.of())));
        assertThat(store.mailchimpMembers()).containsExactly("sf:003B");
    }

    private static Touchpoint tp(String customer, String caseId, String type, String at, Map<String, String> attributes) {
        return new Touchpoint(new Touchpoint.Key(Source.SALESFORCE, "Case", caseId, type), customer, "service", "phone",
                "support", "unknown", Sentiment.NEUTRAL, Instant.parse(at), "", null, attributes);
    }

    private void insertEvaluated() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into insight_state (rules_fingerprint, watermark) values ('f', now())")) {
            ps.executeUpdate();
        }
    }

    private void insertFinding(String key, String rule, String kind, String customer, String persona, String from,
                               String to, String detectedAt, String state) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into finding (finding_key, customer_key, persona_id, rule_id, kind, severity, title, explanation,
                                     evidence, handoff_from, handoff_to, detected_at, state, resolved_at, content_hash)
                values (?, ?, ?, ?, ?, 'high', 't', 'e', '[]', ?, ?, ?, ?, ?, 'h')
                """)) {
            ps.setString(1, key);
            ps.setString(2, customer);
            ps.setString(3, persona);
            ps.setString(4, rule);
            ps.setString(5, kind);
            ps.setString(6, from);
            ps.setString(7, to);
            ps.setTimestamp(8, Timestamp.from(Instant.parse(detectedAt)));
            ps.setString(9, state);
            ps.setTimestamp(10, state.equals("resolved") ? Timestamp.from(Instant.parse(detectedAt).plusSeconds(60)) : null);
            ps.executeUpdate();
        }
    }
}
