package kerbshell.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the session binds: an LDAP simple bind (name and password over TLS) or Kerberos through SASL/GSSAPI. */
public enum AuthMethod {
    SIMPLE, GSSAPI;

    @JsonCreator
    public static AuthMethod parse(String text) {
        return EnumWords.parse(AuthMethod.class, text, "--auth");
    }

    @JsonValue
    public String word() {
        return name().toLowerCase();
    }
}
