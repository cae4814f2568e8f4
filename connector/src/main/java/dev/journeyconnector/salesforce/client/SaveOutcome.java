package dev.journeyconnector.salesforce.client;
import java.util.List;
public record SaveOutcome(String id, boolean success, List<SaveError> errors) {}
