package dev.journeyconnector.salesforce.client;

import java.util.List;
import java.util.Map;

/**
 * One page of query results. Values are typed by the describe field type (see {@link RecordConverter});
 * parent relationships are nested maps. {@code queryLocator} is null when {@code done}.
 * {@code totalSize} is Salesforce's count of all matching records, not the size of this page.
 */
public record QueryPage(List<Map<String, Object>> records, boolean done, String queryLocator, int totalSize) {
    public QueryPage {
        records = List.copyOf(records);
    }
}
