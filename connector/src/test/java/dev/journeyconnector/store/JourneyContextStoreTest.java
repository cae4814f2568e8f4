package dev.journeyconnector.store;

import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;
import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import dev.journeyconnector.store.FindingStore.State;
import dev.journeyconnector.store.FindingStore.StoredFinding;
import dev.journeyconnector.writeback.JourneyContext;
import dev.journeyconnector.writeback.JourneyContext.Labels;
import dev.journeyconnector.writeback.JourneyContext.OpenFinding;
import dev.journeyconnector.writeback.JourneyContext.RecentTouchpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Journey contexts read from the embedded store: a small world built by hand, checked field by field. */
class JourneyContextStoreTest {
    private static final String TREY_ID = "003Jx0000000001IAA";
    private static final String TREY = "sf:" + TREY_ID;
    private static final String AMIRA_ID = "003Jx0000000002IAA";
    private static final String AMIRA = "sf:" + AMIRA_ID;
    private static final String GONE_ID = "003Jx0000000003IAA";
    private static final String QUIET_ID = "003Jx0000000004IAA";
    private static final String QUIET = "sf:" + QUIET_ID;
    private static final String LEAD = "sf:00QJx0000000006MAA";
    private static final String PROSPECT = "prospect:walk-in@example.net";
    private static final Instant VERSION = Instant.parse("2026-11-20T00:00:00Z");
    private static final Labels LABELS = new Labels(Vocabulary.defaults(),
            Map.of("leisure-traveller", "Leisure traveller", "small-business-banking-client", "Small-business banking client"));

    private DataSource dataSource;
    private FindingStore findings;

    @BeforeEach
    void buildTheWorld() {
        dataSource = TestStore.clean().dataSource();
        findings = new FindingStore(dataSource);
        new RawStore(dataSource).storePage("salesforce", "Contact", List.of(
                contact(TREY_ID, "Trey", "Weller", "005Jx0000000001IAA", "001Jx0000000001IAA", false),
                contact(AMIRA_ID, "Amira", "Haddad", "005Jx0000000002IAA", null, false),
                contact(GONE_ID, "Gone", "Away", "005Jx0000000001IAA", null, true),
                contact(QUIET_ID, null, "Quiet", "005Jx0000000001IAA", null, false)), null);
        new CustomerStore(dataSource).replaceCustomers(List.of(
                new StoredCustomer(TREY, "contact", "leisure-traveller", SourceRef.contact(TREY_ID)),
                new StoredCustomer(AMIRA, "contact", "small-business-banking-client", SourceRef.contact(AMIRA_ID)),
                new StoredCustomer("sf:" + GONE_ID, "contact", "unclassified", SourceRef.contact(GONE_ID)),
                new StoredCustomer(QUIET, "contact", "retired-persona", SourceRef.contact(QUIET_ID)),
                new StoredCustomer(LEAD, "lead", "unclassified", SourceRef.lead("00QJx0000000006MAA")),
                new StoredCustomer(PROSPECT, "prospect", "unclassified", SourceRef.ticket("40"))));
        new TouchpointStore(dataSource).upsert(List.of(
                // Trey's journey across the three systems: ad lead, deal won, two tickets, a newsletter, a call
                tp(TREY, Source.SALESFORCE, "Lead", "00QJx0000000001MAA", "lead-from-ad", "awareness",
                        "2026-05-04T19:42:00Z", "Scottish Highlands by coach"),
                tp(TREY, Source.SALESFORCE, "Contact", TREY_ID, "contact-created", "engagement", "2026-05-07T10:00:00Z", ""),
                tp(TREY, Source.SALESFORCE, "Opportunity", "006Jx0000000001IAA", "deal-won", "purchase",
                        "2026-05-22T00:00:00Z", "Won: Scottish Highlands by coach (2480)"),
                tp(TREY, Source.ZENDESK, "tickets", "16", "ticket-opened", "service", "2026-07-02T21:40:00Z",
                        "Where is my itinerary?"),
                tp(TREY, Source.ZENDESK, "tickets", "17", "ticket-opened", "service", "2026-07-03T08:12:00Z",
                        "Never received my itinerary"),
                tp(TREY, Source.ZENDESK, "tickets", "17", "ticket-solved", "service", "2026-07-06T10:30:00Z",
                        "Never received my itinerary"),
                tp(TREY, Source.MAILCHIMP, "email_activity", "ecd07f74f8/a1/open/2026-07-10T08:00:00Z", "campaign-open",
                        "engagement", "2026-07-10T08:00:00Z", "Summer tours"),
                tp(TREY, Source.MAILCHIMP, "email_activity", "ecd07f74f8/a1/click/2026-07-10T08:05:00Z",
                        "campaign-click", "engagement", "2026-07-10T08:05:00Z", "Summer tours"),
                tp(TREY, Source.SALESFORCE, "Task", "00TJx0000000001IAA", "call", "engagement", "2026-07-12T09:00:00Z",
                        "Call: Highlands follow-up"),
                // Amira: one case; someone else's ticket may be hers (the identity review list)
                tp(AMIRA, Source.SALESFORCE, "Case", "500Jx0000000003IAA", "case-opened", "service",
                        "2026-06-10T09:00:00Z", "Card declined"),
                tp(LEAD, Source.SALESFORCE, "Lead", "00QJx0000000006MAA", "lead-created", "awareness",
                        "2026-10-01T09:00:00Z", "Rafael Costa"),
                tp(PROSPECT, Source.ZENDESK, "tickets", "40", "ticket-opened", "service", "2026-10-02T09:00:00Z",
                        "Opening hours?")));
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        findings.save(List.of(TREY, AMIRA), List.of(
                finding(TREY, "won-not-onboarded", "handoff-gap", "high", "No onboarding after the Highlands deal",
                        "2026-05-29T00:00:00Z", null),
                finding(TREY, "channel-switch", "handoff-gap", "medium", "Chat unanswered, came back by email",
                        "2026-07-03T08:12:00Z", null),
                finding(TREY, "slow-first-response", "pain-point", "high", "Slow first reply on ticket 17",
                        "2026-07-03T12:12:00Z", "2026-07-06T09:20:00Z"),
                finding(AMIRA, "slow-first-response", "pain-point", "critical", "Slow first reply on the card case",
                        "2026-06-10T17:00:00Z", null)), Set.of(), now);
        findings.holdForReview(Set.of(AMIRA));
    }

