package dev.journeyconnector.salesforce.client;

import com.sforce.soap.partner.LoginResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;

import java.net.URI;

/**
 * SOAP {@code login()} with username and password + security token, for orgs still on API 64.0 or below.
 * The call is not available from API 65.0 on (https://help.salesforce.com/s/articleView?id=005132110&type=1);
 * {@link SalesforceClientSettings#problems()} refuses that combination before we get here.
 */
final class SoapLoginAuthenticator implements SalesforceAuthenticator {
    private final SalesforceClientSettings settings;
    private final Redactor redactor;

    SoapLoginAuthenticator(SalesforceClientSettings settings) {
        this.settings = settings;
        this.redactor = new Redactor(settings);
    }

    @Override
    public SalesforceSession authenticate() {
        String authEndpoint = settings.loginBase() + ForceConfigs.soapPath(settings);
        ConnectorConfig config = ForceConfigs.base(settings);
        config.setAuthEndpoint(authEndpoint);
        config.setServiceEndpoint(authEndpoint);
        config.setUsername(settings.username());
        LoginResult result;
        try {
            // A throwaway connection (manual login) so the password never sits in the long-lived config.
            PartnerConnection loginConnection = new PartnerConnection(config);
            // The security token is appended to the password: https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_login.htm
            result = loginConnection.login(settings.username(),
                    settings.password() + (settings.securityToken() == null ? "" : settings.securityToken()));
        } catch (ConnectionException e) {
            SalesforceException failure = SalesforceFailures.toException("login", e);
            throw new SalesforceException(failure.kind(), failure.faultCode(),
                    redactor.scrub(failure.getMessage()) + "; check username, password and securityToken", null);
        }
        URI serverUrl = URI.create(result.getServerUrl());
        SalesforceHosts.problem("serverUrl returned by login()", serverUrl, settings.allowNonSalesforceHosts())
                .ifPresent(problem -> {
                    throw new SalesforceException(FailureKind.AUTH, "UNTRUSTED_INSTANCE_URL", problem);
                });
        return new SalesforceSession(result.getSessionId(), result.getServerUrl());
    }
}
