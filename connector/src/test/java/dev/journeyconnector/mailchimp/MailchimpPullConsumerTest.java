package dev.journeyconnector.mailchimp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyconnector.mailchimp.client.FakeMailchimp;
import dev.journeyconnector.mailchimp.client.OkHttpMailchimpClient;
import dev.journeyconnector.pull.PullPage;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.store.RawRecord;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.fixture;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.json;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.jsonFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The component end to end in a small Camel context: WireMock plays Mailchimp with real payloads, and the route's
 * one step plays the store-raw stage (keeps each page and moves the cursor, or fails).
 */
class MailchimpPullConsumerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "a36b032126";
    private static final String ACTIVITY_CAMPAIGN = "7847cdaeff";

    private FakeMailchimp mailchimp;
    private OkHttpMailchimpClient client;
    private final Map<String, Map<String, Object>> cursors = new ConcurrentHashMap<>();
    private final List<PullPage> stored = Collections.synchronizedList(new ArrayList<>());
    private PullProgress progress;
    private Predicate<PullPage> storeFails = p -> false;

    @BeforeEach
    void start() {
        mailchimp = new FakeMailchimp();
        client = mailchimp.client();
    }

    @AfterEach
    void stop() {
        client.close();
        mailchimp.close();
    }

    @Test
    void membersArriveAsPagesAndTheListCursorMovesOnTheListsLastPage() throws Exception {
        stubOneList();
        stubMembersPage(0, "grouparoo_list_members_page_offset0_count4.json");
        stubMembersPage(4, "grouparoo_list_members_page_offset4_count4.json");
        stubMembersPage(8, "grouparoo_list_members_page_offset8_count4.json");

        poll("journey-mailchimp:members?pageSize=4");

        assertThat(stored).extracting(PullPage::pageNumber).containsExactly(1, 2, 3);
        assertThat(stored).extracting(PullPage::last).containsExactly(false, false, true);
        assertThat(stored).extracting(p -> p.records().size()).containsExactly(4, 4, 2);
        assertThat(stored).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo("mailchimp");
            assertThat(p.objectType()).isEqualTo("members");
        });
        RawRecord first = stored.get(0).records().get(0);
        assertThat(first.recordId()).isEqualTo(LIST + "/6373a8b568272a9aa5ec381fc83bd926");
        assertThat(first.versionTime()).isEqualTo(Instant.parse("2022-02-23T16:25:57Z"));
        assertThat(first.payload()).containsEntry("email_address", "xdiston9@grouparoo.com");
        // Newest-first pages are not in cursor order: the cursor moves only once the whole list is stored, to
        // Mailchimp's clock when the poll began (the Date of its first answer).
        assertThat(stored.get(0).cursor()).isEqualTo(Map.of("lists", Map.of()));
        assertThat(stored.get(2).cursor()).isEqualTo(Map.of("lists", Map.of(LIST, FakeMailchimp.SERVER_TIME)));
        assertThat(progress.snapshot().get("mailchimp members").fetched()).isEqualTo(10);
        assertThat(progress.anyFailed()).isFalse();
    }

    @Test
    void theNextPollAsksOnlyForMembersChangedSinceTheCursorLessTheOverlap() throws Exception {
        cursors.put("mailchimp members", Map.of("lists", Map.of(LIST, "2022-02-23T16:25:57+00:00")));
        stubOneList();
        stubMembersPage(0, "grouparoo_list_members_page_offset8_count4.json");
        mailchimp.stub(mailchimp.getApi("/lists/" + LIST + "/members").withQueryParam("offset", equalTo("0"))
                .willReturn(json("{\"members\":[],\"list_id\":\"" + LIST + "\",\"total_items\":0}")));

        poll("journey-mailchimp:members");

        assertThat(mailchimp.requests("/lists/" + LIST + "/members")).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("since_last_changed").firstValue())
                        .as("the default overlap is 2 minutes").isEqualTo("2022-02-23T16:23:57+00:00"));
        assertThat(stored).singleElement().satisfies(p -> {
            assertThat(p.records()).isEmpty();
            assertThat(p.last()).isTrue();
            assertThat(p.cursor()).isEqualTo(Map.of("lists", Map.of(LIST, FakeMailchimp.SERVER_TIME)));
        });
    }

    @Test
    void startDateBoundsTheFirstLoad() throws Exception {
        stubOneList();
        mailchimp.stub(mailchimp.getApi("/lists/" + LIST + "/members")
                .willReturn(json("{\"members\":[],\"list_id\":\"" + LIST + "\",\"total_items\":0}")));

        poll("journey-mailchimp:members?startDate=2026-01-01T00:00:00Z");

        assertThat(mailchimp.requests("/lists/" + LIST + "/members").get(0).queryParameter("since_last_changed").firstValue())
                .isEqualTo("2026-01-01T00:00:00+00:00");
    }

    @Test
    void campaignsCursorIsMailchimpsClockWhenThePollBegan() throws Exception {
        mailchimp.stub(mailchimp.getApi("/campaigns").willReturn(json(campaigns(fixture("parsons_campaigns.json")))));

        poll("journey-mailchimp:campaigns");

        assertThat(stored).singleElement().satisfies(p -> {
            assertThat(p.records()).extracting(RawRecord::recordId).containsExactly("abc", "def");
            assertThat(p.records()).extracting(RawRecord::versionTime)
                    .containsExactly(Instant.parse("2019-10-18T14:15:00Z"), Instant.parse("2019-05-29T21:18:15Z"));
            assertThat(p.cursor()).isEqualTo(Map.of("sendTime", FakeMailchimp.SERVER_TIME));
        });
    }

    @Test
    void emailActivityBecomesOneRecordPerEventWithAPerCampaignCursor() throws Exception {
        stubCampaigns(ACTIVITY_CAMPAIGN, "def");
        mailchimp.stub(mailchimp.getApi("/reports/" + ACTIVITY_CAMPAIGN + "/email-activity")
                .willReturn(jsonFixture("derived_email_activity_7847cdaeff.json")));
        mailchimp.stub(mailchimp.getApi("/reports/def/email-activity")
                .willReturn(json("{\"emails\":[],\"campaign_id\":\"def\",\"total_items\":0}")));

        poll("journey-mailchimp:email_activity");

        assertThat(stored).hasSize(2);
        String email = "11273c9a5dc6ae6c5aaccfb77b2addfb";
        assertThat(stored.get(0).records()).extracting(RawRecord::recordId).containsExactly(
                ACTIVITY_CAMPAIGN + "/" + email + "/open/2023-11-06T20:17:57+00:00",
                ACTIVITY_CAMPAIGN + "/" + email + "/click/2023-11-06T20:18:01+00:00/https://airbyte.com/",
                ACTIVITY_CAMPAIGN + "/" + email + "/click/2023-11-06T20:18:01+00:00/https://docs.airbyte.com/",
                ACTIVITY_CAMPAIGN + "/458f50b08c829a8ab901d3f8f88df914/bounce/2023-11-06T20:05:12+00:00");
        assertThat(stored.get(0).records().get(3).payload()).containsEntry("type", "hard")
                .containsEntry("email_address", "integration-test+Thomas@airbyte.io").doesNotContainKey("activity");
        assertThat(stored.get(0).cursor()).isEqualTo(Map.of("campaigns", Map.of(ACTIVITY_CAMPAIGN, FakeMailchimp.SERVER_TIME)));
        assertThat(stored.get(1).last()).isTrue();

        stored.clear();
        mailchimp.server.resetRequests();
        poll("journey-mailchimp:email_activity");

        assertThat(mailchimp.requests("/reports/" + ACTIVITY_CAMPAIGN + "/email-activity").get(0).queryParameter("since").firstValue())
                .as("the previous poll's bound less the 2-minute overlap").isEqualTo("2026-11-05T09:58:00+00:00");
        assertThat(mailchimp.requests("/reports/def/email-activity").get(0).queryParameter("since").firstValue())
                .as("a campaign without activity is bounded too").isEqualTo("2026-11-05T09:58:00+00:00");
    }

    @Test
    void unsubscribesResumeAfterTheStoredCount() throws Exception {
        stubCampaigns("abc", "def");
        mailchimp.stub(mailchimp.getApi("/reports/abc/unsubscribed").willReturn(jsonFixture("parsons_unsubscribes.json")));
        mailchimp.stub(mailchimp.getApi("/reports/def/unsubscribed")
                .willReturn(json("{\"unsubscribes\":[],\"campaign_id\":\"def\",\"total_items\":0}")));

        poll("journey-mailchimp:unsubscribes");

        assertThat(stored.get(0).records()).singleElement().satisfies(r -> {
            assertThat(r.recordId()).isEqualTo("abc/e542e5cd7b414e5ff8409ff57cf154be");
            assertThat(r.versionTime()).isEqualTo(Instant.parse("2019-12-09T21:18:06Z"));
        });
        assertThat(stored.get(1).cursor()).isEqualTo(Map.of("campaigns", Map.of("abc", 1, "def", 0)));

        mailchimp.server.resetRequests();
        mailchimp.stub(mailchimp.getApi("/reports/abc/unsubscribed").withQueryParam("offset", equalTo("1"))
                .willReturn(json("{\"unsubscribes\":[],\"campaign_id\":\"abc\",\"total_items\":1}")));
        poll("journey-mailchimp:unsubscribes");

        assertThat(mailchimp.requests("/reports/abc/unsubscribed")).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("offset").firstValue()).isEqualTo("1"));
    }

    @Test
    void aMalformedPageEndsThePollWithOneErrorLineAndEmitsNothingOfIt() throws Exception {
        stubOneList();
        stubMembersPage(0, "grouparoo_list_members_page_offset0_count4.json");
        String page = fixture("grouparoo_list_members_page_offset4_count4.json");
        mailchimp.stub(mailchimp.getApi("/lists/" + LIST + "/members").withQueryParam("offset", equalTo("4"))
                .willReturn(json(page.substring(0, 5000))));

        List<ILoggingEvent> errors = captureErrors(() -> poll("journey-mailchimp:members?pageSize=4"));

        assertThat(stored).singleElement().satisfies(p -> assertThat(p.records()).hasSize(4));
        assertThat(cursors.get("mailchimp members")).isEqualTo(Map.of("lists", Map.of()));
        assertThat(progress.snapshot().get("mailchimp members").failures()).isEqualTo(1);
        assertThat(progress.snapshot().get("mailchimp members").lastError())
                .startsWith("Mailchimp GET /3.0/lists/a36b032126/members answered 200 with malformed JSON");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                .startsWith("Pull of Mailchimp members failed: Mailchimp GET /3.0/lists/a36b032126/members answered 200 with malformed JSON")
                .doesNotContain(FakeMailchimp.API_KEY.substring(0, 32)));
    }

    @Test
    void aPageTheStoreRefusesLeavesTheCursorAtTheLastStoredPage() throws Exception {
        String body = campaigns(fixture("parsons_campaigns.json"));
        ObjectNode all = (ObjectNode) JSON.readTree(body);
        for (int offset = 0; offset < 2; offset++) {
            ObjectNode one = all.deepCopy();
            ArrayNode only = one.putArray("campaigns");
            only.add(all.get("campaigns").get(1 - offset)); // def (May) then abc (October): oldest first
            mailchimp.stub(mailchimp.getApi("/campaigns").withQueryParam("offset", equalTo(Integer.toString(offset)))
                    .willReturn(json(JSON.writeValueAsString(one))));
        }
        storeFails = p -> p.pageNumber() == 2;

        poll("journey-mailchimp:campaigns?pageSize=1");

        assertThat(stored).singleElement().satisfies(p -> assertThat(p.records()).extracting(RawRecord::recordId).containsExactly("def"));
        assertThat(cursors.get("mailchimp campaigns")).isEqualTo(Map.of("sendTime", "2019-05-29T21:18:15+00:00"));
        assertThat(progress.snapshot().get("mailchimp campaigns").lastError()).isEqualTo("store down");
    }

    @Test
    void campaignsAreReadInParallelUpToMaxConnectionsButStoredInOrder() throws Exception {
        String[] ids = IntStream.range(0, 20).mapToObj(i -> "campaign" + i).toArray(String[]::new);
        stubCampaigns(ids);
        mailchimp.stub(get(urlPathMatching("/3.0/reports/[^/]+/email-activity")).willReturn(jsonFixture("derived_email_activity_7847cdaeff.json")));
        mailchimp.holdEachRequest(Duration.ofMillis(40));

        poll("journey-mailchimp:email_activity?maxConnections=3");

        assertThat(mailchimp.maxConcurrentRequests()).isEqualTo(3);
        assertThat(stored).hasSize(20);
        for (int i = 0; i < 20; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> perCampaign = (Map<String, Object>) stored.get(i).cursor().get("campaigns");
            assertThat(perCampaign.keySet()).as("cursor after page " + (i + 1))
                    .containsExactlyInAnyOrder(java.util.Arrays.copyOf(ids, i + 1));
        }
    }

    @Test
    void badOptionsStopTheRouteNamingTheOption() {
        assertThatThrownBy(() -> poll("journey-mailchimp:members?pageSize=1001&maxConnections=11"))
                .hasStackTraceContaining("pageSize must be between 1 and 1000")
                .hasStackTraceContaining("maxConnections must be between 1 and 10");
        assertThatThrownBy(() -> poll("journey-mailchimp:contacts"))
                .hasStackTraceContaining("must name one of lists, members, campaigns, email_activity, unsubscribes");
    }

    @Test
    void listsArePulledWholeWithTheirNewestDateAsVersion() throws Exception {
        mailchimp.stub(mailchimp.getApi("/lists").willReturn(jsonFixture("grouparoo_lists_count1000.json")));

        poll("journey-mailchimp:lists");

        assertThat(stored).singleElement().satisfies(p -> {
            assertThat(p.records()).hasSize(5);
            assertThat(p.records().get(3).recordId()).isEqualTo("7cf8c94812");
            assertThat(p.records().get(3).versionTime()).isEqualTo(Instant.parse("2022-02-23T14:57:16Z"));
            assertThat(p.last()).isTrue();
        });
    }

    /** Starts a context with one route from {@code uri} polling once, waits for the poll, stops. */
    private void poll(String uri) throws Exception {
        progress = new PullProgress();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(JourneyMailchimpComponent.SCHEME, new JourneyMailchimpComponent(client,
                    (source, object) -> Optional.ofNullable(cursors.get(source + " " + object)), progress));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri + (uri.contains("?") ? "&" : "?") + "repeatCount=1&initialDelay=0&delay=10")
                            .process(e -> store(e.getMessage().getBody(PullPage.class)));
                }
            });
            camel.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!progress.everyPullPolled() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(progress.everyPullPolled()).as("the pull polled").isTrue();
        }
    }

    private void store(PullPage page) {
        if (storeFails.test(page)) {
            throw new IllegalStateException("store down");
        }
        stored.add(page);
        if (page.cursor() != null) {
            cursors.put(page.source() + " " + page.objectType(), page.cursor());
        }
    }

    private List<ILoggingEvent> captureErrors(ThrowingRunnable action) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(dev.journeyconnector.pull.PullFailure.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void stubOneList() throws Exception {
        ObjectNode lists = (ObjectNode) JSON.readTree(fixture("grouparoo_lists_count1000.json"));
        ObjectNode list = (ObjectNode) lists.get("lists").get(1);
        lists.putArray("lists").add(list);
        lists.put("total_items", 1);
        mailchimp.stub(mailchimp.getApi("/lists").willReturn(json(JSON.writeValueAsString(lists))));
    }

    private void stubMembersPage(int offset, String fixture) {
        mailchimp.stub(mailchimp.getApi("/lists/" + LIST + "/members").withQueryParam("offset", equalTo(Integer.toString(offset)))
                .willReturn(jsonFixture(fixture)));
    }

    /** Sent campaigns with these ids, each a copy of the first real parsons campaign. */
    private void stubCampaigns(String... ids) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(fixture("parsons_campaigns.json"));
        ObjectNode template = (ObjectNode) body.get("campaigns").get(0);
        ArrayNode campaigns = body.putArray("campaigns");
        for (String id : ids) {
            campaigns.add(template.deepCopy().put("id", id));
        }
        body.put("total_items", ids.length);
        mailchimp.stub(mailchimp.getApi("/campaigns").willReturn(json(JSON.writeValueAsString(body))));
    }

    private static String campaigns(String parsons) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(parsons);
        body.put("total_items", body.get("campaigns").size());
        return JSON.writeValueAsString(body);
    }
}
