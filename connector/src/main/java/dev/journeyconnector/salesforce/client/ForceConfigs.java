package dev.journeyconnector.salesforce.client;

import com.sforce.ws.ConnectorConfig;

/** The one place that sets up force-wsc's ConnectorConfig, so every connection gets the same safe options. */
final class ForceConfigs {

    private ForceConfigs() {
    }

    static ConnectorConfig base(SalesforceClientSettings settings) {
        ConnectorConfig config = new ConnectorConfig();
        // force-wsc leaves both timeouts at 0, which HttpURLConnection treats as "wait forever"
        // (ConnectorConfig.createConnection only sets them when non-zero).
        config.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        config.setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
        // Tracing prints whole envelopes, SessionHeader included, to stdout: it must stay off.
        config.setTraceMessage(false);
        config.setPrettyPrintXml(false);
        config.setCompression(true);
        // We pass the session ourselves; the PartnerConnection constructor must never call login().
        config.setManualLogin(true);
        return config;
    }

    static String soapPath(SalesforceClientSettings settings) {
        return "/services/Soap/u/" + settings.apiVersion();
    }
}
