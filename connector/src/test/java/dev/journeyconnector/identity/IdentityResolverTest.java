package dev.journeyconnector.identity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.journeyconnector.identity.Customer.Kind.CONTACT;
import static dev.journeyconnector.identity.Customer.Kind.LEAD;
import static dev.journeyconnector.identity.Customer.Kind.PROSPECT;
import static org.assertj.core.api.Assertions.assertThat;

class IdentityResolverTest {

    private static final String TREY = "003Jx0000000001IAA";
    private static final String MEI = "003Jx0000000004IAA";

    private final List<Map<String, Object>> contacts = new ArrayList<>();
    private final List<Map<String, Object>> leads = new ArrayList<>();
    private final List<Map<String, Object>> users = new ArrayList<>();
    private final List<Map<String, Object>> tickets = new ArrayList<>();
    private final List<Map<String, Object>> members = new ArrayList<>();

    @Test
    void eachSurvivingContactIsACustomer() {
        contact(TREY, "trey.weller@example.com");
        contact(MEI, "mei.tanaka@example.net");

        IdentityGraph graph = resolve();

        assertThat(graph.customers()).extracting(Customer::customerKey).containsExactly("sf:" + TREY, "sf:" + MEI);
        assertThat(graph.customerOf(SourceRef.contact(TREY)).orElseThrow().kind()).isEqualTo(CONTACT);
    }

    @Test
    void unconvertedLeadIsACustomerOfItsOwn() {
        lead("00QJx0000000006MAA", "rafael.costa@example.com", null);

        Customer customer = resolve().customerOf(SourceRef.lead("00QJx0000000006MAA")).orElseThrow();

        assertThat(customer.customerKey()).isEqualTo("sf:00QJx0000000006MAA");
        assertThat(customer.kind()).isEqualTo(LEAD);
    }

    @Test
    void convertedLeadJoinsItsContact() {
        contact(TREY, "trey.weller@example.com");
        lead("00QJx0000000001MAA", "trey.weller@example.com", TREY);

        IdentityGraph graph = resolve();

        assertThat(graph.customers()).hasSize(1);
        assertThat(graph.customerOf(SourceRef.lead("00QJx0000000001MAA")).orElseThrow().customerKey()).isEqualTo("sf:" + TREY);
    }

    @Test
    void convertedLeadWhoseContactWasMergedFollowsTheMerge() {
        contact(TREY, "trey.weller@example.com");
        merged("003Jx00000000ZZIAA", TREY);
        lead("00QJx0000000001MAA", "trey.weller@example.com", "003Jx00000000ZZIAA");

        assertThat(resolve().customerOf(SourceRef.lead("00QJx0000000001MAA")).orElseThrow().customerKey()).isEqualTo("sf:" + TREY);
    }

    @Test
    void unconvertedLeadIsNotJoinedToAContactWithTheSameEmail() {
        // Jonas Becker came back through a newsletter form as a new lead; until sales converts it, it is its own.
        contact("003Jx000000000AIAQ", "jonas.becker@example.com");
        lead("00QJx0000000005MAA", "jonas.becker@example.com", null);
        member("jonas.becker@example.com");

        IdentityGraph graph = resolve();

        assertThat(graph.customerOf(SourceRef.lead("00QJx0000000005MAA")).orElseThrow().kind()).isEqualTo(LEAD);
        assertThat(graph.customerOf(memberRef("jonas.becker@example.com")).orElseThrow().customerKey())
                .as("the Contact is the anchor for email matches").isEqualTo("sf:003Jx000000000AIAQ");
    }

    @Test
    void memberMatchingOnlyALeadJoinsTheLead() {
        lead("00QJx0000000006MAA", "rafael.costa@example.com", null);
        member("Rafael.Costa@example.com");

        assertThat(resolve().customerOf(memberRef("Rafael.Costa@example.com")).orElseThrow().customerKey())
                .isEqualTo("sf:00QJx0000000006MAA");
    }

