package dev.journeyconnector.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static dev.journeyconnector.identity.Customer.Kind.CONTACT;
import static dev.journeyconnector.identity.Customer.Kind.LEAD;
import static dev.journeyconnector.identity.Customer.Kind.PROSPECT;
import static org.assertj.core.api.Assertions.assertThat;

/** Identity over the sandbox's demo world, asserting the cases docs/sandbox.md says were planted there. */
class DemoWorldIdentityTest {

    private static final String MEMBERS_LIST = "44e73ccf5b";
    private static final String SECOND_LIST = "4c9dc7d3de";

    private static List<Map<String, Object>> members;
    private static IdentityGraph graph;

    @BeforeAll
    static void resolveTheDemoWorld() throws IOException {
        members = read("mailchimp/members.json");
        graph = IdentityResolver.resolve(new IdentityInput(read("salesforce/Contact.json"), read("salesforce/Lead.json"),
                read("zendesk/users.json"), read("zendesk/tickets.json"), members));
    }

    @Test
    void treyWellersLeadTicketsAndMembershipJoinHisContact() {
        Customer trey = customer("sf:003Jx0000000001IAA");

        assertThat(trey.kind()).isEqualTo(CONTACT);
        assertThat(trey.records()).containsExactlyInAnyOrder(SourceRef.contact("003Jx0000000001IAA"),
                SourceRef.lead("00QJx0000000001MAA"), SourceRef.zendeskUser("9010000000101"),
                SourceRef.ticket("16"), SourceRef.ticket("17"), member(MEMBERS_LIST, "trey.weller@example.com"));
    }

    @Test
    void bianchiFamilyAddressGoesToReview() {
        List<String> parents = List.of("003Jx000000000DIAQ", "003Jx000000000EIAQ");

        assertThat(graph.reviewList()).containsExactlyInAnyOrder(
                new AmbiguousMatch(SourceRef.zendeskUser("9010000000106"), "bianchi.family@example.net", parents),
                new AmbiguousMatch(SourceRef.ticket("2"), "bianchi.family@example.net", parents),
                new AmbiguousMatch(member(MEMBERS_LIST, "bianchi.family@example.net"), "bianchi.family@example.net", parents));
        assertThat(customer("sf:003Jx000000000DIAQ").records()).containsExactly(SourceRef.contact("003Jx000000000DIAQ"));
        assertThat(customer("sf:003Jx000000000EIAQ").records()).containsExactly(SourceRef.contact("003Jx000000000EIAQ"));
    }

    @Test
    void olgaIvanovasOddlyWrittenEmailStillJoinsHerContact() {
        assertThat(customer("sf:003Jx000000000GIAQ").records()).containsExactlyInAnyOrder(
                SourceRef.contact("003Jx000000000GIAQ"), SourceRef.zendeskUser("9010000000105"), SourceRef.ticket("43"),
                member(MEMBERS_LIST, "Olga.Ivanova@Example.ORG"));
    }

    @Test
    void caseAndWhitespaceDifferencesJoin() {
        assertThat(contactOf(SourceRef.zendeskUser("9010000000102"))).isEqualTo("sf:003Jx0000000004IAA"); // Mei.Tanaka@Example.net
        assertThat(contactOf(SourceRef.zendeskUser("9010000000113"))).isEqualTo("sf:003Jx000000000OIAQ"); // Hugo.Moreau@
        assertThat(contactOf(SourceRef.zendeskUser("9010000000114"))).isEqualTo("sf:003Jx000000000PIAQ"); // trailing space
        assertThat(contactOf(member(SECOND_LIST, "RUTH.COHEN@EXAMPLE.ORG"))).isEqualTo("sf:003Jx000000000qIAA");
    }

    @Test
    void meiTanakaIsOneCustomerOnBothLists() {
        assertThat(customer("sf:003Jx0000000004IAA").records()).contains(SourceRef.lead("00QJx0000000002MAA"),
                member(MEMBERS_LIST, "Mei.Tanaka@example.net"), member(SECOND_LIST, "mei.tanaka@example.net"),
                SourceRef.ticket("1"), SourceRef.ticket("24"));
    }

