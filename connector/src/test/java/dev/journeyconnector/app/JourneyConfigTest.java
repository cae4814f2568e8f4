package dev.journeyconnector.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JourneyConfigTest {

    @TempDir
    Path dir;

    private JourneyConfig load(Map<String, String> env, String dotEnv, String... args) throws Exception {
        Path file = dir.resolve(".env");
        if (dotEnv != null) {
            Files.writeString(file, dotEnv);
        }
        Map<String, String> withRoutes = new HashMap<>(env);
        withRoutes.putIfAbsent("JOURNEY_ROUTES_DIR", routesDir().toString());
        return JourneyConfig.from(SettingsLoader.load(withRoutes, file, CommandLine.parse(args)));
    }

    private Path routesDir() throws Exception {
        return Files.createDirectories(dir.resolve("routes"));
    }

    @Test
    void noCredentialsMeansSandboxModeWithDefaults() throws Exception {
        JourneyConfig config = load(Map.of(), null);

        assertThat(config.sandboxMode()).isTrue();
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.salesforce().queryBatchSize()).isEqualTo(2000);
        assertThat(config.salesforce().apiVersion()).isEqualTo("65.0");
    }

    @Test
    void flagsWinOverDotEnvWhichWinsOverTheEnvironment() throws Exception {
        JourneyConfig config = load(Map.of("JOURNEY_POLL_INTERVAL", "1h", "JOURNEY_CURSOR_OVERLAP", "7m"),
                "JOURNEY_POLL_INTERVAL=30m\nJOURNEY_WRITEBACK_INTERVAL=\"45s\"\n",
                "--journey-poll-interval", "10s");

        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.writebackInterval()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.cursorOverlap()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void threeMistakesAreAllReportedEachNamingItsSetting() {
        assertThatThrownBy(() -> load(Map.of(
                "JOURNEY_POLL_INTERVAL", "often",
                "JOURNEY_DB_POOL_SIZE", "0",
                "SALESFORCE_QUERY_BATCH_SIZE", "5000"), null))
                .isInstanceOfSatisfying(ConfigProblems.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("JOURNEY_POLL_INTERVAL").contains("'often'"))
                        .anySatisfy(p -> assertThat(p).startsWith("JOURNEY_DB_POOL_SIZE").contains("between 2 and 100"))
                        .anySatisfy(p -> assertThat(p).startsWith("SALESFORCE_QUERY_BATCH_SIZE").contains("between 200 and 2000")));
    }

    @Test
    void badConfigurationExitsWithTwoAndPrintsEveryProblem() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Files.writeString(dir.resolve(".env"), "JOURNEY_LOG_LEVEL=LOUD\nNOT_A_SETTING\n");

        int exit = JourneyConnector.execute(new String[]{"--once", "--journey-poll-interval", "-5m"},
                Map.of("JOURNEY_ROUTES_DIR", routesDir().toString()), dir.resolve(".env"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(printed).contains("3 problems")
                .contains("JOURNEY_LOG_LEVEL 'LOUD' is not one of")
                .contains(".env line 2: expected NAME=value")
                .contains("JOURNEY_POLL_INTERVAL '-5m' is not a duration");
    }

    @Test
    void unknownSettingsInDotEnvAndUnknownFlagsAreProblems() {
        assertThatThrownBy(() -> load(Map.of(), "JOURNEY_POLL_INTERVALL=5m\n", "--pol-interval=5m"))
                .isInstanceOfSatisfying(ConfigProblems.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("unknown setting JOURNEY_POLL_INTERVALL"))
                        .anySatisfy(p -> assertThat(p).contains("unknown flag --pol-interval")));
    }

    @Test
    void credentialsSwitchToLiveModeAndEachFlowChecksWhatItNeeds() {
        assertThatThrownBy(() -> load(Map.of("SALESFORCE_CLIENT_ID", "abc", "SALESFORCE_AUTH_FLOW", "jwt"), null))
                .isInstanceOfSatisfying(ConfigProblems.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "SALESFORCE_USERNAME is required for the jwt flow (set it in .env or with --salesforce-username)",
                        "SALESFORCE_JWT_KEY_FILE is required for the jwt flow (set it in .env or with --salesforce-jwt-key-file)"));
    }

    @Test
    void clientCredentialsNeedsMyDomainNotTheGenericLoginHost() {
        assertThatThrownBy(() -> load(Map.of("SALESFORCE_CLIENT_ID", "abc", "SALESFORCE_CLIENT_SECRET", "s3cret"), null))
                .isInstanceOfSatisfying(ConfigProblems.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("SALESFORCE_LOGIN_URL the client_credentials flow needs your org's My Domain URL")
                        .doesNotContain("s3cret"));
    }

    @Test
    void liveConfigurationIsAcceptedAndNeverStartsTheSandbox() throws Exception {
        JourneyConfig config = load(Map.of("SALESFORCE_CLIENT_ID", "abc", "SALESFORCE_CLIENT_SECRET", "s3cret",
                "SALESFORCE_LOGIN_URL", "https://acme.my.salesforce.com"), null);

        assertThat(config.sandboxMode()).isFalse();
        assertThat(config.salesforce().flow()).isEqualTo(JourneyConfig.AuthFlow.CLIENT_CREDENTIALS);
        assertThat(config.salesforce().toString()).doesNotContain("s3cret").contains("clientSecret=****");
    }

    @Test
    void sandboxOptionsAreRefusedWhenCredentialsAreSet() {
        assertThatThrownBy(() -> load(Map.of("SALESFORCE_CLIENT_ID", "abc", "SALESFORCE_CLIENT_SECRET", "x",
                "SALESFORCE_LOGIN_URL", "https://acme.my.salesforce.com"), null, "--sandbox-reset"))
                .isInstanceOfSatisfying(ConfigProblems.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("SANDBOX_RESET applies only to the sandbox"));
    }

    @Test
    void loginUrlMustBeHttpsOnASalesforceHostUnlessLoopbackOrAllowed() throws Exception {
        Map<String, String> base = Map.of("SALESFORCE_USERNAME", "u@example.com", "SALESFORCE_PASSWORD", "p",
                "SALESFORCE_API_VERSION", "64.0");
        assertThatThrownBy(() -> load(with(base, "SALESFORCE_LOGIN_URL", "http://evil.example.com"), null))
                .isInstanceOfSatisfying(ConfigProblems.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("must use https"))
                        .anySatisfy(p -> assertThat(p).contains("not a Salesforce domain")));
        assertThat(load(with(base, "SALESFORCE_LOGIN_URL", "http://127.0.0.1:8089"), null).salesforce().loginUrl())
                .hasToString("http://127.0.0.1:8089");
        assertThat(load(with(with(base, "SALESFORCE_LOGIN_URL", "https://proxy.example.com"),
                "SALESFORCE_ALLOW_NON_SALESFORCE_HOSTS", "true"), null).salesforce().allowNonSalesforceHosts()).isTrue();
    }

    @Test
    void soapPasswordLoginIsRefusedFromApi65() {
        assertThatThrownBy(() -> load(Map.of("SALESFORCE_USERNAME", "u@example.com", "SALESFORCE_PASSWORD", "p"), null))
                .isInstanceOfSatisfying(ConfigProblems.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("SOAP login() is gone from API 65.0"));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void zendeskAndMailchimpAreCheckedByNameAndOffUnlessConfigured() throws Exception {
        Map<String, String> live = Map.of("SALESFORCE_CLIENT_ID", "abc", "SALESFORCE_CLIENT_SECRET", "x",
                "SALESFORCE_LOGIN_URL", "https://acme.my.salesforce.com");

        JourneyConfig bare = load(live, null);
        assertThat(bare.zendesk().enabled()).isFalse();
        assertThat(bare.mailchimp().enabled()).isFalse();

        assertThatThrownBy(() -> load(with(with(with(live, "MAILCHIMP_API_KEY", "0123456789abcdef"),
                "ZENDESK_SUBDOMAIN", "Acme Corp"), "ZENDESK_BASE_URL", "http://zendesk.evil.example"), null))
                .isInstanceOfSatisfying(ConfigProblems.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("MAILCHIMP_API_KEY").contains("data centre"))
                        .anySatisfy(p -> assertThat(p).startsWith("ZENDESK_SUBDOMAIN"))
                        .anySatisfy(p -> assertThat(p).startsWith("ZENDESK_BASE_URL"))
                        .noneSatisfy(p -> assertThat(p).contains("0123456789abcdef")));

        JourneyConfig both = load(with(with(with(with(live, "MAILCHIMP_API_KEY", "0123456789abcdef-us21"),
                "ZENDESK_SUBDOMAIN", "acme"), "ZENDESK_EMAIL", "ops@acme.example"), "ZENDESK_API_TOKEN", "tok"), null);
        assertThat(both.zendesk().enabled()).isTrue();
        assertThat(both.mailchimp().enabled()).isTrue();
        assertThat(both.mailchimp().toString() + both.zendesk()).doesNotContain("0123456789abcdef").doesNotContain("tok,");
    }

    @Test
    void vendorCredentialsWithoutSalesforceAreRefusedInsteadOfSilentlyUsingTheSandbox() {
        assertThatThrownBy(() -> load(Map.of("MAILCHIMP_API_KEY", "0123456789abcdef-us21", "ZENDESK_SUBDOMAIN", "acme"), null))
                .isInstanceOfSatisfying(ConfigProblems.class, e -> assertThat(e.problems()).hasSize(2)
                        .allSatisfy(p -> assertThat(p).contains("Salesforce credentials are not")));
    }
}
