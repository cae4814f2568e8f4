package dev.journeyconnector.salesforce.client;

import dev.journeyconnector.net.Loopback;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs may receive credentials or session ids: https to a Salesforce domain; loopback (the sandbox and
 * tests) over http or https; other https hosts only with {@code allowNonSalesforceHosts}. Plain http to a
 * non-loopback host is refused even with the flag, because a bearer token on the wire is as good as a password.
 * Domains: https://help.salesforce.com/s/articleView?id=sf.domain_name_url_formats.htm
 */
public final class SalesforceHosts {

    private static final List<String> SALESFORCE_SUFFIXES = List.of(
            ".salesforce.com",      // includes .my.salesforce.com and .sandbox.my.salesforce.com
            ".force.com",
            ".salesforce.mil",
            ".cloudforce.com");


    private SalesforceHosts() {
    }

    /** Why {@code url} (the value of setting {@code settingName}) may not be used, or empty when it may. */
    public static Optional<String> problem(String settingName, URI url, boolean allowNonSalesforceHosts) {
        if (url == null) {
            return Optional.of(settingName + " is required");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (host == null || host.isBlank() || !url.isAbsolute()) {
            return Optional.of(settingName + " must be an absolute URL with a host, e.g. https://login.salesforce.com (got " + safe(url) + ")");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of(settingName + " must not carry user information before the host (got " + safe(url) + ")");
        }
        boolean loopback = isLoopback(host);
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            return Optional.of(settingName + " must use https (plain http is accepted only for loopback hosts), got " + safe(url));
        }
        if (!loopback && !allowNonSalesforceHosts && !isSalesforceHost(host)) {
            return Optional.of(settingName + " host " + host + " is not a Salesforce domain (*.salesforce.com, *.force.com, "
                    + "*.my.salesforce.com, *.sandbox.my.salesforce.com, *.salesforce.mil, *.cloudforce.com); "
                    + "set allowNonSalesforceHosts only if this host is really yours");
        }
        return Optional.empty();
    }

    /** Throws {@link IllegalArgumentException} naming the setting when {@code url} may not be used. */
    public static URI require(String settingName, URI url, boolean allowNonSalesforceHosts) {
        problem(settingName, url, allowNonSalesforceHosts).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return url;
    }

    public static boolean isSalesforceHost(String host) {
        String h = normalise(host);
        return SALESFORCE_SUFFIXES.stream().anyMatch(suffix -> h.endsWith(suffix) && h.length() > suffix.length());
    }

    /** 127.0.0.0/8, localhost and ::1, decided from the literal alone: no DNS lookup. */
    public static boolean isLoopback(String host) {
        return Loopback.isLoopback(host);
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The URL without user info, query or fragment, for messages. */
    private static String safe(URI url) {
        return url.getScheme() + "://" + (url.getHost() == null ? "?" : url.getHost())
                + (url.getPort() >= 0 ? ":" + url.getPort() : "") + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
