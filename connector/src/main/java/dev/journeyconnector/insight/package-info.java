/**
 * What the journey data says about the journey model: the drift report ({@link
 * dev.journeyconnector.insight.DriftAnalysis}) compares touchpoints and unmapped source records with the
 * persona journeys of {@code mappings/journey-map.yaml} and scores how far reality has moved from them. The
 * analysis is plain Java over plain records ({@link dev.journeyconnector.insight.DriftInput}): no Camel, no store,
 * so it runs the same in a test, in the pipeline and from the command line. {@link
 * dev.journeyconnector.insight.DriftStage} is the pipeline stage that feeds it from the store and keeps the latest
 * report there.
 */
package dev.journeyconnector.insight;
