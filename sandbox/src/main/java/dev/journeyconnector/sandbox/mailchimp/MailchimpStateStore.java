package dev.journeyconnector.sandbox.mailchimp;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The account's records under a data directory, {@code <dataDir>/mailchimp/state.json}: the world's record
 * files in one document (without the API key, which always comes from the world). Written to a temporary
 * file and renamed, so a crash mid-write leaves the previous state intact.
 */
final class MailchimpStateStore {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    MailchimpStateStore(Path dataDir) {
        this.file = dataDir.resolve("mailchimp").resolve("state.json");
    }

    Path file() {
        return file;
    }

    Optional<MailchimpWorld> load(ApiAccount account) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
            if (doc.path("format").asInt() != FORMAT) {
                throw new IllegalStateException("unknown format " + doc.path("format"));
            }
            ObjectNode records = (ObjectNode) doc.get("records");
            MailchimpWorld saved = MailchimpWorld.fromState(file.toString(), records);
            return Optional.of(new MailchimpWorld(saved.source(), account, saved.lists(), saved.members(), saved.campaigns(),
                    saved.activity(), saved.unsubscribes(), saved.abuseReports()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read Mailchimp sandbox state " + file
                    + " (start with reset to begin again from the world): " + e.getMessage(), e);
        }
    }

    void save(MailchimpWorld state) {
        write(file, state);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Writes {@code state} as JSON to {@code target} atomically (temporary file in the same folder, then rename). */
    static void write(Path target, MailchimpWorld state) {
        Map<String, Object> records = new LinkedHashMap<>(state.toFiles());
        records.remove("account");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("accountName", state.account().accountName());
        doc.put("records", records);
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), doc);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Mailchimp sandbox state " + target, e);
        }
    }

    static JsonNode toJson(MailchimpWorld state) {
        return JSON.valueToTree(state.toFiles());
    }
}
