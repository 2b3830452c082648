package kerbshell.directory;

/** How the session binds: an LDAP simple bind (name and password over TLS) or Kerberos through SASL/GSSAPI. */
public enum AuthMethod {
    SIMPLE, GSSAPI;

    public static AuthMethod parse(String text) {
        return EnumWords.parse(AuthMethod.class, text, "--auth");
    }

    public String word() {
        return name().toLowerCase();
    }
}
