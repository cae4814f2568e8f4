package dev.journeyconnector.sandbox.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The help desk's state under a data directory, {@code <dataDir>/zendesk/state.json}: every record (deleted
 * tickets too). Written to a temporary file in the same folder and renamed, so a crash mid-write leaves the
 * previous state intact.
 */
final class ZendeskStateStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int FORMAT = 1;

    private final Path file;

    ZendeskStateStore(Path dataDir) {
        this.file = dataDir.resolve("zendesk").resolve("state.json");
    }

    Path file() {
        return file;
    }

    Optional<HelpDesk> load(ZendeskWorld.Account account, Clock clock) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            if (doc.path("format").asInt() != FORMAT) {
                throw new IOException("unknown format " + doc.path("format"));
            }
            return Optional.of(HelpDesk.fromRecords(account, clock, list(doc, "groups"), list(doc, "users"),
                    list(doc, "tickets"), list(doc, "ticket_metrics"), list(doc, "ticket_events"),
                    list(doc, "satisfaction_ratings")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read sandbox state " + file
                    + " (start with reset to begin again from the world): " + e.getMessage(), e);
        }
    }

    private static List<ObjectNode> list(JsonNode doc, String key) {
        List<ObjectNode> out = new ArrayList<>();
        doc.path(key).forEach(n -> out.add((ObjectNode) n));
        return out;
    }

    void save(HelpDesk desk) {
        write(file, desk);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Writes the help desk as JSON to {@code target} atomically (temporary file in the same folder, then rename). */
    static void write(Path target, HelpDesk desk) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", FORMAT);
            doc.put("subdomain", desk.account().subdomain());
            doc.putAll(desk.snapshot());
            JSON.writeValue(tmp.toFile(), doc);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sandbox state " + target, e);
        }
    }
}
