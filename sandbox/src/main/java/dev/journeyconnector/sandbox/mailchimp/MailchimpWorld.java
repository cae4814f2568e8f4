package dev.journeyconnector.sandbox.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeyconnector.sandbox.world.WorldException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Mailchimp part of a world: the files under {@code mailchimp/} in a world directory.
 * <pre>
 * mailchimp/account.json         {"apiKey": "&lt;32 hex&gt;-us21", "dataCenter": "us21", "accountName": "..."}
 * mailchimp/lists.json           [{"id", "name", "date_created", "permission_reminder", "campaign_defaults": {...}}]
 * mailchimp/members.json         [{"list_id", "email_address", "status", "merge_fields", "timestamp_opt", "last_changed", ...}]
 * mailchimp/campaigns.json       [{"id", "type", "status", "create_time", "send_time", "recipients": {"list_id"}, "settings": {...}}]
 * mailchimp/email_activity.json  [{"campaign_id", "email_address", "action", "timestamp", "url" | "type", "ip"}]
 * mailchimp/unsubscribes.json    [{"campaign_id", "email_address", "timestamp", "reason"}]
 * mailchimp/abuse_reports.json   [{"id", "campaign_id", "email_address", "date"}]   (optional)
 * </pre>
 * Records use Mailchimp's own field names. Loading reports every problem at once (file, index, field) in one
 * {@link WorldException}. A world without {@code mailchimp/account.json} has an empty Mailchimp account.
 */
