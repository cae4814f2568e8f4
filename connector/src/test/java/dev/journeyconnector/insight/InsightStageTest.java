package dev.journeyconnector.insight;

import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.store.CustomerStore;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import dev.journeyconnector.store.EvaluationStore;
import dev.journeyconnector.store.FindingStore;
import dev.journeyconnector.store.FindingStore.Filter;
import dev.journeyconnector.store.FindingStore.Listed;
import dev.journeyconnector.store.FindingStore.State;
import dev.journeyconnector.store.HistoryStore;
import dev.journeyconnector.store.RawRecord;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.TouchpointStore;
import dev.journeyconnector.identity.AmbiguousMatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The incremental evaluation over the embedded store: whom it evaluates, and what it stores. */
class InsightStageTest {
    private static final Instant OPENED = Instant.parse("2026-07-03T09:00:00Z");
    private static final String ANA = "sf:003Jx0000000001IAA";
    private static final String BEN = "sf:003Jx0000000002IAA";
    private static final String CAI = "sf:003Jx0000000003IAA";

    private DataSource dataSource;
    private TouchpointStore touchpoints;
    private CustomerStore customers;
    private FindingStore findings;
    private final NoReplyRule rule = new NoReplyRule();
    private final AtomicReference<RuleSet> rules = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(OPENED.plus(Duration.ofDays(1)));
    private InsightStage stage;

    @BeforeEach
    void setUp() {
        dataSource = TestStore.clean().dataSource();
        touchpoints = new TouchpointStore(dataSource);
        customers = new CustomerStore(dataSource);
        findings = new FindingStore(dataSource);
        rules.set(new RuleSet(RulesConfig.defaults(new RuleRegistry(List.of(rule))), "v1", "test rules"));
        stage = new InsightStage(rules::get, DeepLinks.of(null, "meridiangroup", "us21"), new HistoryStore(dataSource),
                findings, new EvaluationStore(dataSource), clock());
        customers.replaceCustomers(List.of(customer(ANA), customer(BEN), customer(CAI)));
        touchpoints.upsert(List.of(ticket("1", "ticket-opened", ANA, OPENED),
                ticket("2", "ticket-opened", BEN, OPENED), ticket("2", "ticket-first-reply", BEN, OPENED.plusSeconds(600)),
                ticket("3", "ticket-opened", CAI, OPENED), ticket("3", "ticket-first-reply", CAI, OPENED.plusSeconds(600))));
    }

    @Test
    void theFirstEvaluationLooksAtEveryCustomerAndStoresWhatFired() {
        stage.evaluate();

        assertThat(rule.seen).containsExactlyInAnyOrder(ANA, BEN, CAI);
        List<Listed> open = findings.list(new Filter(null, null, State.OPEN));
        assertThat(open).extracting(l -> l.finding().key()).containsExactly("no-reply|" + ANA + "|zendesk/tickets/1");
        FindingStore.StoredFinding f = open.get(0).finding();
        assertThat(f.explanation()).isEqualTo("No first reply within 4 h");
        assertThat(f.detectedAt()).isEqualTo(OPENED.plus(Duration.ofHours(4)));
        assertThat(f.evidence()).singleElement().satisfies(e -> {
            assertThat(e.touchpoint()).isEqualTo("zendesk/tickets/1/ticket-opened");
            assertThat(e.link()).isEqualTo("https://meridiangroup.zendesk.com/agent/tickets/1");
        });
        assertThat(stage.counts().fullEvaluations()).isEqualTo(1);
        assertThat(stage.counts().byRuleAndState()).isEqualTo(Map.of("no-reply", Map.of(State.OPEN, 1L)));
    }

    @Test
    void anEvaluationWithNothingNewLooksAtNobodyAndWritesNothing() throws Exception {
        stage.evaluate();
        Map<String, Object> before = findingRows();
        rule.seen.clear();

        stage.evaluate();

        assertThat(rule.seen).isEmpty();
        assertThat(findingRows()).isEqualTo(before);
        assertThat(stage.counts().changes().written()).isEqualTo(1);
    }

    @Test
    void anIncrementalEvaluationLooksAtExactlyTheCustomersWhoseTouchpointsChanged() {
        stage.evaluate();
        rule.seen.clear();

        touchpoints.upsert(List.of(ticket("4", "ticket-opened", BEN, OPENED.plus(Duration.ofHours(20)))));
        stage.evaluate();

        assertThat(rule.seen).containsExactly(BEN);
        assertThat(findings.list(new Filter(BEN, null, State.OPEN))).hasSize(1);
    }

    @Test
    void aNewTouchpointOfAColleagueAtTheSameAccountHasTheCustomerEvaluatedToo() {
        String account = "001Jx0000000001IAA";
        RawStore raw = new RawStore(dataSource);
        for (String contact : List.of(ANA, BEN)) {
            raw.storePage("salesforce", "Contact", List.of(new RawRecord(contact.substring(3), OPENED, false,
                    new LinkedHashMap<>(Map.of("Id", contact.substring(3), "AccountId", account)))), null);
        }
        stage.evaluate();
        rule.seen.clear();

        touchpoints.upsert(List.of(ticket("4", "ticket-opened", BEN, OPENED.plus(Duration.ofHours(20)))));
        stage.evaluate();

        assertThat(rule.seen).as("Ana works at Ben's Account; Cai does not").containsExactlyInAnyOrder(ANA, BEN);
    }

    @Test
    void aReplyThatArrivesResolvesTheFindingAtTheReplyTime() {
        stage.evaluate();
        Instant reply = OPENED.plus(Duration.ofHours(30));

        touchpoints.upsert(List.of(ticket("1", "ticket-first-reply", ANA, reply)));
        stage.evaluate();

        FindingStore.StoredFinding f = findings.list(new Filter(ANA, null, null)).get(0).finding();
        assertThat(f.state()).isEqualTo(State.RESOLVED);
        assertThat(f.resolvedAt()).isEqualTo(reply);
        assertThat(f.evidence()).hasSize(2);
    }