    @Test
    void aContactsContextHoldsItsContactItsJourneyAcrossTheThreeSystemsAndItsOpenFindings() {
        JourneyContext trey = store(8).contexts(List.of(TREY)).get(0);

        assertThat(trey.contactId()).isEqualTo(TREY_ID);
        assertThat(trey.customerKey()).isEqualTo(TREY);
        assertThat(trey.name()).isEqualTo("Trey Weller");
        assertThat(trey.ownerId()).isEqualTo("005Jx0000000001IAA");
        assertThat(trey.accountId()).isEqualTo("001Jx0000000001IAA");
        assertThat(trey.personaId()).isEqualTo("leisure-traveller");
        assertThat(trey.personaLabel()).isEqualTo("Leisure traveller");
        // the furthest stage reached: the tickets, not the newsletter and call that came after
        assertThat(trey.stage()).isEqualTo("service");
        assertThat(trey.stageLabel()).isEqualTo("Service");
        assertThat(trey.touchpointCount()).isEqualTo(9);
        assertThat(trey.firstTouchpointAt()).isEqualTo(Instant.parse("2026-05-04T19:42:00Z"));
        assertThat(trey.recentTouchpoints()).extracting(t -> t.key().asString()).containsExactly(
                "salesforce/Task/00TJx0000000001IAA/call",
                "mailchimp/email_activity/ecd07f74f8/a1/click/2026-07-10T08:05:00Z/campaign-click",
                "mailchimp/email_activity/ecd07f74f8/a1/open/2026-07-10T08:00:00Z/campaign-open",
                "zendesk/tickets/17/ticket-solved",
                "zendesk/tickets/17/ticket-opened",
                "zendesk/tickets/16/ticket-opened",
                "salesforce/Opportunity/006Jx0000000001IAA/deal-won",
                "salesforce/Contact/003Jx0000000001IAA/contact-created");
        assertThat(trey.recentTouchpoints()).extracting(RecentTouchpoint::source).contains(Source.values());
        assertThat(trey.recentTouchpoints().get(3)).isEqualTo(new RecentTouchpoint(
                new Touchpoint.Key(Source.ZENDESK, "tickets", "17", "ticket-solved"),
                Instant.parse("2026-07-06T10:30:00Z"), "Never received my itinerary",
                "https://example.test/zendesk/tickets/17"));
        assertThat(trey.lastTouchpointAt()).isEqualTo(Instant.parse("2026-07-12T09:00:00Z"));
        assertThat(trey.lastTouchpoint()).isEqualTo("Salesforce call \"Call: Highlands follow-up\"");
        assertThat(trey.openFindings()).containsExactly(
                new OpenFinding("won-not-onboarded/" + TREY + "/a", "No onboarding after the Highlands deal",
                        Severity.HIGH, "won-not-onboarded", "handoff-gap", Instant.parse("2026-05-29T00:00:00Z")),
                new OpenFinding("channel-switch/" + TREY + "/a", "Chat unanswered, came back by email",
                        Severity.MEDIUM, "channel-switch", "handoff-gap", Instant.parse("2026-07-03T08:12:00Z")));
        assertThat(trey.heldFindings()).isZero();
        assertThat(trey.healthScore()).isEqualTo(65);
    }

