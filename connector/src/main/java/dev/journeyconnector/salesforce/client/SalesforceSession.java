package dev.journeyconnector.salesforce.client;

/**
 * A session id (OAuth access token or SOAP login session) and the Partner API endpoint it is valid for,
 * e.g. https://acme.my.salesforce.com/services/Soap/u/65.0. {@link #toString()} hides the session id.
 */
public record SalesforceSession(String sessionId, String serviceEndpoint) {
    @Override
    public String toString() {
        return "SalesforceSession[sessionId=****, serviceEndpoint=" + serviceEndpoint + "]";
    }
}
