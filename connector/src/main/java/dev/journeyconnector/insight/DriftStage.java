package dev.journeyconnector.insight;

import dev.journeyconnector.mapping.JourneyMap;
import dev.journeyconnector.mapping.MappingSet;
import dev.journeyconnector.store.DerivationStore;
import dev.journeyconnector.store.DriftStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pipeline stage after the derivation: computes the drift report from what the store holds now (the
 * touchpoints of resolved customers with their persona, the records no mapping made a touchpoint of, the field
 * values of those that made one) against the journey map in force, and keeps it as the latest report. Reads only
 * the store. A model without a journey map has no report.
 *
 * <p>The alert is a log line: one WARN when the score is above the threshold, again only when the score
 * changes, so a connector that keeps polling does not repeat it every cycle.
 */
public final class DriftStage {
    private static final Logger LOG = LoggerFactory.getLogger(DriftStage.class);

    private final Supplier<MappingSet> model;
    private final DriftStore drift;
    private final DerivationStore derivations;
    private final int unseenDays;
    private final double threshold;
    private final Clock clock;

    private DriftScore latest;
    private Double loggedScore;
    private boolean saidNoMap;

    /**
     * @param model      the journey model in force; asked every time, so a reloaded journey map applies next
     * @param unseenDays JOURNEY_DRIFT_UNSEEN_DAYS
     * @param threshold  JOURNEY_DRIFT_THRESHOLD
     */
    public DriftStage(Supplier<MappingSet> model, DriftStore drift, DerivationStore derivations, int unseenDays,
                      double threshold, Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.drift = Objects.requireNonNull(drift, "drift");
        this.derivations = Objects.requireNonNull(derivations, "derivations");
        this.unseenDays = unseenDays;
        this.threshold = threshold;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Computes the report, stores it as the latest, and logs the score (a WARN above the threshold). */
    public synchronized void analyse() {
        Optional<JourneyMap> map = model.get().journeyMap();
        if (map.isEmpty()) {
            latest = null;
            if (!saidNoMap) {
                LOG.info("Journey drift: not computed, the mappings folder has no {}", MappingSet.JOURNEY_MAP);
                saidNoMap = true;
            }
            return;
        }
        saidNoMap = false;
        DriftReport report = compute(map.get(), drift, derivations, clock.instant(), unseenDays, threshold);
        DriftScore score = report.score();
        drift.save(new DriftStore.StoredReport(score.score(), score.threshold(), score.alert(), report.generatedAt(),
                DriftReportJson.write(report)));
        latest = score;
        log(score);
    }

    /** The score of the last report this stage computed; empty before the first, or without a journey map. */
    public synchronized Optional<DriftScore> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * The drift report of what the store holds now, without storing it: the stage's computation, and {@code journey
     * drift}'s. Touchpoints are read in one streamed query; the strings they repeat (persona, type, stage, customer)
     * are kept once each, so a long history costs one small object per touchpoint.
     */
    public static DriftReport compute(JourneyMap map, DriftStore drift, DerivationStore derivations, Instant now,
                                      int unseenDays, double threshold) {
        Map<String, String> strings = new HashMap<>();
        List<ObservedTouchpoint> touchpoints = new ArrayList<>();
        drift.touchpointsOfResolvedCustomers((customer, persona, type, stage, at) -> touchpoints.add(
                new ObservedTouchpoint(once(strings, customer), once(strings, persona), once(strings, type),
                        once(strings, stage), at)));
        ValueCounts mapped = new ValueCounts();
        drift.recordsWithTouchpoints(mapped::add);
        List<UnmappedRecord> unmapped = derivations.unmappedRecords().stream()
                .map(u -> new UnmappedRecord(u.ref().source(), u.ref().objectType(), u.ref().recordId(), u.reason(),
                        u.payload()))
                .toList();
        return DriftAnalysis.analyse(new DriftInput(touchpoints, unmapped, mapped, map, now, unseenDays, threshold));
    }

    /** The score as compared, without trailing zeros: 0.31, 0.25. */
    public static String plain(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    private void log(DriftScore score) {
        boolean changed = loggedScore == null || loggedScore != score.score();
        loggedScore = score.score();
        if (!changed) {
            LOG.debug("Journey drift {} unchanged", plain(score.score()));
        } else if (score.alert()) {
            LOG.warn("Journey drift {} is above the threshold {}: run `journey drift` for the report",
                    plain(score.score()), plain(score.threshold()));
        } else {
            LOG.info("Journey drift {}, within the threshold {}", plain(score.score()), plain(score.threshold()));
        }
    }

    private static String once(Map<String, String> strings, String s) {
        return strings.computeIfAbsent(s, k -> k);
    }
}
