package dev.journeyconnector.insight;

import dev.journeyconnector.identity.Customer;
import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.insight.CustomerFacts.CampaignSend;
import dev.journeyconnector.insight.CustomerFacts.MemberStatus;
import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.store.CustomerStore;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import dev.journeyconnector.store.RawRecord;
import dev.journeyconnector.store.RawStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.TouchpointStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Histories built from the embedded store: the customer's own records, and the campaigns they were sent. */
class HistoryLoaderTest {
    private static final String CONTACT = "003Jx0000000001IAA";
    private static final String KEY = "sf:" + CONTACT;
    private static final String ACCOUNT = "001Jx0000000001IAA";
    private static final String LIST = "44e73ccf5b";
    private static final String OTHER_LIST = "99e73ccf5b";
    private static final String MEMBER = "a1b2c3";
    private static final String EMAIL = "trey.weller@example.com";

    private DataSource dataSource;
    private RawStore raw;
    private HistoryLoader loader;

    @BeforeEach
    void setUp() {
        dataSource = TestStore.clean().dataSource();
        raw = new RawStore(dataSource);
        loader = new HistoryLoader(new dev.journeyconnector.store.HistoryStore(dataSource), DeepLinks.of(null, null, "us21"));
        new CustomerStore(dataSource).replaceCustomers(List.of(
                new StoredCustomer(KEY, "contact", "leisure-traveller", SourceRef.contact(CONTACT)),
                new StoredCustomer("sf:003Jx0000000002IAA", "contact", "leisure-traveller",
                        SourceRef.contact("003Jx0000000002IAA"))));
        store("salesforce", "Contact", CONTACT, Map.of("Id", CONTACT, "Email", EMAIL, "OwnerId", "005Jx0000000001IAA",
                "AccountId", ACCOUNT, "HasOptedOutOfEmail", false));
        store("salesforce", "Account", ACCOUNT, Map.of("Id", ACCOUNT, "Name", "Weller Tours", "OwnerId", "005Jx0000000002IAA"));
        store("salesforce", "Opportunity", "006Jx0000000001IAA", Map.of("Id", "006Jx0000000001IAA", "AccountId", ACCOUNT,
                "StageName", "Proposal", "IsClosed", false, "OwnerId", "005Jx0000000003IAA",
                "LastModifiedDate", "2026-06-01T10:00:00.000+0000"));
        store("salesforce", "Opportunity", "006Jx0000000009IAA", Map.of("Id", "006Jx0000000009IAA",
                "AccountId", "001Jx0000000009IAA", "StageName", "Proposal", "IsClosed", false));
        campaign("c1", LIST, "2026-04-01T08:00:00+00:00"); // before the opt-in
        campaign("c2", LIST, "2026-05-12T08:00:00+00:00");
        campaign("c3", LIST, "2026-06-09T08:00:00+00:00");
        campaign("c4", LIST, "2026-07-07T08:00:00+00:00"); // after the unsubscribe
        campaign("c5", OTHER_LIST, "2026-06-10T08:00:00+00:00"); // a list they are not on
        store("mailchimp", "members", LIST + "/" + MEMBER, member("unsubscribed"));
        touchpoint("mailchimp", "members", LIST + "/" + MEMBER, "list-signup", "2026-04-28T18:00:00Z");
        store("mailchimp", "email_activity", "c2/" + MEMBER + "/open/2026-05-12T16:34:00Z", Map.of("campaign_id", "c2",
                "email_id", MEMBER, "email_address", EMAIL, "action", "open", "timestamp", "2026-05-12T16:34:00+00:00"));
        touchpoint("mailchimp", "email_activity", "c2/" + MEMBER + "/open/2026-05-12T16:34:00Z", "campaign-open",
                "2026-05-12T16:34:00Z");
        store("mailchimp", "unsubscribes", "c3/" + MEMBER, Map.of("campaign_id", "c3", "email_id", MEMBER,
                "email_address", EMAIL, "timestamp", "2026-06-20T07:51:00+00:00"));
        touchpoint("mailchimp", "unsubscribes", "c3/" + MEMBER, "unsubscribed", "2026-06-20T07:51:00Z");
    }

