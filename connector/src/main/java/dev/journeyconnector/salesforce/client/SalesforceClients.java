package dev.journeyconnector.salesforce.client;

/** Creates {@link SalesforceClient}s. */
public final class SalesforceClients {

    private SalesforceClients() {
    }

    /**
     * Validates the settings (all problems at once), authenticates with the configured flow and returns a client
     * backed by force-wsc's Partner API.
     *
     * @throws IllegalArgumentException naming every unusable setting
     * @throws SalesforceException      when authentication fails (kind AUTH, or RETRYABLE for transport trouble)
     */
    public static SalesforceClient connect(SalesforceClientSettings settings) {
        settings.requireValid();
        return connect(settings, SalesforceAuthenticator.forSettings(settings));
    }

    /** As {@link #connect(SalesforceClientSettings)} with a caller-supplied way to obtain sessions. */
    public static SalesforceClient connect(SalesforceClientSettings settings, SalesforceAuthenticator authenticator) {
        settings.requireValid();
        return new PartnerSalesforceClient(settings, authenticator);
    }
}
