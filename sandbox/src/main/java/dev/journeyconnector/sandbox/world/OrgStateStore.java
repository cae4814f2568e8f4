package dev.journeyconnector.sandbox.world;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.journeyconnector.sandbox.salesforce.SalesforceOrg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Salesforce org's state under a data directory, {@code <dataDir>/salesforce/state.json}: every record
 * (deleted ones too), the Id serial and today's API usage. Written to a temporary file and renamed, so a
 * crash mid-write leaves the previous state intact.
 */
public final class OrgStateStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public OrgStateStore(Path dataDir) {
        this.file = dataDir.resolve("salesforce").resolve("state.json");
    }

    /** What is saved. {@code apiUsageDate} is the UTC day {@code apiUsage} counts for. */
    public record SavedState(int format, String organizationId, LocalDate apiUsageDate, long apiUsage,
                             long nextSerial, long nextCaseNumber, String defaultUserId,
                             Map<String, List<Map<String, Object>>> records) {

        public static SavedState of(String organizationId, LocalDate apiUsageDate, long apiUsage, SalesforceOrg.Snapshot org) {
            return new SavedState(1, organizationId, apiUsageDate, apiUsage, org.nextSerial(), org.nextCaseNumber(),
                    org.defaultUserId(), org.rows());
        }

        public SalesforceOrg.Snapshot orgSnapshot() {
            return new SalesforceOrg.Snapshot(nextSerial, nextCaseNumber, defaultUserId, records);
        }
    }

    public Path file() {
        return file;
    }

    public Optional<SavedState> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> raw = JSON.readValue(file.toFile(), new TypeReference<>() { });
            return Optional.of(new SavedState(
                    ((Number) raw.get("format")).intValue(),
                    (String) raw.get("organizationId"),
                    raw.get("apiUsageDate") == null ? null : LocalDate.parse((String) raw.get("apiUsageDate")),
                    ((Number) raw.get("apiUsage")).longValue(),
                    ((Number) raw.get("nextSerial")).longValue(),
                    ((Number) raw.get("nextCaseNumber")).longValue(),
                    (String) raw.get("defaultUserId"),
                    JSON.convertValue(raw.get("records"), new TypeReference<Map<String, List<Map<String, Object>>>>() { })));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read sandbox state " + file + " (start with reset to begin again from the world): "
                    + e.getMessage(), e);
        }
    }

    public void save(SavedState state) {
        write(file, state);
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Writes {@code state} as JSON to {@code target} atomically (temporary file in the same folder, then rename). */
    public static void write(Path target, SavedState state) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("format", state.format());
            doc.put("organizationId", state.organizationId());
            doc.put("apiUsageDate", state.apiUsageDate() == null ? null : state.apiUsageDate().toString());
            doc.put("apiUsage", state.apiUsage());
            doc.put("nextSerial", state.nextSerial());
            doc.put("nextCaseNumber", state.nextCaseNumber());
            doc.put("defaultUserId", state.defaultUserId());
            doc.put("records", state.records());
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