    @Test
    void convertedLeadWhoseContactWeDoNotHaveStaysALead() {
        lead("00QJx0000000001MAA", "trey.weller@example.com", TREY);
        member("trey.weller@example.com");

        IdentityGraph graph = resolve();

        assertThat(graph.customerOf(SourceRef.lead("00QJx0000000001MAA")).orElseThrow().kind()).isEqualTo(LEAD);
        assertThat(graph.customerOf(memberRef("trey.weller@example.com")).orElseThrow().kind())
                .as("a converted Lead is nobody's email anchor").isEqualTo(PROSPECT);
    }

    @Test
    void mergedAwayContactJoinsTheSurvivor() {
        contact(TREY, "trey.weller@example.com");
        merged("003Jx00000000ZZIAA", TREY);

        IdentityGraph graph = resolve();

        assertThat(graph.customers()).extracting(Customer::customerKey).containsExactly("sf:" + TREY);
        assertThat(graph.customerOf(SourceRef.contact("003Jx00000000ZZIAA")).orElseThrow().customerKey()).isEqualTo("sf:" + TREY);
    }

    @Test
    void mergeChainsAreFollowedToTheLastSurvivor() {
        contact(TREY, "trey.weller@example.com");
        merged("003Jx00000000YYIAA", "003Jx00000000ZZIAA");
        merged("003Jx00000000ZZIAA", TREY);

        Customer customer = resolve().customerOf(SourceRef.contact("003Jx00000000YYIAA")).orElseThrow();

        assertThat(customer.customerKey()).isEqualTo("sf:" + TREY);
        assertThat(customer.records()).containsExactly(SourceRef.contact(TREY),
                SourceRef.contact("003Jx00000000YYIAA"), SourceRef.contact("003Jx00000000ZZIAA"));
    }

    @Test
    void mergeCycleEndsWithoutACustomer() {
        merged("003Jx00000000YYIAA", "003Jx00000000ZZIAA");
        merged("003Jx00000000ZZIAA", "003Jx00000000YYIAA");

        assertThat(resolve().customers()).isEmpty();
    }

    @Test
    void leadMergesAreFollowedToo() {
        lead("00QJx0000000006MAA", "rafael.costa@example.com", null);
        Map<String, Object> loser = lead("00QJx00000000ZZMAA", "rafael.costa@example.com", null);
        loser.put("IsDeleted", true);
        loser.put("MasterRecordId", "00QJx0000000006MAA");

        IdentityGraph graph = resolve();

        assertThat(graph.customers()).singleElement().satisfies(c -> {
            assertThat(c.customerKey()).isEqualTo("sf:00QJx0000000006MAA");
            assertThat(c.records()).hasSize(2);
        });
    }

    @Test
    void tombstonesThatAreNotMergesDropOut() {
        contact(TREY, "trey.weller@example.com").put("IsDeleted", true);
        lead("00QJx0000000006MAA", "rafael.costa@example.com", null).put("IsDeleted", "true");
        member("trey.weller@example.com");

        IdentityGraph graph = resolve();

        assertThat(graph.customerOf(SourceRef.contact(TREY))).isEmpty();
        assertThat(graph.customerOf(SourceRef.lead("00QJx0000000006MAA"))).isEmpty();
        assertThat(graph.customerOf(memberRef("trey.weller@example.com")).orElseThrow().kind())
                .as("a deleted Contact's email matches nobody").isEqualTo(PROSPECT);
    }

