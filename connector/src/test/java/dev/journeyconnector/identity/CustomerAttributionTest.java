package dev.journeyconnector.identity;

import dev.journeyconnector.identity.CustomerAttribution.Attribution;
import dev.journeyconnector.identity.CustomerAttribution.ToReview;
import dev.journeyconnector.identity.CustomerAttribution.Unattributed;
import dev.journeyconnector.mapping.CustomerLink.Kind;
import dev.journeyconnector.mapping.CustomerLinkValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose record it is, through a mapping's customer links and the identity graph: the cases identity must get right. */
class CustomerAttributionTest {

    private static final String TREY = "003Jx0000000001IAA";
    private static final String TREYS_LEAD = "00QJx0000000001MAA";
    private static final String MEI = "003Jx0000000004IAA";
    private static final String ACCOUNT = "001Jx0000000001IAA";
    private static final SourceRef TASK = new SourceRef(SourceRef.SALESFORCE, "Task", "00TJx0000000001IAA");

    private final List<Map<String, Object>> contacts = new ArrayList<>();
    private final List<Map<String, Object>> leads = new ArrayList<>();
    private final List<Map<String, Object>> users = new ArrayList<>();
    private final List<Map<String, Object>> tickets = new ArrayList<>();
    private final List<Map<String, Object>> members = new ArrayList<>();
    private final Map<SourceRef, List<CustomerLinkValue>> related = new HashMap<>();

    @Test
    void aConvertedLeadsRecordsJoinTheContactItBecame() {
        contact(TREY, "trey.weller@example.com", ACCOUNT, "2026-05-14T11:20:00Z");
        lead(TREYS_LEAD, "trey.weller@example.com", TREY);

        assertThat(customerOf(TASK, link(Kind.LEAD, TREYS_LEAD))).isEqualTo("sf:" + TREY);
        assertThat(customerOf(TASK, link(Kind.WHO, TREYS_LEAD))).as("a WhoId naming the Lead").isEqualTo("sf:" + TREY);
    }

    @Test
    void anUnconvertedLeadIsItsOwnCustomer() {
        lead("00QJx0000000006MAA", "rafael.costa@example.com", null);

        assertThat(customerOf(TASK, link(Kind.WHO, "00QJx0000000006MAA"))).isEqualTo("sf:00QJx0000000006MAA");
        assertThat(customerOf(TASK, link(Kind.EMAIL, "rafael.costa@example.com"))).isEqualTo("sf:00QJx0000000006MAA");
    }

    @Test
    void aMergedAwayContactsRecordsFollowTheMasterRecord() {
        contact(TREY, "trey.weller@example.com", ACCOUNT, "2026-05-14T11:20:00Z");
        Map<String, Object> duplicate = contact("003Jx00000000ZZIAA", "t.weller@example.com", ACCOUNT, "2026-06-01T09:00:00Z");
        duplicate.put("IsDeleted", true);
        duplicate.put("MasterRecordId", TREY);

        assertThat(customerOf(TASK, link(Kind.CONTACT, "003Jx00000000ZZIAA"))).isEqualTo("sf:" + TREY);
    }

    @Test
    void anEmailTwoContactsShareGoesToReviewAndStopsTheSearch() {
        contact("003Jx000000000DIAQ", "bianchi.family@example.net", null, "2026-05-01T09:00:00Z");
        contact("003Jx000000000EIAQ", "bianchi.family@example.net", null, "2026-05-02T09:00:00Z");
        contact(MEI, "mei.tanaka@example.net", null, "2026-05-03T09:00:00Z");

        Attribution a = attribution().attribute(TASK, List.of(link(Kind.EMAIL, "Bianchi.Family@example.net"),
                link(Kind.CONTACT, MEI)));

        assertThat(a).isInstanceOf(ToReview.class);
        assertThat(a.customerKey()).isEmpty();
        assertThat(((ToReview) a).match()).isEqualTo(new AmbiguousMatch(TASK, "bianchi.family@example.net",
                List.of("003Jx000000000DIAQ", "003Jx000000000EIAQ")));
    }

