package dev.journeyconnector.mailchimp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyconnector.mailchimp.client.FakeMailchimp;
import dev.journeyconnector.mailchimp.client.OkHttpMailchimpClient;
import dev.journeyconnector.pull.PullPage;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.pull.RawIntake;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.fixture;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.json;
import static dev.journeyconnector.mailchimp.client.FakeMailchimp.jsonFixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Mailchimp answers (grouparoo's recorded list and member pages, parsons' campaigns, and the email activity
 * derived from Airbyte's recorded records; copies under src/test/resources/mailchimp) served by WireMock, pulled
 * through the component into the real store: the stored payload keeps every field the touchpoint mapping reads.
 */
class MailchimpRealPayloadsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "a36b032126";
    private static final String CAMPAIGN = "7847cdaeff";

    private final FakeMailchimp mailchimp = new FakeMailchimp();
    private final OkHttpMailchimpClient client = mailchimp.client();

    @AfterEach
    void stop() {
        client.close();
        mailchimp.close();
    }

    @Test
    void recordedMembersAndEmailActivityAreStoredWithEveryFieldMappingNeeds() throws Exception {
        ObjectNode lists = (ObjectNode) JSON.readTree(fixture("grouparoo_lists_count1000.json"));
        ObjectNode list = (ObjectNode) lists.get("lists").get(1);
        lists.putArray("lists").add(list);
        lists.put("total_items", 1);
        mailchimp.stub(mailchimp.getApi("/lists").willReturn(json(JSON.writeValueAsString(lists))));
        for (int offset : new int[] {0, 4, 8}) {
            mailchimp.stub(mailchimp.getApi("/lists/" + LIST + "/members").withQueryParam("offset", equalTo(Integer.toString(offset)))
                    .willReturn(jsonFixture("grouparoo_list_members_page_offset" + offset + "_count4.json")));
        }
        ObjectNode campaigns = (ObjectNode) JSON.readTree(fixture("parsons_campaigns.json"));
        ObjectNode campaign = ((ObjectNode) campaigns.get("campaigns").get(0)).put("id", CAMPAIGN);
        campaigns.putArray("campaigns").add(campaign);
        campaigns.put("total_items", 1);
        mailchimp.stub(mailchimp.getApi("/campaigns").willReturn(json(JSON.writeValueAsString(campaigns))));
        mailchimp.stub(mailchimp.getApi("/reports/" + CAMPAIGN + "/email-activity")
                .willReturn(jsonFixture("derived_email_activity_7847cdaeff.json")));

        RawStore store = pull("journey-mailchimp:members?pageSize=4", "journey-mailchimp:email_activity");

        List<Map<String, Object>> members = store.records("mailchimp", "members");
        assertThat(members).hasSize(10).allSatisfy(m -> {
            assertThat(m).containsKeys("email_address", "status", "last_changed", "list_id");
            assertThat(m.get("list_id")).isEqualTo(LIST);
        });
        assertThat(members).extracting(m -> m.get("email_address")).contains("xdiston9@grouparoo.com");

        List<Map<String, Object>> activity = store.records("mailchimp", "email_activity");
        assertThat(activity).hasSize(4).allSatisfy(a -> assertThat(a).containsKeys("action", "timestamp", "campaign_id",
                "email_address", "list_id"));
        assertThat(activity).filteredOn(a -> a.get("action").equals("click"))
                .extracting(a -> a.get("url")).containsExactlyInAnyOrder("https://airbyte.com/", "https://docs.airbyte.com/");
        assertThat(activity).filteredOn(a -> a.get("action").equals("bounce")).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("type", "hard"));
        assertThat(activity).filteredOn(a -> a.get("action").equals("open")).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("timestamp", "2023-11-06T20:17:57+00:00"));
    }

    private RawStore pull(String... uris) throws Exception {
        RawStore store = new RawStore(TestStore.clean().dataSource());
        PullProgress progress = new PullProgress();
        RawIntake intake = new RawIntake(store, progress);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(JourneyMailchimpComponent.SCHEME, new JourneyMailchimpComponent(client, store::cursor, progress));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String uri : uris) {
                        from(uri + (uri.contains("?") ? "&" : "?") + "repeatCount=1&initialDelay=0")
                                .process(e -> intake.store(e.getMessage().getBody(PullPage.class)));
                    }
                }
            });
            camel.start();
            Instant deadline = Instant.now().plusSeconds(30);
            while (!progress.everyPullPolled()) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(20);
            }
        }
        assertThat(progress.anyFailed()).isFalse();
        return store;
    }
}
