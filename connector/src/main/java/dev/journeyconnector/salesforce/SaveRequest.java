package dev.journeyconnector.salesforce;

import java.util.Map;

/**
 * One record to save: created when {@code id} is null, updated otherwise.
 *
 * @param key    the caller's own key for this record, carried through to its {@link SaveResult}
 */
public record SaveRequest(String key, String id, Map<String, Object> fields) {
}