    @Test
    void aContactsHistoryHoldsTheirRecordsTheAccountAndItsOpportunities() {
        CustomerHistory h = loader.load(List.of(KEY)).get(KEY);

        assertThat(h.kind()).isEqualTo(Customer.Kind.CONTACT);
        assertThat(h.personaId()).isEqualTo("leisure-traveller");
        assertThat(h.touchpoints()).extracting(Touchpoint::type)
                .containsExactly("list-signup", "campaign-open", "unsubscribed");
        CustomerFacts facts = h.facts();
        assertThat(facts.person()).hasValueSatisfying(p -> {
            assertThat(p.ownerId()).isEqualTo("005Jx0000000001IAA");
            assertThat(p.optedOutOfEmail()).isFalse();
        });
        assertThat(facts.account()).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("Weller Tours"));
        assertThat(facts.opportunities()).extracting(CustomerFacts.Opportunity::id).containsExactly("006Jx0000000001IAA");
        assertThat(facts.memberships()).singleElement().satisfies(m -> {
            assertThat(m.listId()).isEqualTo(LIST);
            assertThat(m.status()).isEqualTo(MemberStatus.UNSUBSCRIBED);
        });
    }

    @Test
    void theCampaignsSentAreThoseToTheirListBetweenOptInAndUnsubscribeWithWhatTheyOpened() {
        List<CampaignSend> sends = loader.load(List.of(KEY)).get(KEY).facts().sends();

        assertThat(sends).extracting(CampaignSend::campaignId).containsExactly("c2", "c3");
        assertThat(sends.get(0).opened()).isTrue();
        assertThat(sends.get(0).clicked()).isFalse();
        assertThat(sends.get(1).opened()).isFalse();
        assertThat(sends.get(0).report()).hasToString("https://us21.admin.mailchimp.com/reports/summary?id=1002");
    }

    @Test
    void aBatchReadsEveryCustomerAndLeavesOutKeysIdentityDoesNotHave() {
        Map<String, CustomerHistory> loaded = loader.load(List.of(KEY, "sf:003Jx0000000002IAA", "prospect:nobody@example.com"));

        assertThat(loaded).containsOnlyKeys(KEY, "sf:003Jx0000000002IAA");
        assertThat(loaded.get("sf:003Jx0000000002IAA").touchpoints()).isEmpty();
        assertThat(loaded.get("sf:003Jx0000000002IAA").facts().person()).isEmpty();
    }

    @Test
    void theAccountsOtherContactsTouchpointsComeWithTheCustomerButNotOtherAccounts() {
        String colleague = "003Jx0000000002IAA";
        store("salesforce", "Contact", colleague, Map.of("Id", colleague, "AccountId", ACCOUNT));
        store("salesforce", "Contact", "003Jx0000000003IAA", Map.of("Id", "003Jx0000000003IAA",
                "AccountId", "001Jx0000000009IAA"));
        new CustomerStore(dataSource).replaceCustomers(List.of(
                new StoredCustomer(KEY, "contact", "leisure-traveller", SourceRef.contact(CONTACT)),
                new StoredCustomer("sf:" + colleague, "contact", "leisure-traveller", SourceRef.contact(colleague)),
                new StoredCustomer("sf:003Jx0000000003IAA", "contact", "leisure-traveller",
                        SourceRef.contact("003Jx0000000003IAA"))));
        touchpoint("salesforce", "Task", "00TJx0000000001IAA", "onboarding-call", "2026-06-02T10:00:00Z",
                "sf:" + colleague);
        touchpoint("salesforce", "Task", "00TJx0000000002IAA", "call", "2026-06-03T10:00:00Z",
                "sf:003Jx0000000003IAA");

        CustomerHistory alone = loader.load(List.of(KEY)).get(KEY);
        Map<String, CustomerHistory> together = loader.load(List.of(KEY, "sf:" + colleague));

        assertThat(alone.accountTouchpoints()).extracting(t -> t.key().asString())
                .containsExactly("salesforce/Task/00TJx0000000001IAA/onboarding-call");
        assertThat(together.get(KEY).accountTouchpoints()).isEqualTo(alone.accountTouchpoints());
        assertThat(together.get("sf:" + colleague).accountTouchpoints()).as("the colleague sees the customer's")
                .extracting(Touchpoint::type).containsExactly("list-signup", "campaign-open", "unsubscribed");
    }

    private void store(String source, String object, String id, Map<String, Object> payload) {
        raw.storePage(source, object, List.of(new RawRecord(id, Instant.parse("2026-07-01T00:00:00Z"), false,
                new LinkedHashMap<>(payload))), null);
    }

    private void campaign(String id, String list, String sent) {
        store("mailchimp", "campaigns", id, Map.of("id", id, "web_id", 1000 + Integer.parseInt(id.substring(1)),
                "status", "sent", "send_time", sent, "recipients", Map.of("list_id", list)));
    }

    private static Map<String, Object> member(String status) {
        return Map.of("id", MEMBER, "list_id", LIST, "email_address", EMAIL, "status", status,
                "timestamp_opt", "2026-04-28T18:00:00+00:00", "last_changed", "2026-06-20T07:51:00+00:00");
    }

    private void touchpoint(String source, String object, String id, String type, String at) {
        touchpoint(source, object, id, type, at, KEY);
    }

    private void touchpoint(String source, String object, String id, String type, String at, String customer) {
        new TouchpointStore(dataSource).upsert(List.of(new Touchpoint(new Touchpoint.Key(
                Touchpoint.Source.valueOf(source.toUpperCase()), object, id, type), customer, "engagement", "email",
                "marketing", "desktop", Sentiment.NEUTRAL, Instant.parse(at), type, null)));
    }
}
