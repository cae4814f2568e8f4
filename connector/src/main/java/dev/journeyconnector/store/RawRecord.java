package dev.journeyconnector.store;

import java.time.Instant;
import java.util.Map;

/** One record as a source sent it, with the source's own id and modification time. */
public record RawRecord(String recordId, Instant versionTime, boolean deleted, Map<String, Object> payload) {
}
