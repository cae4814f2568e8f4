package dev.journeyconnector.sandbox.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator over the demo world's Mailchimp account. */
class MailchimpSimulatorTest {
    private MailchimpSimulator sim;
    private MailchimpClient client;

    @BeforeEach
    void start() {
        sim = MailchimpSimulator.builder(MailchimpWorld.fromClasspath("worlds/demo")).start();
        client = new MailchimpClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void pagesMembersWithCountAndOffsetInAStableOrder() {
        String list = MailchimpDemoGenerator.JOURNEYS;
        int total = client.json("/lists/" + list + "/members").get("total_items").asInt();
        List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < total + 7; offset += 7) {
            JsonNode page = client.json("/lists/" + list + "/members?count=7&offset=" + offset);
            assertThat(page.get("total_items").asInt()).isEqualTo(total);
            assertThat(page.get("list_id").asText()).isEqualTo(list);
            page.get("members").forEach(m -> ids.add(m.get("id").asText()));
        }
        assertThat(ids).hasSize(total).doesNotHaveDuplicates();
        assertThat(client.json("/lists/" + list + "/members").get("members")).hasSize(10);
        assertThat(client.json("/lists/" + list + "/members?count=7&offset=7").get("members").get(0).get("id").asText())
                .isEqualTo(ids.get(7));
        assertThat(client.json("/lists?count=1").get("total_items").asInt()).isEqualTo(2);
    }

    @Test
    void memberIdIsTheMd5OfTheLowerCasedAddressWhichKeepsItsCase() {
        JsonNode page = client.json("/lists/" + MailchimpDemoGenerator.JOURNEYS + "/members?count=1000");
        JsonNode mei = find(page.get("members"), "email_address", "Mei.Tanaka@example.net");
        assertThat(mei.get("id").asText()).isEqualTo(MailchimpResponses.md5("mei.tanaka@example.net"));
        assertThat(mei.get("full_name").asText()).isEqualTo("Mei Tanaka");
        assertThat(mei.get("merge_fields").get("FNAME").asText()).isEqualTo("Mei");
        JsonNode same = client.json("/lists/" + MailchimpDemoGenerator.STORES + "/members/" + mei.get("id").asText());
        assertThat(same.get("contact_id").asText()).isEqualTo(mei.get("contact_id").asText());
        assertThat(same.get("unique_email_id").asText()).isNotEqualTo(mei.get("unique_email_id").asText());
    }

    @Test
    void sinceLastChangedReturnsMembersChangedAtOrAfterIt() {
        JsonNode page = client.json("/lists/" + MailchimpDemoGenerator.JOURNEYS
                + "/members?count=1000&since_last_changed=2026-10-06T00:00:00%2B00:00");
        Instant since = Instant.parse("2026-10-06T00:00:00Z");
        assertThat(page.get("members")).isNotEmpty().allSatisfy(m ->
                assertThat(MailchimpTime.parse(m.get("last_changed").asText())).isAfterOrEqualTo(since));
        assertThat(page.get("members")).extracting(m -> m.get("email_address").asText())
                .contains("rafael.costa@example.com", "dmitri.volkov@example.org", "carmen.ruiz@example.com")
                .doesNotContain("trey.weller@example.com");
        // An unencoded '+' arrives as a space; it is read as the offset anyway.
        assertThat(client.json("/lists/" + MailchimpDemoGenerator.JOURNEYS
                + "/members?count=1000&since_last_changed=2026-10-06T00:00:00+00:00").get("total_items"))
                .isEqualTo(page.get("total_items"));
        assertThat(client.json("/lists/" + MailchimpDemoGenerator.JOURNEYS + "/members?status=cleaned").get("total_items").asInt())
                .isEqualTo(2);
    }

