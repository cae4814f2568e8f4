package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file-level keys reference, customer, link and skip, and the two forms of a rule's at. */
class MappingFileKeysTest {

    private static final String FILE = "mappings/test.yaml";
    private static final String RULE = """
            rules:
              - { type: ticket-opened, at: created_at, stage: service, channel: web, department: support,
                  sentiment: neutral }
            """;

    private static TouchpointMapping parse(String text) throws MappingException {
        return MappingLoader.parse(FILE, text, Vocabulary.defaults());
    }

    private static List<String> problems(String text) {
        try {
            parse(text);
        } catch (MappingException e) {
            return e.problems().stream().map(MappingProblem::toString).toList();
        }
        throw new AssertionError("expected problems in\n" + text);
    }

    @Nested
    class Reference {
        @Test
        void aReferenceObjectHasNoRulesAndNoCustomer() throws MappingException {
            TouchpointMapping users = parse("source: zendesk\nobject: users\nreference: true\n");
            assertThat(users.reference()).isTrue();
            assertThat(users.rules()).isEmpty();
            assertThat(users.customer()).isEmpty();
            assertThat(users.link()).isEmpty();
            assertThat(users.skip()).isEmpty();
        }

        @Test
        void referenceFalseIsAnOrdinaryMapping() throws MappingException {
            TouchpointMapping tickets = parse("source: zendesk\nobject: tickets\nreference: false\n"
                    + "customer: [{zendesk-user: requester_id}]\n" + RULE);
            assertThat(tickets.reference()).isFalse();
            assertThat(tickets.rules()).hasSize(1);
        }

        @Test
        void aReferenceObjectWithRulesCustomerLinkOrSkipIsAProblemForEach() {
            assertThat(problems("""
                    source: zendesk
                    object: users
                    reference: true
                    customer: [{zendesk-user: id}]
                    link: { zendesk-ticket: id }
                    skip: { field: role, equals: agent }
                    """ + RULE)).containsExactly(
                    FILE + ":4 customer: a reference object makes no touchpoints, so it has no customer; remove it, "
                            + "or remove reference: true",
                    FILE + ":5 link: a reference object makes no touchpoints, so it has no link; remove it, "
                            + "or remove reference: true",
                    FILE + ":6 skip: a reference object makes no touchpoints, so it has no skip; remove it, "
                            + "or remove reference: true",
                    FILE + ":7 rules: a reference object makes no touchpoints, so it has no rules; remove it, "
                            + "or remove reference: true");
        }

        @Test
        void referenceTakesABoolean() {
            assertThat(problems("source: zendesk\nobject: users\nreference: yes\n"))
                    .containsExactly(FILE + ":3 reference: reference takes true or false");
        }
    }

    @Nested
    class Customer {
        @Test
        void linksAreKeptInTheirOrderWithDottedFields() throws MappingException {
            TouchpointMapping m = parse("""
                    source: salesforce
                    object: CaseComment
                    customer:
                      - case: ParentId
                      - email: Parent.SuppliedEmail
                    """ + RULE);
            assertThat(m.customer()).containsExactly(
                    new CustomerLink(CustomerLink.Kind.CASE, FieldPath.of("ParentId")),
                    new CustomerLink(CustomerLink.Kind.EMAIL, FieldPath.of("Parent.SuppliedEmail")));
        }

        @Test
        void everyKindIsWrittenByItsKey() throws MappingException {
            for (CustomerLink.Kind kind : CustomerLink.Kind.values()) {
                TouchpointMapping m = parse("source: salesforce\nobject: Task\ncustomer: [{" + kind.key()
                        + ": SomeId}]\n" + RULE);
                assertThat(m.customer()).containsExactly(new CustomerLink(kind, FieldPath.of("SomeId")));
            }
        }

        @Test
        void anUnknownKindListsTheKnownOnes() {
            assertThat(problems("source: salesforce\nobject: Task\ncustomer:\n  - contact: WhoId\n  - contacts: X\n"
                    + RULE)).containsExactly(FILE + ":5 customer[1].contacts: unknown customer kind 'contacts' "
                    + "(did you mean 'contact'?); known: contact, lead, who, account, case, opportunity, email, "
                    + "zendesk-user, ticket");
        }

