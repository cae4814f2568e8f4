package dev.journeyconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The demo world's Salesforce records as the world files give them: what the write-back ITs derive their expectations
 * from (who owns which account, deal, case or lead), independently of what the connector pulled.
 */
final class DemoWorld {
    static final Path SALESFORCE = Path.of("..", "sandbox", "src", "main", "resources", "worlds", "demo", "salesforce");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SUPPORT_RULES = Set.of("slow-first-response", "unresolved-too-long", "escalation",
            "reopened", "low-satisfaction", "repeat-contact", "channel-switch", "device-switch", "transfer-without-context");

    private final Map<String, JsonNode> byId = new HashMap<>();

    private DemoWorld() {
    }

    static DemoWorld load() {
        DemoWorld world = new DemoWorld();
        for (String object : new String[]{"User", "Account", "Contact", "Lead", "Opportunity", "Case", "CaseHistory"}) {
            try {
                JSON.readTree(SALESFORCE.resolve(object + ".json").toFile()).forEach(r -> world.byId.put(r.path("Id").asText(), r));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return world;
    }

    /** A record of the world by its Id; fails the test when the world has none. */
    JsonNode record(String id) {
        JsonNode r = byId.get(id);
        if (r == null) {
            throw new AssertionError("the demo world has no record " + id);
        }
        return r;
    }

    /** A field of a record, or null when the record leaves it out. */
    String field(String id, String field) {
        JsonNode v = record(id).path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /**
     * Who the rule names for a finding, read from the world files: the account owner arranges onboarding after a
     * sale, the deal owner moves a stalled deal, the Contact's or Lead's owner follows up marketing and consent, the
     * case owner (after a hand-over, the new one) answers for support; a Zendesk ticket's agent has no Salesforce user
     * in the demo world, so {@code fallbackOwner}.
     */
    String expectedOwner(ListedFinding f, String fallbackOwner) {
        String[] anchor = f.anchor();
        String who = f.personId();
        return switch (f.rule()) {
            case "won-not-onboarded" -> field(field(who, "AccountId"), "OwnerId");
            case "stalled-deal" -> field(anchor[2], "OwnerId");
            case "engaged-lead-not-followed", "email-fatigue", "consent-drift" -> field(who, "OwnerId");
            default -> {
                if (!SUPPORT_RULES.contains(f.rule())) {
                    throw new AssertionError("no expected owner for rule " + f.rule() + " (" + f.key() + "): add one");
                }
                if (anchor[0].equals("zendesk")) {
                    yield fallbackOwner;
                }
                yield switch (anchor[1]) {
                    case "Case" -> field(anchor[2], "OwnerId");
                    case "CaseHistory" -> field(anchor[2], "NewValue");
                    default -> throw new AssertionError("no expected owner for " + f.key());
                };
            }
        };
    }

    /**
     * The record a finding's Task is about: the deal, case or account of its anchor, else the Contact's account; none
     * on a Lead (Salesforce refuses a WhatId with a Lead WhoId).
     */
    String expectedWhat(ListedFinding f) {
        String who = f.personId();
        if (who.startsWith("00Q")) {
            return null;
        }
        String[] about = about(f);
        return about != null ? about[1] : field(who, "AccountId");
    }

    /**
     * The deal, case or account a finding is about, as {object, id}: its anchor, or the case or deal a history or
     * comment row anchor belongs to; null for a ticket or a campaign.
     */
    String[] about(ListedFinding f) {
        String[] anchor = f.anchor();
        if (!anchor[0].equals("salesforce")) {
            return null;
        }
        return switch (anchor[1]) {
            case "Opportunity", "Case", "Account" -> new String[]{anchor[1], anchor[2]};
            case "CaseHistory" -> new String[]{"Case", field(anchor[2], "CaseId")};
            case "CaseComment" -> new String[]{"Case", field(anchor[2], "ParentId")};
            case "OpportunityHistory" -> new String[]{"Opportunity", field(anchor[2], "OpportunityId")};
            default -> null;
        };
    }
}
