package dev.journeyconnector.sandbox.mailchimp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds response bodies in the Marketing API v3's shapes (field names and nesting as in the OpenAPI spec
 * 3.0.85 and in recorded responses: see the fixtures under {@code src/test/resources/fixtures/mailchimp}).
 * Links point at the simulator; schema URLs at Mailchimp's, as the real API's do.
 */
final class MailchimpResponses {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ERROR_TYPE = "https://mailchimp.com/developer/marketing/docs/errors/";

    private final String api;
    private final String schema;
    private final MailchimpData data;

    /** @param apiBase e.g. {@code http://127.0.0.1:5555/3.0} */
    MailchimpResponses(String apiBase, String dataCenter, MailchimpData data) {
        this.api = apiBase;
        this.schema = "https://" + dataCenter + ".api.mailchimp.com/schema/3.0";
        this.data = data;
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stable positive number from text, for web_id and tag ids. */
    static long number(String text, int digits) {
        long v = Long.parseLong(md5(text).substring(0, 12), 16);
        return (long) Math.pow(10, digits - 1) + v % (9 * (long) Math.pow(10, digits - 1));
    }

    // ------------------------------------------------------------------ errors

    /** Mailchimp's problem detail document (RFC 7807 style, served as application/problem+json). */
    static ObjectNode problem(int status, String title, String detail) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", ERROR_TYPE);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        p.put("instance", UUID.randomUUID().toString());
        return p;
    }

    // ------------------------------------------------------------------ links

    private ObjectNode link(String rel, String href, String method, String target, String schemaPath) {
        ObjectNode l = JSON.createObjectNode();
        l.put("rel", rel);
        l.put("href", href);
        l.put("method", method);
        if (target != null) {
            l.put("targetSchema", schema + target);
        }
        if (schemaPath != null) {
            l.put("schema", schema + schemaPath);
        }
        return l;
    }

    private ArrayNode links(ObjectNode... links) {
        ArrayNode a = JSON.createArrayNode();
        for (ObjectNode l : links) {
            a.add(l);
        }
        return a;
    }

    // ------------------------------------------------------------------ collections

    ObjectNode page(String key, List<ObjectNode> items, int total, ArrayNode links) {
        ObjectNode out = JSON.createObjectNode();
        out.putArray(key).addAll(items);
        out.put("total_items", total);
        out.set("_links", links);
        return out;
    }

    ArrayNode listsLinks() {
        return links(link("self", api + "/lists", "GET", "/Definitions/Lists/CollectionResponse.json", "/Paths/Lists/Collection.json"),
                link("create", api + "/lists", "POST", "/Definitions/Lists/Response.json", "/Definitions/Lists/POST.json"));
    }

    ArrayNode membersLinks(String listId) {
        String base = api + "/lists/" + listId;
        return links(link("self", base + "/members", "GET", "/Definitions/Lists/Members/CollectionResponse.json",
                        "/Paths/Lists/Members/Collection.json"),
                link("parent", base, "GET", "/Definitions/Lists/Members/Response.json", null),
                link("create", base + "/members", "POST", "/Definitions/Lists/Members/Response.json",
                        "/Definitions/Lists/Members/POST.json"));
    }

    ArrayNode campaignsLinks() {
        return links(link("self", api + "/campaigns", "GET", "/Definitions/Campaigns/CollectionResponse.json",
                        "/Paths/Campaigns/Collection.json"),
                link("create", api + "/campaigns", "POST", "/Definitions/Campaigns/Response.json", "/Definitions/Campaigns/POST.json"));
    }

    ArrayNode reportLinks(String campaignId, String what, String definitions) {
        String base = api + "/reports/" + campaignId;
        return links(link("parent", base, "GET", "/Definitions/Reports/Response.json", null),
                link("self", base + "/" + what, "GET", "/Definitions/Reports/" + definitions + "/CollectionResponse.json",
                        "/Paths/Reports/" + definitions + "/Collection.json"));
    }

    ArrayNode abuseLinks(String listId) {
        String base = api + "/lists/" + listId;
        return links(link("self", base + "/abuse-reports", "GET", "/Definitions/Lists/Abuse/CollectionResponse.json",
                        "/Paths/Lists/Abuse/Collection.json"),
                link("parent", base, "GET", "/Definitions/Lists/Response.json", null));
    }

    // ------------------------------------------------------------------ records

