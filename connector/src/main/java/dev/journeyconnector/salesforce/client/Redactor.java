package dev.journeyconnector.salesforce.client;

import java.util.List;
import java.util.Objects;

/**
 * Last line of defence for text that came from outside (a token endpoint's error_description, a login fault):
 * replaces any configured secret that happens to appear in it. Our own messages never include secrets.
 */
final class Redactor {
    private final List<String> secrets;

    Redactor(SalesforceClientSettings settings) {
        this.secrets = java.util.stream.Stream.of(settings.clientSecret(), settings.password(), settings.securityToken())
                .filter(Objects::nonNull)
                .filter(s -> s.length() >= 4)
                .toList();
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }
}
