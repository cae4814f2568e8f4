package dev.journeyconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The Salesforce org as {@code --sandbox-dump FILE} wrote it when the run ended: records by object. */
record OrgDump(JsonNode root) {
    static final String FINDING_MARKER = "journey-connector:finding:";
    static final String SUMMARY_MARKER = "journey-connector:summary:";
    private static final ObjectMapper JSON = new ObjectMapper();

    static OrgDump read(Path file) {
        try {
            return new OrgDump(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of one object; an object the org never held a record of is empty. */
    List<JsonNode> records(String object) {
        JsonNode node = root.path("records").path(object);
        return node.isMissingNode() ? List.of()
                : StreamSupport.stream(node.spliterator(), false).filter(r -> !r.path("IsDeleted").asBoolean()).toList();
    }

    JsonNode byId(String object, String id) {
        return records(object).stream().filter(r -> r.path("Id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + object + " " + id + " in the org"));
    }

    /** Tasks whose Description ends with a marker line starting {@code marker}, by the rest of that line. */
    Map<String, List<JsonNode>> tasksByMarker(String marker) {
        Map<String, List<JsonNode>> out = new TreeMap<>();
        for (JsonNode t : records("Task")) {
            for (String line : t.path("Description").asText("").split("\n")) {
                if (line.startsWith(marker)) {
                    out.computeIfAbsent(line.substring(marker.length()), k -> new ArrayList<>()).add(t);
                }
            }
        }
        return out;
    }

    /** The one Task per marker: fails when a marker is on two Tasks (written twice). */
    Map<String, JsonNode> oneTaskByMarker(String marker) {
        Map<String, JsonNode> out = new TreeMap<>();
        tasksByMarker(marker).forEach((key, tasks) -> {
            assertThat(tasks).as("Tasks marked %s%s", marker, key).hasSize(1);
            out.put(key, tasks.get(0));
        });
        return out;
    }

    /** The Tasks the connector wrote ([Journey] subject). */
    List<JsonNode> connectorTasks() {
        return records("Task").stream().filter(t -> t.path("Subject").asText().startsWith("[Journey] ")).toList();
    }

    /** A field, or null when the record leaves it out or holds null. */
    static String text(JsonNode record, String field) {
        JsonNode v = record.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
