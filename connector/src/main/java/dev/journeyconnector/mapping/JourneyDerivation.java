package dev.journeyconnector.mapping;

import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.journey.Touchpoint;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns one raw record into what the journey keeps of it, with the journey model: its touchpoints (with their
 * deep link, without a customer: that is identity's part), the rules that could not make one, and the record's
 * customer links resolved to its values. Pure: the same model, settings and record give the same answer.
 */
public final class JourneyDerivation {

    /** What became of a record. */
    public enum Outcome {
        /** The source deleted it: it yields nothing, and what it yielded before is removed. */
        TOMBSTONE,
        /** Reference data, or a record the file's {@code skip} matches: deliberately no journey moment. */
        SKIPPED,
        /** Its rules were applied: touchpoints, unmapped rules, or both. */
        MAPPED
    }

    /**
     * One record's derivation.
     *
     * @param links       the record's customer links with its values, in the mapping's order (none for
     *                    reference data and tombstones); kept so identity can be re-resolved without the payload
     * @param touchpoints what the record yields now, deep links set, customers not
     * @param unmapped    the rules that matched but made no touchpoint, or one without type if none matched
     */
    public record Derived(Touchpoint.Source source, String object, String recordId, Outcome outcome,
                          List<CustomerLinkValue> links, List<Touchpoint> touchpoints,
                          List<TouchpointMapping.Unmapped> unmapped) {
        public Derived {
            links = List.copyOf(links);
            touchpoints = List.copyOf(touchpoints);
            unmapped = List.copyOf(unmapped);
        }
    }

    private final MappingSet model;
    private final DeepLinks deepLinks;
    private final Function<String, Optional<String>> campaignWebId;

    /**
     * @param model         the journey model
     * @param deepLinks     the systems' hosts; a system without settings gets no links
     * @param campaignWebId a Mailchimp campaign id to the campaign's web_id (the number its report page uses),
     *                      empty when the campaign is not stored or has none
     */
    public JourneyDerivation(MappingSet model, DeepLinks deepLinks, Function<String, Optional<String>> campaignWebId) {
        this.model = Objects.requireNonNull(model, "model");
        this.deepLinks = Objects.requireNonNull(deepLinks, "deepLinks");
        this.campaignWebId = Objects.requireNonNull(campaignWebId, "campaignWebId");
    }

    public MappingSet model() {
        return model;
    }

    /**
     * Derives one record of a mapped object.
     *
     * @param deleted whether the store holds it as a tombstone
     * @throws IllegalArgumentException when the model has no mapping for the record's object
     */
    public Derived derive(Touchpoint.Source source, String object, String recordId, boolean deleted,
                          Map<String, Object> payload) {
        TouchpointMapping mapping = model.mapping(source, object).orElseThrow(() -> new IllegalArgumentException(
                "the journey model has no mapping for " + MappingSet.key(source, object)));
        if (deleted) {
            return new Derived(source, object, recordId, Outcome.TOMBSTONE, List.of(), List.of(), List.of());
        }
        List<CustomerLinkValue> links = links(mapping, payload);
        TouchpointMapping.Result result = mapping.apply(recordId, payload);
        if (result.skipped()) {
            return new Derived(source, object, recordId, Outcome.SKIPPED, links, List.of(), List.of());
        }
        URI link = mapping.link().flatMap(spec -> deepLink(spec, payload)).orElse(null);
        List<Touchpoint> touchpoints = new ArrayList<>();
        for (Touchpoint t : result.touchpoints()) {
            touchpoints.add(link == null ? t : new Touchpoint(t.key(), t.customerKey(), t.stage(), t.channel(),
                    t.department(), t.device(), t.sentiment(), t.occurredAt(), t.title(), link, t.attributes()));
        }
        return new Derived(source, object, recordId, Outcome.MAPPED, links, touchpoints, result.unmapped());
    }

    /** The record's customer links that have a value, in the mapping's order. */
    public static List<CustomerLinkValue> links(TouchpointMapping mapping, Map<String, Object> payload) {
        List<CustomerLinkValue> out = new ArrayList<>();
        for (CustomerLink link : mapping.customer()) {
            String value = idText(link.field().resolve(payload));
            if (value != null) {
                out.add(new CustomerLinkValue(link.kind(), value));
            }
        }
        return out;
    }

    /**
     * The page of the record the link names. An id of the wrong shape gives no link rather than a failure: the
     * touchpoint is still a true moment, and {@link DeepLinks} refuses to build a URL from it.
     */
    private Optional<URI> deepLink(LinkSpec spec, Map<String, Object> payload) {
        String id = idText(spec.id().resolve(payload));
        if (id == null) {
            return Optional.empty();
        }
        try {
            return switch (spec.kind()) {
                case SALESFORCE -> deepLinks.salesforceRecord(spec.salesforceObject(), id);
                case ZENDESK_TICKET -> deepLinks.zendeskTicket(id);
                case MAILCHIMP_CAMPAIGN -> campaignWebId.apply(id).flatMap(deepLinks::mailchimpCampaignReport);
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * An id as text: strings as they are, whole numbers without a fraction (a Zendesk id may have been read as
     * a decimal); null for a missing, blank or non-scalar value.
     */
    public static String idText(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : value.toString();
        }
        String text = Values.text(value);
        return text == null || text.isBlank() ? null : text.strip();
    }
}
