package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.insight.Threshold;
import dev.journeyconnector.journey.Sentiment;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code low-satisfaction}: a bad satisfaction rating ({@code score: bad}; a {@code satisfaction-rated} touchpoint
 * without a score counts when its sentiment is negative), or a survey score in the NPS detractor range
 * ({@code nps} 0 to {@code npsDetractorMax}, default 6, which fires) where a mapping provides one. One finding per
 * rating record, detected when it was given. A rating on a case or ticket goes to its owner; a survey about no
 * case to the contact owner.
 */
public final class LowSatisfactionRule extends RuleBase {
    public static final String ID = "low-satisfaction";
    static final String RATED = "satisfaction-rated";

    public LowSatisfactionRule() {
        super(ID, Finding.Kind.PAIN_POINT, Severity.HIGH);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(Threshold.count("npsDetractorMax", 6, 0, 9,
                "the highest NPS score (0-10) that counts as a detractor"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        int detractorMax = settings.count("npsDetractorMax");
        Map<String, SupportThread> threads = SupportThread.of(history.touchpoints()).stream()
                .collect(Collectors.toMap(SupportThread::id, t -> t));
        List<Finding> findings = new ArrayList<>();
        Map<Finding.Anchor, Touchpoint> seen = new java.util.HashMap<>();
        for (Touchpoint t : history.touchpoints()) {
            Optional<String> why = badRating(t).or(() -> detractor(t, detractorMax));
            // One finding per rating record: a record giving two low-score moments is one rating.
            if (why.isEmpty() || seen.putIfAbsent(Finding.Anchor.of(t), t) != null) {
                continue;
            }
            SupportThread thread = SupportThread.threadOf(t).map(threads::get).orElse(null);
            String about = thread == null ? "" : " on " + thread.label();
            Finding.Builder finding = Finding.builder(this, history, settings, Finding.Anchor.of(t))
                    .title("Low satisfaction" + about)
                    .explanation(why.get() + about + " on " + Texts.day(t.occurredAt(), settings.calendar().zone()))
                    .evidence(t).detectedAt(t.occurredAt())
                    .actor(thread == null ? Actors.contactOwner(history) : Actors.forThread(thread));
            if (thread != null) {
                thread.opened().ifPresent(finding::evidence);
            }
            findings.add(finding.build());
        }
        return findings;
    }

    private static Optional<String> badRating(Touchpoint t) {
        Optional<String> score = t.attribute("score");
        if (score.isPresent()) {
            return score.get().equals("bad") ? Optional.of("Rated the support bad") : Optional.empty();
        }
        return t.type().equals(RATED) && t.sentiment() == Sentiment.NEGATIVE
                ? Optional.of("Gave a negative satisfaction rating") : Optional.empty();
    }

    private static Optional<String> detractor(Touchpoint t, int max) {
        Optional<String> nps = t.attribute("nps");
        if (nps.isEmpty()) {
            return Optional.empty();
        }
        int score;
        try {
            score = Integer.parseInt(nps.get().strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (score < 0 || score > max) {
            return Optional.empty();
        }
        return Optional.of("Survey score " + score + " of 10, a detractor (0-" + max + ")");
    }
}