    @Test
    void campaignsFilterBySendTimeAndStatusAndSortBySendTime() {
        JsonNode page = client.json("/campaigns?count=1000&status=sent&since_send_time=2026-09-01T00:00:00Z&sort_field=send_time");
        assertThat(page.get("total_items").asInt()).isEqualTo(5);
        List<Instant> sent = new ArrayList<>();
        page.get("campaigns").forEach(c -> sent.add(MailchimpTime.parse(c.get("send_time").asText())));
        assertThat(sent).isSorted().allSatisfy(t -> assertThat(t).isAfterOrEqualTo(Instant.parse("2026-09-01T00:00:00Z")));
        JsonNode first = page.get("campaigns").get(0);
        assertThat(first.get("emails_sent").asInt()).isEqualTo(first.get("recipients").get("recipient_count").asInt()).isPositive();
        assertThat(first.get("report_summary").get("unique_opens").asInt()).isPositive();
        assertThat(client.json("/campaigns?status=save").get("total_items").asInt()).isZero();
        assertThat(client.json("/campaigns?sort_field=send_time&sort_dir=DESC&count=1").get("campaigns").get(0)
                .get("settings").get("subject_line").asText()).isEqualTo("Winter sun: Andalusia and the Algarve");
    }

    @Test
    void emailActivityNestsActionsPerRecipientAndSinceKeepsLaterActionsOnly() {
        Campaign autumn = sim.data().campaigns().get(6);
        JsonNode all = client.json("/reports/" + autumn.id() + "/email-activity?count=1000");
        assertThat(all.get("total_items").asInt()).isEqualTo(sim.data().recipients(autumn.id()).size());
        JsonNode rafael = find(all.get("emails"), "email_address", "rafael.costa@example.com");
        assertThat(rafael.get("activity")).extracting(a -> a.get("action").asText()).containsExactly("open", "click");
        assertThat(rafael.get("activity").get(1).get("url").asText()).endsWith("/tours/andalusia-12-days");

        JsonNode later = client.json("/reports/" + autumn.id() + "/email-activity?count=1000&since=2026-10-28T08:11:00Z");
        assertThat(later.get("emails")).isNotEmpty().allSatisfy(e -> assertThat(e.get("activity")).isNotEmpty()
                .allSatisfy(a -> assertThat(MailchimpTime.parse(a.get("timestamp").asText()))
                        .isAfterOrEqualTo(Instant.parse("2026-10-28T08:11:00Z"))));
        assertThat(find(later.get("emails"), "email_address", "rafael.costa@example.com").get("activity")).hasSize(1);

        Campaign dolomites = sim.data().campaigns().get(3);
        JsonNode bounce = find(client.json("/reports/" + dolomites.id() + "/email-activity?count=1000").get("emails"),
                "email_address", "nora.lindahl@example.net").get("activity").get(0);
        assertThat(bounce.get("action").asText()).isEqualTo("bounce");
        assertThat(bounce.get("type").asText()).isEqualTo("soft");
    }

    @Test
    void unsubscribesAndAbuseReportsNameTheCampaignAndList() {
        Campaign midSeason = sim.data().campaigns().get(10);
        JsonNode unsubs = client.json("/reports/" + midSeason.id() + "/unsubscribed");
        assertThat(unsubs.get("total_items").asInt()).isEqualTo(1);
        JsonNode nadia = unsubs.get("unsubscribes").get(0);
        assertThat(nadia.get("email_address").asText()).isEqualTo("nadia.petrova@example.net");
        assertThat(nadia.get("timestamp").asText()).isEqualTo("2026-07-20T07:51:00+00:00");
        assertThat(nadia.get("list_id").asText()).isEqualTo(MailchimpDemoGenerator.STORES);
        JsonNode abuse = client.json("/lists/" + MailchimpDemoGenerator.JOURNEYS + "/abuse-reports");
        assertThat(abuse.get("abuse_reports").get(0).get("email_address").asText()).isEqualTo("tom.reid@example.net");
    }

