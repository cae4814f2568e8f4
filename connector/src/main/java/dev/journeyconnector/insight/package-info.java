/**
 * What the journey data says about the journey model: the drift report ({@link
 * dev.journeyconnector.insight.DriftAnalysis}) compares touchpoints and unmapped source records with the
 * persona journeys of {@code mappings/journey-map.yaml} and scores how far reality has moved from them. Plain
 * Java over plain records ({@link dev.journeyconnector.insight.DriftInput}): no Camel, no store, so the same
 * analysis runs in a test, from the command line and, later, in the ops console.
 */
package dev.journeyconnector.insight;
