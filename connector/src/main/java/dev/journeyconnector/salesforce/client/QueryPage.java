package dev.journeyconnector.salesforce.client;
import java.util.List;
import java.util.Map;
public record QueryPage(List<Map<String,Object>> records, boolean done, String queryLocator, int totalSize) {}
