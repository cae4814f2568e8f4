package dev.journeyconnector.salesforce.client;
import java.util.List;
public record FieldDescription(String name, String type, boolean nillable, boolean createable, boolean updateable, boolean filterable, List<String> referenceTo, String relationshipName, List<String> picklistValues) {}