    @Test
    void plusAddressesStayDistinctUnlessBothSidesUseThem() {
        assertThat(contactOf(member(MEMBERS_LIST, "hugo.moreau+meridian@example.org")))
                .isEqualTo("prospect:hugo.moreau+meridian@example.org");
        assertThat(contactOf(member(MEMBERS_LIST, "maria.santos+travel@example.com"))).isEqualTo("sf:003Jx000000000FIAQ");
        assertThat(contactOf(SourceRef.zendeskUser("9010000000104"))).isEqualTo("sf:003Jx000000000FIAQ");
    }

    @Test
    void kofiAsantesPlusAddressJoinsThroughExternalId() {
        assertThat(customer("sf:003Jx0000000009IAA").records()).contains(SourceRef.zendeskUser("9010000000118"),
                SourceRef.ticket("27"), SourceRef.ticket("29"), SourceRef.ticket("31"), SourceRef.lead("00QJx0000000004MAA"));
    }

    @Test
    void jonasBeckersNewLeadStaysALeadWhileHisTicketsJoinHisContact() {
        assertThat(customer("sf:00QJx0000000005MAA").kind()).isEqualTo(LEAD);
        assertThat(customer("sf:003Jx000000000AIAQ").records()).contains(SourceRef.zendeskUser("9010000000103"),
                SourceRef.ticket("34"), SourceRef.ticket("42"), member(MEMBERS_LIST, "jonas.becker@example.com"));
    }

    @Test
    void rafaelCostasMembershipJoinsHisLead() {
        assertThat(contactOf(member(MEMBERS_LIST, "rafael.costa@example.com"))).isEqualTo("sf:00QJx0000000006MAA");
    }

    @Test
    void peopleUnknownToSalesforceAreProspects() {
        assertThat(customer("prospect:priya.nair@example.com").records())
                .containsExactlyInAnyOrder(SourceRef.zendeskUser("9010000000130"), SourceRef.ticket("21"));
        assertThat(customer("prospect:zendesk/users/9010000000134").records()) // the phone-only caller
                .containsExactlyInAnyOrder(SourceRef.zendeskUser("9010000000134"), SourceRef.ticket("47"));
        assertThat(customer("prospect:lea.fontaine@example.net").kind()).isEqualTo(PROSPECT);
    }

    @Test
    void spamTicketAndStaffBelongToNobody() {
        assertThat(graph.customerOf(SourceRef.ticket("58"))).isEmpty();
        assertThat(graph.customerOf(SourceRef.zendeskUser("9010000000001"))).isEmpty();
        assertThat(graph.customerOf(SourceRef.zendeskUser("9010000000003"))).isEmpty();
    }

    @Test
    void everyContactIsACustomerAndEveryLiveTicketIsPlaced() {
        assertThat(graph.customers()).filteredOn(c -> c.kind() == CONTACT).hasSize(53);
        assertThat(graph.customers()).filteredOn(c -> c.kind() == LEAD).hasSize(9);
        for (int id = 1; id <= 64; id++) {
            SourceRef ticket = SourceRef.ticket(String.valueOf(id));
            boolean placed = graph.customerOf(ticket).isPresent() || graph.reviewOf(ticket).isPresent();
            assertThat(placed).as("ticket %s", id).isEqualTo(id != 58);
        }
    }

    @Test
    void fortyMembersMatchSalesforceAsDocumented() {
        long matched = members.stream()
                .map(m -> member(String.valueOf(m.get("list_id")), String.valueOf(m.get("email_address"))))
                .filter(ref -> graph.reviewOf(ref).isPresent()
                        || graph.customerOf(ref).map(c -> c.kind() != PROSPECT).orElse(false))
                .count();

        assertThat(matched).isEqualTo(40);
    }

    private static Customer customer(String key) {
        return graph.customer(key).orElseThrow(() -> new AssertionError("no customer " + key));
    }

    private static String contactOf(SourceRef record) {
        return graph.customerOf(record).orElseThrow(() -> new AssertionError("no customer for " + record)).customerKey();
    }

    private static SourceRef member(String listId, String email) {
        try {
            return SourceRef.member(listId + "/" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("MD5").digest(email.toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Map<String, Object>> read(String file) throws IOException {
        try (InputStream in = DemoWorldIdentityTest.class.getClassLoader().getResourceAsStream("worlds/demo/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new ObjectMapper().readValue(in, new TypeReference<>() {
            });
        }
    }
}
