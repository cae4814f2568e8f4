package dev.journeyconnector.sandbox.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * One Zendesk account's records in memory, in Zendesk's JSON shapes, and the changes tests make to them. Every
 * change is stamped with a time from the clock that never runs backwards and never repeats a second (so a stored
 * export cursor always sees later changes), records a ticket audit like Zendesk does, and keeps the ticket's
 * metric set up to date. Not thread-safe on its own: the simulator synchronises on it.
 */
final class HelpDesk {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Zendesk's ticket fields in the order the API serves them; url, satisfaction_rating and fields are filled when served. */
    private static final List<String> TICKET_FIELDS = List.of("url", "id", "external_id", "via", "created_at", "updated_at",
            "type", "subject", "raw_subject", "description", "priority", "status", "recipient", "requester_id",
            "submitter_id", "assignee_id", "organization_id", "group_id", "collaborator_ids", "follower_ids",
            "email_cc_ids", "forum_topic_id", "problem_id", "has_incidents", "is_public", "due_at", "tags",
            "custom_fields", "satisfaction_rating", "sharing_agreement_ids", "custom_status_id", "fields", "followup_ids", "ticket_form_id",
            "brand_id", "allow_channelback", "allow_attachments", "from_messaging_channel", "generated_timestamp");
    private static final List<String> USER_FIELDS = List.of("url", "id", "name", "email", "created_at", "updated_at",
            "time_zone", "iana_time_zone", "phone", "shared_phone_number", "photo", "locale_id", "locale",
            "organization_id", "role", "verified", "external_id", "tags", "alias", "active", "shared", "shared_agent",
            "last_login_at", "two_factor_auth_enabled", "signature", "details", "notes", "role_type", "custom_role_id",
            "moderator", "ticket_restriction", "only_private_comments", "restricted_agent", "suspended",
            "default_group_id", "report_csv", "user_fields");
    private static final List<String> GROUP_FIELDS = List.of("url", "id", "is_public", "name", "description", "default",
            "deleted", "created_at", "updated_at");
    private static final List<String> METRIC_FIELDS = List.of("url", "id", "ticket_id", "created_at", "updated_at",
            "group_stations", "assignee_stations", "reopens", "replies", "assignee_updated_at", "requester_updated_at",
            "status_updated_at", "initially_assigned_at", "assigned_at", "solved_at", "latest_comment_added_at",
            "reply_time_in_minutes", "first_resolution_time_in_minutes", "full_resolution_time_in_minutes",
            "agent_wait_time_in_minutes", "requester_wait_time_in_minutes", "on_hold_time_in_minutes",
            "custom_status_updated_at");
    private static final List<String> EVENT_FIELDS = List.of("id", "ticket_id", "timestamp", "created_at", "updater_id",
            "via", "via_reference_id", "system", "event_type", "child_events");
    private static final List<String> RATING_FIELDS = List.of("url", "id", "assignee_id", "group_id", "requester_id",
            "ticket_id", "score", "created_at", "updated_at", "comment");
    /** Ticket fields whose changes an audit records as Change events. */
    private static final List<String> AUDITED = List.of("status", "priority", "type", "group_id", "assignee_id",
            "subject", "requester_id", "tags");

    private final ZendeskWorld.Account account;
    private final Clock clock;
    private final TreeMap<Long, ObjectNode> groups = new TreeMap<>();
    private final TreeMap<Long, ObjectNode> users = new TreeMap<>();
    private final TreeMap<Long, ObjectNode> tickets = new TreeMap<>();
    private final Map<Long, ObjectNode> metrics = new HashMap<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private final TreeMap<Long, ObjectNode> ratings = new TreeMap<>();
    private final Map<Long, Long> ratingByTicket = new HashMap<>();
    private long nextTicketId = 1;
    private long nextUserId = 1;
    private long nextEventId = 1;
    private long nextRatingId = 1;
    private long nextMetricId = 1;
    private long lastStamp;

    private HelpDesk(ZendeskWorld.Account account, Clock clock) {
        this.account = account;
        this.clock = clock;
    }

