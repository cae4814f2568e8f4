package dev.journeyconnector.insight;

import java.time.Instant;
import java.util.List;

/**
 * One pain-point or handoff-gap rule. A rule is a pure function of one customer's history, its settings for
 * that customer's persona and the evaluation time: no store, no clock, no vendor call, so the same rule runs in
 * the connector, in a backtest and in a unit test.
 *
 * <p>{@code now} is only for conditions that hold because something has <em>not</em> happened yet (a reply still
 * missing past its SLA). A finding's {@code detectedAt} comes from the data: when the SLA deadline passed, when
 * the third contact arrived.
 */
public interface Rule {

    /** The rule's id in {@code mappings/rules.yaml} and in finding keys: lower-case words joined by hyphens. */
    String id();

    Finding.Kind kind();

    /** The severity when {@code mappings/rules.yaml} sets none. */
    Severity defaultSeverity();

    /**
     * What {@code mappings/rules.yaml} may set for this rule besides {@code enabled} and {@code severity}, each
     * with its default; the loader rejects any other name.
     */
    List<Threshold> thresholds();

    /**
     * @param history  one customer
     * @param settings this rule's settings for the customer's persona
     * @param now      the evaluation time
     * @return the findings, each with a distinct key; empty when the rule does not fire
     */
    List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now);
}
