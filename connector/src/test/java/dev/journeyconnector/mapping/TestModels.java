package dev.journeyconnector.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Journey model folders for tests: the shipped vocabularies and personas, and the mapping files a test writes. */
public final class TestModels {
    public static final Path SHIPPED = Path.of("..", "mappings");
    public static final Path ROUTES = Path.of("..", "routes");

    /** A Salesforce Task: whose by WhoId, else the Account in WhatId; the connector's own Tasks skipped. */
    public static final String TASKS = """
            source: salesforce
            object: Task
            customer:
              - who: WhoId
              - account: WhatId
            link: { salesforce: Id }
            skip: { field: Subject, regex: "\\\\[Journey\\\\] .*" }
            rules:
              - type: call
                when: { field: TaskSubtype, equals: Call }
                at: CreatedDate
                title: "{Subject}"
                stage: engagement
                channel: phone
                department: sales
                sentiment: neutral
            """;

    /** Zendesk tickets: the requester's, linked to the agent's ticket page. */
    public static final String TICKETS = """
            source: zendesk
            object: tickets
            customer:
              - zendesk-user: requester_id
            link: { zendesk-ticket: id }
            rules:
              - type: ticket-opened
                at: created_at
                title: "{subject}"
                stage: service
                channel: { from: via.channel, map: { email: email, web: web }, default: web }
                department: support
                sentiment: neutral
              - type: ticket-solved
                when: { field: status, equals: solved }
                at: updated_at
                stage: service
                channel: web
                department: support
                sentiment: neutral
            """;

    /** Salesforce Cases: the Contact's, else the Account's. */
    public static final String CASES = """
            source: salesforce
            object: Case
            customer:
              - contact: ContactId
              - account: AccountId
            link: { salesforce: Id }
            rules:
              - type: case-opened
                at: CreatedDate
                title: "{Subject}"
                stage: service
                channel: web
                department: support
                sentiment: neutral
            """;

    /** Case comments: whoever the Case belongs to; internal notes skipped. */
    public static final String CASE_COMMENTS = """
            source: salesforce
            object: CaseComment
            customer:
              - case: ParentId
            link: { salesforce: { object: Case, id: ParentId } }
            skip: { field: IsPublished, equals: false }
            rules:
              - type: case-reply
                at: CreatedDate
                stage: service
                channel: email
                department: support
                sentiment: neutral
            """;

    /** Mailchimp email activity: the recipient's, linked to the campaign's report. */
    public static final String EMAIL_ACTIVITY = """
            source: mailchimp
            object: email_activity
            customer:
              - email: email_address
            link: { mailchimp-campaign: campaign_id }
            rules:
              - type: campaign-open
                when: { field: action, equals: open }
                at: timestamp
                stage: awareness
                channel: email
                department: marketing
                sentiment: neutral
            """;

    public static final String CAMPAIGNS = "source: mailchimp\nobject: campaigns\nreference: true\n";

    private TestModels() {
    }

    /** A model folder in {@code dir}: the shipped vocabularies and personas plus {@code files} (name → content). */
    public static Path folder(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            for (String shipped : new String[]{MappingSet.VOCABULARIES, MappingSet.PERSONAS}) {
                Files.copy(SHIPPED.resolve(shipped), dir.resolve(shipped));
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MappingSet load(Path dir) {
        try {
            return MappingSet.load(dir, ROUTES);
        } catch (MappingException e) {
            throw new AssertionError("test model does not load:\n" + e.getMessage(), e);
        }
    }
}
