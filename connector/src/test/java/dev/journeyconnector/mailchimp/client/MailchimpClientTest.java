package dev.journeyconnector.mailchimp.client;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.API_KEY;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.fixture;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.json;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.jsonFixture;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailchimpClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "a36b032126";

    private FakeMailchimp mailchimp;
    private OkHttpMailchimpClient client;

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
    void listsAreReadWithBasicAuthTheKeyAsPasswordAndMailchimpsLargestCount() {
        mailchimp.stub(mailchimp.getApi("/lists").willReturn(jsonFixture("grouparoo_lists_count1000.json")));

        List<MailchimpPage> pages = pages(client.lists(1000));

        assertThat(pages).singleElement().satisfies(p -> {
            assertThat(p.records()).hasSize(5);
            assertThat(p.totalItems()).isEqualTo(5);
            assertThat(p.last()).isTrue();
            assertThat(p.endpoint()).isEqualTo("GET /3.0/lists");
        });
        LoggedRequest request = mailchimp.requests("/lists").get(0);
        String basic = request.getHeader("Authorization");
        assertThat(basic).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(basic.substring(6)))).endsWith(":" + API_KEY);
        assertThat(request.queryParameter("count").firstValue()).isEqualTo("1000");
        assertThat(request.queryParameter("offset").firstValue()).isEqualTo("0");
    }

    @Test
    void realMemberPagesStopAtTotalItemsWithoutAnEmptyTrailingCall() {
        // The grouparoo recording shows a client asking offset=10 of 10 and getting []: the call we avoid.
        stubMembersPage(0, "grouparoo_list_members_page_offset0_count4.json");
        stubMembersPage(4, "grouparoo_list_members_page_offset4_count4.json");
        stubMembersPage(8, "grouparoo_list_members_page_offset8_count4.json");

        List<MailchimpPage> pages = pages(client.members(LIST, null, 4));

        assertThat(pages).extracting(p -> p.records().size()).containsExactly(4, 4, 2);
        assertThat(pages).extracting(MailchimpPage::last).containsExactly(false, false, true);
        assertThat(mailchimp.requests("/lists/" + LIST + "/members")).extracting(r -> r.queryParameter("offset").firstValue())
                .containsExactly("0", "4", "8");
    }

    @Test
    void twoThousandFiveHundredMembersTakeExactlyThreeCalls() throws Exception {
        stubGeneratedMembers(2500);

        List<MailchimpPage> pages = pages(client.members(LIST, null, 1000));

        assertThat(pages).extracting(p -> p.records().size()).containsExactly(1000, 1000, 500);
        assertThat(mailchimp.requests("/lists/" + LIST + "/members")).hasSize(3)
                .extracting(r -> r.queryParameter("offset").firstValue()).containsExactly("0", "1000", "2000");
    }

    @Test
    void exactlyOnePageTakesOneCallAndAnEmptyCollectionOneCall() throws Exception {
        stubGeneratedMembers(1000);
        assertThat(pages(client.members(LIST, null, 1000))).hasSize(1);
        assertThat(mailchimp.allRequests()).isEqualTo(1);

        mailchimp.server.resetAll();
        stubGeneratedMembers(0);
        assertThat(pages(client.members(LIST, null, 1000))).singleElement().satisfies(p -> {
            assertThat(p.records()).isEmpty();
            assertThat(p.last()).isTrue();
        });
        assertThat(mailchimp.allRequests()).isEqualTo(1);
    }

    @Test
    void membersAreAskedNewestFirstSinceTheGivenTimeInMailchimpsFormat() {
        stubMembersPage(0, "grouparoo_list_members_page_offset8_count4.json");

        client.members(LIST, Instant.parse("2022-02-23T16:25:56Z"), 1000).iterator().next();

        LoggedRequest request = mailchimp.requests("/lists/" + LIST + "/members").get(0);
        assertThat(request.queryParameter("since_last_changed").firstValue()).isEqualTo("2022-02-23T16:25:56+00:00");
        // '+' must arrive encoded, or the server reads a space.
        assertThat(request.getUrl()).contains("since_last_changed=2022-02-23T16%3A25%3A56%2B00%3A00");
        assertThat(request.queryParameter("sort_field").firstValue()).isEqualTo("last_changed");
        assertThat(request.queryParameter("sort_dir").firstValue()).isEqualTo("DESC");
    }

    @Test
    void sentCampaignsAreAskedOldestFirstSinceASendTime() {
        mailchimp.stub(mailchimp.getApi("/campaigns").willReturn(json(withTotal(fixture("parsons_campaigns.json"), 2))));

        List<MailchimpPage> pages = pages(client.sentCampaigns(Instant.parse("2019-01-01T00:00:00Z"), 1000));

        assertThat(pages.get(0).records()).extracting(r -> r.get("id")).containsExactly("abc", "def");
        LoggedRequest request = mailchimp.requests("/campaigns").get(0);
        assertThat(request.queryParameter("status").firstValue()).isEqualTo("sent");
        assertThat(request.queryParameter("since_send_time").firstValue()).isEqualTo("2019-01-01T00:00:00+00:00");
        assertThat(request.queryParameter("sort_field").firstValue()).isEqualTo("send_time");
        assertThat(request.queryParameter("sort_dir").firstValue()).isEqualTo("ASC");
    }

    @Test
    void emailActivityAndUnsubscribesAreReadPerCampaign() {
        mailchimp.stub(mailchimp.getApi("/reports/7847cdaeff/email-activity")
                .willReturn(jsonFixture("derived_email_activity_7847cdaeff.json")));
        mailchimp.stub(mailchimp.getApi("/reports/abc/unsubscribed").willReturn(jsonFixture("parsons_unsubscribes.json")));

        List<MailchimpPage> activity = pages(client.emailActivity("7847cdaeff", Instant.parse("2023-11-06T00:00:00Z"), 1000));
        List<MailchimpPage> unsubscribes = pages(client.unsubscribes("abc", 0, 1000));

        assertThat(activity.get(0).records()).hasSize(2);
        assertThat((List<?>) activity.get(0).records().get(0).get("activity")).hasSize(3);
        assertThat(mailchimp.requests("/reports/7847cdaeff/email-activity").get(0).queryParameter("since").firstValue())
                .isEqualTo("2023-11-06T00:00:00+00:00");
        assertThat(unsubscribes.get(0).records()).singleElement().satisfies(u -> assertThat(u).containsEntry("reason", "None given"));
    }

    @Test
    void throttled429IsRetriedWithBackoffThenSucceeds() {
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("t").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"You have exceeded the limit of 10 simultaneous connections.\"}"))
                .willSetStateTo("second"));
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("t").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("t").whenScenarioStateIs("ok")
                .willReturn(jsonFixture("grouparoo_lists_count1000.json")));

        assertThat(client.lists(1000).readAll()).hasSize(5);

        assertThat(mailchimp.requests("/lists")).hasSize(3);
        // 1 s then 2 s steps, jitter fixed at half of the random half: 750 ms, 1500 ms.
        assertThat(mailchimp.waits).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void bare403UnderLoadIsRetriedLikeA429() {
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("b").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/html")
                        .withBody("<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>Access Denied</BODY></HTML>"))
                .willSetStateTo("ok"));
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("b").whenScenarioStateIs("ok")
                .willReturn(jsonFixture("grouparoo_lists_count1000.json")));

        assertThat(client.lists(1000).readAll()).hasSize(5);
        assertThat(mailchimp.requests("/lists")).hasSize(2);
        assertThat(mailchimp.waits).hasSize(1);
    }

    @Test
    void throttlingThatNeverEndsGivesUpAfterTheBoundedAttempts() {
        mailchimp.stub(mailchimp.getApi("/lists").willReturn(aResponse().withStatus(429)));

        assertThatThrownBy(() -> client.lists(1000).readAll())
                .isInstanceOfSatisfying(MailchimpException.class, e -> assertThat(e.kind()).isEqualTo(MailchimpFailureKind.THROTTLED))
                .hasMessageContaining("GET /3.0/lists answered 429").hasMessageContaining("gave up after 8 attempts");
        assertThat(mailchimp.requests("/lists")).hasSize(8);
    }

    @Test
    void serverErrorsAndBrokenConnectionsAreRetriedAFewTimes() {
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("s").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("s").whenScenarioStateIs("reset")
                .willReturn(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>")).willSetStateTo("ok"));
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("s").whenScenarioStateIs("ok")
                .willReturn(jsonFixture("grouparoo_lists_count1000.json")));

        assertThat(client.lists(1000).readAll()).hasSize(5);
        assertThat(mailchimp.waits).hasSize(2);
    }

    @Test
    void aResetConnectionIsRetried() {
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("r").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        mailchimp.stub(mailchimp.getApi("/lists").inScenario("r").whenScenarioStateIs("ok")
                .willReturn(jsonFixture("grouparoo_lists_count1000.json")));

        // OkHttp may retry a reset on its own (retryOnConnectionFailure); either way the read succeeds.
        assertThat(client.lists(1000).readAll()).hasSize(5);
    }

    @Test
    void persistentServerErrorsGiveUpAsTransient() {
        mailchimp.stub(mailchimp.getApi("/lists").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> client.lists(1000).readAll())
                .isInstanceOfSatisfying(MailchimpException.class, e -> assertThat(e.kind()).isEqualTo(MailchimpFailureKind.TRANSIENT));
        assertThat(mailchimp.requests("/lists")).hasSize(4);
    }

    @Test
    void problem401IsAuthAtOnceNamingTheEndpointNotTheKey() {
        mailchimp.stub(mailchimp.getApi("/lists").willReturn(problem(401, "derived_error_401_api_key_invalid.json")));

        assertThatThrownBy(() -> client.lists(1000).readAll())
                .isInstanceOfSatisfying(MailchimpException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MailchimpFailureKind.AUTH);
                    assertThat(e.endpoint()).isEqualTo("GET /3.0/lists");
                    assertThat(e.status()).isEqualTo(401);
                })
                .hasMessage("Mailchimp GET /3.0/lists answered 401 API Key Invalid: Your API key may be invalid, or "
                        + "you've attempted to access the wrong datacenter. (check MAILCHIMP_API_KEY and its data centre suffix)");
        assertThat(mailchimp.requests("/lists")).hasSize(1);
        assertThat(mailchimp.waits).isEmpty();
    }

    @Test
    void problem403ForbiddenIsAuthWithoutRetry() {
        mailchimp.stub(mailchimp.getApi("/lists").willReturn(problem(403, "derived_error_403_forbidden.json")));

        assertThatThrownBy(() -> client.lists(1000).readAll())
                .isInstanceOfSatisfying(MailchimpException.class, e -> assertThat(e.kind()).isEqualTo(MailchimpFailureKind.AUTH));
        assertThat(mailchimp.requests("/lists")).hasSize(1);
    }

    @Test
    void notFoundIsPermanentWithMailchimpsWords() {
        mailchimp.stub(mailchimp.getApi("/reports/nope/unsubscribed").willReturn(problem(404, "grouparoo_error_404_resource_not_found.json")));

        assertThatThrownBy(() -> client.unsubscribes("nope", 0, 1000).readAll())
                .isInstanceOfSatisfying(MailchimpException.class, e -> assertThat(e.kind()).isEqualTo(MailchimpFailureKind.PERMANENT))
                .hasMessage("Mailchimp GET /3.0/reports/nope/unsubscribed answered 404 Resource Not Found: The requested resource could not be found.");
    }

    @Test
    void truncatedJsonIsMalformedNamingTheEndpointAndIsNotRetried() {
        String page = fixture("grouparoo_list_members_page_offset0_count4.json");
        mailchimp.stub(mailchimp.getApi("/lists/" + LIST + "/members").willReturn(json(page.substring(0, page.length() / 2))));

        assertThatThrownBy(() -> pages(client.members(LIST, null, 1000)))
                .isInstanceOfSatisfying(MailchimpException.class, e -> assertThat(e.kind()).isEqualTo(MailchimpFailureKind.MALFORMED))
                .hasMessageStartingWith("Mailchimp GET /3.0/lists/a36b032126/members answered 200 with malformed JSON: ");
        assertThat(mailchimp.requests("/lists/" + LIST + "/members")).hasSize(1);
    }

    @Test
    void htmlWith200OrAnAnswerWithoutTheItemsIsMalformed() {
        mailchimp.stub(mailchimp.getApi("/lists").willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));
        assertThatThrownBy(() -> client.lists(1000).readAll()).isInstanceOfSatisfying(MailchimpException.class,
                e -> assertThat(e.kind()).isEqualTo(MailchimpFailureKind.MALFORMED));

        mailchimp.stub(mailchimp.getApi("/campaigns").willReturn(json("{\"total_items\":3}")));
        assertThatThrownBy(() -> client.sentCampaigns(null, 1000).readAll())
                .hasMessage("Mailchimp GET /3.0/campaigns answered 200 with malformed JSON: no \"campaigns\" array");
    }

    @Test
    void concurrencyNeverExceedsTheCapAtTheServer() throws Exception {
        int cap = 3;
        client.close();
        client = new OkHttpMailchimpClient(mailchimp.settings().withMaxConnections(cap));
        mailchimp.holdEachRequest(Duration.ofMillis(60));
        mailchimp.stub(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching("/3.0/reports/[^/]+/email-activity"))
                .willReturn(jsonFixture("derived_email_activity_7847cdaeff.json")));

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<List<Map<String, Object>>>> reads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String campaign = "campaign" + i;
                reads.add(pool.submit(() -> client.emailActivity(campaign, null, 1000).readAll()));
            }
            for (Future<List<Map<String, Object>>> read : reads) {
                assertThat(read.get()).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(mailchimp.allRequests()).isEqualTo(20);
        assertThat(mailchimp.maxConcurrentRequests()).isEqualTo(cap);
        assertThat(client.dispatcherMaxRequestsPerHost()).isEqualTo(cap);
    }

    @Test
    void theKeyNeverReachesLogsOrExceptions() {
        Logger logger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        List<String> messages = new ArrayList<>();
        try {
            // A server that echoes the key back must not get it into our messages either.
            mailchimp.stub(mailchimp.getApi("/lists").willReturn(aResponse().withStatus(403)
                    .withBody("<html>blocked request with key " + API_KEY + "</html>")));
            mailchimp.stub(mailchimp.getApi("/campaigns").willReturn(aResponse().withStatus(401)
                    .withBody("{\"title\":\"API Key Invalid\",\"status\":401,\"detail\":\"Key " + API_KEY.substring(0, 32) + " is invalid\"}")));
            for (Runnable call : List.<Runnable>of(() -> client.lists(1000).readAll(), () -> client.sentCampaigns(null, 1000).readAll())) {
                try {
                    call.run();
                } catch (MailchimpException e) {
                    messages.add(e.getMessage());
                    messages.add(String.valueOf(e));
                }
            }
        } finally {
            logger.detachAppender(appender);
        }
        appender.list.forEach(e -> messages.add(e.getFormattedMessage()));
        messages.add(mailchimp.settings().toString());

        assertThat(messages).hasSizeGreaterThan(5).noneMatch(m -> m.contains(API_KEY.substring(0, 32)));
        assertThat(messages).anyMatch(m -> m.contains("****"));
    }

    private void stubMembersPage(int offset, String fixture) {
        mailchimp.stub(mailchimp.getApi("/lists/" + LIST + "/members").withQueryParam("offset", equalTo(Integer.toString(offset)))
                .willReturn(jsonFixture(fixture)));
    }

    /** {@code total} members cloned from a real one, served by offset and count like Mailchimp. */
    private void stubGeneratedMembers(int total) throws Exception {
        ObjectNode template = (ObjectNode) JSON.readTree(fixture("grouparoo_list_members_page_offset0_count4.json")).get("members").get(0);
        for (int offset = 0; offset < Math.max(total, 1); offset += 1000) {
            ObjectNode page = JSON.createObjectNode();
            ArrayNode members = page.putArray("members");
            IntStream.range(offset, Math.min(offset + 1000, total)).forEach(i -> {
                ObjectNode m = template.deepCopy();
                m.put("id", String.format("%032x", i));
                m.put("email_address", "member" + i + "@grouparoo.com");
                members.add(m);
            });
            page.put("list_id", LIST);
            page.put("total_items", total);
            mailchimp.stub(mailchimp.getApi("/lists/" + LIST + "/members").withQueryParam("offset", equalTo(Integer.toString(offset)))
                    .willReturn(json(JSON.writeValueAsString(page))));
        }
    }

    private static String withTotal(String body, int total) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body);
            node.put("total_items", total);
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MailchimpPage> pages(MailchimpPages pages) {
        List<MailchimpPage> out = new ArrayList<>();
        pages.forEach(out::add);
        return out;
    }
}
