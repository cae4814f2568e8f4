package dev.journeyconnector.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.journeyconnector.store.Json;

/**
 * The drift report as JSON, the one shape for the stored report ({@code drift_report.report}) and {@code journey
 * drift --json}: the records' components by name, times as ISO-8601 instants, lists as arrays, a never-seen
 * type's {@code lastSeen} as null.
 */
public final class DriftReportJson {
    private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

    private DriftReportJson() {
    }

    public static String write(DriftReport report) {
        try {
            return Json.MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the drift report cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** Indented, for people and {@code jq}. */
    public static String writePretty(DriftReport report) {
        try {
            return PRETTY.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the drift report cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** A report written by {@link #write}; fails naming what could not be read. */
    public static DriftReport read(String json) {
        try {
            return Json.MAPPER.readValue(json, DriftReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a drift report: " + e.getOriginalMessage(), e);
        }
    }
}