    /** A help desk holding the world's records, completed with Zendesk's defaults for fields the files leave out. */
    static HelpDesk fromWorld(ZendeskWorld world, Clock clock) {
        return fromRecords(world.account(), clock, world.groups(), world.users(), world.tickets(), world.ticketMetrics(),
                world.ticketEvents(), world.satisfactionRatings());
    }

    static HelpDesk fromRecords(ZendeskWorld.Account account, Clock clock, List<ObjectNode> groups, List<ObjectNode> users,
                                List<ObjectNode> tickets, List<ObjectNode> metricSets, List<ObjectNode> ticketEvents,
                                List<ObjectNode> satisfactionRatings) {
        HelpDesk d = new HelpDesk(account, clock);
        groups.forEach(g -> d.groups.put(g.get("id").asLong(), d.completeGroup(g)));
        users.forEach(u -> d.users.put(u.get("id").asLong(), d.completeUser(u)));
        tickets.forEach(t -> d.tickets.put(t.get("id").asLong(), d.completeTicket(t)));
        metricSets.forEach(m -> d.metrics.put(m.get("ticket_id").asLong(), complete(m, METRIC_FIELDS, d::metricDefault)));
        ticketEvents.forEach(e -> d.events.add(d.completeEvent(e)));
        satisfactionRatings.forEach(r -> {
            ObjectNode rating = complete(r, RATING_FIELDS, f -> NullNode.getInstance());
            d.ratings.put(rating.get("id").asLong(), rating);
            d.ratingByTicket.put(rating.get("ticket_id").asLong(), rating.get("id").asLong());
        });
        d.events.sort(Comparator.comparingLong((ObjectNode e) -> e.get("timestamp").asLong()).thenComparingLong(e -> e.get("id").asLong()));
        d.nextTicketId = d.tickets.isEmpty() ? 1 : d.tickets.lastKey() + 1;
        d.nextUserId = d.users.isEmpty() ? 1 : d.users.lastKey() + 1;
        d.nextRatingId = d.ratings.isEmpty() ? 1 : d.ratings.lastKey() + 1;
        d.nextMetricId = d.metrics.values().stream().mapToLong(m -> m.get("id").asLong()).max().orElse(0) + 1;
        long maxEventId = 0;
        for (ObjectNode e : d.events) {
            maxEventId = Math.max(maxEventId, e.get("id").asLong());
            for (JsonNode c : e.path("child_events")) {
                maxEventId = Math.max(maxEventId, c.path("id").asLong());
            }
        }
        d.nextEventId = maxEventId + 1;
        for (ObjectNode t : d.tickets.values()) {
            if (!d.metrics.containsKey(t.get("id").asLong())) {
                d.metrics.put(t.get("id").asLong(), d.newMetricSet(t));
            }
            d.lastStamp = Math.max(d.lastStamp, t.get("generated_timestamp").asLong());
        }
        d.users.values().forEach(u -> d.lastStamp = Math.max(d.lastStamp, epoch(u, "updated_at")));
        d.events.forEach(e -> d.lastStamp = Math.max(d.lastStamp, e.get("timestamp").asLong()));
        d.ratings.values().forEach(r -> d.lastStamp = Math.max(d.lastStamp, epoch(r, "updated_at")));
        return d;
    }

    ZendeskWorld.Account account() {
        return account;
    }

    // ---- reading ----

    Optional<ObjectNode> userByEmail(String email) {
        return users.values().stream().filter(u -> email != null && email.equalsIgnoreCase(u.path("email").asText())).findFirst();
    }

    Optional<ObjectNode> ticket(long id) {
        return Optional.ofNullable(tickets.get(id));
    }

    Optional<ObjectNode> user(long id) {
        return Optional.ofNullable(users.get(id));
    }

    Optional<ObjectNode> metricSet(long ticketId) {
        return Optional.ofNullable(metrics.get(ticketId));
    }

    Optional<ObjectNode> ratingOf(long ticketId) {
        Long id = ratingByTicket.get(ticketId);
        return id == null ? Optional.empty() : Optional.of(ratings.get(id));
    }

