package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import dev.journeyconnector.mapping.DemoWorldRecords.Stored;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default journey model shipped in {@code mappings/}: it loads, it covers every object the routes pull,
 * and over the sandbox's demo world (as the store holds it after a pull) it yields every default stage,
 * channel and touchpoint type, leaves nothing unmapped, and tells the three story customers' stories.
 */
class DefaultMappingsTest {

    private static final Path MAPPINGS = Path.of("..", "mappings");
    private static final Path ROUTES = Path.of("..", "routes");

    /** The default touchpoint types, as docs/mappings.md lists them under "Default mappings". */
    private static final Set<String> DEFAULT_TYPES = new LinkedHashSet<>(List.of(
            "lead-from-ad", "lead-from-social", "lead-from-review", "lead-from-referral", "lead-from-marketing",
            "lead-from-website", "lead-from-phone", "lead-created", "lead-converted",
            "contact-created",
            "opportunity-opened", "deal-won", "deal-lost", "opportunity-stage-changed",
            "case-opened", "case-closed", "case-escalated", "case-reassigned", "case-reopened", "case-reply",
            "case-internal-note", "case-priority-changed",
            "call", "email-sent", "invoice-sent", "onboarding-call",
            "meeting", "onboarding-meeting",
            "ticket-opened", "ticket-first-reply", "ticket-reassigned", "ticket-solved", "ticket-reopened",
            "ticket-internal-note", "ticket-priority-changed", "satisfaction-rated",
            "list-signup", "campaign-open", "campaign-click", "campaign-bounce", "unsubscribed"));

    /** Objects whose records feed identity, titles and links only. */
    private static final Set<String> REFERENCE = Set.of("salesforce/Account", "salesforce/User", "zendesk/users",
            "mailchimp/lists", "mailchimp/campaigns");

    /**
     * Demo records that are not skipped yet make no touchpoint, on purpose, with the reason. Empty: every
     * record of the demo world is either a journey moment or deliberately skipped.
     */
    private static final Map<String, String> DELIBERATELY_UNMAPPED = Map.of();

    private static MappingSet model;
    private static List<Stored> records;
    /** Every demo record with what the shipped mappings made of it. */
    private static Map<Stored, TouchpointMapping.Result> results;

    @BeforeAll
    static void mapTheDemoWorld() throws MappingException {
        model = MappingSet.load(MAPPINGS);
        records = DemoWorldRecords.all(ROUTES);
        results = new LinkedHashMap<>();
        for (Stored r : records) {
            TouchpointMapping mapping = model.mapping(r.source(), r.object())
                    .orElseThrow(() -> new AssertionError("no mapping for " + r));
            results.put(r, mapping.apply(r.id(), r.payload()));
        }
    }

    private static List<Touchpoint> touchpoints() {
        return results.values().stream().flatMap(res -> res.touchpoints().stream()).toList();
    }

    @Nested
    class TheShippedFiles {

        @Test
        void loadTogetherWithoutProblems() {
            // MappingSet.load threw in @BeforeAll otherwise, listing every problem with file and line.
            assertThat(model.mappings()).hasSize(20);
        }

        @Test
        void mapEveryObjectTheRoutesPullAndNothingElse() throws IOException {
            Set<String> pulled = new TreeSet<>();
            Pattern uri = Pattern.compile("uri: journey-(salesforce|zendesk|mailchimp):(\\w+)");
            try (Stream<Path> files = Files.list(ROUTES)) {
                for (Path f : files.toList()) {
                    Matcher m = uri.matcher(Files.readString(f));
                    while (m.find()) {
                        pulled.add(m.group(1) + "/" + m.group(2));
                    }
                }
            }
            assertThat(new TreeSet<>(model.mappings().keySet())).isEqualTo(pulled);
        }

        @Test
        void areNamedForTheirSourceAndObject() {
            for (TouchpointMapping m : model.mappings().values()) {
                String kebab = m.object().replace('_', '-').replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
                assertThat(Path.of(m.file()).getFileName().toString()).as(m.file())
                        .isEqualTo(m.source().wireName() + "-" + kebab + ".yaml");
            }
        }

