package dev.journeyconnector.mailchimp.client;

/**
 * Last line of defence for text that came from outside (an error detail, an exception message): replaces the
 * API key, and the key without its data centre suffix, wherever it appears. Our own messages never include it.
 */
final class Redactor {
    private final String key;
    private final String keyWithoutDc;

    Redactor(String apiKey) {
        this.key = apiKey == null || apiKey.length() < 4 ? null : apiKey;
        int dash = key == null ? -1 : key.lastIndexOf('-');
        this.keyWithoutDc = dash >= 4 ? key.substring(0, dash) : null;
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        if (key != null) {
            result = result.replace(key, "****");
        }
        if (keyWithoutDc != null) {
            result = result.replace(keyWithoutDc, "****");
        }
        return result;
    }
}