    int ticketCount() {
        return tickets.size();
    }

    List<ObjectNode> groups() {
        return List.copyOf(groups.values());
    }

    List<ObjectNode> users() {
        return List.copyOf(users.values());
    }

    List<ObjectNode> tickets() {
        return List.copyOf(tickets.values());
    }

    List<ObjectNode> metricSets() {
        return metrics.values().stream().sorted(Comparator.comparingLong(m -> m.get("ticket_id").asLong())).toList();
    }

    List<ObjectNode> ticketEvents() {
        return List.copyOf(events);
    }

    List<ObjectNode> satisfactionRatings() {
        return List.copyOf(ratings.values());
    }

    /** Up to {@code limit} + 1 tickets after the cursor, in export order (generated_timestamp, then id). */
    List<ObjectNode> ticketsAfter(ExportCursor cursor, int limit) {
        return after(tickets.values(), cursor, limit, t -> t.get("generated_timestamp").asLong());
    }

    /** Up to {@code limit} + 1 users after the cursor, in export order (updated_at, then id). */
    List<ObjectNode> usersAfter(ExportCursor cursor, int limit) {
        return after(users.values(), cursor, limit, u -> epoch(u, "updated_at"));
    }

    private static List<ObjectNode> after(Iterable<ObjectNode> records, ExportCursor cursor, int limit, ToLongFunction<ObjectNode> ts) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : records) {
            if (cursor.precedes(ts.applyAsLong(r), r.get("id").asLong())) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingLong(ts).thenComparingLong(r -> r.get("id").asLong()));
        return out.size() > limit + 1 ? out.subList(0, limit + 1) : out;
    }

    static long exportTimestamp(ObjectNode record) {
        return record.has("generated_timestamp") ? record.get("generated_timestamp").asLong() : epoch(record, "updated_at");
    }

    /** Ticket events with timestamp at or after {@code startTime}, in time order. */
    List<ObjectNode> eventsFrom(long startTime) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode e : events) {
            if (e.get("timestamp").asLong() >= startTime) {
                out.add(e);
            }
        }
        return out;
    }

    /** Ratings updated in [startTime, endTime) with the score (null: any), after the rating id {@code afterId}, by id. */
    List<ObjectNode> ratings(Long startTime, Long endTime, String score, long afterId) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : ratings.tailMap(afterId, false).values()) {
            long updated = epoch(r, "updated_at");
            if ((startTime == null || updated >= startTime) && (endTime == null || updated < endTime)
                    && (score == null || score.equals(r.get("score").asText()))) {
                out.add(r);
            }
        }
        return out;
    }

    // ---- changing ----

    /**
     * Creates a ticket from Zendesk ticket fields ({@code subject}, {@code description}, {@code requester_id},
     * {@code via}, {@code status}, ...; {@code id} and timestamps are assigned), with a Create audit and a metric set.
     */
    ObjectNode createTicket(Map<String, ?> fields) {
        ObjectNode in = JSON.valueToTree(fields);
        long requester = in.path("requester_id").asLong(0);
        if (!users.containsKey(requester)) {
            throw new IllegalArgumentException("requester_id " + in.get("requester_id") + " is not a user");
        }
        Instant now = stamp();
        long id = nextTicketId++;
        in.put("id", id);
        in.put("created_at", now.toString());
        in.put("updated_at", now.toString());
        in.remove("generated_timestamp");
        if (!in.hasNonNull("status")) {
            in.put("status", in.hasNonNull("assignee_id") ? "open" : "new");
        }
        if (!in.hasNonNull("subject")) {
            in.put("subject", "(no subject)");
        }
        ObjectNode ticket = completeTicket(in);
        tickets.put(id, ticket);
        metrics.put(id, newMetricSet(ticket));
        ArrayNode children = F.arrayNode();
        for (String field : AUDITED) {
            if (ticket.hasNonNull(field) && !(ticket.get(field).isArray() && ticket.get(field).isEmpty())) {
                children.add(childEvent("Create", field, ticket.get(field), null));
            }
        }
        children.add(comment(ticket.path("description").asText(), true, requester));
        addAudit(ticket, ticket.path("submitter_id").asLong(requester), now, children);
        return ticket;
    }

    /**
     * Changes a ticket like an agent or trigger would: any ticket fields, plus {@code "comment": {"body", "public",
     * "author_id"}}. Records a Change event per changed field, updates the metric set and the ticket's updated_at.
     */
    ObjectNode updateTicket(long id, Map<String, ?> changes) {
        ObjectNode ticket = ticket(id).orElseThrow(() -> new IllegalArgumentException("no ticket " + id));
        ObjectNode in = JSON.valueToTree(changes);
        Instant now = stamp();
        ObjectNode metric = metrics.computeIfAbsent(id, k -> newMetricSet(ticket));
        ArrayNode children = F.arrayNode();
        long updater = in.path("updater_id").asLong(ticket.path("assignee_id").asLong(ticket.path("requester_id").asLong()));
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> change = it.next();
            String field = change.getKey();
            if (field.equals("comment") || field.equals("updater_id") || field.equals("id")) {
                continue;
            }
            JsonNode before = ticket.get(field);
            if (before != null && before.equals(change.getValue())) {
                continue;
            }
            ticket.set(field, change.getValue());
            if (field.equals("subject")) {
                ticket.set("raw_subject", change.getValue());
            }
            if (AUDITED.contains(field)) {
                children.add(childEvent("Change", field, change.getValue(), before == null ? NullNode.getInstance() : before));
                measureChange(ticket, metric, field, before, change.getValue(), now);
            }
        }
        if (in.has("comment")) {
            JsonNode c = in.get("comment");
            long author = c.path("author_id").asLong(updater);
            boolean isPublic = c.path("public").asBoolean(true);
            children.add(comment(c.path("body").asText(), isPublic, author));
            measureComment(ticket, metric, author, isPublic, now);
        }
        ticket.put("updated_at", now.toString());
        ticket.put("generated_timestamp", now.getEpochSecond());
        metric.put("updated_at", now.toString());
        addAudit(ticket, updater, now, children);
        return ticket;
    }

    /** Deletes a ticket the way the export shows it: it stays, with status "deleted". */
    ObjectNode deleteTicket(long id) {
        return updateTicket(id, Map.of("status", "deleted"));
    }

    /**
     * Adds {@code count} plain tickets quickly (for call-count tests on big accounts): new, via the API, from the
     * existing end users in turn, all stamped with one time. They get metric sets but no audits.
     */
    List<Long> generateTickets(int count) {
        List<Long> requesters = users.values().stream().filter(u -> "end-user".equals(u.path("role").asText()))
                .map(u -> u.get("id").asLong()).toList();
        if (requesters.isEmpty()) {
            requesters = List.of(createUser(Map.of("name", "Generated Requester", "email", "generated.requester@example.com",
                    "role", "end-user")).get("id").asLong());
        }
        Instant now = stamp();
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = nextTicketId++;
            ObjectNode in = F.objectNode();
            in.put("id", id);
            in.set("via", via("api"));
            in.put("created_at", now.toString());
            in.put("updated_at", now.toString());
            in.put("subject", "Generated ticket " + id);
            in.put("description", "Generated for a volume test.");
            in.put("status", "new");
            in.put("requester_id", requesters.get(i % requesters.size()));
            ObjectNode ticket = completeTicket(in);
            tickets.put(id, ticket);
            metrics.put(id, newMetricSet(ticket));
            ids.add(id);
        }
        return ids;
    }

    /** Adds a user ({@code name}, {@code email}, {@code role}, {@code external_id}, ...). */
    ObjectNode createUser(Map<String, ?> fields) {
        ObjectNode in = JSON.valueToTree(fields);
        if (in.hasNonNull("email") && userByEmail(in.get("email").asText()).isPresent()) {
            throw new IllegalArgumentException("Email " + in.get("email").asText() + " is already being used by another user");
        }
        Instant now = stamp();
        in.put("id", nextUserId++);
        in.put("created_at", now.toString());
        in.put("updated_at", now.toString());
        if (!in.hasNonNull("role")) {
            in.put("role", "end-user");
        }
        ObjectNode user = completeUser(in);
        users.put(user.get("id").asLong(), user);
        return user;
    }

    ObjectNode updateUser(long id, Map<String, ?> changes) {
        ObjectNode user = user(id).orElseThrow(() -> new IllegalArgumentException("no user " + id));
        ObjectNode in = JSON.valueToTree(changes);
        in.remove(List.of("id", "created_at", "updated_at"));
        user.setAll(in);
        user.put("updated_at", stamp().toString());
        return user;
    }

    /** The requester rates the ticket ({@code good}, {@code bad}, or {@code offered} when the survey was sent). */
    ObjectNode rateTicket(long ticketId, String score, String comment) {
        ObjectNode ticket = ticket(ticketId).orElseThrow(() -> new IllegalArgumentException("no ticket " + ticketId));
        if (!ZendeskWorldLoader.SCORES.contains(score)) {
            throw new IllegalArgumentException("score must be one of " + ZendeskWorldLoader.SCORES);
        }
        Instant now = stamp();
        ObjectNode rating = ratingOf(ticketId).orElse(null);
        if (rating == null) {
            rating = F.objectNode();
            rating.put("id", nextRatingId++);
            rating.set("assignee_id", ticket.get("assignee_id"));
            rating.set("group_id", ticket.get("group_id"));
            rating.set("requester_id", ticket.get("requester_id"));
            rating.put("ticket_id", ticketId);
            rating.put("created_at", now.toString());
            rating = complete(rating, RATING_FIELDS, f -> NullNode.getInstance());
            ratings.put(rating.get("id").asLong(), rating);
            ratingByTicket.put(ticketId, rating.get("id").asLong());
        }
        rating.put("score", score);
        rating.put("comment", comment);
        rating.put("updated_at", now.toString());
        ticket.put("updated_at", now.toString());
        ticket.put("generated_timestamp", now.getEpochSecond());
        ArrayNode children = F.arrayNode();
        ObjectNode event = childEvent("SatisfactionRating", "satisfaction_rating", F.textNode(score), null);
        event.put("body", comment);
        children.add(event);
        addAudit(ticket, ticket.get("requester_id").asLong(), now, children);
        return rating;
    }

    // ---- metrics ----

    private void measureChange(ObjectNode ticket, ObjectNode m, String field, JsonNode before, JsonNode after, Instant now) {
        String at = now.toString();
        switch (field) {
            case "group_id" -> m.put("group_stations", m.path("group_stations").asInt() + 1);
            case "assignee_id" -> {
                m.put("assignee_stations", m.path("assignee_stations").asInt() + 1);
                m.put("assigned_at", at);
                m.put("assignee_updated_at", at);
                if (m.path("initially_assigned_at").isNull()) {
                    m.put("initially_assigned_at", at);
                }
            }
            case "status" -> {
                m.put("status_updated_at", at);
                m.put("custom_status_updated_at", at);
                String was = before == null ? "" : before.asText();
                String is = after.asText();
                if (is.equals("solved") || is.equals("closed")) {
                    m.put("solved_at", at);
                    long minutes = minutesSince(ticket, now);
                    if (m.path("first_resolution_time_in_minutes").path("calendar").isNull()) {
                        m.set("first_resolution_time_in_minutes", minutes(minutes));
                    }
                    m.set("full_resolution_time_in_minutes", minutes(minutes));
                } else if ((was.equals("solved") || was.equals("closed")) && !is.equals("deleted")) {
                    m.put("reopens", m.path("reopens").asInt() + 1);
                }
            }
            default -> {
            }
        }
    }

    private void measureComment(ObjectNode ticket, ObjectNode m, long author, boolean isPublic, Instant now) {
        m.put("latest_comment_added_at", now.toString());
        boolean byAgent = user(author).map(u -> !"end-user".equals(u.path("role").asText())).orElse(false);
        if (byAgent && isPublic) {
            m.put("replies", m.path("replies").asInt() + 1);
            if (m.path("reply_time_in_minutes").path("calendar").isNull()) {
                m.set("reply_time_in_minutes", minutes(minutesSince(ticket, now)));
            }
        } else if (!byAgent) {
            m.put("requester_updated_at", now.toString());
        }
    }

    private static long minutesSince(ObjectNode ticket, Instant now) {
        return Duration.between(Instant.parse(ticket.get("created_at").asText()), now).toMinutes();
    }

    /** Business minutes equal calendar minutes here: the sandbox has no schedule (business hours). */
    private static ObjectNode minutes(Long calendar) {
        ObjectNode o = F.objectNode();
        if (calendar == null) {
            o.putNull("calendar");
            o.putNull("business");
        } else {
            o.put("calendar", calendar);
            o.put("business", calendar);
        }
        return o;
    }

    private ObjectNode newMetricSet(ObjectNode ticket) {
        ObjectNode m = F.objectNode();
        m.put("id", nextMetricId++);
        m.set("ticket_id", ticket.get("id"));
        m.set("created_at", ticket.get("created_at"));
        m.set("updated_at", ticket.get("updated_at"));
        m.set("requester_updated_at", ticket.get("created_at"));
        m.set("status_updated_at", ticket.get("created_at"));
        m.set("latest_comment_added_at", ticket.get("created_at"));
        m.set("custom_status_updated_at", ticket.get("created_at"));
        return complete(m, METRIC_FIELDS, this::metricDefault);
    }

    private JsonNode metricDefault(String field) {
        return switch (field) {
            case "group_stations", "assignee_stations", "reopens", "replies" -> F.numberNode(0);
            case "on_hold_time_in_minutes" -> minutes(0L);
            case "reply_time_in_minutes", "first_resolution_time_in_minutes", "full_resolution_time_in_minutes",
                 "agent_wait_time_in_minutes", "requester_wait_time_in_minutes" -> minutes(null);
            default -> NullNode.getInstance();
        };
    }

    // ---- audits ----

    private ObjectNode childEvent(String type, String field, JsonNode value, JsonNode previous) {
        ObjectNode c = F.objectNode();
        c.put("id", nextEventId++);
        c.put("event_type", type);
        c.put("field_name", field);
        c.set("value", value);
        if (previous != null) {
            c.set("previous_value", previous);
        }
        return c;
    }

    private ObjectNode comment(String body, boolean isPublic, long author) {
        ObjectNode c = F.objectNode();
        c.put("id", nextEventId++);
        c.put("event_type", "Comment");
        c.put("body", body);
        c.put("html_body", "<div class=\"zd-comment\"><p>" + escapeHtml(body) + "</p></div>");
        c.put("public", isPublic);
        c.put("author_id", author);
        c.set("attachments", F.arrayNode());
        return c;
    }

    private void addAudit(ObjectNode ticket, long updater, Instant at, ArrayNode children) {
        ObjectNode e = F.objectNode();
        e.put("id", nextEventId++);
        e.set("ticket_id", ticket.get("id"));
        e.put("timestamp", at.getEpochSecond());
        e.put("created_at", at.toString());
        e.put("updater_id", updater);
        e.put("via", "API");
        e.putNull("via_reference_id");
        e.set("system", F.objectNode().put("client", "journey-sandbox").put("ip_address", "127.0.0.1"));
        e.put("event_type", "Audit");
        e.set("child_events", children);
        events.add(e);
    }

    private ObjectNode completeEvent(ObjectNode e) {
        ObjectNode copy = e.deepCopy();
        if (!copy.hasNonNull("timestamp")) {
            copy.put("timestamp", Instant.parse(copy.get("created_at").asText()).getEpochSecond());
        }
        return complete(copy, EVENT_FIELDS, f -> switch (f) {
            case "via" -> F.textNode("Web form");
            case "system" -> F.objectNode();
            case "event_type" -> F.textNode("Audit");
            default -> NullNode.getInstance();
        });
    }

    // ---- completing records with Zendesk's defaults ----

    private ObjectNode completeTicket(ObjectNode t) {
        ObjectNode c = complete(t, TICKET_FIELDS, f -> switch (f) {
            case "via" -> via("api");
            case "raw_subject" -> t.path("subject");
            case "description" -> F.textNode("");
            case "submitter_id" -> t.path("requester_id");
            case "collaborator_ids", "follower_ids", "email_cc_ids", "tags", "custom_fields", "sharing_agreement_ids",
                 "fields", "followup_ids" -> F.arrayNode();
            case "has_incidents", "allow_channelback", "from_messaging_channel" -> F.booleanNode(false);
            case "is_public", "allow_attachments" -> F.booleanNode(true);
            case "ticket_form_id" -> account.ticketFormId() == null ? NullNode.getInstance() : F.numberNode(account.ticketFormId());
            case "brand_id" -> account.brandId() == null ? NullNode.getInstance() : F.numberNode(account.brandId());
            case "generated_timestamp" -> F.numberNode(Instant.parse(t.get("updated_at").asText()).getEpochSecond());
            default -> NullNode.getInstance();
        });
        return c;
    }

    private ObjectNode completeUser(ObjectNode u) {
        boolean endUser = "end-user".equals(u.path("role").asText());
        return complete(u, USER_FIELDS, f -> switch (f) {
            case "time_zone" -> F.textNode("London");
            case "iana_time_zone" -> F.textNode("Europe/London");
            case "locale_id" -> F.numberNode(1);
            case "locale" -> F.textNode("en-US");
            case "verified" -> F.booleanNode(u.hasNonNull("email"));
            case "tags" -> F.arrayNode();
            case "alias", "details", "notes" -> F.textNode("");
            case "active" -> F.booleanNode(true);
            case "shared", "shared_agent", "two_factor_auth_enabled", "only_private_comments", "suspended", "report_csv" ->
                    F.booleanNode(false);
            case "moderator" -> F.booleanNode(!endUser);
            case "ticket_restriction" -> endUser ? F.textNode("requested") : NullNode.getInstance();
            case "restricted_agent" -> F.booleanNode(endUser);
            case "user_fields" -> F.objectNode();
            default -> NullNode.getInstance();
        });
    }

    private ObjectNode completeGroup(ObjectNode g) {
        return complete(g, GROUP_FIELDS, f -> switch (f) {
            case "is_public" -> F.booleanNode(true);
            case "description" -> F.textNode("");
            case "default", "deleted" -> F.booleanNode(false);
            default -> NullNode.getInstance();
        });
    }

    /** The record's fields in Zendesk's order, defaults for missing ones, then any extra fields it had. */
    private static ObjectNode complete(ObjectNode given, List<String> order, java.util.function.Function<String, JsonNode> defaults) {
        ObjectNode out = F.objectNode();
        for (String field : order) {
            JsonNode v = given.get(field);
            out.set(field, v != null ? v.deepCopy() : defaults.apply(field));
        }
        given.fields().forEachRemaining(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    static ObjectNode via(String channel) {
        ObjectNode source = F.objectNode();
        source.set("from", F.objectNode());
        source.set("to", F.objectNode());
        source.putNull("rel");
        return F.objectNode().put("channel", channel).set("source", source);
    }

    /**
     * The time of a change: now, or one second after the newest record when the clock has not moved past it (a
     * world dated ahead of the clock, or two changes within a second), so no change ever hides behind a stored cursor.
     */
    private Instant stamp() {
        long now = clock.instant().getEpochSecond();
        lastStamp = Math.max(now, lastStamp + 1);
        return Instant.ofEpochSecond(lastStamp);
    }

    static long epoch(JsonNode record, String field) {
        return Instant.parse(record.get(field).asText()).getEpochSecond();
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
    }

    /** All records, for persistence and dumps. */
    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groups", groups());
        out.put("users", users());
        out.put("tickets", tickets());
        out.put("ticket_metrics", metricSets());
        out.put("ticket_events", ticketEvents());
        out.put("satisfaction_ratings", satisfactionRatings());
        return out;
    }
}