        @Test
        void markPeopleListsAndCampaignsAsReferenceDataAndGiveEveryOtherObjectACustomer() {
            model.mappings().forEach((key, m) -> {
                assertThat(m.reference()).as(key).isEqualTo(REFERENCE.contains(key));
                assertThat(m.customer().isEmpty()).as(key).isEqualTo(m.reference());
            });
        }
    }

    @Nested
    class OverTheDemoWorld {

        @Test
        void everyDefaultStageAndChannelAppears() {
            Vocabulary v = Vocabulary.defaults();
            // stageNames() ends with churn
            assertThat(touchpoints().stream().map(Touchpoint::stage).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(v.stageNames());
            assertThat(touchpoints().stream().map(Touchpoint::channel).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(v.channels().stream().map(Vocabulary.Term::name).toList());
        }

        @Test
        void everyDefaultTypeAppearsAndNoOther() {
            Map<String, Long> perType = touchpoints().stream()
                    .collect(Collectors.groupingBy(Touchpoint::type, TreeMap::new, Collectors.counting()));
            assertThat(perType.keySet()).containsExactlyInAnyOrderElementsOf(DEFAULT_TYPES);
        }

        @Test
        void everyRecordIsAJourneyMomentOrSkippedOnPurpose() {
            Map<String, String> unmapped = new TreeMap<>();
            results.forEach((r, res) -> {
                if (!res.unmapped().isEmpty()) {
                    unmapped.put(r.toString(), res.unmapped().toString());
                } else if (res.touchpoints().isEmpty() && !res.skipped()) {
                    unmapped.put(r.toString(), "nothing made and not skipped");
                }
            });
            assertThat(unmapped).isEqualTo(DELIBERATELY_UNMAPPED);
        }

        @Test
        void referenceRecordsAreSkippedAndMakeNothing() {
            results.forEach((r, res) -> {
                if (REFERENCE.contains(r.source().wireName() + "/" + r.object())) {
                    assertThat(res.skipped()).as(r.toString()).isTrue();
                }
            });
        }

        @Test
        void everyTouchpointIsValidForTheVocabulary() {
            touchpoints().forEach(t -> assertThat(Vocabulary.defaults().check(t)).as(t.key().asString()).isEmpty());
        }

        @Test
        void everyRecordThatMadeATouchpointNamesItsCustomerAndItsLinkedRecord() {
            results.forEach((r, res) -> {
                if (res.touchpoints().isEmpty()) {
                    return;
                }
                TouchpointMapping m = model.mapping(r.source(), r.object()).orElseThrow();
                assertThat(m.customer()).as(r + " has a value in one of its customer fields")
                        .anyMatch(link -> present(link.field().resolve(r.payload())));
                m.link().ifPresent(link -> assertThat(present(link.id().resolve(r.payload())))
                        .as(r + " has its link's " + link.id()).isTrue());
            });
        }

        @Test
        void salesforceMappingsReadOnlyFieldsTheRoutesPull() {
            // A field a route does not pull is missing in every stored record: a rule reading it never fires.
            Map<String, List<String>> pulled = DemoWorldRecords.pulledFields(ROUTES.resolve("salesforce-pull.yaml"));
            for (String object : pulled.keySet()) {
                List<Map<String, Object>> rows = records.stream()
                        .filter(r -> r.source() == Touchpoint.Source.SALESFORCE && r.object().equals(object))
                        .map(Stored::payload).toList();
                assertThat(rows).as(object).isNotEmpty().allSatisfy(row -> assertThat(row.keySet())
                        .containsExactlyInAnyOrderElementsOf(pulled.get(object)));
            }
        }

        @Test
        void eachLeadGetsExactlyOneOrigin() {
            TouchpointMapping leads = model.mapping(Touchpoint.Source.SALESFORCE, "Lead").orElseThrow();
            List<String> sources = new ArrayList<>(List.of("Advertisement", "Social Media", "Review Site",
                    "Partner Referral", "Word of mouth", "Email Campaign", "Trade Show", "Public Relations", "Web",
                    "Phone Inquiry", "Purchased List", "Other", ""));
            for (String source : sources) {
                Map<String, Object> lead = new LinkedHashMap<>(Map.of("Id", "00Q000000000001AAA",
                        "CreatedDate", "2026-06-01T10:00:00Z", "IsConverted", false));
                if (!source.isEmpty()) {
                    lead.put("LeadSource", source);
                }
                assertThat(leads.map("00Q000000000001AAA", lead)).as(source).singleElement()
                        .extracting(Touchpoint::type).asString().startsWith("lead-");
            }
        }

        @Test
        void theConnectorsOwnWriteBackTasksAreSkipped() {
            TouchpointMapping tasks = model.mapping(Touchpoint.Source.SALESFORCE, "Task").orElseThrow();
            Map<String, Object> summary = Map.of("Id", "00T000000000001AAA", "Subject",
                    "[Journey] Journey summary: Trey Weller", "TaskSubtype", "Task", "Type", "Other", "IsClosed", true,
                    "CreatedDate", "2026-11-20T10:00:00Z");
            assertThat(tasks.apply("00T000000000001AAA", summary).skipped()).isTrue();
        }
    }

    /**
     * The attribute names insight rules read (docs/mappings.md and the issue 5 design: "Agreed touchpoint
     * attribute names"). A shipped mapping may declare only these, so a typo in a file cannot silently starve
     * a rule; a new name is agreed here first.
     */
    private static final Set<String> AGREED_ATTRIBUTES = Set.of("priority", "status", "owner", "assignee", "group",
            "account", "opportunity", "case", "ticket", "campaign", "list", "internal", "score", "nps", "stage-name",
            "is-closed", "is-won", "amount", "from-group", "to-group", "from-owner", "to-owner", "lead-source", "via",
            "author");
    private static final Pattern SALESFORCE_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");

    @Nested
    class TheAttributes {

        @Test
        void useOnlyTheAgreedNames() {
            Set<String> names = touchpoints().stream().flatMap(t -> t.attributes().keySet().stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(names).isSubsetOf(AGREED_ATTRIBUTES);
        }

        @Test
        void holdOnlyTheAgreedValuesWhereTheNamesPromiseAFewWords() {
            Map<String, Set<String>> words = Map.of(
                    "priority", Set.of("urgent", "high", "normal", "low"),
                    "status", Set.of("open", "pending", "solved", "closed"),
                    "score", Set.of("good", "bad"),
                    "internal", Set.of("true"),
                    "is-closed", Set.of("true", "false"),
                    "is-won", Set.of("true", "false"));
            touchpoints().forEach(t -> words.forEach((name, allowed) -> t.attribute(name).ifPresent(value ->
                    assertThat(value).as(t.key() + " " + name).isIn(allowed))));
        }

        @Test
        void everyTicketAndCaseOpenedHasPriorityAndStatus() {
            List<Touchpoint> opened = ofTypes("ticket-opened", "case-opened");
            assertThat(opened).hasSizeGreaterThan(100).allSatisfy(t -> {
                assertThat(t.attribute("priority")).as(t.key().asString()).isPresent();
                assertThat(t.attribute("status")).as(t.key().asString()).isPresent();
            });
            assertThat(ofTypes("case-opened")).allSatisfy(t -> {
                assertThat(t.attribute("case")).contains(t.key().recordId());
                assertThat(t.attribute("owner")).hasValueSatisfying(v -> assertThat(v).matches(SALESFORCE_ID));
            });
            assertThat(ofTypes("ticket-opened")).allSatisfy(t ->
                    assertThat(t.attribute("ticket")).contains(t.key().recordId()));
        }

        @Test
        void aCaseReassignmentNamesTheOwnerItCameFromAndWentTo() {
            Map<String, Map<String, Object>> history = payloadsById("salesforce", "CaseHistory");
            List<Touchpoint> reassigned = ofTypes("case-reassigned");
            assertThat(reassigned).isNotEmpty().allSatisfy(t -> {
                Map<String, Object> row = history.get(t.key().recordId());
                assertThat(t.attribute("from-owner")).contains((String) row.get("OldValue"));
                assertThat(t.attribute("to-owner")).contains((String) row.get("NewValue"));
                assertThat(t.attribute("owner")).isEqualTo(t.attribute("to-owner"));
                assertThat(t.attribute("case")).contains((String) row.get("CaseId"));
                // the demo world hands cases between users (005...), never to a queue, so no group is known
                assertThat(t.attribute("to-group")).isEmpty();
            });
        }

        @Test
        void aCaseHandedToAQueueNamesTheQueueAsItsGroup() {
            TouchpointMapping history = model.mapping(Touchpoint.Source.SALESFORCE, "CaseHistory").orElseThrow();
            Map<String, Object> toQueue = Map.of("Id", "017000000000001AAA", "CaseId", "500000000000001AAA",
                    "Field", "Owner", "OldValue", "005000000000001AAA", "NewValue", "00G000000000001AAA",
                    "CreatedDate", "2026-06-01T10:00:00Z");
            assertThat(history.map("017000000000001AAA", toQueue)).singleElement().satisfies(t -> {
                assertThat(t.attribute("to-group")).contains("00G000000000001AAA");
                assertThat(t.attribute("from-group")).isEmpty();
                assertThat(t.attribute("from-owner")).contains("005000000000001AAA");
            });
        }

        @Test
        void aTicketReassignmentNamesTheGroupItWentTo() {
            Map<String, Map<String, Object>> tickets = payloadsById("zendesk", "tickets");
            assertThat(ofTypes("ticket-reassigned")).isNotEmpty().allSatisfy(t -> {
                String group = String.valueOf(tickets.get(t.key().recordId()).get("group_id"));
                assertThat(t.attribute("to-group")).contains(group);
                assertThat(t.attribute("group")).contains(group);
            });
        }

        @Test
        void internalNotesAreTouchpointsMarkedInternalAndNothingElseIs() {
            long privateCaseComments = payloads("salesforce", "CaseComment").stream()
                    .filter(c -> Boolean.FALSE.equals(c.get("IsPublished"))).count();
            long privateTicketComments = payloads("zendesk", "ticket_events").stream()
                    .filter(e -> e.get("child_events") instanceof List<?> events && events.stream()
                            .anyMatch(c -> c instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("public"))))
                    .count();

            assertThat(ofTypes("case-internal-note")).hasSize((int) privateCaseComments);
            assertThat(ofTypes("ticket-internal-note")).hasSize((int) privateTicketComments);
            assertThat(privateCaseComments).isPositive();
            assertThat(privateTicketComments).isPositive();
            touchpoints().forEach(t -> assertThat(t.attribute("internal")).as(t.key().asString())
                    .isEqualTo(t.type().endsWith("-internal-note") ? java.util.Optional.of("true")
                            : java.util.Optional.empty()));
            assertThat(ofTypes("case-internal-note")).allSatisfy(t -> {
                assertThat(t.stage()).isEqualTo("service");
                assertThat(t.department()).isEqualTo("support");
                assertThat(t.attribute("case")).hasValueSatisfying(v -> assertThat(v).matches(SALESFORCE_ID));
            });
            assertThat(ofTypes("ticket-internal-note")).allSatisfy(t -> assertThat(t.attribute("ticket")).isPresent());
        }

        @Test
        void aWonDealNamesItsOpportunityAccountOwnerAndAmount() {
            assertThat(ofTypes("deal-won")).hasSizeGreaterThan(30).allSatisfy(t -> {
                assertThat(t.attribute("opportunity")).contains(t.key().recordId());
                assertThat(t.attribute("account")).hasValueSatisfying(v -> assertThat(v).matches(SALESFORCE_ID));
                assertThat(t.attribute("owner")).hasValueSatisfying(v -> assertThat(v).matches(SALESFORCE_ID));
                assertThat(t.attribute("amount")).hasValueSatisfying(a -> assertThat(a).matches(PLAIN_NUMBER).isNotEqualTo("0"));
                assertThat(t.attribute("is-won")).contains("true");
                assertThat(t.attribute("is-closed")).contains("true");
                assertThat(t.attribute("stage-name")).isPresent();
            });
            assertThat(touchpoints()).allSatisfy(t -> t.attribute("amount").ifPresent(a ->
                    assertThat(a).as(t.key().asString()).matches(PLAIN_NUMBER)));
        }

        @Test
        void everyStageStepNamesItsDealAndStage() {
            assertThat(ofTypes("opportunity-stage-changed")).isNotEmpty().allSatisfy(t -> {
                assertThat(t.attribute("opportunity")).hasValueSatisfying(v -> assertThat(v).matches(SALESFORCE_ID));
                assertThat(t.attribute("stage-name")).isPresent();
                assertThat(t.attribute("is-won")).contains(String.valueOf(t.attribute("stage-name")
                        .orElseThrow().equals("Closed Won")));
            });
        }

        @Test
        void everyEmailMomentNamesItsCampaignAndList() {
            assertThat(ofTypes("campaign-open", "campaign-click", "campaign-bounce", "unsubscribed"))
                    .hasSizeGreaterThan(100).allSatisfy(t -> {
                        assertThat(t.attribute("campaign")).as(t.key().asString())
                                .contains(t.key().recordId().substring(0, t.key().recordId().indexOf('/')));
                        assertThat(t.attribute("list")).as(t.key().asString()).isPresent();
                    });
            assertThat(ofTypes("list-signup")).allSatisfy(t -> assertThat(t.attribute("list")).isPresent());
        }

        @Test
        void activitiesNameTheDealTheyAreAboutOnlyWhenTheyAreAboutADeal() {
            Map<String, Map<String, Object>> tasks = payloadsById("salesforce", "Task");
            List<Touchpoint> activities = ofTypes("call", "email-sent", "invoice-sent", "onboarding-call");
            assertThat(activities).isNotEmpty().allSatisfy(t -> {
                Object what = tasks.get(t.key().recordId()).get("WhatId");
                boolean deal = what instanceof String w && w.startsWith("006");
                assertThat(t.attribute("opportunity")).as(t.key().asString())
                        .isEqualTo(deal ? java.util.Optional.of(what) : java.util.Optional.empty());
                assertThat(t.attribute("owner")).isPresent();
            });
            assertThat(activities).anySatisfy(t -> assertThat(t.attribute("opportunity")).isPresent());
        }

        @Test
        void ratingsNameTheirScoreTicketAndAgent() {
            assertThat(ofTypes("satisfaction-rated")).isNotEmpty().allSatisfy(t -> {
                assertThat(t.attribute("score")).isPresent();
                assertThat(t.attribute("ticket")).isPresent();
                assertThat(t.attribute("assignee")).isPresent();
            });
        }

        @Test
        void leadsAndContactsNameTheirLeadSource() {
            assertThat(touchpoints()).filteredOn(t -> t.type().startsWith("lead-from-"))
                    .isNotEmpty().allSatisfy(t -> assertThat(t.attribute("lead-source")).isPresent());
            assertThat(ofTypes("lead-converted")).isNotEmpty().allSatisfy(t -> {
                assertThat(t.attribute("account")).isPresent();
                assertThat(t.attribute("owner")).isPresent();
            });
        }
    }

    @Nested
    class TheStoryCustomers {

        @Test
        void treysItineraryComplaintIsHighPriorityOnBothDesks() {
            List<Touchpoint> trey = journeyOf("Trey", "Weller");

            Touchpoint caseOpened = trey.stream().filter(t -> t.type().equals("case-opened")
                    && t.title().equals("Never received my itinerary")).findFirst().orElseThrow();
            assertThat(caseOpened.attributes()).containsEntry("priority", "high").containsEntry("status", "closed")
                    .containsEntry("owner", "005Jx0000000006IAA").containsEntry("account", "001Jx0000000001IAA");
            Touchpoint ticketOpened = trey.stream().filter(t -> t.type().equals("ticket-opened")
                    && t.title().equals("Never received my itinerary")).findFirst().orElseThrow();
            assertThat(ticketOpened.attributes()).containsEntry("priority", "high").containsEntry("status", "solved")
                    .containsEntry("ticket", "17").containsEntry("group", "9020000000001")
                    .containsEntry("assignee", "9010000000004").containsEntry("via", "email");
            assertThat(only(trey, "deal-won").attributes()).containsEntry("opportunity", "006Jx0000000001IAA")
                    .containsEntry("account", "001Jx0000000001IAA").containsEntry("owner", "005Jx0000000002IAA")
                    .containsEntry("amount", "2480").containsEntry("stage-name", "Closed Won");
        }

        @Test
        void amirasLoanStallsOpenInProposal() {
            List<Touchpoint> amira = journeyOf("Amira", "Haddad");

            assertThat(amira).filteredOn(t -> t.type().equals("opportunity-opened")
                            && t.attribute("stage-name").orElse("").equals("Proposal/Price Quote"))
                    .singleElement().satisfies(t -> assertThat(t.attributes())
                            .containsEntry("is-closed", "false").containsEntry("is-won", "false")
                            .containsEntry("amount", "45000").containsEntry("owner", "005Jx0000000003IAA"));
        }

        @Test
        void nadiasCasesHaveOnlyInternalNotes() {
            List<Touchpoint> nadia = journeyOf("Nadia", "Petrova");

            assertThat(nadia).filteredOn(t -> t.type().equals("case-internal-note")).hasSize(4)
                    .allSatisfy(t -> assertThat(t.attribute("internal")).contains("true"))
                    .extracting(t -> t.attribute("case").orElseThrow())
                    .containsOnly("500Jx0000000005IAA", "500Jx0000000006IAA");
            assertThat(nadia).filteredOn(t -> t.type().equals("ticket-internal-note")).hasSize(4)
                    .extracting(t -> t.attribute("ticket").orElseThrow()).containsOnly("6", "13");
            assertThat(nadia).filteredOn(t -> t.type().equals("case-opened"))
                    .extracting(t -> t.attribute("priority").orElseThrow()).containsExactlyInAnyOrder("normal", "high");
        }

        @Test
        void treyWellerCameFromAnAdBookedTheTourAndWasNeverOnboarded() {
            List<Touchpoint> trey = journeyOf("Trey", "Weller");

            assertThat(types(trey)).contains("lead-from-ad", "lead-converted", "contact-created", "opportunity-opened",
                    "deal-won", "invoice-sent", "case-opened", "case-reply", "ticket-opened", "ticket-first-reply",
                    "list-signup", "campaign-open", "campaign-click");
            assertThat(types(trey)).noneMatch(t -> t.startsWith("onboarding-"));
            assertThat(only(trey, "deal-won").occurredAt()).isEqualTo(Instant.parse("2026-05-22T00:00:00Z"));
            // "Never received my itinerary" by email on 3 July; the first reply three days later.
            Touchpoint reply = trey.stream().filter(t -> t.type().equals("ticket-first-reply")
                    && t.title().contains("Never received my itinerary")).findFirst().orElseThrow();
            assertThat(reply.occurredAt()).isEqualTo(Instant.parse("2026-07-06T09:30:00Z"));
            assertThat(reply.channel()).isEqualTo("email");
        }

        @Test
        void amiraHaddadWaitedForHerCardAndHerLoanStalled() {
            List<Touchpoint> amira = journeyOf("Amira", "Haddad");

            Touchpoint card = amira.stream().filter(t -> t.type().equals("case-opened")
                    && t.title().startsWith("Debit card not activated")).findFirst().orElseThrow();
            assertThat(card.channel()).isEqualTo("phone");
            assertThat(card.stage()).isEqualTo("onboarding");
            assertThat(amira).filteredOn(t -> t.type().equals("case-reply")).extracting(Touchpoint::occurredAt)
                    .contains(Instant.parse("2026-06-15T16:20:00Z"))
                    .noneMatch(at -> at.isAfter(card.occurredAt()) && at.isBefore(Instant.parse("2026-06-15T00:00:00Z")));
            assertThat(types(amira)).contains("deal-won", "meeting", "onboarding-call", "opportunity-stage-changed");
            // The loan: last step Proposal/Price Quote on 2 October; neither won nor lost.
            assertThat(amira).filteredOn(t -> t.type().equals("opportunity-stage-changed"))
                    .extracting(Touchpoint::occurredAt).contains(Instant.parse("2026-10-02T12:10:00Z"));
            assertThat(amira).filteredOn(t -> t.type().equals("deal-won")).hasSize(1);
            assertThat(types(amira)).doesNotContain("deal-lost");
        }

        @Test
        void nadiaPetrovasComplaintsWentUnansweredAndSheChurned() {
            List<Touchpoint> nadia = journeyOf("Nadia", "Petrova");

            assertThat(nadia).filteredOn(t -> t.type().equals("case-opened")).hasSize(2)
                    .allSatisfy(t -> assertThat(t.title()).containsIgnoringCase("sofa"));
            // Internal notes only on her cases: no case-reply at all.
            assertThat(types(nadia)).doesNotContain("case-reply");
            Touchpoint unsubscribed = only(nadia, "unsubscribed");
            assertThat(unsubscribed.stage()).isEqualTo("churn");
            assertThat(unsubscribed.occurredAt()).isEqualTo(Instant.parse("2026-07-20T07:51:00Z"));
            Touchpoint lost = only(nadia, "deal-lost");
            assertThat(lost.stage()).isEqualTo("churn");
            assertThat(lost.occurredAt()).isEqualTo(Instant.parse("2026-09-25T00:00:00Z"));
            assertThat(nadia).filteredOn(t -> t.type().equals("satisfaction-rated"))
                    .extracting(Touchpoint::sentiment).containsExactly(Sentiment.NEGATIVE);
        }
    }

    // ------------------------------------------------------------------ a story customer's journey

    /**
     * The touchpoints of one story customer: records whose mapping's customer fields hold one of the
     * customer's ids or addresses (Contact, Account, converted Lead, Opportunities, Cases, Zendesk user and
     * tickets, email), the way identity resolution follows them.
     */
    private static List<Touchpoint> journeyOf(String first, String last) {
        Map<String, Object> contact = payloads("salesforce", "Contact").stream()
                .filter(c -> first.equals(c.get("FirstName")) && last.equals(c.get("LastName")))
                .findFirst().orElseThrow();
        Set<String> ids = new HashSet<>();
        String email = normalised(contact.get("Email"));
        ids.add(email);
        ids.add((String) contact.get("Id"));
        ids.add((String) contact.get("AccountId"));
        payloads("salesforce", "Lead").stream().filter(l -> contact.get("Id").equals(l.get("ConvertedContactId")))
                .forEach(l -> ids.add((String) l.get("Id")));
        payloads("salesforce", "Opportunity").stream().filter(o -> ids.contains(o.get("AccountId")))
                .forEach(o -> ids.add((String) o.get("Id")));
        payloads("salesforce", "Case").stream().filter(c -> ids.contains(c.get("ContactId"))
                || email.equals(normalised(c.get("SuppliedEmail")))).forEach(c -> ids.add((String) c.get("Id")));
        payloads("zendesk", "users").stream().filter(u -> email.equals(normalised(u.get("email"))))
                .forEach(u -> ids.add(String.valueOf(u.get("id"))));
        payloads("zendesk", "tickets").stream().filter(t -> ids.contains(String.valueOf(t.get("requester_id"))))
                .forEach(t -> ids.add(String.valueOf(t.get("id"))));
        ids.remove(null);

        List<Touchpoint> out = new ArrayList<>();
        results.forEach((r, res) -> {
            TouchpointMapping m = model.mapping(r.source(), r.object()).orElseThrow();
            boolean theirs = m.customer().stream().map(link -> link.field().resolve(r.payload()))
                    .filter(Objects::nonNull).map(v -> v instanceof String s && s.contains("@") ? normalised(s)
                            : String.valueOf(v)).anyMatch(ids::contains);
            if (theirs) {
                out.addAll(res.touchpoints());
            }
        });
        out.sort((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        return out;
    }

    private static List<Touchpoint> ofTypes(String... types) {
        Set<String> wanted = Set.of(types);
        return touchpoints().stream().filter(t -> wanted.contains(t.type())).toList();
    }

    private static Map<String, Map<String, Object>> payloadsById(String source, String object) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        records.stream().filter(r -> r.source().wireName().equals(source) && r.object().equals(object))
                .forEach(r -> out.put(r.id(), r.payload()));
        return out;
    }

    private static List<Map<String, Object>> payloads(String source, String object) {
        return records.stream().filter(r -> r.source().wireName().equals(source) && r.object().equals(object))
                .map(Stored::payload).toList();
    }

    private static String normalised(Object email) {
        return email == null ? null : email.toString().strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> types(List<Touchpoint> touchpoints) {
        return touchpoints.stream().map(Touchpoint::type).collect(Collectors.toSet());
    }

    private static Touchpoint only(List<Touchpoint> touchpoints, String type) {
        List<Touchpoint> found = touchpoints.stream().filter(t -> t.type().equals(type)).toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private static boolean present(Object value) {
        return value != null && !(value instanceof String s && s.isBlank());
    }
}
