package kerbshell.kerberos;

import java.util.regex.Pattern;

/**
 * Whether a host is given as an address: Kerberos names services by DNS name (ldap/dc1.corp.example,
 * cifs/hv02.corp.example), so an SPN or server given as an IPv4 or IPv6 literal finds no principal in AD unless
 * someone registered the address as an SPN.
 */
public final class HostNames {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-fA-F:]*:[0-9a-fA-F:.]*]?");

    private HostNames() {
    }

    /** True for 10.0.0.5, ::1, [fe80::1]; false for names. Looks at the text only, never at DNS. */
    public static boolean isAddress(String host) {
        return host != null && (IPV4.matcher(host).matches() || IPV6.matcher(host).matches());
    }

    /** The host part of an SPN: cifs/hv02.corp.example:445/x gives hv02.corp.example. */
    public static String hostOfSpn(String spn) {
        int slash = spn.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String rest = spn.substring(slash + 1);
        int at = rest.lastIndexOf('@');
        rest = at >= 0 ? rest.substring(0, at) : rest;
        int next = rest.indexOf('/');
        rest = next >= 0 ? rest.substring(0, next) : rest;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            return close > 0 ? rest.substring(0, close + 1) : rest;
        }
        int colon = rest.indexOf(':');
        return colon >= 0 && rest.indexOf(':', colon + 1) < 0 ? rest.substring(0, colon) : rest;
    }
}
