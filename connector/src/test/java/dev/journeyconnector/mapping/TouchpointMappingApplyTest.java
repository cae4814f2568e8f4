package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What applying a mapping to one record gives: touchpoints, unmapped reasons, or a deliberate skip. */
class TouchpointMappingApplyTest {

    private static final String TICKETS = """
            source: zendesk
            object: tickets
            customer:
              - zendesk-user: requester_id
            link: { zendesk-ticket: id }
            skip: { field: status, equals: deleted }
            rules:
              - type: ticket-opened
                at: created_at
                stage: service
                channel: { from: via.channel, map: { email: email, web: web }, default: web }
                department: { from: group_id, map: { "360001": billing }, default: support }
                sentiment: neutral
              - type: ticket-first-reply
                when: { field: metric_set.replies, gt: 0 }
                at:
                  field: created_at
                  plusMinutes: metric_set.reply_time_in_minutes.calendar
                stage: service
                channel: email
                department: support
                sentiment: neutral
            """;

    private static TouchpointMapping tickets() throws MappingException {
        return MappingLoader.parse("mappings/zendesk-tickets.yaml", TICKETS, Vocabulary.defaults());
    }

    private static Map<String, Object> ticket(Object replyMinutes) {
        Map<String, Object> metrics = new HashMap<>();
        metrics.put("replies", 1);
        metrics.put("reply_time_in_minutes", new HashMap<>(Map.of("business", 5)));
        if (replyMinutes != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> reply = (Map<String, Object>) metrics.get("reply_time_in_minutes");
            reply.put("calendar", replyMinutes);
        }
        Map<String, Object> ticket = new HashMap<>();
        ticket.put("id", 4711);
        ticket.put("status", "open");
        ticket.put("created_at", "2026-01-05T10:00:00Z");
        ticket.put("via", Map.of("channel", "email"));
        ticket.put("group_id", 360001);
        ticket.put("metric_set", metrics);
        return ticket;
    }

    @Test
    void firstReplyIsCreatedAtPlusTheMetricsMinutesWhateverTheirNumberType() throws MappingException {
        Instant expected = Instant.parse("2026-01-05T11:30:00Z");
        for (Object minutes : List.of(90, 90L, 90.0d, "90", new BigDecimal("90"))) {
            TouchpointMapping.Result result = tickets().apply("4711", ticket(minutes));
            assertThat(result.unmapped()).as(minutes.getClass().getSimpleName()).isEmpty();
            assertThat(result.touchpoints()).extracting(Touchpoint::type, Touchpoint::occurredAt)
                    .contains(org.assertj.core.groups.Tuple.tuple("ticket-first-reply", expected));
        }
        Touchpoint halfMinute = tickets().map("4711", ticket(0.5d)).get(1);
        assertThat(halfMinute.occurredAt()).isEqualTo(Instant.parse("2026-01-05T10:00:30Z"));
    }

    @Test
    void missingOrNonNumericMinutesLeaveTheRuleUnmappedWithAReason() throws MappingException {
        TouchpointMapping.Result missing = tickets().apply("4711", ticket(null));
        assertThat(missing.touchpoints()).extracting(Touchpoint::type).containsExactly("ticket-opened");
        assertThat(missing.unmapped()).containsExactly(new TouchpointMapping.Unmapped("ticket-first-reply",
                "metric_set.reply_time_in_minutes.calendar is missing"));

        TouchpointMapping.Result words = tickets().apply("4711", ticket("soon"));
        assertThat(words.unmapped()).containsExactly(new TouchpointMapping.Unmapped("ticket-first-reply",
                "metric_set.reply_time_in_minutes.calendar is not a number of minutes: 'soon'"));
        assertThat(words.skipped()).isFalse();
    }

    @Test
    void aRecordTheSkipMatchesIsSkippedWithNothingUnmapped() throws MappingException {
        Map<String, Object> deleted = ticket(90);
        deleted.put("status", "deleted");
        TouchpointMapping.Result result = tickets().apply("4711", deleted);
        assertThat(result.skipped()).isTrue();
        assertThat(result.touchpoints()).isEmpty();
        assertThat(result.unmapped()).isEmpty();
    }

    @Test
    void aRecordNoRuleMatchesIsOneUnmappedWithoutType() throws MappingException {
        TouchpointMapping mapping = MappingLoader.parse("f.yaml", """
                source: salesforce
                object: Task
                customer: [{who: WhoId}]
                rules:
                  - { type: call, when: { field: TaskSubtype, equals: Call }, at: CreatedDate, stage: engagement,
                      channel: phone, department: sales, sentiment: neutral }
                """, Vocabulary.defaults());
        TouchpointMapping.Result result = mapping.apply("00T1", Map.of("TaskSubtype", "Email",
                "CreatedDate", "2026-01-05T10:00:00Z"));
        assertThat(result.skipped()).isFalse();
        assertThat(result.touchpoints()).isEmpty();
        assertThat(result.unmapped()).containsExactly(new TouchpointMapping.Unmapped(null, "no rule matched"));
        assertThat(result.unmapped().get(0)).hasToString("no rule matched");
    }

    @Test
    void aRuleThatMatchedButFailedIsNotAlsoNoRuleMatched() throws MappingException {
        Map<String, Object> noTime = ticket(90);
        noTime.remove("created_at");
        assertThat(tickets().apply("4711", noTime).unmapped()).extracting(TouchpointMapping.Unmapped::type)
                .containsExactly("ticket-opened", "ticket-first-reply");
    }

    @Test
    void aReferenceObjectsRecordsAreAlwaysSkipped() throws MappingException {
        TouchpointMapping users = MappingLoader.parse("f.yaml", "source: zendesk\nobject: users\nreference: true\n",
                Vocabulary.defaults());
        TouchpointMapping.Result result = users.apply("1", Map.of("id", 1, "name", "Ann"));
        assertThat(result.skipped()).isTrue();
        assertThat(result.touchpoints()).isEmpty();
        assertThat(result.unmapped()).isEmpty();
    }

    @Test
    void departmentLookupOnANumericFieldUsesItsPlainText() throws MappingException {
        Map<String, Object> billing = ticket(90);
        assertThat(tickets().map("4711", billing).get(0).department()).isEqualTo("billing");
        billing.put("group_id", 360002L);
        assertThat(tickets().map("4711", billing).get(0).department()).isEqualTo("support");
    }

    @Test
    void theMappingCarriesItsCustomerLinksAndLinkForTheDeriver() throws MappingException {
        TouchpointMapping mapping = tickets();
        assertThat(mapping.customer()).containsExactly(
                new CustomerLink(CustomerLink.Kind.ZENDESK_USER, FieldPath.of("requester_id")));
        assertThat(mapping.link()).contains(new LinkSpec(LinkSpec.Kind.ZENDESK_TICKET, null, FieldPath.of("id")));
        assertThat(mapping.link().orElseThrow().id().resolve(ticket(90))).isEqualTo(4711);
    }

    @Test
    void timeSpecReadsAsWritten() {
        assertThat(TimeSpec.of(FieldPath.of("CreatedDate"))).hasToString("CreatedDate");
        assertThat(new TimeSpec(FieldPath.of("created_at"), FieldPath.of("metric_set.reply_time_in_minutes.calendar")))
                .hasToString("created_at + metric_set.reply_time_in_minutes.calendar minutes");
    }
}