        @Test
        void wrongShapesAreReportedWithTheirPlace() {
            assertThat(problems("""
                    source: salesforce
                    object: Task
                    customer:
                      - WhoId
                      - { who: WhoId, account: AccountId }
                      - who: ""
                      - who: [A, B]
                      - who: WhoId
                      - who: WhoId
                    """ + RULE)).satisfiesExactly(
                    p -> assertThat(p).startsWith(FILE + ":4 customer[0]: each customer entry is one 'kind: Field'"),
                    p -> assertThat(p).startsWith(FILE + ":5 customer[1]: each customer entry is one 'kind: Field'"),
                    p -> assertThat(p).isEqualTo(FILE + ":6 customer[2].who: a field name is needed here, such as "
                            + "Id or via.channel"),
                    p -> assertThat(p).startsWith(FILE + ":7 customer[3].who: a field name is needed here"),
                    p -> assertThat(p).isEqualTo(FILE + ":9 customer[5]: 'who: WhoId' is listed twice"));
        }

        @Test
        void customerMustBeANonEmptyList() {
            assertThat(problems("source: salesforce\nobject: Task\ncustomer: WhoId\n" + RULE))
                    .singleElement().asString().startsWith(FILE + ":3 customer: customer takes a list");
            assertThat(problems("source: salesforce\nobject: Task\ncustomer: []\n" + RULE))
                    .singleElement().asString().startsWith(FILE + ":3 customer: customer takes a list");
        }

        @Test
        void missingCustomerIsAProblemUnlessReference() {
            assertThat(problems("source: salesforce\nobject: Task\n" + RULE))
                    .singleElement().asString().startsWith(FILE + ":1 customer: customer is missing");
        }
    }

    @Nested
    class Link {
        private Optional<LinkSpec> link(String source, String object, String link) throws MappingException {
            return parse("source: " + source + "\nobject: " + object + "\ncustomer: [{email: x}]\nlink: " + link
                    + "\n" + RULE).link();
        }

        @Test
        void eachKindOfLink() throws MappingException {
            assertThat(link("zendesk", "tickets", "{zendesk-ticket: id}"))
                    .contains(new LinkSpec(LinkSpec.Kind.ZENDESK_TICKET, null, FieldPath.of("id")));
            assertThat(link("zendesk", "ticket_events", "{zendesk-ticket: ticket_id}"))
                    .contains(new LinkSpec(LinkSpec.Kind.ZENDESK_TICKET, null, FieldPath.of("ticket_id")));
            assertThat(link("mailchimp", "email_activity", "{mailchimp-campaign: campaign_id}"))
                    .contains(new LinkSpec(LinkSpec.Kind.MAILCHIMP_CAMPAIGN, null, FieldPath.of("campaign_id")));
        }

        @Test
        void aSalesforceLinkNamesTheFilesObjectOrAParent() throws MappingException {
            assertThat(link("salesforce", "Case", "{salesforce: Id}"))
                    .contains(new LinkSpec(LinkSpec.Kind.SALESFORCE, "Case", FieldPath.of("Id")));
            assertThat(link("salesforce", "CaseHistory", "{salesforce: {object: Case, id: CaseId}}"))
                    .contains(new LinkSpec(LinkSpec.Kind.SALESFORCE, "Case", FieldPath.of("CaseId")));
        }

        @Test
        void noLinkIsEmpty() throws MappingException {
            assertThat(parse("source: zendesk\nobject: tickets\ncustomer: [{email: x}]\n" + RULE).link()).isEmpty();
        }

