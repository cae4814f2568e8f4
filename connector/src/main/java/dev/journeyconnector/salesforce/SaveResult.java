package dev.journeyconnector.salesforce;

import dev.journeyconnector.salesforce.client.SaveError;

import java.util.List;

/** What became of one {@link SaveRequest}. */
public record SaveResult(String key, String id, boolean created, boolean success, List<SaveError> errors) {
}