    ObjectNode list(Audience l) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", l.id());
        o.put("web_id", number("list:" + l.id(), 6));
        o.put("name", l.name());
        o.put("permission_reminder", l.permissionReminder());
        o.put("use_archive_bar", true);
        ObjectNode d = o.putObject("campaign_defaults");
        d.put("from_name", l.fromName());
        d.put("from_email", l.fromEmail());
        d.put("subject", l.subject());
        d.put("language", l.language());
        o.put("notify_on_subscribe", "");
        o.put("notify_on_unsubscribe", "");
        o.put("date_created", MailchimpTime.format(l.dateCreated()));
        o.put("list_rating", 3);
        o.put("email_type_option", false);
        o.put("subscribe_url_short", "http://eepurl.com/sandbox" + l.id().substring(0, 4));
        o.put("subscribe_url_long", api.replace("/3.0", "") + "/subscribe?id=" + l.id());
        o.put("beamer_address", "sandbox-" + l.id() + "@inbound.mailchimp.example");
        o.put("visibility", "prv");
        o.put("double_optin", false);
        o.put("has_welcome", false);
        o.put("marketing_permissions", false);
        o.putArray("modules");
        o.set("stats", listStats(l));
        String self = api + "/lists/" + l.id();
        o.set("_links", links(
                link("self", self, "GET", "/Definitions/Lists/Response.json", null),
                link("parent", api + "/lists", "GET", "/Definitions/Lists/CollectionResponse.json", "/Paths/Lists/Collection.json"),
                link("update", self, "PATCH", "/Definitions/Lists/Response.json", "/Definitions/Lists/PATCH.json"),
                link("delete", self, "DELETE", null, null),
                link("abuse-reports", self + "/abuse-reports", "GET", "/Definitions/Lists/Abuse/CollectionResponse.json",
                        "/Paths/Lists/Abuse/Collection.json"),
                link("members", self + "/members", "GET", "/Definitions/Lists/Members/CollectionResponse.json",
                        "/Paths/Lists/Members/Collection.json")));
        return o;
    }

    private ObjectNode listStats(Audience l) {
        List<Member> members = data.members(l.id());
        List<Campaign> sent = data.campaigns().stream().filter(c -> c.listId().equals(l.id()) && c.isSent()).toList();
        java.time.Instant lastSend = sent.stream().map(Campaign::sendTime).max(java.util.Comparator.naturalOrder()).orElse(null);
        ObjectNode s = JSON.createObjectNode();
        long subscribed = members.stream().filter(m -> m.status().equals("subscribed")).count();
        long unsubscribed = members.stream().filter(m -> m.status().equals("unsubscribed")).count();
        long cleaned = members.stream().filter(m -> m.status().equals("cleaned")).count();
        s.put("member_count", subscribed);
        s.put("unsubscribe_count", unsubscribed);
        s.put("cleaned_count", cleaned);
        s.put("member_count_since_send", members.stream().filter(m -> m.status().equals("subscribed")
                && (lastSend == null || m.timestampOpt().isAfter(lastSend))).count());
        s.put("unsubscribe_count_since_send", members.stream().filter(m -> m.status().equals("unsubscribed")
                && (lastSend == null || m.lastChanged().isAfter(lastSend))).count());
        s.put("cleaned_count_since_send", members.stream().filter(m -> m.status().equals("cleaned")
                && (lastSend == null || m.lastChanged().isAfter(lastSend))).count());
        s.put("campaign_count", sent.size());
        s.put("campaign_last_sent", MailchimpTime.format(lastSend));
        s.put("merge_field_count", 2);
        s.put("avg_sub_rate", 0);
        s.put("avg_unsub_rate", 0);
        s.put("target_sub_rate", 0);
        int delivered = 0;
        int opened = 0;
        int clicked = 0;
        for (Campaign c : sent) {
            MailchimpData.ReportSummary r = data.report(c.id());
            delivered += r.emailsSent() - r.bounces();
            opened += r.uniqueOpens();
            clicked += r.subscriberClicks();
        }
        s.put("open_rate", delivered == 0 ? 0 : 100.0 * opened / delivered);
        s.put("click_rate", delivered == 0 ? 0 : 100.0 * clicked / delivered);
        s.put("last_sub_date", MailchimpTime.format(members.stream().filter(m -> m.timestampOpt() != null)
                .map(Member::timestampOpt).max(java.util.Comparator.naturalOrder()).orElse(null)));
        s.put("last_unsub_date", MailchimpTime.format(members.stream().filter(m -> m.status().equals("unsubscribed"))
                .map(Member::lastChanged).max(java.util.Comparator.naturalOrder()).orElse(null)));
        return s;
    }

    ObjectNode member(Member m) {
        String id = md5(m.key());
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("email_address", m.emailAddress());
        o.put("unique_email_id", md5(m.listId() + ":" + m.key()).substring(0, 10));
        o.put("contact_id", md5("contact:" + m.key()));
        o.put("full_name", (m.firstName() + " " + m.lastName()).trim());
        o.put("web_id", number("member:" + m.listId() + ":" + m.key(), 9));
        o.put("email_type", "html");
        o.put("status", m.status());
        if (m.unsubscribeReason() != null) {
            o.put("unsubscribe_reason", m.unsubscribeReason());
        }
        o.put("consents_to_one_to_one_messaging", true);
        ObjectNode merge = o.putObject("merge_fields");
        merge.put("FNAME", m.firstName());
        merge.put("LNAME", m.lastName());
        merge.put("ADDRESS", "");
        merge.put("PHONE", "");
        for (Map.Entry<String, Object> e : m.mergeFields().entrySet()) {
            merge.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        double[] rates = data.memberRates(m);
        ObjectNode stats = o.putObject("stats");
        stats.put("avg_open_rate", rates[0]);
        stats.put("avg_click_rate", rates[1]);
        o.put("ip_signup", m.ipSignup());
        o.put("timestamp_signup", MailchimpTime.format(m.timestampSignup()));
        o.put("ip_opt", m.ipOpt());
        o.put("timestamp_opt", MailchimpTime.format(m.timestampOpt()));
        o.put("member_rating", m.memberRating());
        o.put("last_changed", MailchimpTime.format(m.lastChanged()));
        o.put("language", m.language());
        o.put("vip", m.vip());
        o.put("email_client", "");
        ObjectNode loc = o.putObject("location");
        loc.put("latitude", 0);
        loc.put("longitude", 0);
        loc.put("gmtoff", 0);
        loc.put("dstoff", 0);
        loc.put("country_code", "");
        loc.put("timezone", "");
        loc.put("region", "");
        o.put("source", m.source());
        o.put("tags_count", m.tags().size());
        ArrayNode tags = o.putArray("tags");
        for (String t : m.tags()) {
            tags.addObject().put("id", number("tag:" + m.listId() + ":" + t, 5)).put("name", t);
        }
        o.put("list_id", m.listId());
        String self = api + "/lists/" + m.listId() + "/members/" + id;
        o.set("_links", links(
                link("self", self, "GET", "/Definitions/Lists/Members/Response.json", null),
                link("parent", api + "/lists/" + m.listId() + "/members", "GET",
                        "/Definitions/Lists/Members/CollectionResponse.json", "/Paths/Lists/Members/Collection.json"),
                link("update", self, "PATCH", "/Definitions/Lists/Members/Response.json", "/Definitions/Lists/Members/PATCH.json"),
                link("upsert", self, "PUT", "/Definitions/Lists/Members/Response.json", "/Definitions/Lists/Members/PUT.json"),
                link("delete", self, "DELETE", null, null),
                link("activity", self + "/activity", "GET", "/Definitions/Lists/Members/Activity/Response.json", null),
                link("goals", self + "/goals", "GET", "/Definitions/Lists/Members/Goals/Response.json", null),
                link("notes", self + "/notes", "GET", "/Definitions/Lists/Members/Notes/CollectionResponse.json", null),
                link("events", self + "/events", "POST", "/Definitions/Lists/Members/Events/POST.json", null),
                link("delete_permanent", self + "/actions/delete-permanent", "POST", null, null)));
        return o;
    }

    ObjectNode campaign(Campaign c) {
        MailchimpData.ReportSummary r = data.report(c.id());
        Audience list = data.list(c.listId()).orElse(null);
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.id());
        o.put("web_id", number("campaign:" + c.id(), 8));
        o.put("type", c.type());
        o.put("create_time", MailchimpTime.format(c.createTime()));
        o.put("archive_url", "http://eepurl.com/sandbox" + c.id().substring(0, 4));
        o.put("long_archive_url", api.replace("/3.0", "") + "/campaign-archive?id=" + c.id());
        o.put("status", c.status());
        o.put("emails_sent", c.isSent() ? r.emailsSent() : 0);
        o.put("send_time", MailchimpTime.format(c.sendTime()));
        o.put("content_type", "template");
        o.put("needs_block_refresh", false);
        o.put("resendable", c.isSent());
        ObjectNode rec = o.putObject("recipients");
        rec.put("list_id", c.listId());
        rec.put("list_is_active", true);
        rec.put("list_name", list == null ? "" : list.name());
        rec.put("segment_text", "");
        rec.put("recipient_count", r.emailsSent());
        ObjectNode s = o.putObject("settings");
        s.put("subject_line", c.subjectLine() == null ? "" : c.subjectLine());
        s.put("preview_text", c.previewText());
        s.put("title", c.title());
        s.put("from_name", c.fromName());
        s.put("reply_to", c.replyTo());
        s.put("use_conversation", false);
        s.put("to_name", "*|FNAME|* *|LNAME|*");
        s.put("folder_id", "");
        s.put("authenticate", true);
        s.put("auto_footer", false);
        s.put("inline_css", false);
        s.put("auto_tweet", false);
        s.put("fb_comments", true);
        s.put("timewarp", false);
        s.put("template_id", number("template:" + c.listId(), 5));
        s.put("drag_and_drop", true);
        ObjectNode t = o.putObject("tracking");
        t.put("opens", true);
        t.put("html_clicks", true);
        t.put("text_clicks", false);
        t.put("goal_tracking", false);
        t.put("ecomm360", false);
        t.put("google_analytics", "");
        t.put("clicktale", "");
        if (c.isSent()) {
            ObjectNode rs = o.putObject("report_summary");
            rs.put("opens", r.opens());
            rs.put("unique_opens", r.uniqueOpens());
            rs.put("open_rate", r.openRate());
            rs.put("clicks", r.clicks());
            rs.put("subscriber_clicks", r.subscriberClicks());
            rs.put("click_rate", r.clickRate());
            ObjectNode ecommerce = rs.putObject("ecommerce");
            ecommerce.put("total_orders", 0);
            ecommerce.put("total_spent", 0);
            ecommerce.put("total_revenue", 0);
        }
        o.putObject("delivery_status").put("enabled", false);
        String self = api + "/campaigns/" + c.id();
        o.set("_links", links(
                link("parent", api + "/campaigns", "GET", "/Definitions/Campaigns/CollectionResponse.json",
                        "/Paths/Campaigns/Collection.json"),
                link("self", self, "GET", "/Definitions/Campaigns/Response.json", null),
                link("reports", api + "/reports/" + c.id(), "GET", "/Definitions/Reports/Response.json", null)));
        return o;
    }

    /** One recipient's row in email-activity: their actions on the campaign (possibly none). */
    ObjectNode emailActivity(Campaign c, Member m, List<EmailActivity> actions) {
        ObjectNode o = JSON.createObjectNode();
        o.put("campaign_id", c.id());
        o.put("list_id", c.listId());
        o.put("list_is_active", true);
        o.put("email_id", md5(m.key()));
        o.put("email_address", m.emailAddress());
        ArrayNode a = o.putArray("activity");
        for (EmailActivity x : actions) {
            ObjectNode row = a.addObject();
            row.put("action", x.action());
            if (x.type() != null) {
                row.put("type", x.type());
            }
            row.put("timestamp", MailchimpTime.format(x.timestamp()));
            if (x.url() != null) {
                row.put("url", x.url());
            }
            row.put("ip", x.ip() == null ? "" : x.ip());
        }
        o.putArray("_links");
        return o;
    }

    ObjectNode unsubscribe(Campaign c, Unsubscribe u, Member m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("email_id", md5(Member.key(u.emailAddress())));
        o.put("email_address", m == null ? u.emailAddress() : m.emailAddress());
        ObjectNode merge = o.putObject("merge_fields");
        merge.put("FNAME", m == null ? "" : m.firstName());
        merge.put("LNAME", m == null ? "" : m.lastName());
        merge.put("ADDRESS", "");
        merge.put("PHONE", "");
        o.put("vip", m != null && m.vip());
        o.put("timestamp", MailchimpTime.format(u.timestamp()));
        o.put("reason", u.reason());
        o.put("campaign_id", c.id());
        o.put("list_id", c.listId());
        o.put("list_is_active", true);
        o.putArray("_links");
        return o;
    }

    ObjectNode abuseReport(Campaign c, AbuseReport a, Member m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.id());
        o.put("campaign_id", a.campaignId());
        o.put("list_id", c.listId());
        o.put("email_id", md5(Member.key(a.emailAddress())));
        o.put("email_address", m == null ? a.emailAddress() : m.emailAddress());
        ObjectNode merge = o.putObject("merge_fields");
        merge.put("FNAME", m == null ? "" : m.firstName());
        merge.put("LNAME", m == null ? "" : m.lastName());
        o.put("vip", m != null && m.vip());
        o.put("date", MailchimpTime.format(a.date()));
        o.putArray("_links");
        return o;
    }
}
