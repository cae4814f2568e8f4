package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.DurationText;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.insight.Threshold;
import dev.journeyconnector.journey.Touchpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code repeat-contact}: the customer had to open {@code contacts} or more cases or tickets (any channel) within
 * {@code window}. Contacts exactly {@code window} apart are within it. One finding per episode, anchored on its
 * first contact: from a contact, every later contact within the window belongs to the episode; the next episode
 * starts after it. An episode clears when every contact in it has been resolved.
 */
public final class RepeatContactRule extends RuleBase {
    public static final String ID = "repeat-contact";

    public RepeatContactRule() {
        super(ID, Finding.Kind.PAIN_POINT, Severity.MEDIUM);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(
                Threshold.duration("window", Duration.ofDays(14), "the period in which the contacts are counted"),
                Threshold.count("contacts", 3, 2, 1000, "how many cases or tickets within the window fire the rule"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        Duration window = settings.duration("window");
        int needed = settings.count("contacts");
        List<SupportThread> threads = SupportThread.of(history.touchpoints()).stream()
                .filter(t -> t.opened().isPresent()).toList();
        List<Finding> findings = new ArrayList<>();
        int i = 0;
        while (i < threads.size()) {
            Instant start = threads.get(i).opened().orElseThrow().occurredAt();
            int j = i;
            while (j + 1 < threads.size()
                    && !threads.get(j + 1).opened().orElseThrow().occurredAt().isAfter(start.plus(window))) {
                j++;
            }
            if (j - i + 1 >= needed) {
                findings.add(finding(history, settings, threads.subList(i, j + 1), needed, window));
                i = j + 1;
            } else {
                i++;
            }
        }
        return findings;
    }

    private Finding finding(CustomerHistory history, RuleSettings settings, List<SupportThread> episode,
                            int needed, Duration window) {
        List<Touchpoint> openings = episode.stream().map(t -> t.opened().orElseThrow()).toList();
        Instant first = openings.get(0).occurredAt();
        Instant last = openings.get(openings.size() - 1).occurredAt();
        Map<String, Long> nouns = episode.stream()
                .collect(Collectors.groupingBy(SupportThread::noun, TreeMap::new, Collectors.counting()));
        String what = nouns.entrySet().stream().map(e -> Texts.plural(e.getValue(), e.getKey()))
                .collect(Collectors.joining(" and "));
        String channels = openings.stream().map(Touchpoint::channel).distinct().sorted()
                .collect(Collectors.joining(", "));
        // Cleared once every contact of the episode is resolved: the customer no longer waits on any of them.
        Instant cleared = null;
        if (episode.stream().noneMatch(SupportThread::isOpen)) {
            List<Optional<Instant>> resolved = episode.stream().map(SupportThread::resolvedAt).toList();
            if (resolved.stream().allMatch(Optional::isPresent)) {
                cleared = resolved.stream().map(Optional::get).max(Comparator.naturalOrder()).orElseThrow();
            }
        }
        Instant detected = openings.get(needed - 1).occurredAt();
        return Finding.builder(this, history, settings, episode.get(0).anchor())
                .title(openings.size() + " support contacts in " + DurationText.format(Duration.between(first, last)))
                .explanation(openings.size() + " support contacts (" + what + ", by " + channels + ") within "
                        + DurationText.format(Duration.between(first, last)) + ", from "
                        + Texts.day(first, settings.calendar().zone()) + " to "
                        + Texts.day(last, settings.calendar().zone()) + "; the rule fires at " + needed
                        + " within " + DurationText.format(window))
                .evidence(openings)
                .actor(Actors.forThread(episode.get(episode.size() - 1)))
                .detectedAt(detected)
                .clearedAt(cleared != null && cleared.isBefore(detected) ? detected : cleared)
                .build();
    }
}
