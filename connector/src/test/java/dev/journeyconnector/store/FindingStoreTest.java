package dev.journeyconnector.store;

import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import dev.journeyconnector.store.FindingStore.Actor;
import dev.journeyconnector.store.FindingStore.Changes;
import dev.journeyconnector.store.FindingStore.Evidence;
import dev.journeyconnector.store.FindingStore.Filter;
import dev.journeyconnector.store.FindingStore.Listed;
import dev.journeyconnector.store.FindingStore.State;
import dev.journeyconnector.store.FindingStore.StoredFinding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Findings over the embedded store: what a save writes, and that it writes only what changed. */
class FindingStoreTest {
    private static final Instant DETECTED = Instant.parse("2026-07-03T13:15:00Z");
    private static final Instant NOW = Instant.parse("2026-07-10T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-07-11T09:00:00Z");
    private static final String TREY = "sf:003Jx0000000001IAA";
    private static final String AMIRA = "sf:003Jx0000000002IAA";

    private DataSource dataSource;
    private FindingStore store;

    @BeforeEach
    void setUp() {
        dataSource = TestStore.clean().dataSource();
        store = new FindingStore(dataSource);
    }

    @Test
    void aSavedFindingReadsBackWithEveryField() {
        StoredFinding f = slowReply(TREY, "ticket 17: first reply after 31 h; the SLA for high priority is 4 h");

        Changes changes = store.save(List.of(TREY), List.of(f), Set.of(), NOW);

        assertThat(changes).isEqualTo(new Changes(1, 0, 0, 0, 0));
        List<Listed> listed = store.list(Filter.ALL);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).finding()).isEqualTo(f);
        assertThat(listed.get(0).heldForReview()).isFalse();
    }

    @Test
    void savingTheSameFindingsAgainWritesNothing() throws Exception {
        StoredFinding f = slowReply(TREY, "first reply after 31 h");
        store.save(List.of(TREY), List.of(f), Set.of(), NOW);
        Map<String, Object> before = rows();
        Thread.sleep(5); // any write would show as a later updated_at

        Changes again = store.save(List.of(TREY), List.of(f), Set.of(), LATER);

        assertThat(again).isEqualTo(new Changes(0, 0, 0, 0, 1));
        assertThat(again.written()).isZero();
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aChangedExplanationUpdatesTheFindingAndKeepsItsFirstSighting() {
        store.save(List.of(TREY), List.of(slowReply(TREY, "first reply after 31 h")), Set.of(), NOW);
        Instant firstSeen = store.list(Filter.ALL).get(0).firstSeenAt();

        Changes changes = store.save(List.of(TREY), List.of(slowReply(TREY, "first reply after 32 h")), Set.of(), LATER);

        assertThat(changes).isEqualTo(new Changes(0, 1, 0, 0, 0));
        Listed listed = store.list(Filter.ALL).get(0);
        assertThat(listed.finding().explanation()).isEqualTo("first reply after 32 h");
        assertThat(listed.firstSeenAt()).isEqualTo(firstSeen);
    }

    @Test
    void aFindingTheRulesNoLongerProduceIsResolvedAtTheEvaluationTime() {
        store.save(List.of(TREY), List.of(slowReply(TREY, "no reply yet")), Set.of(), NOW);

        Changes changes = store.save(List.of(TREY), List.of(), Set.of(), LATER);

        assertThat(changes).isEqualTo(new Changes(0, 0, 1, 0, 0));
        StoredFinding resolved = store.list(Filter.ALL).get(0).finding();
        assertThat(resolved.state()).isEqualTo(State.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(LATER);
        assertThat(store.save(List.of(TREY), List.of(), Set.of(), LATER.plusSeconds(60)).written())
                .as("a resolved finding stays as it was").isZero();
    }

    @Test
    void aRuleThatKnowsWhenTheConditionClearedGivesTheResolutionTime() {
        StoredFinding open = slowReply(TREY, "no reply yet");
        store.save(List.of(TREY), List.of(open), Set.of(), NOW);
        Instant replied = Instant.parse("2026-07-04T20:15:00Z");

        Changes changes = store.save(List.of(TREY), List.of(open.withState(State.RESOLVED, replied)), Set.of(), LATER);

        assertThat(changes.resolved()).isEqualTo(1);
        assertThat(store.list(Filter.ALL).get(0).finding().resolvedAt()).isEqualTo(replied);
    }

    @Test
    void aResolvedFindingThatFiresAgainIsReopened() {
        StoredFinding f = slowReply(TREY, "no reply yet");
        store.save(List.of(TREY), List.of(f), Set.of(), NOW);
        store.save(List.of(TREY), List.of(), Set.of(), LATER);

        Changes changes = store.save(List.of(TREY), List.of(f), Set.of(), LATER.plusSeconds(3600));

        assertThat(changes).isEqualTo(new Changes(0, 0, 0, 1, 0));
        StoredFinding reopened = store.list(Filter.ALL).get(0).finding();
        assertThat(reopened.state()).isEqualTo(State.OPEN);
        assertThat(reopened.resolvedAt()).isNull();
    }

    @Test
    void savingOneCustomerLeavesTheOthersFindingsAlone() {
        store.save(List.of(TREY, AMIRA), List.of(slowReply(TREY, "a"), slowReply(AMIRA, "b")), Set.of(), NOW);

        store.save(List.of(TREY), List.of(), Set.of(), LATER);

        assertThat(store.list(new Filter(AMIRA, null, State.OPEN))).hasSize(1);
        assertThat(store.list(new Filter(null, null, State.OPEN))).extracting(l -> l.finding().customerKey())
                .containsExactly(AMIRA);
        assertThat(store.countByRuleAndState()).isEqualTo(Map.of("slow-first-response",
                Map.of(State.OPEN, 1L, State.RESOLVED, 1L)));
    }

    @Test
    void findingsOfCustomersOnTheReviewListAreHeldAndReleasedWhenDecided() {
        store.save(List.of(TREY, AMIRA), List.of(slowReply(TREY, "a"), slowReply(AMIRA, "b")), Set.of(AMIRA), NOW);
        assertThat(store.list(new Filter(AMIRA, null, null)).get(0).heldForReview()).isTrue();
        assertThat(store.list(new Filter(TREY, null, null)).get(0).heldForReview()).isFalse();

        assertThat(store.holdForReview(Set.of())).isEqualTo(1);

        assertThat(store.list(Filter.ALL)).noneMatch(Listed::heldForReview);
        assertThat(store.holdForReview(Set.of())).as("nothing left to change").isZero();
    }

    @Test
    void findingsOfACustomerIdentityNoLongerHasAreResolved() throws Exception {
        new CustomerStore(dataSource).replaceCustomers(List.of(
                new StoredCustomer(AMIRA, "contact", "leisure-traveller", SourceRef.contact("003Jx0000000002IAA"))));
        store.save(List.of(TREY, AMIRA), List.of(slowReply(TREY, "a"), slowReply(AMIRA, "b")), Set.of(), NOW);

        assertThat(store.resolveForGoneCustomers(List.of(TREY, AMIRA), LATER)).isEqualTo(1);

        assertThat(store.list(new Filter(TREY, null, null)).get(0).finding().resolvedAt()).isEqualTo(LATER);
        assertThat(store.list(new Filter(AMIRA, null, null)).get(0).finding().state()).isEqualTo(State.OPEN);
    }

    @Test
    void aFindingAboutACustomerNotEvaluatedIsRefused() {
        assertThatThrownBy(() -> store.save(List.of(TREY), List.of(slowReply(AMIRA, "b")), Set.of(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(AMIRA).hasMessageContaining("not among the 1 customers evaluated");
    }

    @Test
    void anOpenFindingCannotCarryAResolutionTime() {
        assertThatThrownBy(() -> slowReply(TREY, "x").withState(State.OPEN, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is open with a resolution time");
    }

    private static StoredFinding slowReply(String customer, String explanation) {
        return new StoredFinding("slow-first-response/" + customer + "/zendesk/tickets/17", customer, "leisure-traveller",
                "slow-first-response", "pain-point", "high", "Slow first reply on ticket 17", explanation,
                List.of(new Evidence(Instant.parse("2026-07-03T09:15:00Z"), "ticket-opened \"Never received my itinerary\"",
                        "https://meridiangroup.zendesk.com/agent/tickets/17", "zendesk/tickets/17/ticket-opened")),
                null, null, new Actor("005Jx0000000001IAA", "ticket assignee", "assigned to the ticket"), DETECTED,
                State.OPEN, null);
    }

    private Map<String, Object> rows() throws Exception {
        Map<String, Object> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select finding_key, updated_at, content_hash, state from finding")) {
            while (rs.next()) {
                out.put(rs.getString(1), List.of(rs.getTimestamp(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }
}
