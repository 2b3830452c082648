package kerbshell.spn;

import kerbshell.error.KerbshellException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service principal name, {@code serviceclass/host[:port][/servicename]}, validated before anything is sent.
 * Service classes may contain spaces ({@code Microsoft Virtual System Migration Service}); the host may not.
 */
public record Spn(String serviceClass, String host, Integer port, String serviceName) {
    private static final Pattern SYNTAX = Pattern.compile(
            "(?<class>[^/:]+)/(?<host>[^/:\\s]+)(?::(?<port>\\d{1,5}))?(?:/(?<name>[^/]+))?");

    public static Spn parse(String text) {
        String given = text == null ? "" : text.strip();
        Matcher m = SYNTAX.matcher(given);
        if (!m.matches() || m.group("class").isBlank() || !m.group("class").equals(m.group("class").strip())) {
            throw KerbshellException.usage("'" + given + "' is not an SPN: the form is serviceclass/host[:port]"
                    + "[/servicename], e.g. cifs/hv01.corp.example or \"Microsoft Virtual System Migration "
                    + "Service/HV01\"");
        }
        Integer port = null;
        if (m.group("port") != null) {
            port = Integer.parseInt(m.group("port"));
            if (port < 1 || port > 65535) {
                throw KerbshellException.usage("'" + given + "' has port " + port + ": ports run from 1 to 65535");
            }
        }
        return new Spn(m.group("class"), m.group("host"), port, m.group("name"));
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