    @Test
    void emailOfSeveralContactsGoesToReviewAndToNoCustomer() {
        contact("003Jx000000000EIAQ", "bianchi.family@example.net");
        contact("003Jx000000000DIAQ", "Bianchi.Family@example.net");
        user(106, "bianchi.family@example.net", null);
        ticket(2, 106);
        member("bianchi.family@example.net");

        IdentityGraph graph = resolve();

        List<String> candidates = List.of("003Jx000000000DIAQ", "003Jx000000000EIAQ");
        assertThat(graph.reviewList()).containsExactly(
                new AmbiguousMatch(memberRef("bianchi.family@example.net"), "bianchi.family@example.net", candidates),
                new AmbiguousMatch(SourceRef.ticket("2"), "bianchi.family@example.net", candidates),
                new AmbiguousMatch(SourceRef.zendeskUser("106"), "bianchi.family@example.net", candidates));
        assertThat(graph.customerOf(SourceRef.zendeskUser("106"))).isEmpty();
        assertThat(graph.customerOf(SourceRef.ticket("2"))).isEmpty();
        assertThat(graph.customers()).extracting(Customer::customerKey)
                .containsExactly("sf:003Jx000000000DIAQ", "sf:003Jx000000000EIAQ");
        assertThat(graph.customers()).allSatisfy(c -> assertThat(c.records()).hasSize(1));
    }

    @Test
    void emailMatchIgnoresCaseAndSurroundingWhitespace() {
        contact("003Jx000000000GIAQ", " Olga.Ivanova@Example.ORG");
        user(105, "olga.ivanova@example.org", null);
        member("OLGA.IVANOVA@example.org ");

        IdentityGraph graph = resolve();

        assertThat(graph.customers()).singleElement().satisfies(c -> assertThat(c.records()).containsExactly(
                memberRef("OLGA.IVANOVA@example.org "), SourceRef.contact("003Jx000000000GIAQ"), SourceRef.zendeskUser("105")));
    }

    @Test
    void plusAddressesAreDistinctPeople() {
        contact("003Jx000000000OIAQ", "hugo.moreau@example.org");
        contact("003Jx000000000FIAQ", "maria.santos+travel@example.com");
        member("hugo.moreau+meridian@example.org");
        member("maria.santos+travel@example.com");

        IdentityGraph graph = resolve();

        assertThat(graph.customerOf(memberRef("hugo.moreau+meridian@example.org")).orElseThrow().customerKey())
                .isEqualTo("prospect:hugo.moreau+meridian@example.org");
        assertThat(graph.customerOf(memberRef("maria.santos+travel@example.com")).orElseThrow().customerKey())
                .as("the same plus-address on both sides still matches").isEqualTo("sf:003Jx000000000FIAQ");
    }

    @Test
    void externalIdWinsOverEmail() {
        contact("003Jx0000000009IAA", "kofi.asante@example.org");
        contact("003Jx000000000XIAQ", "kofi.asante+orders@example.org");
        user(118, "kofi.asante+orders@example.org", "003Jx0000000009IAA");

        assertThat(resolve().customerOf(SourceRef.zendeskUser("118")).orElseThrow().customerKey())
                .isEqualTo("sf:003Jx0000000009IAA");
    }

    @Test
    void externalIdMatchesOnTheFirstFifteenCharacters() {
        contact(TREY, "trey.weller@example.com");
        contact("003Jx0000000002", "amira@haddad-ceramics.example");
        user(101, null, "003Jx0000000001");
        user(102, null, "003Jx0000000002IAA");

        IdentityGraph graph = resolve();

        assertThat(graph.customerOf(SourceRef.zendeskUser("101")).orElseThrow().customerKey()).isEqualTo("sf:" + TREY);
        assertThat(graph.customerOf(SourceRef.zendeskUser("102")).orElseThrow().customerKey()).isEqualTo("sf:003Jx0000000002");
    }

    @Test
    void externalIdOfAMergedAwayContactFollowsTheMerge() {
        contact(TREY, "trey.weller@example.com");
        merged("003Jx00000000ZZIAA", TREY);
        user(101, "someone.else@example.com", "003Jx00000000ZZIAA");

        assertThat(resolve().customerOf(SourceRef.zendeskUser("101")).orElseThrow().customerKey()).isEqualTo("sf:" + TREY);
    }

