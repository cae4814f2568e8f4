package dev.journeyconnector.salesforce.client;

/** How the client obtains a session. */
public enum AuthFlow {
    /** OAuth 2.0 JWT bearer: a connected app, its certificate's private key and a pre-authorised user. */
    JWT_BEARER,
    /** OAuth 2.0 client credentials: a connected app with a "Run As" user, against the My Domain. */
    CLIENT_CREDENTIALS,
    /** SOAP login() with username, password and security token: only API 64.0 and below. */
    SOAP_PASSWORD
}
