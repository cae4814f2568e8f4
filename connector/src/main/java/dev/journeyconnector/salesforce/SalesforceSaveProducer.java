package dev.journeyconnector.salesforce;

import dev.journeyconnector.salesforce.client.SaveOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Saves a {@code List<SaveRequest>}: creates and updates in batches (the client chunks them by 200). */
final class SalesforceSaveProducer extends DefaultProducer {

    SalesforceSaveProducer(JourneySalesforceEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public JourneySalesforceEndpoint getEndpoint() {
        return (JourneySalesforceEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof List<?> list) || !list.stream().allMatch(SaveRequest.class::isInstance)) {
            throw new InvalidPayloadException(exchange, List.class);
        }
        @SuppressWarnings("unchecked")
        List<SaveRequest> requests = (List<SaveRequest>) list;
        List<SaveRequest> creates = requests.stream().filter(r -> r.id() == null).toList();
        List<SaveRequest> updates = requests.stream().filter(r -> r.id() != null).toList();
        String object = getEndpoint().getObject();
        List<SaveResult> results = new ArrayList<>(requests.size());
        if (!creates.isEmpty()) {
            List<SaveOutcome> outcomes = getEndpoint().getComponent().client()
                    .create(object, creates.stream().map(SaveRequest::fields).toList());
            results.addAll(pair(creates, outcomes, true));
        }
        if (!updates.isEmpty()) {
            List<Map<String, Object>> records = updates.stream().map(r -> {
                Map<String, Object> withId = new HashMap<>(r.fields());
                withId.put("Id", r.id());
                return withId;
            }).toList();
            results.addAll(pair(updates, getEndpoint().getComponent().client().update(object, records), false));
        }
        exchange.getMessage().setBody(results);
    }

    private static List<SaveResult> pair(List<SaveRequest> requests, List<SaveOutcome> outcomes, boolean created) {
        if (outcomes.size() != requests.size()) {
            throw new IllegalStateException("Salesforce returned " + outcomes.size() + " results for "
                    + requests.size() + " records");
        }
        List<SaveResult> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            SaveRequest r = requests.get(i);
            SaveOutcome o = outcomes.get(i);
            out.add(new SaveResult(r.key(), o.success() ? o.id() : r.id(), created, o.success(), o.errors()));
        }
        return out;
    }
}
