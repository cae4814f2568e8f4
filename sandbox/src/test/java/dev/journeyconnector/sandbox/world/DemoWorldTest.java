package dev.journeyconnector.sandbox.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyconnector.sandbox.salesforce.schema.SalesforceIds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo world is well-formed Salesforce data and tells the stories docs/sandbox.md promises. */
class DemoWorldTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = DemoWorldGenerator.WORLD_DIR + "/";
    /** The world's "today": rules such as "no activity for 21 days" are judged against it. */
    private static final LocalDate AS_OF = LocalDate.parse("2026-11-20");
    private static final Instant WINDOW_START = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-11-20T23:59:59Z");

    private static final Set<String> AUDIT = Set.of("Id", "CreatedDate", "CreatedById", "LastModifiedDate",
            "LastModifiedById", "SystemModstamp", "IsDeleted");

    /** Object → fields a record may carry (beyond {@link #AUDIT} unless the object lists its own). */
    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("User", withAudit("Username", "FirstName", "LastName", "Email", "IsActive", "Department",
                    "Title", "ManagerId")),
            Map.entry("Account", withAudit("Name", "Type", "Industry", "BillingCity", "BillingCountry", "Website",
                    "Phone", "NumberOfEmployees", "AnnualRevenue", "Description", "OwnerId", "MasterRecordId")),
            Map.entry("Contact", withAudit("FirstName", "LastName", "Salutation", "Title", "Department", "Email",
                    "Phone", "MobilePhone", "AccountId", "OwnerId", "LeadSource", "MailingCity", "MailingCountry",
                    "HasOptedOutOfEmail", "DoNotCall", "Description", "MasterRecordId")),
            Map.entry("Lead", withAudit("FirstName", "LastName", "Company", "Title", "Email", "Phone", "Status",
                    "LeadSource", "Industry", "Rating", "City", "Country", "IsConverted", "ConvertedDate",
                    "ConvertedContactId", "ConvertedAccountId", "ConvertedOpportunityId", "HasOptedOutOfEmail",
                    "OwnerId", "Description")),
            Map.entry("Opportunity", withAudit("Name", "AccountId", "StageName", "Amount", "CloseDate", "Probability",
                    "Type", "LeadSource", "NextStep", "OwnerId", "Description")),
            Map.entry("OpportunityHistory", Set.of("Id", "OpportunityId", "StageName", "Amount", "CloseDate",
                    "Probability", "CreatedDate", "CreatedById", "SystemModstamp", "IsDeleted")),
            Map.entry("Case", withAudit("ContactId", "AccountId", "Subject", "Description", "Status", "Priority",
                    "Origin", "Reason", "Type", "IsEscalated", "ClosedDate", "SuppliedEmail", "OwnerId")),
            Map.entry("CaseHistory", Set.of("Id", "CaseId", "Field", "OldValue", "NewValue", "CreatedDate",
                    "CreatedById", "IsDeleted")),
            Map.entry("CaseComment", Set.of("Id", "ParentId", "CommentBody", "IsPublished", "CreatedDate",
                    "CreatedById", "LastModifiedDate", "SystemModstamp", "IsDeleted")),
            Map.entry("Task", withAudit("WhoId", "WhatId", "OwnerId", "Subject", "Description", "Status", "Priority",
                    "ActivityDate", "Type", "TaskSubtype", "IsReminderSet", "ReminderDateTime",
                    "CallDurationInSeconds")),
            Map.entry("Event", withAudit("WhoId", "WhatId", "OwnerId", "Subject", "Description", "Location", "Type",
                    "StartDateTime", "EndDateTime", "ActivityDateTime", "DurationInMinutes")));

    /** Reference field → objects it may point to. MasterRecordId points to the record's own object. */
    private static final Map<String, Set<String>> REFERENCES = Map.ofEntries(
            Map.entry("CreatedById", Set.of("User")), Map.entry("LastModifiedById", Set.of("User")),
            Map.entry("OwnerId", Set.of("User")), Map.entry("ManagerId", Set.of("User")),
            Map.entry("AccountId", Set.of("Account")), Map.entry("ConvertedAccountId", Set.of("Account")),
            Map.entry("ContactId", Set.of("Contact")), Map.entry("ConvertedContactId", Set.of("Contact")),
            Map.entry("ConvertedOpportunityId", Set.of("Opportunity")),
            Map.entry("OpportunityId", Set.of("Opportunity")), Map.entry("CaseId", Set.of("Case")),
            Map.entry("ParentId", Set.of("Case")), Map.entry("WhoId", Set.of("Contact", "Lead")),
            Map.entry("WhatId", Set.of("Account", "Opportunity", "Case")));

    private static final Set<String> LEAD_SOURCES = Set.of("Web", "Phone Inquiry", "Partner Referral",
            "Purchased List", "Advertisement", "Social Media", "Trade Show", "Email Campaign", "Review Site", "Other");
    private static final Set<String> STAGES = Set.of("Prospecting", "Qualification", "Needs Analysis",
            "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
            "Negotiation/Review", "Closed Won", "Closed Lost");
    private static final Set<String> ACTIVITY_TYPES = Set.of("Call", "Email", "Meeting", "Other");
    private static final Set<String> INDUSTRIES = Set.of("Agriculture", "Apparel", "Banking", "Biotechnology",
            "Chemicals", "Communications", "Construction", "Consulting", "Education", "Electronics", "Energy",
            "Engineering", "Entertainment", "Environmental", "Finance", "Food & Beverage", "Government",
            "Healthcare", "Hospitality", "Insurance", "Machinery", "Manufacturing", "Media", "Not For Profit",
            "Recreation", "Retail", "Shipping", "Technology", "Telecommunications", "Transportation", "Utilities",
            "Other");

    /** (object, field) → allowed values. */
    private static final Map<String, Set<String>> PICKLISTS = Map.ofEntries(
            Map.entry("Account.Type", Set.of("Prospect", "Customer - Direct", "Customer - Channel", "Partner",
                    "Other")),
            Map.entry("Account.Industry", INDUSTRIES),
            Map.entry("Contact.LeadSource", LEAD_SOURCES),
            Map.entry("Contact.Salutation", Set.of("Mr.", "Ms.", "Mrs.", "Dr.", "Prof.")),
            Map.entry("Lead.Status", Set.of("Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                    "Closed - Not Converted")),
            Map.entry("Lead.LeadSource", LEAD_SOURCES),
            Map.entry("Lead.Industry", INDUSTRIES),
            Map.entry("Lead.Rating", Set.of("Hot", "Warm", "Cold")),
            Map.entry("Opportunity.StageName", STAGES),
            Map.entry("Opportunity.LeadSource", LEAD_SOURCES),
            Map.entry("Opportunity.Type", Set.of("Existing Customer - Upgrade", "Existing Customer - Replacement",
                    "Existing Customer - Downgrade", "New Customer")),
            Map.entry("OpportunityHistory.StageName", STAGES),
            Map.entry("Case.Status", Set.of("New", "Working", "Escalated", "Closed")),
            Map.entry("Case.Priority", Set.of("High", "Medium", "Low")),
            Map.entry("Case.Origin", Set.of("Phone", "Email", "Web", "Chat")),
            Map.entry("CaseHistory.Field", Set.of("created", "Owner", "Status", "Priority", "IsEscalated")),
            Map.entry("Task.Status", Set.of("Not Started", "In Progress", "Completed", "Waiting on someone else",
                    "Deferred")),
            Map.entry("Task.Priority", Set.of("High", "Normal", "Low")),
            Map.entry("Task.Type", ACTIVITY_TYPES),
            Map.entry("Task.TaskSubtype", Set.of("Task", "Email", "Call")),
            Map.entry("Event.Type", ACTIVITY_TYPES));

    private static final Set<String> BOOLEANS = Set.of("IsActive", "IsDeleted", "HasOptedOutOfEmail", "DoNotCall",
            "IsConverted", "IsEscalated", "IsPublished", "IsReminderSet");
    private static final Set<String> DATES = Set.of("ConvertedDate", "CloseDate", "ActivityDate");
    private static final Set<String> DATETIMES = Set.of("CreatedDate", "LastModifiedDate", "SystemModstamp",
            "ClosedDate", "StartDateTime", "EndDateTime", "ActivityDateTime", "ReminderDateTime");
    private static final Set<String> NUMBERS = Set.of("NumberOfEmployees", "AnnualRevenue", "Amount", "Probability",
            "CallDurationInSeconds", "DurationInMinutes");

    private static JsonNode world;
    private static final Map<String, List<JsonNode>> RECORDS = new LinkedHashMap<>();
    private static final Map<String, JsonNode> BY_ID = new HashMap<>();
    private static final Map<String, String> TYPE_OF_ID = new HashMap<>();

    @BeforeAll
    static void loadWorld() {
        world = readJson("world.json");
        for (JsonNode file : world.get("salesforce")) {
            String path = file.asText();
            String object = path.substring(path.lastIndexOf('/') + 1, path.length() - ".json".length());
            List<JsonNode> list = new ArrayList<>();
            readJson(path).forEach(list::add);
            RECORDS.put(object, list);
            for (JsonNode r : list) {
                BY_ID.put(r.get("Id").asText(), r);
                TYPE_OF_ID.put(r.get("Id").asText(), object);
            }
        }
    }

    // ------------------------------------------------------------ format

    @Test
    void worldDescriptorHasTheAgreedKeysAndListsEveryObjectFile() {
        assertThat(world.get("name").asText()).isEqualTo("demo");
        assertThat(world.get("description").asText()).isNotBlank();
        assertThat(world.get("orgName").asText()).isNotBlank();
        String orgId = world.get("organizationId").asText();
        assertThat(SalesforceIds.normalise(orgId)).contains(orgId);
        assertThat(orgId).startsWith("00D");
        assertThat(world.at("/connectedApp/clientId").asText()).isEqualTo("journey-sandbox-client");
        assertThat(world.at("/connectedApp/clientSecret").asText()).isEqualTo("journey-sandbox-secret");
        assertThat(world.get("dailyApiRequests").asInt()).isEqualTo(15000);
        assertThat(RECORDS.keySet()).containsExactlyElementsOf(DemoWorldGenerator.KEY_PREFIXES.keySet());
    }

    @Test
    void worldDescribesAtLeastThreePersonasWithHowToRecogniseThem() {
        assertThat(world.get("personas")).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode persona : world.get("personas")) {
            assertThat(persona.get("key").asText()).isNotBlank();
            assertThat(persona.get("name").asText()).isNotBlank();
            assertThat(persona.get("recognisedBy")).isNotEmpty();
        }
    }

    @Test
    void everyRecordUsesOnlyItsObjectsFieldsAndCarriesTheAuditFields() {
        RECORDS.forEach((object, list) -> {
            Set<String> allowed = FIELDS.get(object);
            Set<String> required = new HashSet<>(AUDIT);
            required.retainAll(allowed);
            for (JsonNode r : list) {
                Set<String> names = fieldNames(r);
                assertThat(names).as("%s %s", object, r.get("Id")).isSubsetOf(allowed).containsAll(required);
                assertThat(r.get("IsDeleted").asBoolean()).isFalse();
            }
        });
    }

    @Test
    void calculatedFieldsAreLeftToTheOrg() {
        for (String object : List.of("User", "Contact", "Lead")) {
            RECORDS.get(object).forEach(r -> assertThat(r.has("Name")).as(object).isFalse());
        }
        RECORDS.get("Opportunity").forEach(r -> assertThat(r.has("IsClosed") || r.has("IsWon")).isFalse());
        RECORDS.get("Case").forEach(r -> assertThat(r.has("CaseNumber") || r.has("IsClosed")).isFalse());
    }

    @Test
    void idsAreValidUniqueAndCarryTheirObjectsKeyPrefix() {
        Set<String> seen = new HashSet<>();
        RECORDS.forEach((object, list) -> {
            String prefix = DemoWorldGenerator.KEY_PREFIXES.get(object);
            for (JsonNode r : list) {
                String id = r.get("Id").asText();
                assertThat(SalesforceIds.normalise(id)).as(id).contains(id);
                assertThat(id).startsWith(prefix);
                assertThat(seen.add(id)).as("duplicate Id %s", id).isTrue();
            }
        });
    }

    @Test
    void everyReferencePointsToAnExistingRecordOfAnAllowedObject() {
        RECORDS.forEach((object, list) -> {
            for (JsonNode r : list) {
                r.fieldNames().forEachRemaining(field -> {
                    Set<String> targets = "MasterRecordId".equals(field) ? Set.of(object) : REFERENCES.get(field);
                    if (targets == null) {
                        return;
                    }
                    String id = r.get(field).asText();
                    assertThat(SalesforceIds.normalise(id)).as("%s.%s of %s", object, field, r.get("Id")).contains(id);
                    assertThat(TYPE_OF_ID.get(id)).as("%s.%s of %s", object, field, r.get("Id")).isIn(targets);
                });
            }
        });
    }

    @Test
    void activitiesOnALeadHaveNoWhatAsInSalesforce() {
        for (String object : List.of("Task", "Event")) {
            RECORDS.get(object).stream().filter(a -> "Lead".equals(TYPE_OF_ID.get(text(a, "WhoId"))))
                    .forEach(a -> assertThat(a.has("WhatId")).as(a.get("Id").asText()).isFalse());
        }
    }

    @Test
    void picklistsUseRealValuesAndValuesHaveTheirFieldsType() {
        RECORDS.forEach((object, list) -> {
            for (JsonNode r : list) {
                r.fields().forEachRemaining(e -> {
                    String field = e.getKey();
                    JsonNode v = e.getValue();
                    String where = object + "." + field + " of " + r.get("Id").asText();
                    Set<String> values = PICKLISTS.get(object + "." + field);
                    if (values != null) {
                        assertThat(v.asText()).as(where).isIn(values);
                    }
                    if (BOOLEANS.contains(field)) {
                        assertThat(v.isBoolean()).as(where).isTrue();
                    } else if (NUMBERS.contains(field)) {
                        assertThat(v.isNumber()).as(where).isTrue();
                    } else if (DATES.contains(field)) {
                        assertThat(v.asText()).as(where).matches("2026-\\d\\d-\\d\\d");
                        LocalDate.parse(v.asText());
                    } else if (DATETIMES.contains(field)) {
                        assertThat(v.asText()).as(where).matches("2026-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                        Instant.parse(v.asText());
                    } else {
                        assertThat(v.isTextual()).as(where).isTrue();
                    }
                });
            }
        });
    }

    @Test
    void auditTimestampsAreOrderedAndInsideTheWorldsWindow() {
        RECORDS.forEach((object, list) -> {
            for (JsonNode r : list) {
                Instant created = instant(r, "CreatedDate");
                assertThat(created).as(r.get("Id").asText()).isBetween(WINDOW_START, WINDOW_END);
                if (r.has("LastModifiedDate")) {
                    assertThat(instant(r, "LastModifiedDate")).isAfterOrEqualTo(created)
                            .isEqualTo(instant(r, "SystemModstamp")).isBeforeOrEqualTo(WINDOW_END);
                } else if (r.has("SystemModstamp")) {
                    assertThat(instant(r, "SystemModstamp")).isEqualTo(created);
                }
            }
        });
    }

    @Test
    void opportunityHistoryLeadsFromCreationToEachOpportunitysFinalState() {
        for (JsonNode opp : RECORDS.get("Opportunity")) {
            List<JsonNode> history = historyOf(opp);
            assertThat(history).as(opp.get("Name").asText()).isNotEmpty();
            assertThat(history.get(0).get("CreatedDate").asText()).isEqualTo(opp.get("CreatedDate").asText());
            JsonNode last = history.get(history.size() - 1);
            assertThat(last.get("StageName").asText()).isEqualTo(opp.get("StageName").asText());
            assertThat(last.get("Amount").decimalValue()).isEqualByComparingTo(opp.get("Amount").decimalValue());
            assertThat(last.get("CloseDate").asText()).isEqualTo(opp.get("CloseDate").asText());
            assertThat(last.get("Probability").asInt()).isEqualTo(opp.get("Probability").asInt());
            assertThat(opp.get("LastModifiedDate").asText()).isEqualTo(last.get("CreatedDate").asText());
            if (isClosed(opp)) {
                assertThat(opp.get("CloseDate").asText()).isEqualTo(day(last, "CreatedDate").toString());
                history.subList(0, history.size() - 1)
                        .forEach(h -> assertThat(h.get("StageName").asText()).doesNotStartWith("Closed"));
            }
        }
    }

    @Test
    void convertedLeadsPointAtTheContactAccountAndOpportunityTheyBecame() {
        for (JsonNode lead : RECORDS.get("Lead")) {
            boolean converted = lead.get("IsConverted").asBoolean();
            assertThat("Closed - Converted".equals(lead.get("Status").asText())).isEqualTo(converted);
            assertThat(lead.has("ConvertedContactId")).isEqualTo(converted);
            assertThat(lead.has("ConvertedDate")).isEqualTo(converted);
            assertThat(lead.get("Company").asText()).isNotBlank();
            if (converted) {
                JsonNode contact = BY_ID.get(text(lead, "ConvertedContactId"));
                assertThat(text(contact, "AccountId")).isEqualTo(text(lead, "ConvertedAccountId"));
                assertThat(day(contact, "CreatedDate").toString()).isEqualTo(text(lead, "ConvertedDate"));
                if (lead.has("ConvertedOpportunityId")) {
                    JsonNode opp = BY_ID.get(text(lead, "ConvertedOpportunityId"));
                    assertThat(text(opp, "AccountId")).isEqualTo(text(lead, "ConvertedAccountId"));
                }
            }
        }
    }

    @Test
    void casesAgreeWithTheirContactCommentsAndHistory() {
        for (JsonNode c : RECORDS.get("Case")) {
            String id = c.get("Id").asText();
            if (c.has("ContactId")) {
                assertThat(text(c, "AccountId")).as(id).isEqualTo(text(BY_ID.get(text(c, "ContactId")), "AccountId"));
            } else {
                assertThat(c.has("SuppliedEmail")).as("a case without a contact keeps the sender's email").isTrue();
            }
            assertThat(c.has("ClosedDate")).as(id).isEqualTo("Closed".equals(c.get("Status").asText()));
            List<JsonNode> history = caseHistory(c);
            assertThat(history.get(0).get("Field").asText()).isEqualTo("created");
            assertThat(history.get(0).get("CreatedDate").asText()).isEqualTo(c.get("CreatedDate").asText());
            String status = "New";
            String owner = null;
            for (JsonNode h : history) {
                if ("Status".equals(h.get("Field").asText())) {
                    assertThat(h.get("OldValue").asText()).isEqualTo(status);
                    status = h.get("NewValue").asText();
                }
                if ("Owner".equals(h.get("Field").asText())) {
                    assertThat(TYPE_OF_ID.get(h.get("OldValue").asText())).isEqualTo("User");
                    owner = h.get("NewValue").asText();
                }
            }
            assertThat(c.get("Status").asText()).as(id).isEqualTo(status);
            if (owner != null) {
                assertThat(c.get("OwnerId").asText()).isEqualTo(owner);
            }
            boolean escalatedInHistory = history.stream().anyMatch(h -> "IsEscalated".equals(h.get("Field").asText()));
            assertThat(c.get("IsEscalated").asBoolean()).isEqualTo(escalatedInHistory);
            for (JsonNode comment : commentsOf(c)) {
                assertThat(instant(comment, "CreatedDate")).isAfterOrEqualTo(instant(c, "CreatedDate"))
                        .isBeforeOrEqualTo(instant(c, "LastModifiedDate"));
            }
        }
    }

    // ------------------------------------------------------------ customers

    @Test
    void aboutFiftyCustomersMostWithAccountsPlusAboutTenLeads() {
        List<JsonNode> contacts = RECORDS.get("Contact");
        assertThat(contacts).hasSizeBetween(45, 60);
        assertThat(contacts.stream().filter(c -> c.has("AccountId")).count()).isGreaterThan(contacts.size() * 3L / 4);
        List<JsonNode> leads = RECORDS.get("Lead");
        assertThat(leads).hasSizeBetween(8, 14);
        assertThat(leads).anyMatch(l -> l.get("IsConverted").asBoolean())
                .anyMatch(l -> l.get("Status").asText().startsWith("Open"));
        assertThat(RECORDS.get("User")).hasSizeBetween(7, 10);
    }

    @Test
    void usersCoverTheDepartmentsOnOneEmailDomain() {
        List<JsonNode> users = RECORDS.get("User");
        assertThat(users).allSatisfy(u -> assertThat(u.get("Email").asText())
                .endsWith("@" + DemoWorldGenerator.DOMAIN).isEqualTo(u.get("Username").asText()));
        assertThat(users).extracting(u -> u.get("Title").asText())
                .contains("Onboarding Specialist", "Billing Agent", "Support Agent", "Salesforce Administrator");
        assertThat(users.stream().filter(u -> u.get("Department").asText().startsWith("Sales"))).hasSize(3);
    }

    @Test
    void customerEmailsAreUniqueExceptTheDeliberateIdentityCases() {
        Map<String, List<JsonNode>> byEmail = RECORDS.get("Contact").stream()
                .collect(Collectors.groupingBy(c -> c.get("Email").asText().trim().toLowerCase(Locale.ROOT)));
        List<List<JsonNode>> shared = byEmail.values().stream().filter(l -> l.size() > 1).toList();
        assertThat(shared).hasSize(1);
        assertThat(shared.get(0)).extracting(c -> c.get("LastName").asText()).containsOnly("Bianchi");
        assertThat(RECORDS.get("Contact")).filteredOn(c -> c.get("Email").asText().contains("+")).hasSize(1);
        assertThat(RECORDS.get("Contact")).filteredOn(c -> {
            String email = c.get("Email").asText();
            return !email.equals(email.trim().toLowerCase(Locale.ROOT));
        }).extracting(c -> c.get("LastName").asText()).containsExactly("Ivanova");
    }

    @Test
    void busTourBuyerCameFromAnAdThroughTheWebFormBookedAndGotNoOnboarding() {
        JsonNode trey = contact("Trey", "Weller");
        JsonNode lead = only(RECORDS.get("Lead"), l -> trey.get("Id").asText().equals(text(l, "ConvertedContactId")));
        // The web form (run as the ops admin's automation) records the ad he came from as the lead source.
        assertThat(lead.get("LeadSource").asText()).isEqualTo("Advertisement");
        JsonNode admin = only(RECORDS.get("User"), u -> "Salesforce Administrator".equals(text(u, "Title")));
        assertThat(text(lead, "CreatedById")).isEqualTo(admin.get("Id").asText());

        JsonNode filter = only(RECORDS.get("Case"),
                c -> "Cannot filter tours by country, price or length".equals(text(c, "Subject")));
        assertThat(filter.get("Origin").asText()).isEqualTo("Web");
        assertThat(filter.get("SuppliedEmail").asText()).isEqualTo(trey.get("Email").asText());
        assertThat(day(filter, "CreatedDate")).isBefore(LocalDate.parse(lead.get("ConvertedDate").asText()));

        JsonNode booking = BY_ID.get(text(lead, "ConvertedOpportunityId"));
        assertThat(booking.get("StageName").asText()).isEqualTo("Closed Won");
        LocalDate won = LocalDate.parse(booking.get("CloseDate").asText());
        assertThat(onboardingWithin7Days(trey, booking, won)).isEmpty();

        JsonNode itinerary = only(RECORDS.get("Case"), c -> "Never received my itinerary".equals(text(c, "Subject")));
        assertThat(itinerary.get("Origin").asText()).isEqualTo("Email");
        assertThat(text(itinerary, "ContactId")).isEqualTo(trey.get("Id").asText());
        assertThat(day(itinerary, "CreatedDate")).isAfter(won.plusDays(7));
        assertThat(Duration.between(instant(itinerary, "CreatedDate"), firstComment(itinerary, true)))
                .isGreaterThan(Duration.ofHours(48));
    }

    @Test
    void banksNewCustomerWaitedLongAndHerLoanStalled() {
        JsonNode amira = contact("Amira", "Haddad");
        JsonNode account = BY_ID.get(text(amira, "AccountId"));
        assertThat(account.get("Industry").asText()).isEqualTo("Banking");
        assertThat(opportunitiesOf(account)).anyMatch(o -> "Closed Won".equals(text(o, "StageName")));

        JsonNode wait = only(casesOf(amira), c -> "Phone".equals(text(c, "Origin")));
        assertThat(Duration.between(instant(wait, "CreatedDate"), firstComment(wait, null)))
                .isGreaterThan(Duration.ofDays(3));

        JsonNode loan = only(opportunitiesOf(account), o -> text(o, "Name").contains("loan"));
        assertThat(isClosed(loan)).isFalse();
        assertThat(daysSinceLastMove(loan)).isGreaterThanOrEqualTo(21);
    }

    @Test
    void retailShopperChurnedAfterAnUnansweredComplaint() {
        JsonNode nadia = contact("Nadia", "Petrova");
        assertThat(nadia.get("HasOptedOutOfEmail").asBoolean()).isTrue();
        List<JsonNode> complaints = casesOf(nadia).stream()
                .filter(c -> "Email".equals(text(c, "Origin")) && "Complaint".equals(text(c, "Type"))).toList();
        assertThat(complaints).isNotEmpty()
                .allSatisfy(c -> assertThat(commentsOf(c)).noneMatch(m -> m.get("IsPublished").asBoolean()));
        JsonNode account = BY_ID.get(text(nadia, "AccountId"));
        assertThat(opportunitiesOf(account)).anyMatch(o -> "Closed Lost".equals(text(o, "StageName")));
        assertThat(account.get("Type").asText()).isNotEqualTo("Customer - Direct");
        assertThat(account.get("Description").asText()).startsWith("Churned");
    }

    @Test
    void worldHoldsMaterialForTheHandoffAndPainPointRules() {
        List<JsonNode> cases = RECORDS.get("Case");
        assertThat(cases).as("reassigned with no note").anyMatch(c -> commentsOf(c).isEmpty()
                && caseHistory(c).stream().anyMatch(h -> "Owner".equals(text(h, "Field"))));
        assertThat(RECORDS.get("CaseHistory")).as("reopened").anyMatch(h -> "Status".equals(text(h, "Field"))
                && "Closed".equals(text(h, "OldValue")) && "Working".equals(text(h, "NewValue")));
        assertThat(cases).as("escalated").anyMatch(c -> c.get("IsEscalated").asBoolean());

        JsonNode rafael = only(RECORDS.get("Lead"), l -> "Costa".equals(text(l, "LastName")));
        assertThat(rafael.get("Status").asText()).isEqualTo("Open - Not Contacted");
        assertThat(rafael.get("Rating").asText()).isEqualTo("Hot");
        assertThat(activities().filter(a -> rafael.get("Id").asText().equals(text(a, "WhoId")))).isEmpty();

        JsonNode kofi = contact("Kofi", "Asante");
        List<LocalDate> days = casesOf(kofi).stream().map(c -> day(c, "CreatedDate")).sorted().toList();
        assertThat(days).hasSizeGreaterThanOrEqualTo(3);
        assertThat(days.get(2)).isBeforeOrEqualTo(days.get(0).plusDays(14));

        for (String[] name : List.of(new String[] {"Mei", "Tanaka"}, new String[] {"Lena", "Hoffmann"})) {
            JsonNode contact = contact(name[0], name[1]);
            JsonNode won = only(opportunitiesOf(BY_ID.get(text(contact, "AccountId"))),
                    o -> "Closed Won".equals(text(o, "StageName")));
            assertThat(onboardingWithin7Days(contact, won, LocalDate.parse(won.get("CloseDate").asText())))
                    .as("onboarded properly: %s", name[1]).isNotEmpty();
        }

        assertThat(RECORDS.get("Opportunity").stream().filter(o -> !isClosed(o) && daysSinceLastMove(o) >= 21))
                .as("stalled deals").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void committedFilesEqualWhatTheGeneratorWrites() {
        Map<String, String> generated = DemoWorldGenerator.generate();
        List<String> listed = new ArrayList<>();
        world.get("salesforce").forEach(f -> listed.add(f.asText()));
        assertThat(generated.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(java.util.stream.Stream.of("world.json"), listed.stream()).toList());
        generated.forEach((path, content) -> assertThat(readText(path))
                .as("%s differs from DemoWorldGenerator's output; rerun the generator", path).isEqualTo(content));
    }

    // ------------------------------------------------------------ helpers

    private static Set<String> withAudit(String... fields) {
        Set<String> all = new HashSet<>(AUDIT);
        all.addAll(List.of(fields));
        return Set.copyOf(all);
    }

    private static String readText(String path) {
        try (InputStream in = DemoWorldTest.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            assertThat(in).as("classpath resource %s", ROOT + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String path) {
        try {
            JsonNode node = JSON.readTree(readText(path));
            if (!"world.json".equals(path)) {
                assertThat(node.isArray()).as(path).isTrue();
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode r) {
        Set<String> names = new HashSet<>();
        r.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode r, String field) {
        return Instant.parse(r.get(field).asText());
    }

    private static LocalDate day(JsonNode r, String field) {
        return LocalDate.ofInstant(instant(r, field), ZoneOffset.UTC);
    }

    private static boolean isClosed(JsonNode opp) {
        return opp.get("StageName").asText().startsWith("Closed");
    }

    private static JsonNode only(List<JsonNode> records, Predicate<JsonNode> match) {
        List<JsonNode> found = records.stream().filter(match).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static JsonNode contact(String first, String last) {
        return only(RECORDS.get("Contact"),
                c -> first.equals(text(c, "FirstName")) && last.equals(text(c, "LastName")));
    }

    private static List<JsonNode> casesOf(JsonNode contact) {
        return RECORDS.get("Case").stream().filter(c -> contact.get("Id").asText().equals(text(c, "ContactId")))
                .toList();
    }

    private static List<JsonNode> opportunitiesOf(JsonNode account) {
        return RECORDS.get("Opportunity").stream()
                .filter(o -> account.get("Id").asText().equals(text(o, "AccountId"))).toList();
    }

    private static List<JsonNode> historyOf(JsonNode opp) {
        return RECORDS.get("OpportunityHistory").stream()
                .filter(h -> opp.get("Id").asText().equals(text(h, "OpportunityId")))
                .sorted(Comparator.comparing(h -> instant(h, "CreatedDate"))).toList();
    }

    private static List<JsonNode> caseHistory(JsonNode c) {
        return RECORDS.get("CaseHistory").stream().filter(h -> c.get("Id").asText().equals(text(h, "CaseId")))
                .sorted(Comparator.comparing(h -> instant(h, "CreatedDate"))).toList();
    }

    private static List<JsonNode> commentsOf(JsonNode c) {
        return RECORDS.get("CaseComment").stream().filter(m -> c.get("Id").asText().equals(text(m, "ParentId")))
                .sorted(Comparator.comparing(m -> instant(m, "CreatedDate"))).toList();
    }

    /** The first comment on a case, public only when {@code published} is true, any when null. */
    private static Instant firstComment(JsonNode c, Boolean published) {
        return commentsOf(c).stream()
                .filter(m -> published == null || m.get("IsPublished").asBoolean() == published)
                .map(m -> instant(m, "CreatedDate")).findFirst().orElseThrow();
    }

    private static java.util.stream.Stream<JsonNode> activities() {
        return java.util.stream.Stream.concat(RECORDS.get("Task").stream(), RECORDS.get("Event").stream());
    }

    private static String onboardingUserId() {
        return only(RECORDS.get("User"), u -> "Onboarding Specialist".equals(text(u, "Title"))).get("Id").asText();
    }

    /** Tasks the onboarding specialist owns about this customer or deal, dated within 7 days after the win. */
    private static List<JsonNode> onboardingWithin7Days(JsonNode contact, JsonNode opp, LocalDate won) {
        Set<String> about = new HashSet<>(List.of(contact.get("Id").asText(), opp.get("Id").asText(),
                opp.get("AccountId").asText()));
        return RECORDS.get("Task").stream()
                .filter(t -> onboardingUserId().equals(text(t, "OwnerId")))
                .filter(t -> about.contains(text(t, "WhoId")) || about.contains(text(t, "WhatId")))
                .filter(t -> {
                    LocalDate d = LocalDate.parse(t.get("ActivityDate").asText());
                    return !d.isBefore(won) && !d.isAfter(won.plusDays(7));
                }).toList();
    }

    /** Days from the opportunity's last stage change or last linked activity to {@link #AS_OF}. */
    private static long daysSinceLastMove(JsonNode opp) {
        LocalDate last = historyOf(opp).stream().map(h -> day(h, "CreatedDate")).max(Comparator.naturalOrder())
                .orElseThrow();
        LocalDate lastActivity = activities().filter(a -> opp.get("Id").asText().equals(text(a, "WhatId")))
                .map(a -> a.has("ActivityDate") ? LocalDate.parse(a.get("ActivityDate").asText())
                        : day(a, "ActivityDateTime"))
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(last);
        LocalDate latest = lastActivity.isAfter(last) ? lastActivity : last;
        return Duration.between(latest.atStartOfDay(), AS_OF.atStartOfDay()).toDays();
    }
}