    @Test
    void externalIdNamingNoContactFallsBackToEmail() {
        contact(TREY, "trey.weller@example.com");
        user(101, "Trey.Weller@example.com", "crm-4711");
        user(102, "trey.weller@example.com", "003Jx00000000ZZIAA");

        IdentityGraph graph = resolve();

        assertThat(graph.customerOf(SourceRef.zendeskUser("101")).orElseThrow().customerKey()).isEqualTo("sf:" + TREY);
        assertThat(graph.customerOf(SourceRef.zendeskUser("102")).orElseThrow().customerKey()).isEqualTo("sf:" + TREY);
    }

    @Test
    void externalIdResolvesAnAmbiguousEmail() {
        contact("003Jx000000000EIAQ", "bianchi.family@example.net");
        contact("003Jx000000000DIAQ", "bianchi.family@example.net");
        user(106, "bianchi.family@example.net", "003Jx000000000EIAQ");

        IdentityGraph graph = resolve();

        assertThat(graph.reviewList()).isEmpty();
        assertThat(graph.customerOf(SourceRef.zendeskUser("106")).orElseThrow().customerKey()).isEqualTo("sf:003Jx000000000EIAQ");
    }

    @Test
    void unmatchedRequesterAndMemberWithOneEmailAreOneProspect() {
        user(130, "Priya.Nair@example.com", null);
        ticket(21, 130);
        member("priya.nair@example.com ");

        IdentityGraph graph = resolve();

        assertThat(graph.customers()).singleElement().satisfies(c -> {
            assertThat(c.customerKey()).isEqualTo("prospect:priya.nair@example.com");
            assertThat(c.kind()).isEqualTo(PROSPECT);
            assertThat(c.records()).containsExactly(memberRef("priya.nair@example.com "),
                    SourceRef.ticket("21"), SourceRef.zendeskUser("130"));
        });
    }

    @Test
    void requesterWithoutEmailIsAProspectOfTheirOwn() {
        user(134, null, null);
        user(135, "  ", null);
        ticket(47, 134);

        IdentityGraph graph = resolve();

        assertThat(graph.customers()).extracting(Customer::customerKey)
                .containsExactly("prospect:zendesk/users/134", "prospect:zendesk/users/135");
        assertThat(graph.customerOf(SourceRef.ticket("47")).orElseThrow().customerKey()).isEqualTo("prospect:zendesk/users/134");
    }

    @Test
    void requesterWithoutPrimaryEmailMatchesOnAnEmailIdentity() {
        contact(TREY, "trey.weller@example.com");
        user(101, null, null).put("identities", List.of(
                Map.of("type", "phone_number", "value", "+44 161 496 0217"),
                Map.of("type", "email", "value", "Trey.Weller@example.com")));

        assertThat(resolve().customerOf(SourceRef.zendeskUser("101")).orElseThrow().customerKey()).isEqualTo("sf:" + TREY);
    }

    @Test
    void ticketsFollowTheirRequester() {
        contact(TREY, "trey.weller@example.com");
        user(101, "trey.weller@example.com", TREY);
        ticket(16, 101);
        ticket(17, 101);

        assertThat(resolve().customerOf(SourceRef.contact(TREY)).orElseThrow().records())
                .containsExactly(SourceRef.contact(TREY), SourceRef.ticket("16"), SourceRef.ticket("17"), SourceRef.zendeskUser("101"));
    }

    @Test
    void ticketOfAnUnknownRequesterWaitsUnderThatRequester() {
        ticket(9, 999);
        ticket(10, 999);

        assertThat(resolve().customers()).singleElement().satisfies(c -> {
            assertThat(c.customerKey()).isEqualTo("prospect:zendesk/users/999");
            assertThat(c.records()).containsExactly(SourceRef.ticket("10"), SourceRef.ticket("9"));
        });
    }

    @Test
    void deletedTicketsAndStaffDropOut() {
        user(1, "ana.lopes@meridiangroup.example", null).put("role", "admin");
        user(3, "pavel.orlov@meridiangroup.example", null).put("role", "agent");
        user(135, "deals@bulk-offers.example", null);
        ticket(58, 135).put("status", "deleted");
        ticket(70, 3);

        IdentityGraph graph = resolve();

        assertThat(graph.customers()).singleElement().satisfies(c ->
                assertThat(c.records()).containsExactly(SourceRef.zendeskUser("135")));
        assertThat(graph.reviewList()).isEmpty();
    }

