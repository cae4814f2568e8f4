package dev.journeyconnector.salesforce.client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the client needs to reach one org. Which fields are required depends on {@link #flow()};
 * {@link #problems()} lists every missing or contradictory setting at once, named by its record component.
 * {@link #toString()} never shows clientSecret, password or securityToken.
 *
 * @param loginUrl        https://login.salesforce.com, https://test.salesforce.com or the org's My Domain
 *                        (client credentials needs the My Domain); http://127.0.0.1:port for the sandbox
 * @param apiVersion      Partner API version such as "65.0"
 * @param queryBatchSize  records per query page, 200..2000 (Salesforce's QueryOptions range)
 */
public record SalesforceClientSettings(
        AuthFlow flow,
        URI loginUrl,
        String clientId,
        String clientSecret,
        String username,
        Path jwtPrivateKeyFile,
        String password,
        String securityToken,
        String apiVersion,
        Duration connectTimeout,
        Duration readTimeout,
        int queryBatchSize,
        boolean allowNonSalesforceHosts) {

    public static final String DEFAULT_API_VERSION = "65.0";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A query over a large table can legitimately take minutes before the first page comes back. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_QUERY_BATCH_SIZE = 2000;

    private static final Pattern API_VERSION = Pattern.compile("(\\d{2,3})\\.0");
    private static final String REDACTED = "****";

    public SalesforceClientSettings {
        apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion.strip();
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        queryBatchSize = queryBatchSize == 0 ? DEFAULT_QUERY_BATCH_SIZE : queryBatchSize;
    }

    public static Builder builder(AuthFlow flow) {
        return new Builder(flow);
    }

    /** Every problem with these settings, each naming the setting at fault; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (flow == null) {
            problems.add("flow is required (JWT_BEARER, CLIENT_CREDENTIALS or SOAP_PASSWORD)");
        }
        SalesforceHosts.problem("loginUrl", loginUrl, allowNonSalesforceHosts).ifPresent(problems::add);
        Matcher version = API_VERSION.matcher(apiVersion);
        if (!version.matches()) {
            problems.add("apiVersion must look like \"65.0\", got \"" + apiVersion + "\"");
        }
        if (queryBatchSize < 200 || queryBatchSize > 2000) {
            // QueryOptions batchSize: minimum 200, maximum 2000
            // (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_header_queryoptions.htm)
            problems.add("queryBatchSize must be between 200 and 2000, got " + queryBatchSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add("connectTimeout must be positive (force-wsc treats 0 as wait forever)");
        }
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            problems.add("readTimeout must be positive (force-wsc treats 0 as wait forever)");
        }
        if (flow == AuthFlow.JWT_BEARER) {
            requireText(problems, "clientId", clientId, "the connected app's consumer key");
            requireText(problems, "username", username, "the pre-authorised integration user");
            if (jwtPrivateKeyFile == null) {
                problems.add("jwtPrivateKeyFile is required for flow JWT_BEARER (PEM, PKCS#8, matching the connected app's certificate)");
            } else if (!Files.isReadable(jwtPrivateKeyFile)) {
                problems.add("jwtPrivateKeyFile " + jwtPrivateKeyFile + " does not exist or is not readable");
            }
        } else if (flow == AuthFlow.CLIENT_CREDENTIALS) {
            requireText(problems, "clientId", clientId, "the connected app's consumer key");
            requireText(problems, "clientSecret", clientSecret, "the connected app's consumer secret");
        } else if (flow == AuthFlow.SOAP_PASSWORD) {
            requireText(problems, "username", username, "the integration user");
            requireText(problems, "password", password, "the integration user's password");
            if (version.matches() && Integer.parseInt(version.group(1)) >= 65) {
                // SOAP API login() is not available in API 65.0 and later:
                // https://help.salesforce.com/s/articleView?id=005132110&type=1
                problems.add("flow SOAP_PASSWORD needs apiVersion 64.0 or lower (SOAP login() is not available from API 65.0 on); "
                        + "use JWT_BEARER or CLIENT_CREDENTIALS, or set apiVersion to 64.0");
            }
        }
        return problems;
    }

    /** Throws one {@link IllegalArgumentException} listing all {@link #problems()}. */
    public SalesforceClientSettings requireValid() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Salesforce client settings are not usable: " + String.join("; ", problems));
        }
        return this;
    }

    /** The login URL without a trailing slash, e.g. https://login.salesforce.com. */
    public String loginBase() {
        String base = loginUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private static void requireText(List<String> problems, String name, String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is required for this flow (" + what + ")");
        }
    }

    private static String redact(String secret) {
        return secret == null ? null : REDACTED;
    }

    @Override
    public String toString() {
        return "SalesforceClientSettings[flow=" + flow
                + ", loginUrl=" + loginUrl
                + ", clientId=" + clientId
                + ", clientSecret=" + redact(clientSecret)
                + ", username=" + username
                + ", jwtPrivateKeyFile=" + jwtPrivateKeyFile
                + ", password=" + redact(password)
                + ", securityToken=" + redact(securityToken)
                + ", apiVersion=" + apiVersion
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", queryBatchSize=" + queryBatchSize
                + ", allowNonSalesforceHosts=" + allowNonSalesforceHosts + "]";
    }

    /** Fluent construction; unset values take the defaults above. */
    public static final class Builder {
        private final AuthFlow flow;
        private URI loginUrl;
        private String clientId;
        private String clientSecret;
        private String username;
        private Path jwtPrivateKeyFile;
        private String password;
        private String securityToken;
        private String apiVersion;
        private Duration connectTimeout;
        private Duration readTimeout;
        private int queryBatchSize;
        private boolean allowNonSalesforceHosts;

        private Builder(AuthFlow flow) {
            this.flow = flow;
        }

        public Builder loginUrl(String value) {
            this.loginUrl = URI.create(value);
            return this;
        }

        public Builder loginUrl(URI value) {
            this.loginUrl = value;
            return this;
        }

        public Builder clientId(String value) {
            this.clientId = value;
            return this;
        }

        public Builder clientSecret(String value) {
            this.clientSecret = value;
            return this;
        }

        public Builder username(String value) {
            this.username = value;
            return this;
        }

        public Builder jwtPrivateKeyFile(Path value) {
            this.jwtPrivateKeyFile = value;
            return this;
        }

        public Builder password(String value) {
            this.password = value;
            return this;
        }

        public Builder securityToken(String value) {
            this.securityToken = value;
            return this;
        }

        public Builder apiVersion(String value) {
            this.apiVersion = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder queryBatchSize(int value) {
            this.queryBatchSize = value;
            return this;
        }

        public Builder allowNonSalesforceHosts(boolean value) {
            this.allowNonSalesforceHosts = value;
            return this;
        }

        public SalesforceClientSettings build() {
            return new SalesforceClientSettings(flow, loginUrl, clientId, clientSecret, username, jwtPrivateKeyFile,
                    password, securityToken, apiVersion, connectTimeout, readTimeout, queryBatchSize,
                    allowNonSalesforceHosts);
        }
    }
}