        @Test
        void wrongLinksAreReported() {
            String head = "source: zendesk\nobject: tickets\ncustomer: [{email: x}]\n";
            assertThat(problems(head + "link: {zendesk-tiket: id}\n" + RULE)).containsExactly(FILE
                    + ":4 link.zendesk-tiket: unknown link kind 'zendesk-tiket' (did you mean 'zendesk-ticket'?); "
                    + "known: salesforce, zendesk-ticket, mailchimp-campaign");
            assertThat(problems(head + "link: id\n" + RULE)).singleElement().asString()
                    .startsWith(FILE + ":4 link: link takes one of {zendesk-ticket: Field}");
            assertThat(problems(head + "link: {zendesk-ticket: id, salesforce: Id}\n" + RULE)).singleElement()
                    .asString().startsWith(FILE + ":4 link: link takes one of");
            assertThat(problems(head + "link: {salesforce: external_id}\n" + RULE)).containsExactly(FILE
                    + ":4 link.salesforce: a zendesk record is not a Salesforce record; name the Salesforce object: "
                    + "{salesforce: {object: Case, id: Field}}");
            assertThat(problems(head + "link:\n  salesforce: {object: Case, Id: x}\n" + RULE)).singleElement()
                    .asString().startsWith(FILE + ":5 link.salesforce.Id: unknown key 'Id' (did you mean 'id'?");
            assertThat(problems(head + "link:\n  salesforce: {object: Case}\n" + RULE)).containsExactly(
                    FILE + ":5 link.salesforce.id: id is missing");
        }
    }

    @Nested
    class Skip {
        @Test
        void skipIsACondition() throws MappingException {
            TouchpointMapping m = parse("source: salesforce\nobject: CaseComment\ncustomer: [{case: ParentId}]\n"
                    + "skip: { field: IsPublished, equals: false }\n" + RULE);
            assertThat(m.skip()).contains(new Condition.Equals(FieldPath.of("IsPublished"), false, false));
        }

        @Test
        void skipProblemsArePlacedUnderSkip() {
            assertThat(problems("source: salesforce\nobject: CaseComment\ncustomer: [{case: ParentId}]\n"
                    + "skip:\n  field: IsPublished\n  equal: false\n" + RULE)).singleElement().asString()
                    .startsWith(FILE + ":6 skip.equal: unknown operator 'equal' (did you mean 'equals'?)");
        }
    }

    @Nested
    class At {
        private MappingRule rule(String at) throws MappingException {
            return parse("source: zendesk\nobject: tickets\ncustomer: [{email: x}]\nrules:\n"
                    + "  - type: t\n    at: " + at + "\n    stage: service\n    channel: web\n"
                    + "    department: support\n    sentiment: neutral\n").rules().get(0);
        }

        @Test
        void aFieldOrAFieldPlusMinutes() throws MappingException {
            assertThat(rule("created_at").at()).isEqualTo(TimeSpec.of(FieldPath.of("created_at")));
            assertThat(rule("{field: created_at, plusMinutes: metric_set.reply_time_in_minutes.calendar}").at())
                    .isEqualTo(new TimeSpec(FieldPath.of("created_at"),
                            FieldPath.of("metric_set.reply_time_in_minutes.calendar")));
            assertThat(rule("{field: created_at}").at()).isEqualTo(TimeSpec.of(FieldPath.of("created_at")));
        }

        @Test
        void wrongShapesAreReported() {
            String head = "source: zendesk\nobject: tickets\ncustomer: [{email: x}]\nrules:\n  - type: t\n";
            String tail = "    stage: service\n    channel: web\n    department: support\n    sentiment: neutral\n";
            assertThat(problems(head + "    at: {plusMinutes: m, minutes: 5}\n" + tail)).satisfiesExactly(
                    p -> assertThat(p).startsWith(FILE + ":6 rules[0].at.minutes: unknown key 'minutes'; known: "
                            + "field, plusMinutes"),
                    p -> assertThat(p).isEqualTo(FILE + ":6 rules[0].at.field: field is missing"));
            assertThat(problems(head + "    at: [created_at]\n" + tail)).containsExactly(
                    FILE + ":6 rules[0].at: at takes a field, or {field: Field, plusMinutes: Field}");
            assertThat(problems(head + tail)).singleElement().asString()
                    .startsWith(FILE + ":5 rules[0].at: at is missing");
            assertThat(problems(head + "    at: {field: created_at, plusMinutes: a..b}\n" + tail)).containsExactly(
                    FILE + ":6 rules[0].at.plusMinutes: 'a..b' has an empty part between dots");
        }
    }

    @Test
    void theOldConstructorMakesAnOrdinaryMapping() {
        TouchpointMapping m = new TouchpointMapping("f", Touchpoint.Source.SALESFORCE, "Case", List.of(), List.of());
        assertThat(m.reference()).isFalse();
        assertThat(m.link()).isEmpty();
        assertThat(m.skip()).isEmpty();
    }
}
