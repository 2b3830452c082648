package kerbshell.kerberos;

import kerbshell.error.KerbshellException;

import java.util.Locale;

/**
 * Where a realm's KDC listens: what a krb5.conf {@code kdc = host:port} line says, plus the transport to use.
 */
public record KdcEndpoint(String realm, String host, int port, Transport transport) {
    public static final int KERBEROS_PORT = 88;

    public enum Transport { TCP, UDP }

    public KdcEndpoint {
        if (realm == null || realm.isBlank()) {
            throw KerbshellException.usage("a KDC endpoint needs a realm, such as CORP.EXAMPLE");
        }
        if (host == null || host.isBlank()) {
            throw KerbshellException.usage("a KDC endpoint for " + realm + " needs a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw KerbshellException.usage("the KDC port " + port + " for " + realm + " is not a port; give 1-65535");
        }
        // Realms are upper case by convention and Kerby compares them exactly.
        realm = realm.toUpperCase(Locale.ROOT);
        if (transport == null) {
            transport = Transport.TCP;
        }
    }

    /** A TCP endpoint from a krb5.conf-style {@code host}, {@code host:port} or {@code [v6-address]:port}. */
    public static KdcEndpoint parse(String realm, String hostAndPort) {
        String text = hostAndPort == null ? "" : hostAndPort.trim();
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw KerbshellException.usage("the KDC address " + text + " has no closing ']'; write [address]:port");
            }
            host = text.substring(1, close);
            if (text.length() > close + 1) {
                if (text.charAt(close + 1) != ':') {
                    throw KerbshellException.usage("the KDC address " + text + " is not [address]:port");
                }
                port = text.substring(close + 2);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        return new KdcEndpoint(realm, host, port == null ? KERBEROS_PORT : parsePort(text, port), Transport.TCP);
    }

    public KdcEndpoint withTransport(Transport other) {
        return new KdcEndpoint(realm, host, port, other);
    }

    /** host:port, as error messages name the KDC. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static int parsePort(String text, String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw KerbshellException.usage("the KDC address " + text + " has no valid port; write host:port");
        }
    }
}
