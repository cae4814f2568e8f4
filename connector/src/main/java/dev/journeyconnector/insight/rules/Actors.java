package dev.journeyconnector.insight.rules;

import dev.journeyconnector.insight.CustomerFacts;
import dev.journeyconnector.insight.CustomerHistory;
import dev.journeyconnector.insight.Finding.Actor;
import dev.journeyconnector.journey.Touchpoint;

import java.util.List;
import java.util.Optional;

/**
 * Who acts on a finding: the owner of the record it is about when that is a Salesforce user, else the configured
 * fallback user, with the reason either way. A Task can only be owned by a user, so a queue (00G...) or a Zendesk
 * agent without a Salesforce user goes to the fallback, said so in the reason.
 */
public final class Actors {

    private Actors() {
    }

    /** The case owner, or for a ticket its owner where the mappings give a Salesforce user. */
    public static Actor forThread(SupportThread thread) {
        List<Touchpoint> opened = thread.opened().stream().toList();
        Optional<String> owner = SupportThread.latestAttribute("owner", opened)
                .or(() -> SupportThread.latestAttribute("to-owner", thread.touchpoints()))
                .or(() -> SupportThread.latestAttribute("owner", thread.touchpoints()));
        String role = thread.noun() + " owner";
        if (owner.isPresent()) {
            if (Actor.isUserId(owner.get())) {
                return new Actor(owner.get(), role, "owns the " + thread.label());
            }
            return Actor.fallback("the " + thread.label() + " is owned by " + owner.get()
                    + ", a queue or team rather than a user who can take a task");
        }
        Optional<String> assignee = SupportThread.latestAttribute("assignee", thread.touchpoints());
        if (assignee.isPresent()) {
            return Actor.fallback("the " + thread.label() + " is assigned to help-desk agent " + assignee.get()
                    + ", who has no Salesforce user");
        }
        return Actor.fallback("nobody owns the " + thread.label());
    }

    /** The owner of the customer's Contact (or Lead). */
    public static Actor contactOwner(CustomerHistory history) {
        Optional<CustomerFacts.Person> person = history.facts().person();
        if (person.isEmpty()) {
            return Actor.fallback("the customer has no Contact or Lead in Salesforce, so no owner");
        }
        String noun = person.get().isLead() ? "lead" : "contact";
        String owner = person.get().ownerId();
        if (Actor.isUserId(owner)) {
            return new Actor(owner, noun + " owner", "owns the customer's " + noun + " record");
        }
        return Actor.fallback("the customer's " + noun + " record has no owner who is a user"
                + (owner == null ? "" : " (" + owner + ")"));
    }

    /** The opportunity's owner, from its touchpoint, else the Account's opportunity record. */
    public static Actor opportunityOwner(Optional<String> owner, String label) {
        if (owner.isPresent() && Actor.isUserId(owner.get())) {
            return new Actor(owner.get(), "opportunity owner", "owns the " + label);
        }
        return Actor.fallback("the " + label + " has no owner who is a user"
                + owner.map(o -> " (" + o + ")").orElse(""));
    }
}
