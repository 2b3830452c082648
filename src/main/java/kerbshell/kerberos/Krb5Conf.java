package kerbshell.kerberos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The krb5.conf the JDK's Kerberos reads in this process. The JDK has one Kerberos configuration per process, so
 * every realm the session has met (the lab and each real domain) is kept in one generated file, pointed to by
 * {@code java.security.krb5.conf}; the file names the KDCs explicitly, so no DNS SRV lookup is needed, and allows
 * the {@link AllowedEncryptionTypes} only (AES unless RC4 is asked for).
 */
public final class Krb5Conf {
    private static final Map<String, String> KDCS = new TreeMap<>();
    private static Path file;
    /** How long the JDK waits for a KDC answer, and how often it asks: bounded so a stalled KDC cannot hang a bind. */
    private static long kdcTimeoutMillis = 10_000;

    private Krb5Conf() {
    }

    /** As {@link #useFor(String, String, int)}, with the time one KDC exchange may take (one try, no retries). */
    public static synchronized Path useFor(String realm, String kdcHost, int kdcPort, java.time.Duration kdcTimeout) {
        kdcTimeoutMillis = kdcTimeout.toMillis();
        return useFor(realm, kdcHost, kdcPort);
    }

    /** Registers the realm's KDC and makes the JDK use the generated file; returns its path. */
    public static synchronized Path useFor(String realm, String kdcHost, int kdcPort) {
        KDCS.put(realm, kdcHost + ":" + kdcPort);
        try {
            if (file == null) {
                file = Files.createTempFile("kerbshell-krb5-", ".conf");
                file.toFile().deleteOnExit();
            }
            Files.writeString(file, render(realm));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kerberos configuration: " + e.getMessage(), e);
        }
        System.setProperty("java.security.krb5.conf", file.toString());
        return file;
    }

    /** krb5.conf text for the given realm as default, listing every registered realm. */
    public static synchronized String render(String defaultRealm) {
        StringBuilder text = new StringBuilder()
                .append("[libdefaults]\n")
                .append("  default_realm = ").append(defaultRealm).append('\n')
                .append("  dns_lookup_kdc = false\n")
                .append("  dns_lookup_realm = false\n")
                .append("  rdns = false\n")
                .append("  forwardable = true\n")
                .append("  udp_preference_limit = 1\n")
                .append("  default_tkt_enctypes = ").append(AllowedEncryptionTypes.krb5ConfNames()).append('\n')
                .append("  default_tgs_enctypes = ").append(AllowedEncryptionTypes.krb5ConfNames()).append('\n')
                .append("  permitted_enctypes = ").append(AllowedEncryptionTypes.krb5ConfNames()).append('\n')
                .append(AllowedEncryptionTypes.rc4Allowed() ? "  allow_weak_crypto = true\n" : "")
                .append("  kdc_timeout = ").append(kdcTimeoutMillis).append('\n')
                .append("  max_retries = 1\n")
                .append("[realms]\n");
        KDCS.forEach((realm, kdc) -> text.append("  ").append(realm).append(" = {\n")
                .append("    kdc = ").append(kdc).append('\n')
                .append("  }\n"));
        text.append("[domain_realm]\n");
        KDCS.keySet().forEach(realm -> text.append("  .").append(realm.toLowerCase()).append(" = ").append(realm)
                .append('\n').append("  ").append(realm.toLowerCase()).append(" = ").append(realm).append('\n'));
        return text.toString();
    }
}
