package dev.journeyconnector.identity;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of identity resolution: the customers, sorted by key, and the records on the review list, sorted by
 * record. A record is in at most one of them; records that dropped out (tombstones, help-desk staff) are in neither.
 */
public final class IdentityGraph {

    private final List<Customer> customers;
    private final List<AmbiguousMatch> reviewList;
    private final Map<SourceRef, Customer> byRecord = new HashMap<>();

    IdentityGraph(List<Customer> customers, List<AmbiguousMatch> reviewList) {
        this.customers = List.copyOf(customers);
        this.reviewList = List.copyOf(reviewList);
        for (Customer customer : this.customers) {
            for (SourceRef record : customer.records()) {
                byRecord.put(record, customer);
            }
        }
    }

    public List<Customer> customers() {
        return customers;
    }

    public Optional<Customer> customerOf(SourceRef record) {
        return Optional.ofNullable(byRecord.get(record));
    }

    public Optional<Customer> customer(String customerKey) {
        return customers.stream().filter(c -> c.customerKey().equals(customerKey)).findFirst();
    }

    public List<AmbiguousMatch> reviewList() {
        return Collections.unmodifiableList(reviewList);
    }

    public Optional<AmbiguousMatch> reviewOf(SourceRef record) {
        return reviewList.stream().filter(m -> m.record().equals(record)).findFirst();
    }
}