    @Test
    void timeAloneMakesTheRuleFireAndTheEvaluationPicksUpOnlyThatCustomer() {
        touchpoints.upsert(List.of(ticket("5", "ticket-opened", CAI, OPENED.plus(Duration.ofHours(23)))));
        stage.evaluate(); // at OPENED + 24 h: ticket 5 is one hour old, its deadline three hours ahead
        assertThat(findings.list(new Filter(CAI, null, null))).isEmpty();
        rule.seen.clear();

        now.set(OPENED.plus(Duration.ofHours(26)));
        stage.evaluate();
        assertThat(rule.seen).as("nothing due yet").isEmpty();

        now.set(OPENED.plus(Duration.ofHours(27)));
        stage.evaluate();
        assertThat(rule.seen).containsExactly(CAI);
        assertThat(findings.list(new Filter(CAI, null, State.OPEN))).extracting(l -> l.finding().key())
                .containsExactly("no-reply|" + CAI + "|zendesk/tickets/5");

        rule.seen.clear();
        now.set(OPENED.plus(Duration.ofDays(30)));
        stage.evaluate();
        assertThat(rule.seen).as("no deadline left ahead").isEmpty();
    }

    @Test
    void aCustomerWhoLostATouchpointIsEvaluatedAgainAndItsFindingResolves() {
        stage.evaluate();
        rule.seen.clear();

        touchpoints.assignCustomers(Map.of(ticket("1", "ticket-opened", ANA, OPENED).key(), BEN));
        stage.evaluate();

        assertThat(rule.seen).containsExactlyInAnyOrder(ANA, BEN);
        assertThat(findings.list(new Filter(ANA, null, null)).get(0).finding().state()).isEqualTo(State.RESOLVED);
        assertThat(findings.list(new Filter(BEN, null, State.OPEN))).hasSize(1);
    }

    @Test
    void changedRulesMeanEveryCustomerIsEvaluatedAgain() {
        stage.evaluate();
        rule.seen.clear();

        rules.set(new RuleSet(rules.get().config(), "v2", "test rules"));
        stage.evaluate();

        assertThat(rule.seen).containsExactlyInAnyOrder(ANA, BEN, CAI);
        assertThat(stage.counts().fullEvaluations()).isEqualTo(2);
    }

    @Test
    void aFullEvaluationOnDemandLooksAtEveryone() {
        stage.evaluate();
        rule.seen.clear();

        stage.evaluateAll();

        assertThat(rule.seen).containsExactlyInAnyOrder(ANA, BEN, CAI);
    }

    @Test
    void findingsOfACandidateOnTheReviewListAreStoredHeldUntilDecided() {
        customers.replaceReviewList(List.of(new AmbiguousMatch(SourceRef.ticket("99"), "shared@example.com",
                List.of("003Jx0000000001IAA", "003Jx0000000002IAA"))));

        stage.evaluate();

        assertThat(findings.list(new Filter(ANA, null, State.OPEN))).singleElement()
                .satisfies(l -> assertThat(l.heldForReview()).isTrue());
        assertThat(stage.counts().held()).isEqualTo(1);

        customers.replaceReviewList(List.of());
        stage.evaluate();
        assertThat(findings.list(new Filter(ANA, null, State.OPEN))).singleElement()
                .satisfies(l -> assertThat(l.heldForReview()).isFalse());
    }

    @Test
    void findingsOfACustomerIdentityNoLongerHasAreResolved() {
        stage.evaluate();

        customers.replaceCustomers(List.of(customer(BEN), customer(CAI)));
        stage.evaluate();

        FindingStore.StoredFinding f = findings.list(new Filter(ANA, null, null)).get(0).finding();
        assertThat(f.state()).isEqualTo(State.RESOLVED);
        assertThat(f.resolvedAt()).isEqualTo(now.get());
    }

    @Test
    void aPersonaChangeIsEvaluatedAgainWithThatPersonasSettings() throws Exception {
        stage.evaluate();
        rules.set(new RuleSet(RulesLoader.parse("rules.yaml", """
                rules:
                  no-reply:
                    personas:
                      vip: { window: 48h }
                """, rules.get().config().registry(), null), "v1", "test rules"));
        rule.seen.clear();

        customers.replaceCustomers(List.of(new StoredCustomer(ANA, "contact", "vip", SourceRef.contact("003Jx0000000001IAA")),
                customer(BEN), customer(CAI)));
        stage.evaluate();

        assertThat(rule.seen).containsExactly(ANA);
        assertThat(findings.list(new Filter(ANA, null, State.OPEN))).isEmpty();
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    static StoredCustomer customer(String key) {
        return new StoredCustomer(key, "contact", "leisure-traveller", SourceRef.contact(key.substring(3)));
    }

    static Touchpoint ticket(String id, String type, String customer, Instant at) {
        return new Touchpoint(new Touchpoint.Key(Touchpoint.Source.ZENDESK, "tickets", id, type), customer, "service",
                "email", "support", "desktop", Sentiment.NEUTRAL, at, "Ticket " + id,
                DeepLinks.of(null, "meridiangroup", null).zendeskTicket(id).orElseThrow());
    }

    private Map<String, Object> findingRows() throws Exception {
        Map<String, Object> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select finding_key, updated_at, state from finding")) {
            while (rs.next()) {
                out.put(rs.getString(1), new ArrayList<>(List.of(rs.getTimestamp(2), rs.getString(3))));
            }
        }
        return out;
    }
}