    @Test
    void aTicketOfAReviewListRequesterHasNoCustomer() {
        contact("003Jx000000000DIAQ", "bianchi.family@example.net", null, "2026-05-01T09:00:00Z");
        contact("003Jx000000000EIAQ", "bianchi.family@example.net", null, "2026-05-02T09:00:00Z");
        user("9010000000106", "bianchi.family@example.net", null);
        ticket("2", "9010000000106");

        Attribution a = attribution().attribute(SourceRef.ticket("2"), List.of(link(Kind.ZENDESK_USER, "9010000000106")));

        assertThat(a).isInstanceOf(ToReview.class);
        assertThat(((ToReview) a).match().record()).isEqualTo(SourceRef.zendeskUser("9010000000106"));
    }

    @Test
    void emailsMatchWhateverTheirCaseAndSurroundingSpace() {
        contact(MEI, "mei.tanaka@example.net", null, "2026-05-03T09:00:00Z");
        user("9010000000102", "  Mei.Tanaka@Example.NET ", null);

        assertThat(customerOf(TASK, link(Kind.EMAIL, " MEI.TANAKA@example.net\t"))).isEqualTo("sf:" + MEI);
        assertThat(customerOf(SourceRef.ticket("1"), link(Kind.ZENDESK_USER, "9010000000102"))).isEqualTo("sf:" + MEI);
    }

    @Test
    void aPlusAddressIsAnotherPerson() {
        contact(TREY, "trey.weller@example.com", ACCOUNT, "2026-05-14T11:20:00Z");
        member("trey.weller+tours@example.com");

        String plus = customerOf(SourceRef.member("44e73ccf5b/x"), link(Kind.EMAIL, "trey.weller+tours@example.com"));

        assertThat(plus).isEqualTo("prospect:trey.weller+tours@example.com");
    }

    @Test
    void aZendeskExternalIdHoldingAContactIdWinsOverTheEmail() {
        contact(TREY, "trey.weller@example.com", ACCOUNT, "2026-05-14T11:20:00Z");
        contact(MEI, "mei.tanaka@example.net", null, "2026-05-03T09:00:00Z");
        // The help desk knows him under a private address; its external_id is his 15-character Contact Id.
        user("9010000000101", "mei.tanaka@example.net", TREY.substring(0, 15));

        assertThat(customerOf(SourceRef.ticket("16"), link(Kind.ZENDESK_USER, "9010000000101"))).isEqualTo("sf:" + TREY);
    }

    @Test
    void someoneNoSystemOfRecordKnowsIsKeptAsAProspect() {
        contact(TREY, "trey.weller@example.com", ACCOUNT, "2026-05-14T11:20:00Z");
        user("9010000000120", "walk.in@example.org", null);
        ticket("30", "9010000000120");

        assertThat(customerOf(SourceRef.ticket("30"), link(Kind.ZENDESK_USER, "9010000000120")))
                .isEqualTo("prospect:walk.in@example.org");
        assertThat(customerOf(SourceRef.ticket("30"), link(Kind.TICKET, "30")))
                .as("a ticket link falls back to where identity put the ticket").isEqualTo("prospect:walk.in@example.org");
    }

    @Test
    void anEmailNobodyHasLeadsToNoCustomer() {
        contact(TREY, "trey.weller@example.com", ACCOUNT, "2026-05-14T11:20:00Z");

        assertThat(attribution().attribute(TASK, List.of(link(Kind.EMAIL, "stranger@example.org"))))
                .isInstanceOf(Unattributed.class);
    }

    @Test
    void anAccountLeadsToItsOldestSurvivingContact() {
        Map<String, Object> oldest = contact("003Jx0000000009IAA", "gone@example.com", ACCOUNT, "2026-01-01T00:00:00Z");
        oldest.put("IsDeleted", true);
        contact(MEI, "mei.tanaka@example.net", ACCOUNT, "2026-05-03T09:00:00.000Z");
        contact(TREY, "trey.weller@example.com", ACCOUNT, "2026-05-14T11:20:00Z");

        assertThat(customerOf(TASK, link(Kind.ACCOUNT, ACCOUNT))).isEqualTo("sf:" + MEI);
        assertThat(customerOf(TASK, link(Kind.ACCOUNT, "001Jx00000000XXIAA"))).as("an Account without Contacts").isNull();
    }