public record MailchimpWorld(String source, ApiAccount account, List<Audience> lists, List<Member> members,
                             List<Campaign> campaigns, List<EmailActivity> activity, List<Unsubscribe> unsubscribes,
                             List<AbuseReport> abuseReports) {

    public static final List<String> FILES = List.of("account.json", "lists.json", "members.json", "campaigns.json",
            "email_activity.json", "unsubscribes.json", "abuse_reports.json");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern API_KEY = Pattern.compile("[0-9a-f]{32}-([a-z]+[0-9]+)");
    private static final Pattern ID10 = Pattern.compile("[0-9a-f]{10}");

    public MailchimpWorld {
        lists = List.copyOf(lists);
        members = List.copyOf(members);
        campaigns = List.copyOf(campaigns);
        activity = List.copyOf(activity);
        unsubscribes = List.copyOf(unsubscribes);
        abuseReports = List.copyOf(abuseReports);
    }

    public static MailchimpWorld empty(String source) {
        return new MailchimpWorld(source, ApiAccount.EMPTY_WORLD, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Loads {@code dir/mailchimp/*.json}; {@code dir} is the world directory (the one holding world.json). */
    public static MailchimpWorld fromDirectory(Path dir) {
        return load(dir.toString(), relative -> {
            Path p = dir.resolve(relative);
            return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
        });
    }

    /** Loads {@code <folder>/mailchimp/*.json} from the classpath, e.g. folder {@code worlds/demo}. */
    public static MailchimpWorld fromClasspath(String folder) {
        return load("classpath:" + folder,
                relative -> MailchimpWorld.class.getClassLoader().getResourceAsStream(folder + "/" + relative));
    }

    interface Opener {
        InputStream open(String relative) throws IOException;
    }

    private static MailchimpWorld load(String source, Opener opener) {
        Reader r = new Reader(source);
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        for (String f : FILES) {
            String path = "mailchimp/" + f;
            try (InputStream in = opener.open(path)) {
                if (in != null) {
                    docs.put(f, JSON.readTree(in));
                }
            } catch (IOException e) {
                r.problems.add(path + ": not valid JSON: " + e.getMessage());
            }
        }
        if (!docs.containsKey("account.json") && r.problems.isEmpty()) {
            if (docs.isEmpty()) {
                return empty(source);
            }
            r.problems.add("mailchimp/account.json: not found (needed when the world has other mailchimp/ files)");
        }
        MailchimpWorld world = r.read(docs);
        r.problems.addAll(world.referenceProblems());
        if (!r.problems.isEmpty()) {
            throw new WorldException(source, r.problems);
        }
        return world;
    }

    /** Parses saved state (same record format, one document); references are not re-checked. */
    static MailchimpWorld fromState(String source, JsonNode state) {
        Reader r = new Reader(source);
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        state.fields().forEachRemaining(e -> docs.put(e.getKey() + ".json", e.getValue()));
        MailchimpWorld world = r.read(docs);
        if (!r.problems.isEmpty()) {
            throw new WorldException(source, r.problems);
        }
        return world;
    }

    /** Cross-file checks: every list, campaign and member referenced exists, and activity fits the campaign. */
    List<String> referenceProblems() {
        List<String> problems = new ArrayList<>();
        Set<String> listIds = new HashSet<>();
        lists.forEach(l -> listIds.add(l.id()));
        Map<String, Member> memberByKey = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (!listIds.contains(m.listId())) {
                problems.add("mailchimp/members.json[" + i + "].list_id: no list '" + m.listId() + "'");
            }
            memberByKey.put(m.listId() + "/" + m.key(), m);
        }
        Map<String, Campaign> campaignById = new HashMap<>();
        for (int i = 0; i < campaigns.size(); i++) {
            Campaign c = campaigns.get(i);
            campaignById.put(c.id(), c);
            if (!listIds.contains(c.listId())) {
                problems.add("mailchimp/campaigns.json[" + i + "].recipients.list_id: no list '" + c.listId() + "'");
            }
        }
        for (int i = 0; i < activity.size(); i++) {
            EmailActivity a = activity.get(i);
            recipientProblem("mailchimp/email_activity.json[" + i + "]", a.campaignId(), a.emailAddress(), a.timestamp(),
                    "timestamp", campaignById, memberByKey).ifPresent(problems::add);
        }
        for (int i = 0; i < unsubscribes.size(); i++) {
            Unsubscribe u = unsubscribes.get(i);
            String at = "mailchimp/unsubscribes.json[" + i + "]";
            recipientProblem(at, u.campaignId(), u.emailAddress(), u.timestamp(), "timestamp", campaignById, memberByKey)
                    .ifPresentOrElse(problems::add, () -> {
                        Member m = memberByKey.get(campaignById.get(u.campaignId()).listId() + "/" + Member.key(u.emailAddress()));
                        if (!"unsubscribed".equals(m.status())) {
                            problems.add(at + ".email_address: member '" + u.emailAddress() + "' has status '" + m.status()
                                    + "', expected 'unsubscribed'");
                        } else if (m.lastChanged().isBefore(u.timestamp())) {
                            problems.add(at + ".timestamp: after the member's last_changed " + MailchimpTime.format(m.lastChanged()));
                        }
                    });
        }
        for (int i = 0; i < abuseReports.size(); i++) {
            AbuseReport a = abuseReports.get(i);
            recipientProblem("mailchimp/abuse_reports.json[" + i + "]", a.campaignId(), a.emailAddress(), a.date(), "date",
                    campaignById, memberByKey).ifPresent(problems::add);
        }
        return problems;
    }

    private static java.util.Optional<String> recipientProblem(String at, String campaignId, String email, Instant when,
                                                               String whenField, Map<String, Campaign> campaigns,
                                                               Map<String, Member> members) {
        Campaign c = campaigns.get(campaignId);
        if (c == null) {
            return java.util.Optional.of(at + ".campaign_id: no campaign '" + campaignId + "'");
        }
        if (!c.isSent()) {
            return java.util.Optional.of(at + ".campaign_id: campaign '" + campaignId + "' was not sent");
        }
        Member m = members.get(c.listId() + "/" + Member.key(email));
        if (m == null) {
            return java.util.Optional.of(at + ".email_address: '" + email + "' is not a member of list " + c.listId());
        }
        if (!MailchimpData.receivedCampaign(m, c)) {
            return java.util.Optional.of(at + ".email_address: '" + email + "' was not subscribed when campaign "
                    + campaignId + " was sent");
        }
        if (when.isBefore(c.sendTime())) {
            return java.util.Optional.of(at + "." + whenField + ": before the campaign's send_time "
                    + MailchimpTime.format(c.sendTime()));
        }
        return java.util.Optional.empty();
    }

    // ------------------------------------------------------------------ writing

    /** The world's records as JSON-ready maps, one entry per file (without {@code .json}), in file order. */
    public Map<String, Object> toFiles() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("apiKey", account.apiKey());
        acc.put("dataCenter", account.dataCenter());
        acc.put("accountName", account.accountName());
        out.put("account", acc);
        out.put("lists", lists.stream().map(MailchimpWorld::listJson).toList());
        out.put("members", members.stream().map(MailchimpWorld::memberJson).toList());
        out.put("campaigns", campaigns.stream().map(MailchimpWorld::campaignJson).toList());
        out.put("email_activity", activity.stream().map(MailchimpWorld::activityJson).toList());
        out.put("unsubscribes", unsubscribes.stream().map(MailchimpWorld::unsubscribeJson).toList());
        out.put("abuse_reports", abuseReports.stream().map(MailchimpWorld::abuseJson).toList());
        return out;
    }

    static Map<String, Object> listJson(Audience l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("name", l.name());
        m.put("date_created", MailchimpTime.format(l.dateCreated()));
        m.put("permission_reminder", l.permissionReminder());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("from_name", l.fromName());
        d.put("from_email", l.fromEmail());
        d.put("subject", l.subject());
        d.put("language", l.language());
        m.put("campaign_defaults", d);
        return m;
    }

    static Map<String, Object> memberJson(Member x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("list_id", x.listId());
        m.put("email_address", x.emailAddress());
        m.put("status", x.status());
        m.put("merge_fields", x.mergeFields());
        m.put("source", x.source());
        if (x.timestampSignup() != null) {
            m.put("timestamp_signup", MailchimpTime.format(x.timestampSignup()));
        }
        if (x.timestampOpt() != null) {
            m.put("timestamp_opt", MailchimpTime.format(x.timestampOpt()));
        }
        m.put("last_changed", MailchimpTime.format(x.lastChanged()));
        m.put("tags", x.tags());
        if (x.unsubscribeReason() != null) {
            m.put("unsubscribe_reason", x.unsubscribeReason());
        }
        m.put("language", x.language());
        m.put("vip", x.vip());
        m.put("member_rating", x.memberRating());
        m.put("ip_signup", x.ipSignup());
        m.put("ip_opt", x.ipOpt());
        return m;
    }

    static Map<String, Object> campaignJson(Campaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("type", c.type());
        m.put("status", c.status());
        m.put("create_time", MailchimpTime.format(c.createTime()));
        if (c.sendTime() != null) {
            m.put("send_time", MailchimpTime.format(c.sendTime()));
        }
        m.put("recipients", Map.of("list_id", c.listId()));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("subject_line", c.subjectLine());
        s.put("preview_text", c.previewText());
        s.put("title", c.title());
        s.put("from_name", c.fromName());
        s.put("reply_to", c.replyTo());
        m.put("settings", s);
        return m;
    }

    static Map<String, Object> activityJson(EmailActivity a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign_id", a.campaignId());
        m.put("email_address", a.emailAddress());
        m.put("action", a.action());
        m.put("timestamp", MailchimpTime.format(a.timestamp()));
        if (a.url() != null) {
            m.put("url", a.url());
        }
        if (a.type() != null) {
            m.put("type", a.type());
        }
        if (a.ip() != null) {
            m.put("ip", a.ip());
        }
        return m;
    }

    static Map<String, Object> unsubscribeJson(Unsubscribe u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign_id", u.campaignId());
        m.put("email_address", u.emailAddress());
        m.put("timestamp", MailchimpTime.format(u.timestamp()));
        m.put("reason", u.reason());
        return m;
    }

    static Map<String, Object> abuseJson(AbuseReport a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("campaign_id", a.campaignId());
        m.put("email_address", a.emailAddress());
        m.put("date", MailchimpTime.format(a.date()));
        return m;
    }

    // ------------------------------------------------------------------ reading

    /** Turns the parsed files into records, collecting every problem with file, index and field. */
    private static final class Reader {
        private final String source;
        final List<String> problems = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        MailchimpWorld read(Map<String, JsonNode> docs) {
            ApiAccount account = docs.containsKey("account.json") ? account(docs.get("account.json")) : ApiAccount.EMPTY_WORLD;
            List<Audience> lists = new ArrayList<>();
            List<Member> members = new ArrayList<>();
            List<Campaign> campaigns = new ArrayList<>();
            List<EmailActivity> activity = new ArrayList<>();
            List<Unsubscribe> unsubscribes = new ArrayList<>();
            List<AbuseReport> abuse = new ArrayList<>();
            each(docs, "lists.json", (r, a) -> lists.add(list(r)));
            each(docs, "members.json", (r, a) -> members.add(member(r)));
            each(docs, "campaigns.json", (r, a) -> campaigns.add(campaign(r)));
            each(docs, "email_activity.json", (r, a) -> activity.add(activity(r)));
            each(docs, "unsubscribes.json", (r, a) -> unsubscribes.add(unsubscribe(r)));
            each(docs, "abuse_reports.json", (r, a) -> abuse.add(abuse(r)));
            unique(lists.stream().map(Audience::id).toList(), "lists.json", "id");
            unique(members.stream().map(m -> m.listId() + " " + m.key()).toList(), "members.json", "email_address");
            unique(campaigns.stream().map(Campaign::id).toList(), "campaigns.json", "id");
            unique(abuse.stream().map(a -> String.valueOf(a.id())).toList(), "abuse_reports.json", "id");
            return new MailchimpWorld(source, account, lists, members, campaigns, activity, unsubscribes, abuse);
        }

        private void unique(List<String> keys, String file, String field) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < keys.size(); i++) {
                if (!seen.add(keys.get(i))) {
                    problems.add("mailchimp/" + file + "[" + i + "]." + field + ": duplicate '" + keys.get(i) + "'");
                }
            }
        }

        private interface RecordReader {
            void read(Rec rec, int index);
        }

        private void each(Map<String, JsonNode> docs, String file, RecordReader reader) {
            JsonNode doc = docs.get(file);
            if (doc == null) {
                return;
            }
            if (!doc.isArray()) {
                problems.add("mailchimp/" + file + ": must be a JSON array of objects");
                return;
            }
            for (int i = 0; i < doc.size(); i++) {
                Rec rec = new Rec("mailchimp/" + file + "[" + i + "]", doc.get(i), problems);
                if (!doc.get(i).isObject()) {
                    problems.add(rec.at + ": must be a JSON object");
                    continue;
                }
                reader.read(rec, i);
                rec.checkNoOtherFields();
            }
        }

        private ApiAccount account(JsonNode doc) {
            Rec r = new Rec("mailchimp/account.json", doc, problems);
            String key = r.text("apiKey", true);
            String dc = r.text("dataCenter", true);
            String name = r.text("accountName", true);
            r.checkNoOtherFields();
            if (key != null) {
                var m = API_KEY.matcher(key);
                if (!m.matches()) {
                    problems.add("mailchimp/account.json.apiKey: must be 32 lower-case hex digits, '-' and the data centre (e.g. -us21)");
                } else if (dc != null && !m.group(1).equals(dc)) {
                    problems.add("mailchimp/account.json.dataCenter: '" + dc + "' but the API key ends in -" + m.group(1));
                }
            }
            return new ApiAccount(key, dc, name);
        }

        private Audience list(Rec r) {
            String id = r.id10("id");
            JsonNode d = r.object("campaign_defaults");
            Rec defaults = new Rec(r.at + ".campaign_defaults", d, problems);
            Audience a = new Audience(id, r.text("name", true), r.time("date_created", true),
                    r.textOr("permission_reminder", ""), defaults.textOr("from_name", ""), defaults.textOr("from_email", ""),
                    defaults.textOr("subject", ""), defaults.textOr("language", "en"));
            defaults.checkNoOtherFields();
            return a;
        }

        private Member member(Rec r) {
            String email = r.text("email_address", true);
            if (email != null && (!email.equals(email.strip()) || email.indexOf('@') <= 0 || email.contains(" "))) {
                problems.add(r.at + ".email_address: '" + email + "' is not an email address Mailchimp would accept");
            }
            String status = r.oneOf("status", Member.STATUSES, true);
            Map<String, Object> merge = new LinkedHashMap<>();
            JsonNode mf = r.object("merge_fields");
            if (mf != null) {
                mf.fields().forEachRemaining(e -> merge.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
                        : e.getValue().asText()));
            }
            List<String> tags = new ArrayList<>();
            JsonNode t = r.take("tags");
            if (t != null) {
                if (!t.isArray()) {
                    problems.add(r.at + ".tags: must be an array of tag names");
                } else {
                    t.forEach(n -> tags.add(n.asText()));
                }
            }
            boolean optedIn = "subscribed".equals(status) || "unsubscribed".equals(status) || "cleaned".equals(status);
            Instant opt = r.time("timestamp_opt", optedIn);
            Instant changed = r.time("last_changed", true);
            if (opt != null && changed != null && changed.isBefore(opt)) {
                problems.add(r.at + ".last_changed: before timestamp_opt");
            }
            String reason = r.textOr("unsubscribe_reason", null);
            return new Member(r.text("list_id", true), email, status, merge, r.textOr("source", "Unknown"),
                    r.time("timestamp_signup", false), opt, changed, tags, reason, r.textOr("language", ""),
                    r.bool("vip"), r.intOr("member_rating", 2), r.textOr("ip_signup", ""), r.textOr("ip_opt", ""));
        }

        private Campaign campaign(Rec r) {
            String id = r.id10("id");
            String status = r.oneOf("status", Campaign.STATUSES, true);
            String type = r.oneOf("type", Campaign.TYPES, false);
            Instant created = r.time("create_time", true);
            boolean sent = "sent".equals(status) || "sending".equals(status);
            Instant sendTime = r.time("send_time", sent);
            if (sendTime != null && created != null && sendTime.isBefore(created)) {
                problems.add(r.at + ".send_time: before create_time");
            }
            Rec recipients = new Rec(r.at + ".recipients", r.object("recipients"), problems);
            String listId = recipients.text("list_id", true);
            recipients.checkNoOtherFields();
            Rec s = new Rec(r.at + ".settings", r.object("settings"), problems);
            Campaign c = new Campaign(id, type == null ? "regular" : type, status, listId, created, sendTime,
                    s.text("subject_line", sent), s.textOr("preview_text", ""), s.textOr("title", ""),
                    s.textOr("from_name", ""), s.textOr("reply_to", ""));
            s.checkNoOtherFields();
            return c;
        }

        private EmailActivity activity(Rec r) {
            String action = r.oneOf("action", EmailActivity.ACTIONS, true);
            String url = r.textOr("url", null);
            String type = r.textOr("type", null);
            if ("click".equals(action) && url == null) {
                problems.add(r.at + ".url: required for a click");
            }
            if (!"click".equals(action) && url != null) {
                problems.add(r.at + ".url: only clicks have a url");
            }
            if ("bounce".equals(action) && !("hard".equals(type) || "soft".equals(type))) {
                problems.add(r.at + ".type: a bounce needs type 'hard' or 'soft'");
            }
            if (!"bounce".equals(action) && type != null) {
                problems.add(r.at + ".type: only bounces have a type");
            }
            return new EmailActivity(r.text("campaign_id", true), r.text("email_address", true), action,
                    r.time("timestamp", true), url, type, r.textOr("ip", null));
        }

        private Unsubscribe unsubscribe(Rec r) {
            return new Unsubscribe(r.text("campaign_id", true), r.text("email_address", true), r.time("timestamp", true),
                    r.textOr("reason", "N/A"));
        }

        private AbuseReport abuse(Rec r) {
            return new AbuseReport(r.intOr("id", 0), r.text("campaign_id", true), r.text("email_address", true),
                    r.time("date", true));
        }
    }

    /** One JSON object being read: remembers which fields were used so that unknown ones are reported. */
    private static final class Rec {
        final String at;
        final JsonNode node;
        final List<String> problems;
        final Set<String> used = new HashSet<>();

        Rec(String at, JsonNode node, List<String> problems) {
            this.at = at;
            this.node = node == null ? JSON.createObjectNode() : node;
            this.problems = problems;
        }

        JsonNode take(String field) {
            used.add(field);
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v;
        }

        String text(String field, boolean required) {
            JsonNode v = take(field);
            if (v == null || (v.isTextual() && v.asText().isEmpty())) {
                if (required) {
                    problems.add(at + "." + field + ": required");
                }
                return null;
            }
            if (!v.isTextual()) {
                problems.add(at + "." + field + ": must be a string");
                return null;
            }
            return v.asText();
        }

        String textOr(String field, String fallback) {
            JsonNode v = take(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isTextual()) {
                problems.add(at + "." + field + ": must be a string");
                return fallback;
            }
            return v.asText();
        }

        String id10(String field) {
            String id = text(field, true);
            if (id != null && !ID10.matcher(id).matches()) {
                problems.add(at + "." + field + ": '" + id + "' is not 10 lower-case hex digits (Mailchimp's id form)");
            }
            return id;
        }

        String oneOf(String field, List<String> allowed, boolean required) {
            String v = text(field, required);
            if (v != null && !allowed.contains(v)) {
                problems.add(at + "." + field + ": '" + v + "' is not one of " + allowed);
            }
            return v;
        }

        Instant time(String field, boolean required) {
            String v = text(field, required);
            if (v == null) {
                return null;
            }
            try {
                return MailchimpTime.parse(v);
            } catch (DateTimeParseException e) {
                problems.add(at + "." + field + ": '" + v + "' is not an ISO 8601 date-time with offset");
                return null;
            }
        }

        boolean bool(String field) {
            JsonNode v = take(field);
            if (v != null && !v.isBoolean()) {
                problems.add(at + "." + field + ": must be true or false");
            }
            return v != null && v.asBoolean();
        }

        int intOr(String field, int fallback) {
            JsonNode v = take(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isIntegralNumber()) {
                problems.add(at + "." + field + ": must be a whole number");
                return fallback;
            }
            return v.asInt();
        }

        JsonNode object(String field) {
            JsonNode v = take(field);
            if (v != null && !v.isObject()) {
                problems.add(at + "." + field + ": must be a JSON object");
                return null;
            }
            return v;
        }

        void checkNoOtherFields() {
            node.fieldNames().forEachRemaining(f -> {
                if (!used.contains(f)) {
                    problems.add(at + "." + f + ": unknown field");
                }
            });
        }
    }
}
