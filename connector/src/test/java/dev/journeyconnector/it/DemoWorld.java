package dev.journeyconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo world's Salesforce records as the world files give them: what the write-back ITs derive their expectations
 * from (who owns which account, deal, case or lead), independently of what the connector pulled.
 */
final class DemoWorld {
    static final Path SALESFORCE = Path.of("..", "sandbox", "src", "main", "resources", "worlds", "demo", "salesforce");
    private static final ObjectMapper JSON = new ObjectMapper();

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
}
