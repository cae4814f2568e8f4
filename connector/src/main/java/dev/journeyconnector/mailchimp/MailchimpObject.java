package dev.journeyconnector.mailchimp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a {@code journey-mailchimp:} endpoint pulls; {@link #uriName()} is the word in the URI and in the store. */
public enum MailchimpObject {
    LISTS("lists"),
    MEMBERS("members"),
    CAMPAIGNS("campaigns"),
    EMAIL_ACTIVITY("email_activity"),
    UNSUBSCRIBES("unsubscribes");

    private final String uriName;

    MailchimpObject(String uriName) {
        this.uriName = uriName;
    }

    public String uriName() {
        return uriName;
    }

    /** True for the objects read per sent campaign (the reports endpoints). */
    boolean perCampaign() {
        return this == EMAIL_ACTIVITY || this == UNSUBSCRIBES;
    }

    public static Optional<MailchimpObject> fromUri(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.uriName.equals(n)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(MailchimpObject::uriName).collect(Collectors.joining(", "));
    }
}
