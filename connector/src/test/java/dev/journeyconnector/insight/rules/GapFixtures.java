package dev.journeyconnector.insight.rules;

import dev.journeyconnector.identity.Customer;
import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.Rule;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Touchpoint.Source;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built touchpoints and facts for the handoff-gap rule tests, named as the default mappings name them. */
final class GapFixtures {
    static final String CUSTOMER = "sf:003Jx0000000001AAA";
    static final String CONTACT_ID = "003Jx0000000001AAA";
    static final String ACCOUNT_ID = "001Jx0000000001AAA";
    static final String SALES_REP = "005Jx0000000001AAA";
    static final String ACCOUNT_OWNER = "005Jx0000000002AAA";
    static final String AGENT = "005Jx0000000003AAA";
    static final String BILLING_AGENT = "005Jx0000000004AAA";
    static final String CONTACT_OWNER = "005Jx0000000005AAA";

    private GapFixtures() {
    }

    static Instant at(String isoWithoutZone) {
        return Instant.parse(isoWithoutZone + ":00Z");
    }

    static Touchpoint tp(Source source, String object, String id, String type, String stage, String channel,
                         String department, String device, Instant when, String title, String... attributes) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            attrs.put(attributes[i], attributes[i + 1]);
        }
        return new Touchpoint(new Touchpoint.Key(source, object, id, type), CUSTOMER, stage, channel, department,
                device, Sentiment.NEUTRAL, when, title, URI.create("https://example.my.salesforce.com/" + id), attrs);
    }

    static Touchpoint dealWon(String oppId, Instant when) {
        return tp(Source.SALESFORCE, "Opportunity", oppId, "deal-won", "purchase", "web", "sales", "unknown", when,
                "Won: Highlands by coach (2480)", "opportunity", oppId, "owner", SALES_REP, "account", ACCOUNT_ID);
    }

    static Touchpoint onboardingCall(String taskId, Instant when) {
        return tp(Source.SALESFORCE, "Task", taskId, "onboarding-call", "onboarding", "phone", "onboarding",
                "unknown", when, "Welcome call and itinerary", "owner", ACCOUNT_OWNER);
    }

    static Touchpoint salesCall(String taskId, Instant when, String owner) {
        return tp(Source.SALESFORCE, "Task", taskId, "call", "engagement", "phone", "sales", "unknown", when,
                "Call: tour dates", "owner", owner);
    }

    static Touchpoint meeting(String eventId, Instant when, String owner) {
        return tp(Source.SALESFORCE, "Event", eventId, "meeting", "engagement", "in_person", "sales", "unknown", when,
                "Proposal meeting", "owner", owner);
    }

    static Touchpoint lead(String type, String leadId, Instant when) {
        return tp(Source.SALESFORCE, "Lead", leadId, type, "awareness", "web", "marketing", "unknown", when,
                "Lead: Trey Weller (Weller Household)", "lead-source", "Advertisement");
    }

    static Touchpoint click(String campaign, Instant when) {
        String id = campaign + "/e1/click/" + when + "/https://example.com/tours";
        return tp(Source.MAILCHIMP, "email_activity", id, "campaign-click", "engagement", "email", "marketing",
                "unknown", when, "Clicked https://example.com/tours", "campaign", campaign);
    }

    static Touchpoint caseOpened(String caseId, Instant when, String channel, String priority, String device) {
        return tp(Source.SALESFORCE, "Case", caseId, "case-opened", "service", channel, "support", device, when,
                "Case " + caseId, "case", caseId, "priority", priority, "owner", AGENT);
    }

    static Touchpoint caseClosed(String caseId, Instant when) {
        return tp(Source.SALESFORCE, "Case", caseId, "case-closed", "service", "email", "support", "unknown", when,
                "Closed: Case " + caseId, "case", caseId, "status", "closed");
    }

    static Touchpoint caseReopened(String historyId, String caseId, Instant when) {
        return tp(Source.SALESFORCE, "CaseHistory", historyId, "case-reopened", "service", "email", "support",
                "unknown", when, "Case reopened", "case", caseId);
    }

    static Touchpoint ticketOpened(String ticketId, Instant when, String channel, String priority, String device) {
        return tp(Source.ZENDESK, "tickets", ticketId, "ticket-opened", "service", channel, "support", device, when,
                "Ticket " + ticketId, "ticket", ticketId, "priority", priority);
    }

    static Touchpoint ticketSolved(String ticketId, Instant when) {
        return tp(Source.ZENDESK, "tickets", ticketId, "ticket-solved", "service", "chat", "support", "unknown", when,
                "Solved: Ticket " + ticketId, "ticket", ticketId, "status", "solved");
    }

    static Touchpoint reassigned(String historyId, String caseId, Instant when, String from, String to) {
        return tp(Source.SALESFORCE, "CaseHistory", historyId, "case-reassigned", "service", "email", "support",
                "unknown", when, "Case handed to another owner", "case", caseId, "from-owner", from, "to-owner", to);
    }

    static Touchpoint internalNote(String commentId, String caseId, Instant when) {
        return tp(Source.SALESFORCE, "CaseComment", commentId, "case-internal-note", "service", "email", "support",
                "unknown", when, "Internal note", "case", caseId, "internal", "true");
    }

    static CustomerFacts.Person contact(Boolean optedOut, String lastModified) {
        Map<String, Object> p = new HashMap<>();
        p.put("Id", CONTACT_ID);
        p.put("OwnerId", CONTACT_OWNER);
        p.put("AccountId", ACCOUNT_ID);
        p.put("Email", "Trey.Weller@example.com");
        p.put("HasOptedOutOfEmail", optedOut);
        p.put("LastModifiedDate", lastModified);
        return CustomerFacts.Person.contact(p);
    }

    static CustomerFacts.Account account(String owner) {
        Map<String, Object> p = new HashMap<>();
        p.put("Id", ACCOUNT_ID);
        p.put("Name", "Weller Household");
        p.put("OwnerId", owner);
        return CustomerFacts.Account.of(p);
    }

    /** An Opportunity as stored: created, closed or not, CloseDate a date. */
    static CustomerFacts.Opportunity opportunity(String id, String name, String created, boolean closed,
                                                 String closeDate, String lastModified) {
        Map<String, Object> p = new HashMap<>();
        p.put("Id", id);
        p.put("Name", name);
        p.put("AccountId", ACCOUNT_ID);
        p.put("OwnerId", SALES_REP);
        p.put("StageName", closed ? "Closed Won" : "Proposal/Price Quote");
        p.put("IsClosed", closed);
        p.put("IsWon", closed);
        p.put("CreatedDate", created);
        p.put("CloseDate", closeDate);
        p.put("LastModifiedDate", lastModified);
        return CustomerFacts.Opportunity.of(p);
    }

    static CustomerFacts facts(CustomerFacts.Person person, CustomerFacts.Account account,
                               List<CustomerFacts.Opportunity> opportunities,
                               List<CustomerFacts.Membership> memberships) {
        return new CustomerFacts(Optional.ofNullable(person), Optional.ofNullable(account), opportunities,
                memberships, List.of());
    }

    static CustomerHistory history(CustomerFacts facts, List<Touchpoint> own, List<Touchpoint> account) {
        return new CustomerHistory(CUSTOMER, Customer.Kind.CONTACT, "leisure-traveller", own, facts, account);
    }

    static CustomerHistory history(CustomerFacts facts, Touchpoint... own) {
        return history(facts, List.of(own), List.of());
    }

    static List<Finding> evaluate(Rule rule, CustomerHistory history, Instant now) {
        return rule.evaluate(history, RuleSettings.defaults(rule), now);
    }
}