    @Test
    void aShortRecentListShowsEachSystemsLatestAndTheStageAndCountComeFromTheWholeJourney() {
        JourneyContext trey = store(3).contexts(List.of(TREY)).get(0);

        // newest of all are the call and the two newsletter moments; the solved ticket still gets Zendesk's place
        assertThat(trey.recentTouchpoints()).extracting(RecentTouchpoint::type)
                .containsExactly("call", "campaign-click", "ticket-solved");
        assertThat(trey.touchpointCount()).isEqualTo(9);
        assertThat(trey.stage()).isEqualTo("service");
        assertThat(trey.summaryText()).contains("Recent touchpoints (3 of 9, newest first)");
    }

    @Test
    void resolvedFindingsAreLeftOutAndHeldOnesAreOnlyCounted() {
        Map<String, JourneyContext> byKey = byKey(store(8).contexts(List.of(TREY, AMIRA)));

        assertThat(byKey.get(TREY).openFindings()).extracting(OpenFinding::ruleId)
                .doesNotContain("slow-first-response");
        JourneyContext amira = byKey.get(AMIRA);
        assertThat(amira.openFindings()).isEmpty();
        assertThat(amira.heldFindings()).isEqualTo(1);
        assertThat(amira.healthScore()).isEqualTo(100);
        assertThat(amira.accountId()).isNull();
        assertThat(amira.personaLabel()).isEqualTo("Small-business banking client");
    }

    @Test
    void onlyCustomersAnchoredOnAStoredLiveContactGetAContext() {
        JourneyContextStore store = store(8);

        assertThat(store.contexts()).extracting(JourneyContext::customerKey).containsExactly(TREY, AMIRA, QUIET);
        assertThat(store.contexts(List.of(LEAD, PROSPECT, "sf:" + GONE_ID, "sf:003Jx00000000ZZIAA"))).isEmpty();
    }

    @Test
    void aContactWithoutTouchpointsHasNoStageYet() {
        JourneyContext quiet = store(8).contexts(List.of(QUIET)).get(0);

        assertThat(quiet.name()).isEqualTo("Quiet");
        assertThat(quiet.stage()).isNull();
        assertThat(quiet.touchpointCount()).isZero();
        assertThat(quiet.recentTouchpoints()).isEmpty();
        // a persona personas.yaml no longer has is shown by its id
        assertThat(quiet.personaLabel()).isEqualTo("retired-persona");
        assertThat(quiet.contactFields()).containsEntry(JourneyContext.LAST_TOUCHPOINT_FIELD, null);
    }

