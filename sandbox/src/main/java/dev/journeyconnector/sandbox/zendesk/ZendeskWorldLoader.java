package dev.journeyconnector.sandbox.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks the {@code zendesk/} files of a world directory or classpath folder:
 * <pre>
 * zendesk/account.json              {"subdomain", "agentEmail", "apiToken", "oauthToken",
 *                                    "incrementalExportsPerMinute": 10, "brandId", "ticketFormId"}
 * zendesk/groups.json               [group, ...]          Zendesk's group objects
 * zendesk/users.json                [user, ...]           Zendesk's user objects (agents and end users)
 * zendesk/tickets.json              [ticket, ...]         Zendesk's ticket objects
 * zendesk/ticket_metrics.json       [ticket_metric, ...]  one per ticket at most
 * zendesk/ticket_events.json        [ticket_event, ...]   audits with child_events, as the incremental export serves them
 * zendesk/satisfaction_ratings.json [satisfaction_rating, ...]
 * </pre>
 * A world without {@code zendesk/account.json} and without other Zendesk files has an empty help desk with the
 * default sandbox account. Every problem is collected (file, index, field) and thrown in one {@link WorldException}.
 */
public final class ZendeskWorldLoader {
    static final String ACCOUNT = "zendesk/account.json";
    static final String GROUPS = "zendesk/groups.json";
    static final String USERS = "zendesk/users.json";
    static final String TICKETS = "zendesk/tickets.json";
    static final String METRICS = "zendesk/ticket_metrics.json";
    static final String EVENTS = "zendesk/ticket_events.json";
    static final String RATINGS = "zendesk/satisfaction_ratings.json";
    private static final List<String> RECORD_FILES = List.of(GROUPS, USERS, TICKETS, METRICS, EVENTS, RATINGS);

    static final Set<String> ROLES = Set.of("end-user", "agent", "admin");
    static final Set<String> STATUSES = Set.of("new", "open", "pending", "hold", "solved", "closed", "deleted");
    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    static final Set<String> TYPES = Set.of("problem", "incident", "question", "task");
    static final Set<String> SCORES = Set.of("offered", "unoffered", "good", "bad");
    static final Set<String> CHILD_EVENT_TYPES = Set.of("Create", "Change", "Comment", "Notification", "SatisfactionRating");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Source source;
    private final List<String> problems = new ArrayList<>();

    private ZendeskWorldLoader(Source source) {
        this.source = source;
    }

    public static ZendeskWorld fromDirectory(Path dir) {
        return new ZendeskWorldLoader(new Source.Directory(dir)).load();
    }

    /** e.g. {@code worlds/demo}. */
    public static ZendeskWorld fromClasspath(String folder) {
        return new ZendeskWorldLoader(new Source.Classpath(folder)).load();
    }

    private ZendeskWorld load() {
        boolean anyFile = source.exists(ACCOUNT) || RECORD_FILES.stream().anyMatch(source::exists);
        if (!anyFile) {
            return ZendeskWorld.empty(source.describe());
        }
        ZendeskWorld.Account account = readAccount();
        List<ObjectNode> groups = readArray(GROUPS);
        List<ObjectNode> users = readArray(USERS);
        List<ObjectNode> tickets = readArray(TICKETS);
        List<ObjectNode> metrics = readArray(METRICS);
        List<ObjectNode> events = readArray(EVENTS);
        List<ObjectNode> ratings = readArray(RATINGS);
        new Checks(problems).run(account, groups, users, tickets, metrics, events, ratings);
        if (!problems.isEmpty()) {
            throw new WorldException(source.describe(), problems);
        }
        return new ZendeskWorld(source.describe(), account, groups, users, tickets, metrics, events, ratings);
    }

    private ZendeskWorld.Account readAccount() {
        JsonNode a = readJson(ACCOUNT, true);
        if (a == null) {
            return ZendeskWorld.Account.DEFAULT;
        }
        for (String key : List.of("subdomain", "agentEmail", "apiToken", "oauthToken")) {
            if (!a.path(key).isTextual() || a.path(key).asText().isBlank()) {
                problems.add(ACCOUNT + ": " + key + " is required (a non-empty string)");
            }
        }
        int perMinute = a.path("incrementalExportsPerMinute").asInt(10);
        if (perMinute < 1) {
            problems.add(ACCOUNT + ": incrementalExportsPerMinute must be at least 1");
        }
        return new ZendeskWorld.Account(a.path("subdomain").asText(), a.path("agentEmail").asText(),
                a.path("apiToken").asText(), a.path("oauthToken").asText(), perMinute,
                a.hasNonNull("brandId") ? a.get("brandId").asLong() : null,
                a.hasNonNull("ticketFormId") ? a.get("ticketFormId").asLong() : null);
    }

