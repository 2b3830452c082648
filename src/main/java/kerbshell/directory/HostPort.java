package kerbshell.directory;

import kerbshell.error.KerbshellException;

/** {@code HOST[:PORT]} as --kdc and --gc take it; an IPv6 literal goes in brackets ({@code [::1]:3269}). */
public final class HostPort {
    private HostPort() {
    }

    /** Refuses a value that is not HOST or HOST:PORT with a port from 1 to 65535; returns it unchanged. */
    public static String check(String option, String value) {
        if (value == null || value.isBlank() || host(value).isEmpty()) {
            throw KerbshellException.usage(option + " needs HOST or HOST:PORT, not '" + value + "'");
        }
        String port = portText(value);
        if (port != null) {
            try {
                int number = Integer.parseInt(port);
                if (number < 1 || number > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw KerbshellException.usage(option + " has a port that is not a number from 1 to 65535: '"
                        + value + "'");
            }
        }
        return value;
    }

    public static String host(String value) {
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 0 ? value.substring(1, close) : value;
        }
        int colon = value.lastIndexOf(':');
        return colon > 0 && value.indexOf(':') == colon ? value.substring(0, colon) : value;
    }

    /** The port, or null when none is given. */
    public static Integer port(String value) {
        String text = portText(value);
        return text == null ? null : Integer.valueOf(text);
    }

    private static String portText(String value) {
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 0 && value.length() > close + 1 && value.charAt(close + 1) == ':'
                    ? value.substring(close + 2) : null;
        }
        int colon = value.lastIndexOf(':');
        return colon > 0 && value.indexOf(':') == colon ? value.substring(colon + 1) : null;
    }
}