    @Test
    void readingAnUnchangedStoreAgainGivesTheSameContent() {
        List<JourneyContext> first = store(8).contexts();
        List<JourneyContext> second = store(8).contexts();

        assertThat(second).isEqualTo(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).summaryText()).isEqualTo(first.get(i).summaryText());
            assertThat(second.get(i).contactFields()).isEqualTo(first.get(i).contactFields());
        }
    }

    @Test
    void aNewTouchpointChangesTheContext() {
        String before = store(8).contexts(List.of(TREY)).get(0).summaryText();
        new TouchpointStore(dataSource).upsert(List.of(tp(TREY, Source.MAILCHIMP, "unsubscribes", "4c9dc7d3de/ab12",
                "unsubscribed", "churn", "2026-07-20T10:00:00Z", "Unsubscribed: too many emails")));

        JourneyContext after = store(8).contexts(List.of(TREY)).get(0);

        assertThat(after.summaryText()).isNotEqualTo(before);
        assertThat(after.stage()).isEqualTo("churn");
        assertThat(after.lastTouchpoint()).isEqualTo("Mailchimp unsubscribed \"Unsubscribed: too many emails\"");
    }

    @Test
    void everyContactCustomerIsHandedOverInBatchesInKeyOrder() {
        int extra = JourneyContextStore.BATCH * 2 + 100;
        List<RawRecord> contacts = new ArrayList<>();
        List<StoredCustomer> customers = new ArrayList<>(new CustomerStore(dataSource).customers().values());
        for (int i = 0; i < extra; i++) {
            String id = String.format("003Jx00001%05dIAA", i);
            contacts.add(contact(id, "Guest", "No. " + i, "005Jx0000000001IAA", null, false));
            customers.add(new StoredCustomer("sf:" + id, "contact", "unclassified", SourceRef.contact(id)));
        }
        new RawStore(dataSource).storePage("salesforce", "Contact", contacts, null);
        new CustomerStore(dataSource).replaceCustomers(customers);

        List<List<JourneyContext>> batches = new ArrayList<>();
        store(8).forEachBatch(batches::add);

        assertThat(batches).hasSize(3);
        // a batch is BATCH customers anchored on a Contact; the one whose Contact was deleted leaves a gap in the first
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(JourneyContextStore.BATCH));
        List<String> keys = batches.stream().flatMap(List::stream).map(JourneyContext::customerKey).toList();
        assertThat(keys).hasSize(extra + 3).isSorted().doesNotHaveDuplicates().contains(TREY, AMIRA, QUIET);
    }

    // ---- the world

    private JourneyContextStore store(int recent) {
        return new JourneyContextStore(dataSource, LABELS, recent);
    }

    private static Map<String, JourneyContext> byKey(List<JourneyContext> contexts) {
        Map<String, JourneyContext> out = new HashMap<>();
        contexts.forEach(c -> out.put(c.customerKey(), c));
        return out;
    }

    private static RawRecord contact(String id, String first, String last, String owner, String account, boolean deleted) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("Id", id);
        payload.put("FirstName", first);
        payload.put("LastName", last);
        payload.put("OwnerId", owner);
        payload.put("AccountId", account);
        payload.put("IsDeleted", deleted);
        return new RawRecord(id, VERSION, deleted, payload);
    }

    private static Touchpoint tp(String customer, Source source, String object, String id, String type, String stage,
                                 String at, String title) {
        URI link = URI.create("https://example.test/" + source.wireName() + "/" + object + "/" + id.replace('/', '-'));
        return new Touchpoint(new Touchpoint.Key(source, object, id, type), customer, stage, "email", "support",
                "unknown", Sentiment.NEUTRAL, Instant.parse(at), title, link);
    }

    private static StoredFinding finding(String customer, String rule, String kind, String severity, String title,
                                         String detected, String resolved) {
        return new StoredFinding(rule + "/" + customer + "/a", customer, "leisure-traveller", rule, kind, severity, title,
                "explained", List.of(), null, null, null, Instant.parse(detected),
                resolved == null ? State.OPEN : State.RESOLVED, resolved == null ? null : Instant.parse(resolved));
    }
}
