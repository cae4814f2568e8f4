package dev.journeyconnector.identity;

import java.util.Locale;
import java.util.Optional;

/** The one comparison of email addresses used to match people across sources. */
public final class Emails {

    private Emails() {
    }

    /**
     * Trimmed and lower-cased; empty when there is no address. The local part is lower-cased too: none of our
     * three sources treats it as case-sensitive (Mailchimp's member id is the MD5 of the lower-cased address).
     * Plus-addresses are kept as they are: {@code a+b@x.com} is often a different inbox owner's filter, or a
     * deliberately separate identity, and merging them would join journeys we cannot take apart again.
     */
    public static Optional<String> normalise(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String trimmed = email.strip();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed.toLowerCase(Locale.ROOT));
    }
}
