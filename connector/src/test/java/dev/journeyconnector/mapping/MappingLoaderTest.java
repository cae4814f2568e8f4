package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.journey.Vocabulary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingLoaderTest {

    private static final String FILE = "mappings/test.yaml";

    private static TouchpointMapping parse(String text) throws MappingException {
        return MappingLoader.parse(FILE, text, Vocabulary.defaults());
    }

    private static final String TICKET = """
            source: zendesk
            object: ticket
            customer:
              - zendesk-user: requester_id
            rules:
              - type: ticket-opened
                at: created_at
                title: "#{id} {subject} via {via.channel}{missing}"
                stage: service
                channel: { from: via.channel, map: { email: email, web: web, voice: phone }, default: web }
                department: support
                sentiment: { from: priority, map: { urgent: negative, low: positive }, default: neutral }
              - type: ticket-solved
                when: { field: status, in: [solved, closed] }
                at: updated_at
                stage: retention
                channel: email
                department: support
                device: desktop
                sentiment: positive
            """;

    private static Map<String, Object> ticket() {
        Map<String, Object> record = new HashMap<>();
        record.put("id", 4711);
        record.put("subject", "Lost luggage");
        record.put("via", Map.of("channel", "voice"));
        record.put("priority", "urgent");
        record.put("status", "solved");
        record.put("created_at", "2026-01-05T10:00:00Z");
        record.put("updated_at", "2026-01-06T11:30:00+01:00");
        return record;
    }

    @Test
    void severalRulesMatchOneRecord() throws MappingException {
        TouchpointMapping mapping = parse(TICKET);
        List<Touchpoint> touchpoints = mapping.map("4711", ticket());

        assertThat(touchpoints).hasSize(2);
        Touchpoint opened = touchpoints.get(0);
        assertThat(opened.key().asString()).isEqualTo("zendesk/ticket/4711/ticket-opened");
        assertThat(opened.customerKey()).isNull();
        assertThat(opened.deepLink()).isNull();
        assertThat(opened.occurredAt()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
        assertThat(opened.stage()).isEqualTo("service");
        assertThat(opened.channel()).isEqualTo("phone");
        assertThat(opened.department()).isEqualTo("support");
        assertThat(opened.device()).isEqualTo("unknown");
        assertThat(opened.sentiment()).isEqualTo(Sentiment.NEGATIVE);

        Touchpoint solved = touchpoints.get(1);
        assertThat(solved.key().asString()).isEqualTo("zendesk/ticket/4711/ticket-solved");
        assertThat(solved.occurredAt()).isEqualTo(Instant.parse("2026-01-06T10:30:00Z"));
        assertThat(solved.stage()).isEqualTo("retention");
        assertThat(solved.channel()).isEqualTo("email");
        assertThat(solved.device()).isEqualTo("desktop");
        assertThat(solved.sentiment()).isEqualTo(Sentiment.POSITIVE);
        assertThat(solved.title()).isEmpty();
        assertThat(Vocabulary.defaults().check(opened)).isEmpty();
    }

    @Test
    void placeholdersFillInFieldsAndMissingOnesAreEmpty() throws MappingException {
        Touchpoint opened = parse(TICKET).map("4711", ticket()).get(0);
        assertThat(opened.title()).isEqualTo("#4711 Lost luggage via voice");
    }

    @Test
    void lookupFallsBackToDefaultForUnlistedOrMissingValues() throws MappingException {
        Map<String, Object> record = ticket();
        record.put("via", Map.of("channel", "twitter"));
        record.remove("priority");
        Touchpoint opened = parse(TICKET).map("4711", record).get(0);
        assertThat(opened.channel()).isEqualTo("web");
        assertThat(opened.sentiment()).isEqualTo(Sentiment.NEUTRAL);

        record.put("priority", "low");
        assertThat(parse(TICKET).map("4711", record).get(0).sentiment()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void ruleWhoseWhenDoesNotMatchMakesNothing() throws MappingException {
        Map<String, Object> record = ticket();
        record.put("status", "open");
        TouchpointMapping.Result result = parse(TICKET).apply("4711", record);
        assertThat(result.touchpoints()).extracting(Touchpoint::type).containsExactly("ticket-opened");
        assertThat(result.unmapped()).isEmpty();
    }

    @Test
    void missingOrUnparsableTimeSkipsTheRuleWithAReason() throws MappingException {
        Map<String, Object> record = ticket();
        record.remove("created_at");
        record.put("updated_at", "yesterday");
        TouchpointMapping.Result result = parse(TICKET).apply("4711", record);
        assertThat(result.touchpoints()).isEmpty();
        assertThat(result.unmapped()).containsExactly(
                new TouchpointMapping.Unmapped("ticket-opened", "created_at is missing"),
                new TouchpointMapping.Unmapped("ticket-solved", "updated_at is not a date-time: 'yesterday'"));
    }

    @Test
    void invalidRecordIdIsUnmappedNotThrown() throws MappingException {
        TouchpointMapping.Result result = parse(TICKET).apply("47 11", ticket());
        assertThat(result.touchpoints()).isEmpty();
        assertThat(result.unmapped()).hasSize(2);
        assertThat(result.unmapped().get(0).reason()).contains("recordId");
    }

    @Test
    void brokenFileReportsEveryProblemWithLineAndPath() {
        String text = """
                source: salesforce
                object: Case
                colour: blue
                customer: [{contact: ContactId}]
                rules:
                  - type: Case_Opened
                    when: { field: Origin, equal: Web }
                    at: CreatedDate
                    title: "Case {CaseNumber: {Subject}"
                    stage: servicing
                    channel: { from: Origin, map: { Phone: telephone, Web: web }, default: fax }
                    department: support
                  - type: case-closed
                    at: ClosedDate
                    title: "closed}"
                    stage: service
                    channel: phone
                    department: support
                    Sentiment: neutral
                """;
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> {
                    List<String> problems = ((MappingException) e).problems().stream()
                            .map(MappingProblem::toString).toList();
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + ":3 colour: unknown key"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + ":6 rules[0].type:"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + ":7 rules[0].when")
                            .contains("equal"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + ":9 rules[0].title:")
                            .contains("inside another placeholder"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + ":10 rules[0].stage:")
                            .contains("unknown stage 'servicing'"));
                    assertThat(problems).anySatisfy(p -> assertThat(p)
                            .startsWith(FILE + ":11 rules[0].channel.map.Phone:").contains("unknown channel 'telephone'"));
                    assertThat(problems).anySatisfy(p -> assertThat(p)
                            .startsWith(FILE + ":11 rules[0].channel.default:").contains("unknown channel 'fax'"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + ":6 rules[0].sentiment:")
                            .contains("missing"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + ":15 rules[1].title:")
                            .contains("no '{'"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + ":19 rules[1].Sentiment:")
                            .contains("did you mean 'sentiment'"));
                    // the miscased key is reported once, not also as a missing sentiment
                    assertThat(problems).noneSatisfy(p -> assertThat(p).contains("rules[1].sentiment:"));
                    assertThat(problems).hasSize(10);
                });
    }

    @Test
    void lookupNeedsFromMapAndDefault() {
        String text = """
                source: mailchimp
                object: campaign
                rules:
                  - type: campaign-sent
                    at: send_time
                    stage: retention
                    channel: { map: {} }
                    department: marketing
                    sentiment: neutral
                """;
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).problems())
                        .extracting(MappingProblem::path)
                        .contains("rules[0].channel.from", "rules[0].channel.map", "rules[0].channel.default"));
    }

    @Test
    void unknownSourceAndDuplicateTypeAreReported() {
        String text = """
                source: hubspot
                object: Case
                rules:
                  - { type: a, at: T, stage: service, channel: web, department: support, sentiment: neutral }
                  - { type: a, at: T, stage: service, channel: web, department: support, sentiment: neutral }
                """;
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).problems()).extracting(MappingProblem::toString)
                        .anySatisfy(p -> assertThat(p).startsWith(FILE + ":1 source: unknown source 'hubspot'"))
                        .anySatisfy(p -> assertThat(p).startsWith(FILE + ":5 rules[1].type:")
                                .contains("already used on line 4")));
    }
    private static final String DEVICES = """
            source: zendesk
            object: ticket
            customer:
              - zendesk-user: requester_id
            rules:
              - type: ticket-opened
                at: created_at
                stage: service
                channel: web
                department: support
                device:
                  - { from: via.channel, map: { mobile_sdk: mobile, sms: mobile } }
                  - { from: tags, map: { device_desktop: desktop, device_tablet: tablet }, default: unknown }
                sentiment: neutral
            """;

    @Test
    void deviceAlternativesAreTriedInOrderAndAListFieldFindsTheFirstElementTheTableLists()
            throws MappingException {
        Map<String, Object> record = ticket();
        record.put("via", Map.of("channel", "mobile_sdk"));
        record.put("tags", List.of("stores", "device_desktop"));
        assertThat(parse(DEVICES).map("1", record).get(0).device()).as("the channel wins").isEqualTo("mobile");

        record.put("via", Map.of("channel", "web"));
        assertThat(parse(DEVICES).map("1", record).get(0).device()).as("then the tag").isEqualTo("desktop");

        record.put("tags", List.of("stores", "web"));
        assertThat(parse(DEVICES).map("1", record).get(0).device()).as("neither: the default").isEqualTo("unknown");

        record.remove("tags");
        assertThat(parse(DEVICES).map("1", record).get(0).device()).isEqualTo("unknown");
        assertThat(parse(DEVICES).rules().get(0).device().words())
                .containsExactlyInAnyOrder("mobile", "desktop", "tablet", "unknown");
    }

    @Test
    void onlyTheLastAlternativeHasTheDefaultAndEveryWordIsChecked() {
        String text = """
                source: zendesk
                object: ticket
                rules:
                  - type: ticket-opened
                    at: created_at
                    stage: service
                    channel: web
                    department: support
                    device:
                      - { from: via.channel, map: { mobile_sdk: mobile }, default: unknown }
                      - { from: tags, map: { device_phone: phone } }
                      - unknown
                    sentiment: neutral
                  - type: ticket-solved
                    at: updated_at
                    stage: service
                    channel: web
                    department: support
                    device: []
                    sentiment: neutral
                """;
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).problems()).extracting(MappingProblem::toString)
                        .anySatisfy(p -> assertThat(p).startsWith(FILE + ":10 rules[0].device[0].default:")
                                .contains("only the last alternative has a default"))
                        .anySatisfy(p -> assertThat(p).startsWith(FILE + ":11 rules[0].device[1].map.device_phone:")
                                .contains("unknown device 'phone'"))
                        .anySatisfy(p -> assertThat(p).startsWith(FILE + ":12 rules[0].device[2]:")
                                .contains("each alternative is a lookup"))
                        .anySatisfy(p -> assertThat(p).startsWith(FILE + ":19 rules[1].device:")
                                .contains("the list is empty")));
    }
}
