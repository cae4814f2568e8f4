package dev.journeyconnector.app;

import java.util.Locale;

/**
 * One configuration setting, declared once: its environment name, the command-line flag derived from it,
 * its default, whether it is a secret (never printed), and the one-line description that also goes into
 * {@code .env.example}.
 */
public record Setting(String name, String defaultValue, boolean secret, String group, String description) {

    /** {@code SALESFORCE_CLIENT_ID} → {@code --salesforce-client-id}. */
    public String flag() {
        return "--" + name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean hasDefault() {
        return defaultValue != null && !defaultValue.isEmpty();
    }
}
