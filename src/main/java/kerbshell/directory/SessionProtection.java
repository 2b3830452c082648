package kerbshell.directory;

/**
 * What protects the session's LDAP messages once it is bound, in the words {@code status} prints: TLS with the
 * Kerberos authentication tied to the TLS channel (AD's LDAP channel binding), or without TLS the SASL layer
 * GSSAPI negotiated — sealed (encrypted and signed, what Windows Server 2025 DCs use after a SASL bind by default)
 * or only signed (what AD's "LDAP server signing requirements" policy asks for at least).
 */
public enum SessionProtection {
    LDAPS_CHANNEL_BINDING("LDAPS + channel binding"),
    STARTTLS_CHANNEL_BINDING("StartTLS + channel binding"),
    GSSAPI_SEALED("GSSAPI sealed"),
    GSSAPI_SIGNED("GSSAPI signed"),
    LDAPS("LDAPS"),
    STARTTLS("StartTLS"),
    NONE("none (neither signed nor encrypted)");

    private final String words;

    SessionProtection(String words) {
        this.words = words;
    }

    /** What a simple bind gets: the TLS mode alone (a simple bind has no Kerberos to bind to the channel). */
    static SessionProtection ofSimpleBind(TlsMode tls) {
        return switch (tls) {
            case LDAPS -> LDAPS;
            case STARTTLS -> STARTTLS;
            case NONE -> NONE;
        };
    }

    /** What a GSSAPI bind inside TLS gets: channel binding (kerbshell always sends it there). */
    static SessionProtection ofGssapiInside(TlsMode tls) {
        return switch (tls) {
            case LDAPS -> LDAPS_CHANNEL_BINDING;
            case STARTTLS -> STARTTLS_CHANNEL_BINDING;
            case NONE -> throw new IllegalArgumentException("no TLS: the SASL layer protects the session");
        };
    }

    public String words() {
        return words;
    }

    @Override
    public String toString() {
        return words;
    }
}
