package kerbshell.spn;

import kerbshell.error.KerbshellException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service principal name, {@code serviceclass/host[:port][/servicename]}, validated before anything is sent.
 * Service classes may contain spaces ({@code Microsoft Virtual System Migration Service}); the host may not.
 *
 * <p>{@link #parse} holds a new value to AD's rules, so that nothing kerbshell writes can forge a line of
 * output or be refused half-way: no control characters anywhere (a newline would forge lines in {@code spn list}),
 * at most 2048 characters in all (servicePrincipalName's rangeUpper in AD's schema), and a host that is a DNS or
 * NetBIOS name or an IPv4 address: letters, digits, '-', '_' and '.', at most 255 characters, labels of at most
 * 63. {@link #parseHeld} reads values already in the directory, which other tools may have written, with the
 * form only, so they can still be found and removed.
 */
public record Spn(String serviceClass, String host, Integer port, String serviceName) {
    /** servicePrincipalName's rangeUpper in AD's schema. */
    public static final int MAX_LENGTH = 2048;
    private static final int MAX_HOST = 255;
    private static final int MAX_LABEL = 63;
    private static final Pattern SYNTAX = Pattern.compile(
            "(?<class>[^/:]+)/(?<host>[^/:\\s]+)(?::(?<port>\\d{1,5}))?(?:/(?<name>[^/]+))?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");
    private static final String FORM = "the form is serviceclass/host[:port][/servicename], e.g. "
            + "cifs/hv01.corp.example or \"Microsoft Virtual System Migration Service/HV01\"";

    /** A new SPN, to write or to ask for: AD's syntax and limits. */
    public static Spn parse(String text) {
        String given = text == null ? "" : text.strip();
        int control = firstControl(given);
        if (control >= 0) {
            throw KerbshellException.usage("'" + printable(given) + "' is not an SPN: it contains the control "
                    + "character " + describe(given.charAt(control)) + " at position " + (control + 1)
                    + ", which no SPN may hold");
        }
        if (given.length() > MAX_LENGTH) {
            throw KerbshellException.usage("'" + printable(given) + "' is not an SPN: it has " + given.length()
                    + " characters, and AD holds at most " + MAX_LENGTH);
        }
        Spn spn = parseHeld(given);
        String host = spn.host();
        if (!HOST.matcher(host).matches()) {
            throw KerbshellException.usage("'" + printable(given) + "' is not an SPN: its host '" + printable(host)
                    + "' is not a host name (letters, digits, '-', '_' and '.'); " + FORM);
        }
        if (host.length() > MAX_HOST) {
            throw KerbshellException.usage("'" + printable(given) + "' is not an SPN: its host has " + host.length()
                    + " characters, and a DNS name has at most " + MAX_HOST);
        }
        for (String label : host.split("\\.")) {
            if (label.length() > MAX_LABEL) {
                throw KerbshellException.usage("'" + printable(given) + "' is not an SPN: its host has a label of "
                        + label.length() + " characters, and a DNS label has at most " + MAX_LABEL);
            }
        }
        return spn;
    }

    /** An SPN as the directory holds it (or as typed to find or remove one): the form only. */
    public static Spn parseHeld(String text) {
        String given = text == null ? "" : text.strip();
        Matcher m = SYNTAX.matcher(given);
        if (!m.matches() || m.group("class").isBlank() || !m.group("class").equals(m.group("class").strip())) {
            throw KerbshellException.usage("'" + printable(given) + "' is not an SPN: " + FORM);
        }
        Integer port = null;
        if (m.group("port") != null) {
            port = Integer.parseInt(m.group("port"));
            if (port < 1 || port > 65535) {
                throw KerbshellException.usage("'" + printable(given) + "' has port " + port + ": ports run from 1 "
                        + "to 65535");
            }
        }
        return new Spn(m.group("class"), m.group("host"), port, m.group("name"));
    }

    /** The text with control characters shown as escapes (\n, \0, \u001b), so that it cannot break a line. */
    public static String escaped(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            shown.append(isControl(c) ? escape(c) : String.valueOf(c));
        }
        return shown.toString();
    }

    /** As {@link #escaped}, and cut after 80 characters, so that a value never floods the message quoting it. */
    public static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (shown.length() >= 80) {
                return shown + "... (" + text.length() + " characters)";
            }
            char c = text.charAt(i);
            shown.append(isControl(c) ? escape(c) : String.valueOf(c));
        }
        return shown.toString();
    }

    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\0' -> "\\0";
            default -> String.format("\\u%04x", (int) c);
        };
    }

    private static String describe(char c) {
        return escape(c) + " (U+" + String.format("%04X", (int) c) + ")";
    }

    /** The KDC compares SPNs without regard to case: this is the key to compare by. */
    public String key() {
        return toString().toLowerCase(Locale.ROOT);
    }

    public boolean sameAs(String other) {
        return toString().equalsIgnoreCase(other);
    }

    @Override
    public String toString() {
        return serviceClass + "/" + host + (port == null ? "" : ":" + port)
                + (serviceName == null ? "" : "/" + serviceName);
    }
}