    @Test
    void memberIsKeptUnderListAndMemberIdLikeTheStore() {
        Map<String, Object> m = member("lars.nilsson@example.com");
        m.put("id", "abc123");

        assertThat(resolve().customers().get(0).records()).containsExactly(SourceRef.member("44e73ccf5b/abc123"));
    }

    @Test
    void memberWithoutIdGetsMailchimpsSubscriberHash() {
        member("Lars.Nilsson@example.com");

        assertThat(resolve().customers().get(0).records())
                .containsExactly(SourceRef.member("44e73ccf5b/" + md5("lars.nilsson@example.com")));
    }

    @Test
    void sameRecordsInAnyOrderGiveTheSameGraph() {
        contact("003Jx000000000EIAQ", "bianchi.family@example.net");
        contact("003Jx000000000DIAQ", "bianchi.family@example.net");
        contact(TREY, "trey.weller@example.com");
        lead("00QJx0000000001MAA", "trey.weller@example.com", TREY);
        lead("00QJx0000000006MAA", "rafael.costa@example.com", null);
        user(101, "trey.weller@example.com", TREY);
        user(106, "bianchi.family@example.net", null);
        user(130, "priya.nair@example.com", null);
        ticket(16, 101);
        ticket(2, 106);
        ticket(21, 130);
        member("bianchi.family@example.net");
        member("priya.nair@example.com");
        member("rafael.costa@example.com");
        IdentityGraph first = resolve();

        for (List<Map<String, Object>> list : List.of(contacts, leads, users, tickets, members)) {
            Collections.reverse(list);
        }
        IdentityGraph second = resolve();

        assertThat(second.customers()).isEqualTo(first.customers());
        assertThat(second.reviewList()).isEqualTo(first.reviewList());
        assertThat(first.customers()).extracting(Customer::customerKey).isSorted();
    }

    private IdentityGraph resolve() {
        return IdentityResolver.resolve(new IdentityInput(contacts, leads, users, tickets, members));
    }

    private Map<String, Object> contact(String id, String email) {
        Map<String, Object> c = new HashMap<>();
        c.put("Id", id);
        c.put("Email", email);
        c.put("IsDeleted", false);
        contacts.add(c);
        return c;
    }

    private void merged(String id, String masterId) {
        Map<String, Object> c = contact(id, "duplicate@example.com");
        c.put("IsDeleted", true);
        c.put("MasterRecordId", masterId);
    }

    private Map<String, Object> lead(String id, String email, String convertedContactId) {
        Map<String, Object> l = new HashMap<>();
        l.put("Id", id);
        l.put("Email", email);
        l.put("IsDeleted", false);
        l.put("IsConverted", convertedContactId != null);
        l.put("ConvertedContactId", convertedContactId);
        leads.add(l);
        return l;
    }

    private Map<String, Object> user(long id, String email, String externalId) {
        Map<String, Object> u = new HashMap<>();
        u.put("id", id);
        u.put("email", email);
        u.put("external_id", externalId);
        u.put("role", "end-user");
        u.put("identities", List.of());
        users.add(u);
        return u;
    }

    private Map<String, Object> ticket(long id, long requesterId) {
        Map<String, Object> t = new HashMap<>();
        t.put("id", id);
        t.put("requester_id", requesterId);
        t.put("status", "open");
        tickets.add(t);
        return t;
    }

    private Map<String, Object> member(String email) {
        Map<String, Object> m = new HashMap<>();
        m.put("email_address", email);
        m.put("list_id", "44e73ccf5b");
        m.put("status", "subscribed");
        members.add(m);
        return m;
    }

    private static SourceRef memberRef(String email) {
        return SourceRef.member("44e73ccf5b/" + md5(email.toLowerCase(java.util.Locale.ROOT)));
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
