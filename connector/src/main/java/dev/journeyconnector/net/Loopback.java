package dev.journeyconnector.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host names this machine: 127.0.0.0/8, localhost or ::1. Base-URL overrides (for the sandbox
 * and tests) are accepted only for such hosts, so the answer comes from the literal alone, never from a
 * DNS lookup, which an attacker could answer ({@code 127.0.0.1.nip.io} is not loopback).
 */
public final class Loopback {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Loopback() {
    }

    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches()) {
            for (String octet : h.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return h.startsWith("127.");
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.contains(":") && h.matches("[0-9a-f:.]+")) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // an IPv6 literal is parsed, not resolved
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