    @Test
    void theFirstLinkThatLeadsToACustomerWins() {
        contact(TREY, "trey.weller@example.com", ACCOUNT, "2026-05-14T11:20:00Z");
        contact(MEI, "mei.tanaka@example.net", ACCOUNT, "2026-05-03T09:00:00Z");

        assertThat(customerOf(TASK, link(Kind.CONTACT, "003Jx00000000QQIAA"), link(Kind.CONTACT, TREY),
                link(Kind.ACCOUNT, ACCOUNT))).as("an unknown Contact is passed over").isEqualTo("sf:" + TREY);
        assertThat(customerOf(TASK, link(Kind.WHO, "701Jx0000000001IAA"), link(Kind.ACCOUNT, ACCOUNT)))
                .as("a WhoId that is neither Contact nor Lead").isEqualTo("sf:" + MEI);
    }

    @Test
    void aCaseCommentBelongsToWhoeverItsCaseBelongsTo() {
        contact(TREY, "trey.weller@example.com", ACCOUNT, "2026-05-14T11:20:00Z");
        SourceRef theCase = new SourceRef(SourceRef.SALESFORCE, "Case", "500Jx0000000001IAA");
        related.put(theCase, List.of(link(Kind.CONTACT, TREY)));
        SourceRef opportunity = new SourceRef(SourceRef.SALESFORCE, "Opportunity", "006Jx0000000001IAA");
        related.put(opportunity, List.of(link(Kind.ACCOUNT, ACCOUNT)));

        assertThat(customerOf(TASK, link(Kind.CASE, "500Jx0000000001IAA"))).isEqualTo("sf:" + TREY);
        assertThat(customerOf(TASK, link(Kind.OPPORTUNITY, "006Jx0000000001IAA"))).isEqualTo("sf:" + TREY);
        assertThat(customerOf(TASK, link(Kind.CASE, "500Jx00000000XXIAA"))).as("a Case not derived").isNull();
    }

    @Test
    void recordsThatPointAtEachOtherEndWithoutACustomer() {
        SourceRef a = new SourceRef(SourceRef.SALESFORCE, "Case", "500Jx0000000001IAA");
        SourceRef b = new SourceRef(SourceRef.SALESFORCE, "Case", "500Jx0000000002IAA");
        related.put(a, List.of(link(Kind.CASE, b.recordId())));
        related.put(b, List.of(link(Kind.CASE, a.recordId())));

        assertThat(attribution().attribute(a, related.get(a))).isInstanceOf(Unattributed.class);
    }

    private String customerOf(SourceRef record, CustomerLinkValue... links) {
        return attribution().attribute(record, List.of(links)).customerKey().orElse(null);
    }

    private CustomerAttribution attribution() {
        IdentityInput input = new IdentityInput(contacts, leads, users, tickets, members);
        return new CustomerAttribution(IdentityResolver.resolve(input), input, ref -> related.getOrDefault(ref, List.of()));
    }

    private static CustomerLinkValue link(Kind kind, String value) {
        return new CustomerLinkValue(kind, value);
    }

    private Map<String, Object> contact(String id, String email, String accountId, String createdDate) {
        Map<String, Object> c = new HashMap<>();
        c.put("Id", id);
        c.put("Email", email);
        c.put("AccountId", accountId);
        c.put("CreatedDate", createdDate);
        c.put("IsDeleted", false);
        contacts.add(c);
        return c;
    }

    private void lead(String id, String email, String convertedContactId) {
        Map<String, Object> l = new HashMap<>();
        l.put("Id", id);
        l.put("Email", email);
        l.put("IsConverted", convertedContactId != null);
        l.put("ConvertedContactId", convertedContactId);
        leads.add(l);
    }

    private void user(String id, String email, String externalId) {
        Map<String, Object> u = new HashMap<>();
        u.put("id", Long.parseLong(id));
        u.put("email", email);
        u.put("role", "end-user");
        u.put("external_id", externalId);
        users.add(u);
    }

    private void ticket(String id, String requesterId) {
        tickets.add(Map.of("id", Long.parseLong(id), "requester_id", Long.parseLong(requesterId), "status", "open"));
    }

    private void member(String email) {
        members.add(Map.of("id", "x", "list_id", "44e73ccf5b", "email_address", email));
    }
}
