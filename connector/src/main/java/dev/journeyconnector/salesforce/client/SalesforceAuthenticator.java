package dev.journeyconnector.salesforce.client;

/** Obtains a fresh session; called once at connect and again on each session renewal. */
@FunctionalInterface
public interface SalesforceAuthenticator {

    /** @throws SalesforceException of kind AUTH when the credentials are refused, RETRYABLE on transport trouble */
    SalesforceSession authenticate();

    /** The authenticator for {@code settings.flow()}. */
    static SalesforceAuthenticator forSettings(SalesforceClientSettings settings) {
        return switch (settings.flow()) {
            case JWT_BEARER, CLIENT_CREDENTIALS -> new OAuthTokenAuthenticator(settings);
            case SOAP_PASSWORD -> new SoapLoginAuthenticator(settings);
        };
    }
}
