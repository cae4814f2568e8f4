package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts.MemberStatus;
import dev.journeyconnector.insight.CustomerFacts.Membership;
import dev.journeyconnector.insight.CustomerFacts.Person;
import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.Finding;
import dev.journeyconnector.insight.RuleSettings;
import dev.journeyconnector.insight.Severity;
import dev.journeyconnector.insight.Threshold;
import dev.journeyconnector.journey.Touchpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code consent-drift} (marketing ↔ CRM): Mailchimp and Salesforce disagree on whether the customer may be
 * emailed, for longer than the grace period (default 1 day, the time a nightly sync between the two needs).
 * <ul>
 *   <li>Mailchimp → Salesforce: the address is unsubscribed or cleaned (bounced) on a list and subscribed on
 *       none, while the Contact or Lead still has {@code HasOptedOutOfEmail} false: sales may keep emailing
 *       someone who said no. A person still subscribed to another list wanted some email, so that is no drift.
 *       Counted from the membership's last status change; anchored on that membership.</li>
 *   <li>Salesforce → Mailchimp: {@code HasOptedOutOfEmail} is true while the address is still subscribed to a
 *       list: the next campaign goes to someone who opted out. Counted from the later of the record's
 *       {@code LastModifiedDate} and the membership's last change; anchored on the Contact or Lead.</li>
 * </ul>
 * The facts are current state, not history: when the records agree again the rule stops producing the finding
 * and the finding store resolves it. A record without {@code HasOptedOutOfEmail} is not judged.
 */
public final class ConsentDriftRule extends RuleBase {
    public static final String ID = "consent-drift";
    static final String GRACE = "grace";

    public ConsentDriftRule() {
        super(ID, Finding.Kind.HANDOFF_GAP, Severity.HIGH);
    }

    @Override
    public List<Threshold> thresholds() {
        return List.of(Threshold.duration(GRACE, Duration.ofDays(1),
                "how long the two systems may disagree before it is drift (the sync's delay)"));
    }

    @Override
    public List<Finding> evaluate(CustomerHistory history, RuleSettings settings, Instant now) {
        Optional<Person> person = history.facts().person();
        if (person.isEmpty() || person.get().optedOutOfEmail() == null) {
            return List.of();
        }
        List<Membership> memberships = history.facts().memberships();
        List<Membership> subscribed = memberships.stream().filter(m -> m.status() == MemberStatus.SUBSCRIBED).toList();
        List<Finding> findings = new ArrayList<>();
        if (!person.get().optedOutOfEmail() && subscribed.isEmpty()) {
            memberships.stream().filter(m -> m.status() == MemberStatus.UNSUBSCRIBED
                            || m.status() == MemberStatus.CLEANED)
                    .max(Comparator.comparing((Membership m) -> changedAt(history, m)).thenComparing(Membership::listId))
                    .ifPresent(left -> {
                        Instant deadline = settings.deadline(changedAt(history, left), settings.duration(GRACE));
                        if (now.isAfter(deadline)) {
                            findings.add(leftMailchimp(history, settings, person.get(), left, deadline, now));
                        }
                    });
        }
        if (person.get().optedOutOfEmail() && !subscribed.isEmpty()) {
            Instant since = subscribed.stream().map(m -> changedAt(history, m))
                    .reduce(person.get().instantOf("LastModifiedDate").orElse(Instant.EPOCH),
                            (a, b) -> a.isAfter(b) ? a : b);
            Instant deadline = settings.deadline(since, settings.duration(GRACE));
            if (now.isAfter(deadline)) {
                findings.add(optedOutInSalesforce(history, settings, person.get(), subscribed, since, deadline));
            }
        }
        return findings;
    }

