package dev.journeyconnector.sandbox.mailchimp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mailchimp's {@code fields} and {@code exclude_fields} query parameters: comma-separated paths with dots for
 * sub-objects ({@code members.email_address,total_items}); a path through an array applies to each element.
 * See https://mailchimp.com/developer/marketing/docs/methods-parameters/#partial-responses.
 */
final class FieldFilter {
    private FieldFilter() {
    }

    static void apply(ObjectNode body, String fields, String excludeFields) {
        if (fields != null && !fields.isBlank()) {
            keep(body, tree(fields));
        }
        if (excludeFields != null && !excludeFields.isBlank()) {
            drop(body, tree(excludeFields));
        }
    }

    private static Map<String, Map> tree(String paths) {
        Map<String, Map> root = new LinkedHashMap<>();
        for (String p : paths.split(",")) {
            Map<String, Map> at = root;
            for (String part : p.trim().split("\\.")) {
                if (!part.isEmpty()) {
                    at = at.computeIfAbsent(part, k -> new LinkedHashMap<String, Map>());
                }
            }
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void keep(JsonNode node, Map<String, Map> wanted) {
        if (node.isArray()) {
            node.forEach(n -> keep(n, wanted));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) node;
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            Map<String, Map> sub = wanted.get(name);
            if (sub == null) {
                o.remove(name);
            } else if (!sub.isEmpty()) {
                keep(o.get(name), sub);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void drop(JsonNode node, Map<String, Map> unwanted) {
        if (node.isArray()) {
            node.forEach(n -> drop(n, unwanted));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) node;
        unwanted.forEach((name, sub) -> {
            if (sub.isEmpty()) {
                o.remove(name);
            } else if (o.has(name)) {
                drop(o.get(name), sub);
            }
        });
    }
}
