package dev.journeyconnector.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.journeyconnector.journey.Touchpoint.Source;
import dev.journeyconnector.sandbox.salesforce.SalesforceOrg;
import dev.journeyconnector.sandbox.world.WorldLoader;
import dev.journeyconnector.store.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sandbox's demo world as the connector's raw store holds it after a full pull: one record per
 * {@code (source, object, record id)}, with the payload shaped the way each pull stores it.
 *
 * <ul>
 *   <li>Salesforce: the org's rows (so computed fields such as IsClosed, IsWon and CaseNumber are there),
 *       cut down to what the pull selects: Id, the modstamp field, IsDeleted and the {@code fields:} of the
 *       object's route in {@code routes/salesforce-pull.yaml}. A mapping that reads a field the route does
 *       not pull sees it missing here too. Dates and times are ISO text, as the store's JSON keeps them.</li>
 *   <li>Zendesk: tickets with their metric set under {@code metric_set} (the pull side-loads
 *       {@code metric_sets}); users, audits of the ticket event export and satisfaction ratings as served.</li>
 *   <li>Mailchimp: members with {@code list_id} (id {@code list_id/member id}); email activity one record per
 *       action, the recipient's fields beside the action's (id {@code campaign_id/email_id/action/timestamp},
 *       plus {@code /url} for a click); unsubscribes with {@code email_id} and {@code list_id}.</li>
 * </ul>
 */
final class DemoWorldRecords {

    /** One stored record. */
    record Stored(Source source, String object, String id, Map<String, Object> payload) {
        @Override
        public String toString() {
            return source.wireName() + "/" + object + "/" + id;
        }
    }

    private static final String WORLD = "worlds/demo";
    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private DemoWorldRecords() {
    }

    /** Every record of the demo world, Salesforce first, then Zendesk and Mailchimp, in file order. */
    static List<Stored> all(Path routesDir) {
        List<Stored> out = new ArrayList<>();
        out.addAll(salesforce(routesDir.resolve("salesforce-pull.yaml")));
        out.addAll(zendesk());
        out.addAll(mailchimp());
        return out;
    }

    // ------------------------------------------------------------------ Salesforce

    private static List<Stored> salesforce(Path routes) {
        // The time the sandbox loads the world; only records the world does not date use it.
        SalesforceOrg org = SalesforceOrg.fromWorld(WorldLoader.fromClasspath(WORLD), Instant.parse("2026-11-20T18:00:00Z"));
        List<Stored> out = new ArrayList<>();
        pulledFields(routes).forEach((object, fields) -> {
            for (Map<String, Object> row : org.rows(object)) {
                Map<String, Object> selected = new LinkedHashMap<>();
                fields.forEach(f -> selected.put(f, row.get(f)));
                Map<String, Object> payload = Json.MAPPER.convertValue(selected, MAP);
                out.add(new Stored(Source.SALESFORCE, object, (String) row.get("Id"), payload));
            }
        });
        return out;
    }

    /**
     * Object → the fields its route pulls, as the pull consumer selects them: Id, the modstamp field
     * (SystemModstamp unless the route says), IsDeleted (every route includes deleted records), then the
     * route's {@code fields}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> pulledFields(Path routes) {
        List<Map<String, Object>> items;
        try {
            items = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(routes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map<String, Object> item : items) {
            Map<String, Object> from = (Map<String, Object>) ((Map<String, Object>) item.get("route")).get("from");
            String uri = (String) from.get("uri");
            Map<String, Object> parameters = (Map<String, Object>) from.get("parameters");
            List<String> fields = new ArrayList<>(List.of("Id",
                    (String) parameters.getOrDefault("modstampField", "SystemModstamp"), "IsDeleted"));
            for (String f : ((String) parameters.get("fields")).split(",")) {
                if (!fields.contains(f.strip())) {
                    fields.add(f.strip());
                }
            }
            out.put(uri.substring(uri.indexOf(':') + 1), fields);
        }
        return out;
    }

    // ------------------------------------------------------------------ Zendesk

    private static List<Stored> zendesk() {
        Map<Object, Map<String, Object>> metricSets = read("zendesk/ticket_metrics.json").stream()
                .collect(Collectors.toMap(m -> m.get("ticket_id"), Function.identity()));
        List<Stored> out = new ArrayList<>();
        for (Map<String, Object> ticket : read("zendesk/tickets.json")) {
            Map<String, Object> payload = new LinkedHashMap<>(ticket);
            payload.put("metric_set", metricSets.get(ticket.get("id")));
            out.add(new Stored(Source.ZENDESK, "tickets", String.valueOf(ticket.get("id")), payload));
        }
        for (String object : List.of("users", "ticket_events", "satisfaction_ratings")) {
            for (Map<String, Object> r : read("zendesk/" + object + ".json")) {
                out.add(new Stored(Source.ZENDESK, object, String.valueOf(r.get("id")), r));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ Mailchimp

    private static List<Stored> mailchimp() {
        List<Stored> out = new ArrayList<>();
        for (Map<String, Object> list : read("mailchimp/lists.json")) {
            out.add(new Stored(Source.MAILCHIMP, "lists", (String) list.get("id"), list));
        }
        Map<String, String> listOfCampaign = new LinkedHashMap<>();
        for (Map<String, Object> campaign : read("mailchimp/campaigns.json")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> recipients = (Map<String, Object>) campaign.get("recipients");
            listOfCampaign.put((String) campaign.get("id"), (String) recipients.get("list_id"));
            out.add(new Stored(Source.MAILCHIMP, "campaigns", (String) campaign.get("id"), campaign));
        }
        for (Map<String, Object> member : read("mailchimp/members.json")) {
            Map<String, Object> payload = new LinkedHashMap<>(member);
            String id = emailId((String) member.get("email_address"));
            payload.put("id", id);
            // The API answers "" for a time the member does not have.
            payload.putIfAbsent("timestamp_opt", "");
            out.add(new Stored(Source.MAILCHIMP, "members", member.get("list_id") + "/" + id, payload));
        }
        for (Map<String, Object> action : read("mailchimp/email_activity.json")) {
            String campaign = (String) action.get("campaign_id");
            String emailId = emailId((String) action.get("email_address"));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("campaign_id", campaign);
            payload.put("list_id", listOfCampaign.get(campaign));
            payload.put("email_id", emailId);
            payload.put("email_address", action.get("email_address"));
            action.forEach((k, v) -> {
                if (!k.equals("campaign_id") && !k.equals("email_address")) {
                    payload.put(k, v);
                }
            });
            String id = campaign + "/" + emailId + "/" + action.get("action") + "/" + action.get("timestamp")
                    + ("click".equals(action.get("action")) ? "/" + action.get("url") : "");
            out.add(new Stored(Source.MAILCHIMP, "email_activity", id, payload));
        }
        for (Map<String, Object> unsubscribe : read("mailchimp/unsubscribes.json")) {
            String campaign = (String) unsubscribe.get("campaign_id");
            Map<String, Object> payload = new LinkedHashMap<>(unsubscribe);
            payload.put("email_id", emailId((String) unsubscribe.get("email_address")));
            payload.put("list_id", listOfCampaign.get(campaign));
            out.add(new Stored(Source.MAILCHIMP, "unsubscribes", campaign + "/" + payload.get("email_id"), payload));
        }
        return out;
    }

    /** Mailchimp's member id: the MD5 of the lower-cased address. */
    static String emailId(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    private static List<Map<String, Object>> read(String file) {
        String resource = WORLD + "/" + file;
        try (InputStream in = DemoWorldRecords.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return Json.MAPPER.readValue(in, ROWS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