    @Test
    void countAboveOneThousandIsRefusedAsMailchimpDocumentsIt() {
        HttpResponse<String> r = client.get("/lists/" + MailchimpDemoGenerator.JOURNEYS + "/members?count=1001");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = MailchimpClient.parse(r.body());
        assertThat(p.get("title").asText()).isEqualTo("Invalid Resource");
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("count");
        assertThat(client.get("/campaigns?count=1000").statusCode()).isEqualTo(200);
        sim.refuseCountAboveMax(false);
        assertThat(client.get("/campaigns?count=5000").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongOrMissingKeyGets401ProblemJsonAndBothAuthFormsWork() {
        HttpResponse<String> wrong = new MailchimpClient(sim, "0123456789abcdef0123456789abcdef-us21").get("/lists");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = MailchimpClient.parse(wrong.body());
        assertThat(fieldNames(p)).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
        assertThat(p.get("title").asText()).isEqualTo("API Key Invalid");
        assertThat(p.get("status").asInt()).isEqualTo(401);

        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/lists")));
        assertThat(MailchimpClient.parse(missing.body()).get("title").asText()).isEqualTo("API Key Missing");
        HttpResponse<String> apikey = client.send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/lists"))
                .header("Authorization", "apikey " + sim.apiKey()));
        assertThat(apikey.statusCode()).isEqualTo(200);
        assertThat(client.get("/lists/0000000000").statusCode()).isEqualTo(404);
    }

    @Test
    void moreSimultaneousRequestsThanTheCapGet429AndTheHighestConcurrencyIsRecorded() throws Exception {
        sim.setLatency(Duration.ofMillis(700));
        List<HttpResponse<String>> responses = parallel(15);
        assertThat(responses).filteredOn(r -> r.statusCode() == 429).hasSize(5);
        assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(10);
        HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        JsonNode p = MailchimpClient.parse(refused.body());
        assertThat(p.get("title").asText()).isEqualTo("Too Many Requests");
        assertThat(p.get("detail").asText()).isEqualTo("You have exceeded the limit of 10 simultaneous connections.");
        assertThat(refused.headers().map().keySet()).noneMatch(h -> h.toLowerCase().contains("ratelimit") || h.equalsIgnoreCase("retry-after"));
        // The ten served requests overlap, and so do some of the quick refusals: more than the cap was observed.
        assertThat(sim.maxConcurrency()).isGreaterThan(10);

        sim.resetMaxConcurrency();
        sim.setConcurrencyLimit(4);
        assertThat(parallel(4)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(sim.maxConcurrency()).isEqualTo(4);
    }

    private List<HttpResponse<String>> parallel(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return new MailchimpClient(sim).get("/lists");
                }, pool));
            }
            go.countDown();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void injectedFaultsHitTheNextCallsThenStop() {
        sim.failNextWithTooManyRequests(1);
        assertThat(client.get("/lists").statusCode()).isEqualTo(429);
        sim.failNextWithForbidden(2);
        HttpResponse<String> forbidden = client.get("/lists");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(client.get("/lists").statusCode()).isEqualTo(403);
        sim.failNextWithServerError(1, 503);
        assertThat(client.get("/lists").statusCode()).isEqualTo(503);
        sim.failNextWithServerError(1, 500);
        assertThat(client.get("/lists").statusCode()).isEqualTo(500);
        sim.malformNextBodies(1);
        assertThat(parses(client.get("/lists").body())).isFalse();
        sim.truncateNextBodies(1);
        HttpResponse<String> truncated = client.get("/lists");
        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThat(parses(truncated.body())).isFalse();
        // The JDK client retries an idempotent GET once after a reset connection: drop both attempts.
        sim.dropNextConnections(2);
        assertThatThrownBy(() -> client.get("/lists")).isInstanceOf(UncheckedIOException.class);
        sim.setLatency(Duration.ofMillis(300));
        long started = System.nanoTime();
        assertThat(client.get("/lists").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        sim.clearControls();
        assertThat(client.get("/lists").statusCode()).isEqualTo(200);
        assertThat(sim.counters().get("lists")).isEqualTo(11);
    }

    @Test
    void controlsOverHttpSetFaultsAndReportCounters() {
        client.get("/lists");
        client.get("/campaigns");
        client.get("/campaigns");
        HttpResponse<String> counters = client.send(HttpRequest.newBuilder(URI.create(sim.url() + "/__sandbox/mailchimp/counters")));
        JsonNode c = MailchimpClient.parse(counters.body());
        assertThat(c.get("counters").get("campaigns").asInt()).isEqualTo(2);
        assertThat(c.get("counters").get("lists").asInt()).isEqualTo(1);
        assertThat(c.get("concurrencyLimit").asInt()).isEqualTo(10);

        client.send(HttpRequest.newBuilder(URI.create(sim.url() + "/__sandbox/mailchimp/controls"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"serverErrors\": 1, \"serverErrorStatus\": 503, \"concurrencyLimit\": 3}")));
        assertThat(client.get("/lists").statusCode()).isEqualTo(503);
        assertThat(sim.concurrencyLimit()).isEqualTo(3);
        client.send(HttpRequest.newBuilder(URI.create(sim.url() + "/__sandbox/mailchimp/counters/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(sim.counters().total()).isZero();
    }

    @Test
    void fieldsAndExcludeFieldsShapeTheResponse() {
        JsonNode only = client.json("/lists/" + MailchimpDemoGenerator.JOURNEYS + "/members?fields=members.email_address,total_items");
        assertThat(fieldNames(only)).containsExactlyInAnyOrder("members", "total_items");
        assertThat(fieldNames(only.get("members").get(0))).containsExactly("email_address");
        JsonNode without = client.json("/lists/" + MailchimpDemoGenerator.JOURNEYS + "/members?exclude_fields=members._links,_links");
        assertThat(without.has("_links")).isFalse();
        assertThat(without.get("members").get(0).has("_links")).isFalse();
        assertThat(without.get("members").get(0).has("email_address")).isTrue();
    }

    @Test
    void generatesTenThousandMembersAndPagesThemInTenCalls() {
        String list = MailchimpDemoGenerator.STORES;
        int before = sim.data().members(list).size();
        sim.data().generateMembers(list, "load", 10_000, Instant.parse("2026-01-01T00:00:00Z"));
        sim.counters().reset();
        Set<String> seen = new HashSet<>();
        int offset = 0;
        int total;
        do {
            JsonNode page = client.json("/lists/" + list + "/members?count=1000&offset=" + offset + "&fields=members.id,total_items");
            total = page.get("total_items").asInt();
            page.get("members").forEach(m -> seen.add(m.get("id").asText()));
            offset += 1000;
        } while (offset < total);
        assertThat(seen).hasSize(before + 10_000);
        assertThat(sim.counters().get("members")).isEqualTo((before + 10_000 + 999) / 1000);

        Campaign c = new Campaign("abcdef0123", "regular", "sent", list, Instant.parse("2026-11-18T08:00:00Z"),
                Instant.parse("2026-11-18T09:00:00Z"), "Load test", "", "Load", "Meridian Stores", "offers@meridiangroup.example");
        sim.data().addCampaign(c);
        sim.data().generateActivity(c.id(), 12_000);
        JsonNode report = client.json("/campaigns/" + c.id());
        assertThat(report.get("report_summary").get("opens").asInt()).isEqualTo(12_000);
        assertThat(client.json("/reports/" + c.id() + "/email-activity?count=1").get("total_items").asInt())
                .isEqualTo(sim.data().recipients(c.id()).size());
    }

    @Test
    void changesMadeInJavaAppearInTheApi() {
        String list = MailchimpDemoGenerator.JOURNEYS;
        sim.data().putMember(Member.subscribed(list, "new.reader@example.com", "New", "Reader", Instant.parse("2026-11-19T10:00:00Z")));
        sim.data().updateMember(list, "TREY.WELLER@example.com", m -> m.withStatus("unsubscribed",
                Instant.parse("2026-11-19T11:00:00Z"), "Other"));
        JsonNode changed = client.json("/lists/" + list + "/members?since_last_changed=2026-11-19T00:00:00Z");
        assertThat(changed.get("members")).extracting(m -> m.get("email_address").asText() + " " + m.get("status").asText())
                .containsExactly("trey.weller@example.com unsubscribed", "new.reader@example.com subscribed");
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.get(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value);
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean parses(String body) {
        try {
            MailchimpClient.JSON.readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
