package dev.journeyconnector.salesforce.client;
import java.util.Map;
public record SObjectDescription(String name, String keyPrefix, boolean createable, boolean updateable, boolean queryable, Map<String, FieldDescription> fields) {}
