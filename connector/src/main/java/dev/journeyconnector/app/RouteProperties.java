package dev.journeyconnector.app;

import dev.journeyconnector.salesforce.client.Soql;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code {{journey.*}}} placeholders the route files use, from the configuration. Hops are the stage
 * boundaries of the pipeline; each is an in-memory endpoint today and can be pointed elsewhere.
 */
final class RouteProperties {
    private RouteProperties() {
    }

    static Map<String, String> of(JourneyConfig config, boolean once) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("journey.poll.delay", String.valueOf(config.pollInterval().toMillis()));
        // Camel's scheduled-poll repeatCount: 1 polls once (--once), 0 polls forever.
        p.put("journey.poll.repeat", once ? "1" : "0");
        p.put("journey.continuous", String.valueOf(!once));
        p.put("journey.cursor.overlap", String.valueOf(config.cursorOverlap().toMillis()));
        p.put("journey.writeback.period", String.valueOf(config.writebackInterval().toMillis()));
        p.put("journey.writeback.enabled", String.valueOf(config.writebackEnabled()));
        // Pulls of Task leave out the connector's own Tasks: pulling them back would report our own
        // writes as new activity after every write-back.
        p.put("journey.writeback.not-own-tasks",
                "Subject = null OR (NOT Subject LIKE " + Soql.likeStartsWith(config.writebackSubjectPrefix()) + ")");
        p.put("journey.salesforce.bulk-threshold", String.valueOf(config.bulkThreshold()));
        p.put("journey.salesforce.pk-chunk-size", String.valueOf(config.pkChunkSize()));
        p.put("journey.zendesk.enabled", String.valueOf(config.zendesk().enabled()));
        p.put("journey.zendesk.start-date",
                config.zendesk().startDate() == null ? "" : config.zendesk().startDate().toString());
        p.put("journey.mailchimp.enabled", String.valueOf(config.mailchimp().enabled()));
        p.put("journey.mailchimp.start-date",
                config.mailchimp().startDate() == null ? "" : config.mailchimp().startDate().toString());
        p.put("journey.hop.raw", "direct:journey-raw");
        p.put("journey.hop.analyse", "direct:journey-analyse");
        p.put("journey.hop.write-back", "direct:journey-write-back");
        return p;
    }
}
