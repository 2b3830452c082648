package kerbshell.hostcontrol;

import kerbshell.error.KerbshellException;

/** Where a remote connection goes: a host name or address and a TCP port. */
public record RemoteAddress(String host, int port) {

    /**
     * {@code HOST}, {@code HOST:PORT}, {@code [IPv6]} or {@code [IPv6]:PORT}; without a port, {@code defaultPort}.
     */
    public static RemoteAddress parse(String text, int defaultPort) {
        String given = text == null ? "" : text.trim();
        if (given.isEmpty()) {
            throw KerbshellException.usage("--address needs HOST or HOST:PORT");
        }
        String host = given;
        String port = null;
        if (given.startsWith("[")) {
            int close = given.indexOf(']');
            if (close < 0) {
                throw KerbshellException.usage("--address " + given + " opens [ without closing it");
            }
            host = given.substring(1, close);
            if (given.length() > close + 1) {
                if (given.charAt(close + 1) != ':') {
                    throw KerbshellException.usage("--address " + given + ": expected :PORT after ]");
                }
                port = given.substring(close + 2);
            }
        } else if (given.indexOf(':') >= 0 && given.indexOf(':') == given.lastIndexOf(':')) {
            host = given.substring(0, given.indexOf(':'));
            port = given.substring(given.indexOf(':') + 1);
        }
        if (port == null) {
            return new RemoteAddress(host, defaultPort);
        }
        try {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                throw new NumberFormatException();
            }
            return new RemoteAddress(host, number);
        } catch (NumberFormatException e) {
            throw KerbshellException.usage("--address " + given + ": the port must be a number from 1 to 65535");
        }
    }

    /** host:port, with IPv6 addresses in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
