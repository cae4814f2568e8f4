package dev.journeyconnector.salesforce.client;
import java.util.List;
public record SaveError(String statusCode, String message, List<String> fields) {}