    private List<ObjectNode> readArray(String file) {
        JsonNode doc = readJson(file, false);
        List<ObjectNode> out = new ArrayList<>();
        if (doc == null) {
            return out;
        }
        if (!doc.isArray()) {
            problems.add(file + ": must be a JSON array of objects");
            return out;
        }
        for (int i = 0; i < doc.size(); i++) {
            if (doc.get(i) instanceof ObjectNode o) {
                out.add(o);
            } else {
                problems.add(file + "[" + i + "]: must be a JSON object");
            }
        }
        return out;
    }

    private JsonNode readJson(String file, boolean required) {
        try (InputStream in = source.open(file)) {
            if (in == null) {
                if (required) {
                    problems.add(file + ": not found in " + source.describe() + " (required when the world has zendesk/ files)");
                }
                return null;
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            problems.add(file + ": not valid JSON: " + e.getMessage());
            return null;
        }
    }

    /** Record-level checks; each problem names file, index and field. */
    private static final class Checks {
        private final List<String> problems;

        Checks(List<String> problems) {
            this.problems = problems;
        }

        void run(ZendeskWorld.Account account, List<ObjectNode> groups, List<ObjectNode> users, List<ObjectNode> tickets,
                 List<ObjectNode> metrics, List<ObjectNode> events, List<ObjectNode> ratings) {
            Set<Long> groupIds = ids(GROUPS, groups);
            Map<Long, String> roles = new HashMap<>();
            Set<String> emails = new HashSet<>();
            Set<Long> userIds = ids(USERS, users);
            for (int i = 0; i < users.size(); i++) {
                ObjectNode u = users.get(i);
                String at = USERS + "[" + i + "]";
                text(at, u, "name", true);
                String role = text(at, u, "role", true);
                if (role != null && !ROLES.contains(role)) {
                    problems.add(at + ".role: '" + role + "' is not one of " + new java.util.TreeSet<>(ROLES));
                }
                roles.put(u.path("id").asLong(), role);
                String email = text(at, u, "email", false);
                if (email != null && !emails.add(email.trim().toLowerCase(java.util.Locale.ROOT))) {
                    problems.add(at + ".email: '" + email + "' belongs to another user too (Zendesk emails are unique)");
                }
                timestamps(at, u);
                ref(at, u, "default_group_id", groupIds, "group");
            }
            if (users.stream().noneMatch(u -> account.agentEmail().equalsIgnoreCase(u.path("email").asText())
                    && !"end-user".equals(u.path("role").asText()))) {
                problems.add(ACCOUNT + ": agentEmail '" + account.agentEmail() + "' must be the email of an agent or admin in " + USERS);
            }
            Set<Long> ticketIds = ids(TICKETS, tickets);
            for (int i = 0; i < tickets.size(); i++) {
                ObjectNode t = tickets.get(i);
                String at = TICKETS + "[" + i + "]";
                text(at, t, "subject", true);
                oneOf(at, t, "status", STATUSES, true);
                oneOf(at, t, "priority", PRIORITIES, false);
                oneOf(at, t, "type", TYPES, false);
                if (!t.path("via").path("channel").isTextual()) {
                    problems.add(at + ".via.channel: required (e.g. \"email\", \"web\", \"chat\")");
                }
                timestamps(at, t);
                ref(at, t, "requester_id", userIds, "user");
                ref(at, t, "submitter_id", userIds, "user");
                if (!t.hasNonNull("requester_id")) {
                    problems.add(at + ".requester_id: required");
                }
                ref(at, t, "group_id", groupIds, "group");
                if (t.hasNonNull("assignee_id")) {
                    String role = roles.get(t.get("assignee_id").asLong());
                    if (role == null) {
                        problems.add(at + ".assignee_id: no user with id " + t.get("assignee_id"));
                    } else if (role.equals("end-user")) {
                        problems.add(at + ".assignee_id: user " + t.get("assignee_id") + " is an end-user, not an agent");
                    }
                }
                if (t.has("tags") && !t.get("tags").isArray()) {
                    problems.add(at + ".tags: must be an array of strings");
                }
            }
            ids(METRICS, metrics);
            Set<Long> measured = new HashSet<>();
            for (int i = 0; i < metrics.size(); i++) {
                ObjectNode m = metrics.get(i);
                String at = METRICS + "[" + i + "]";
                ref(at, m, "ticket_id", ticketIds, "ticket");
                if (!measured.add(m.path("ticket_id").asLong())) {
                    problems.add(at + ".ticket_id: ticket " + m.path("ticket_id") + " has more than one metric set");
                }
                timestamps(at, m);
            }
            Set<Long> eventIds = ids(EVENTS, events);
            for (int i = 0; i < events.size(); i++) {
                ObjectNode e = events.get(i);
                String at = EVENTS + "[" + i + "]";
                ref(at, e, "ticket_id", ticketIds, "ticket");
                ref(at, e, "updater_id", userIds, "user");
                instant(at, e, "created_at", true);
                if (!"Audit".equals(e.path("event_type").asText("Audit"))) {
                    problems.add(at + ".event_type: only \"Audit\" is served");
                }
                JsonNode children = e.path("child_events");
                if (!children.isArray()) {
                    problems.add(at + ".child_events: required (an array)");
                    continue;
                }
                for (int c = 0; c < children.size(); c++) {
                    JsonNode child = children.get(c);
                    String cat = at + ".child_events[" + c + "]";
                    if (!child.path("id").canConvertToLong() || !eventIds.add(child.path("id").asLong())) {
                        problems.add(cat + ".id: required, unique among events and child events");
                    }
                    String type = child.path("event_type").asText();
                    if (!CHILD_EVENT_TYPES.contains(type)) {
                        problems.add(cat + ".event_type: '" + type + "' is not one of " + new java.util.TreeSet<>(CHILD_EVENT_TYPES));
                    }
                    if ((type.equals("Create") || type.equals("Change")) && !child.path("field_name").isTextual()) {
                        problems.add(cat + ".field_name: required on " + type + " events");
                    }
                    if (type.equals("Comment")) {
                        if (!child.path("body").isTextual()) {
                            problems.add(cat + ".body: required on Comment events");
                        }
                        if (!child.path("public").isBoolean()) {
                            problems.add(cat + ".public: required on Comment events (true or false)");
                        }
                        if (!userIds.contains(child.path("author_id").asLong())) {
                            problems.add(cat + ".author_id: no user with id " + child.path("author_id"));
                        }
                    }
                }
            }
            ids(RATINGS, ratings);
            for (int i = 0; i < ratings.size(); i++) {
                ObjectNode r = ratings.get(i);
                String at = RATINGS + "[" + i + "]";
                ref(at, r, "ticket_id", ticketIds, "ticket");
                ref(at, r, "requester_id", userIds, "user");
                ref(at, r, "assignee_id", userIds, "user");
                ref(at, r, "group_id", groupIds, "group");
                oneOf(at, r, "score", SCORES, true);
                timestamps(at, r);
            }
        }

        private Set<Long> ids(String file, List<ObjectNode> records) {
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                JsonNode id = records.get(i).get("id");
                if (id == null || !id.canConvertToLong() || id.asLong() <= 0) {
                    problems.add(file + "[" + i + "].id: required, a positive integer");
                } else if (!ids.add(id.asLong())) {
                    problems.add(file + "[" + i + "].id: " + id + " is used twice");
                }
            }
            return ids;
        }

        private String text(String at, JsonNode o, String field, boolean required) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
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

        private void oneOf(String at, JsonNode o, String field, Set<String> allowed, boolean required) {
            String v = text(at, o, field, required);
            if (v != null && !allowed.contains(v)) {
                problems.add(at + "." + field + ": '" + v + "' is not one of " + new java.util.TreeSet<>(allowed));
            }
        }

        private Instant instant(String at, JsonNode o, String field, boolean required) {
            String v = text(at, o, field, required);
            if (v == null) {
                return null;
            }
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                problems.add(at + "." + field + ": '" + v + "' is not an ISO-8601 UTC time like 2026-06-01T09:30:00Z");
                return null;
            }
        }

