package kerbshell.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Transport protection of the LDAP connection. */
public enum TlsMode {
    LDAPS(636), STARTTLS(389), NONE(389);

    private final int defaultPort;

    TlsMode(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    @JsonCreator
    public static TlsMode parse(String text) {
        return EnumWords.parse(TlsMode.class, text, "--tls");
    }

    @JsonValue
    public String word() {
        return name().toLowerCase();
    }
}
