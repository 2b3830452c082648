package kerbshell.kerberos;

import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Kerberos encryption types kerbshell's own Kerberos speaks — its Kerby client ({@code ticket get},
 * {@code check pair --tickets}), the JDK's Kerberos it configures (GSSAPI binds, {@code ticket s4u}) and the lab
 * KDC: AES only (AES256 and AES128 with HMAC-SHA1, what AD supports), as AD does for accounts without
 * msDS-SupportedEncryptionTypes once RC4 stops being assumed (KB5073381, 2026).
 *
 * <p>RC4 (rc4-hmac) is added only when asked for, by the environment variable {@value #ENVIRONMENT}{@code =yes} or
 * the system property {@value #PROPERTY}{@code =true}: to reach an old account that has no AES keys yet. The JDK
 * then also needs {@code allow_weak_crypto}, which the generated krb5.conf sets.
 */
public final class AllowedEncryptionTypes {
    public static final String ENVIRONMENT = "KERBSHELL_ALLOW_RC4";
    public static final String PROPERTY = "kerbshell.kerberos.allow-rc4";

    private static final List<EncryptionType> AES =
            List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96);

    private AllowedEncryptionTypes() {
    }

    /** Whether RC4 was asked for; read each time, so a test or the user can change it in a running process. */
    public static boolean rc4Allowed() {
        String property = System.getProperty(PROPERTY);
        String value = property != null ? property : System.getenv(ENVIRONMENT);
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("yes") || v.equals("true") || v.equals("1");
    }

    /** Strongest first: AES256, AES128, then RC4 when allowed. */
    public static List<EncryptionType> kerby() {
        if (!rc4Allowed()) {
            return AES;
        }
        return List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96,
                EncryptionType.ARCFOUR_HMAC);
    }

    /** The same list in krb5.conf's words ("aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96"). */
    public static String krb5ConfNames() {
        return kerby().stream().map(AllowedEncryptionTypes::krb5Name).collect(Collectors.joining(" "));
    }

    private static String krb5Name(EncryptionType type) {
        return type == EncryptionType.ARCFOUR_HMAC ? "rc4-hmac" : type.getName();
    }
}