        private void timestamps(String at, JsonNode o) {
            Instant created = instant(at, o, "created_at", true);
            Instant updated = instant(at, o, "updated_at", true);
            if (created != null && updated != null && updated.isBefore(created)) {
                problems.add(at + ".updated_at: before created_at");
            }
        }

        private void ref(String at, JsonNode o, String field, Set<Long> targets, String what) {
            JsonNode v = o.get(field);
            if (v != null && !v.isNull() && !targets.contains(v.asLong())) {
                problems.add(at + "." + field + ": no " + what + " with id " + v);
            }
        }
    }

    private interface Source {
        InputStream open(String relative) throws IOException;

        boolean exists(String relative);

        String describe();

        record Directory(Path dir) implements Source {
            @Override
            public InputStream open(String relative) throws IOException {
                Path p = dir.resolve(relative);
                return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
            }

            @Override
            public boolean exists(String relative) {
                return Files.isRegularFile(dir.resolve(relative));
            }

            @Override
            public String describe() {
                return dir.toString();
            }
        }

        record Classpath(String folder) implements Source {
            @Override
            public InputStream open(String relative) {
                return ZendeskWorldLoader.class.getClassLoader().getResourceAsStream(folder + "/" + relative);
            }

            @Override
            public boolean exists(String relative) {
                return ZendeskWorldLoader.class.getClassLoader().getResource(folder + "/" + relative) != null;
            }

            @Override
            public String describe() {
                return "classpath:" + folder;
            }
        }
    }
}