    private Finding leftMailchimp(CustomerHistory history, RuleSettings settings, Person person, Membership left,
                                  Instant deadline, Instant now) {
        Instant at = changedAt(history, left);
        String how = left.status() == MemberStatus.CLEANED ? "cleaned (the address bounced)" : "unsubscribed";
        String explanation = "Mailchimp shows the address " + how + " on list " + left.listId() + " since "
                + Handoffs.minute(at, settings) + " and subscribed on no list, but Salesforce still allows email "
                + "(HasOptedOutOfEmail is false on the " + noun(person) + "), past the "
                + Handoffs.span(settings.duration(GRACE)) + " grace period.";
        Finding.Builder b = Finding.builder(this, history, settings, memberAnchor(left, person))
                .title("Consent drift: " + how.split(" ")[0] + " in Mailchimp, emailable in Salesforce")
                .explanation(explanation)
                .handoff("mailchimp", "salesforce")
                .actor(Actors.contactOwner(history))
                .detectedAt(deadline);
        b.evidence(unsubscribes(history, left, now));
        b.evidence(new Finding.Evidence(at, "Mailchimp member on list " + left.listId() + ": " + left.status()
                .wireName(), null, null));
        return b.build();
    }

    private Finding optedOutInSalesforce(CustomerHistory history, RuleSettings settings, Person person,
                                         List<Membership> subscribed, Instant since, Instant deadline) {
        String lists = subscribed.stream().map(Membership::listId).sorted().collect(Collectors.joining(", "));
        String explanation = "The " + noun(person) + " has opted out of email in Salesforce (HasOptedOutOfEmail "
                + "is true), but the address is still subscribed in Mailchimp (list" + (subscribed.size() == 1 ? " "
                : "s ") + lists + ") since " + Handoffs.minute(since, settings) + ", past the "
                + Handoffs.span(settings.duration(GRACE)) + " grace period: the next campaign goes to them.";
        Finding.Builder b = Finding.builder(this, history, settings,
                        new Finding.Anchor(Touchpoint.Source.SALESFORCE, person.object(), person.id()))
                .title("Consent drift: opted out in Salesforce, subscribed in Mailchimp")
                .explanation(explanation)
                .handoff("salesforce", "mailchimp")
                .actor(Actors.contactOwner(history))
                .detectedAt(deadline);
        b.evidence(new Finding.Evidence(since, noun(person) + " " + person.id() + ": HasOptedOutOfEmail true",
                null, null));
        subscribed.forEach(m -> b.evidence(new Finding.Evidence(changedAt(history, m), "Mailchimp member on list "
                + m.listId() + ": subscribed", null, null)));
        return b.build();
    }

    /**
     * When the membership got its status: Mailchimp's {@code last_changed}; else the customer's last unsubscribe
     * touchpoint from that list; else the epoch, so an undated disagreement counts as old rather than never.
     */
    private static Instant changedAt(CustomerHistory history, Membership m) {
        if (m.lastChanged() != null) {
            return m.lastChanged();
        }
        return history.touchpoints().stream().filter(t -> t.type().equals("unsubscribed"))
                .filter(t -> t.attribute("list").map(m.listId()::equals).orElse(true))
                .map(Touchpoint::occurredAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }

    private static List<Touchpoint> unsubscribes(CustomerHistory history, Membership m, Instant now) {
        return Handoffs.upTo(history.touchpoints(), now).stream().filter(t -> t.type().equals("unsubscribed"))
                .filter(t -> t.attribute("list").map(m.listId()::equals).orElse(true)).toList();
    }

    /**
     * The member record as the store names it: {@code list_id/id}, where Mailchimp's member id is the MD5 of the
     * lower-cased address (https://mailchimp.com/developer/marketing/docs/methods-parameters/#path-parameters).
     */
    static Finding.Anchor memberAnchor(Membership m, Person person) {
        String email = m.email() != null ? m.email() : person.email();
        if (email == null) {
            return new Finding.Anchor(Touchpoint.Source.MAILCHIMP, "members", m.listId());
        }
        return new Finding.Anchor(Touchpoint.Source.MAILCHIMP, "members", m.listId() + "/" + md5(
                email.strip().toLowerCase(Locale.ROOT)));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static String noun(Person person) {
        return person.isLead() ? "Lead" : "Contact";
    }
}
