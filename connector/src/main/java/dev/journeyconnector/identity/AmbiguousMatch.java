package dev.journeyconnector.identity;

import java.util.List;

/**
 * A record whose email names more than one person, so it is given to nobody until someone decides: later stages
 * write nothing about it. The candidates are Salesforce Contact Ids, or Lead Ids when no Contact has the email,
 * sorted.
 */
public record AmbiguousMatch(SourceRef record, String email, List<String> candidateIds) {

    public AmbiguousMatch {
        candidateIds = List.copyOf(candidateIds);
    }
}
