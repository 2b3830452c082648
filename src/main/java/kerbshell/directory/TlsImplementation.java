package kerbshell.directory;

import kerbshell.error.KerbshellException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * Which TLS implementation speaks for the directory connections: BoringSSL through Google's Conscrypt where its
 * native library loads (it ships one for Linux and macOS on x86-64 and ARM64, and Windows x86-64), the JDK's own
 * elsewhere, or when {@value #PROPERTY}=jdk asks for it. The launchers run the JVM with its quick compiler only,
 * which starts fast but has none of the AES-NI and carry-less-multiply intrinsics: the JDK's TLS then decrypts a
 * forest-wide SPN scan at tens of megabytes a second and runs its handshakes on cold code, where BoringSSL does
 * both natively (docs/benchmarks.md). Who is trusted is decided the same way with either: by kerbshell's trust manager (the
 * --ca-file's anchors or the JVM's trust store) and {@link CertificateNameVerifier}. Conscrypt is never
 * installed as a JVM-wide provider, so Kerberos and everything else keep the JDK's cryptography.
 */
final class TlsImplementation {
    /**
     * System property: {@code jdk} for the JDK's TLS, {@code boringssl} for BoringSSL or a failure saying why it
     * cannot load; unset, BoringSSL where it loads and the JDK's TLS elsewhere.
     */
    static final String PROPERTY = "kerbshell.tls";

    private static final TlsImplementation JDK = new TlsImplementation(null, "the JDK's TLS");
    private static volatile TlsImplementation chosen;

    private final Provider provider;
    private final String description;

    private TlsImplementation(Provider provider, String description) {
        this.provider = provider;
        this.description = description;
    }

    /** The implementation for this JVM, chosen once: loading the native library is done at most once. */
    static TlsImplementation current() {
        TlsImplementation known = chosen;
        if (known == null) {
            synchronized (TlsImplementation.class) {
                known = chosen;
                if (known == null) {
                    known = choose(System.getProperty(PROPERTY, ""));
                    chosen = known;
                }
            }
        }
        return known;
    }

    /**
     * What {@code asked} ({@value #PROPERTY}'s value) chooses: BoringSSL unless it says jdk or, unset, the library
     * cannot load here (another platform, a work directory nothing can be written to or executed from).
     */
    static TlsImplementation choose(String asked) {
        String word = asked.strip().toLowerCase(Locale.ROOT);
        if (!word.isEmpty() && !word.equals("jdk") && !word.equals("boringssl")) {
            throw KerbshellException.usage("-D" + PROPERTY + "=" + asked + " names no TLS implementation: "
                    + "give jdk or boringssl, or leave it unset");
        }
        if (word.equals("jdk")) {
            return JDK;
        }
        Throwable why = null;
        try {
            if (org.conscrypt.Conscrypt.isAvailable()) {
                org.conscrypt.Conscrypt.Version version = org.conscrypt.Conscrypt.version();
                return new TlsImplementation(org.conscrypt.Conscrypt.newProvider(), "BoringSSL (Conscrypt "
                        + version.major() + "." + version.minor() + "." + version.patch() + ")");
            }
        } catch (LinkageError | RuntimeException e) {
            why = e; // no native library for this platform, or it could not be written or mapped
        }
        if (word.equals("boringssl")) {
            throw KerbshellException.failure("-D" + PROPERTY + "=boringssl, but BoringSSL's library cannot be "
                    + "loaded here" + (why == null ? "" : " (" + why.getMessage() + ")") + ": Conscrypt ships it for "
                    + "Linux and macOS on x86-64 and ARM64 and for Windows x86-64; the launchers load it from their "
                    + "run directory's native-lib (-Djava.library.path), else Conscrypt writes it to "
                    + "-Dorg.conscrypt.native.workdir");
        }
        return JDK;
    }

    /** A TLS context of its own that trusts what {@code trust} trusts. */
    SSLContext context(TrustManager trust) throws GeneralSecurityException {
        SSLContext context = provider == null ? SSLContext.getInstance("TLS")
                : SSLContext.getInstance("TLS", provider);
        TrustManager given = provider != null && trust instanceof X509TrustManager x509
                ? new Tls13AuthType(x509) : trust;
        context.init(null, new TrustManager[]{given}, null);
        return context;
    }

    /** Whether the ciphers run natively (then AES-GCM is the fast AEAD, not ChaCha20-Poly1305). */
    boolean isNative() {
        return provider != null;
    }

    /** For status: "BoringSSL (Conscrypt 2.9.0)" or "the JDK's TLS". */
    String description() {
        return description;
    }

    /**
     * Conscrypt names TLS 1.3's authentication "GENERIC" (1.3 no longer ties it to the key exchange), a word the
     * JDK's PKIX trust manager refuses outright ("Unknown authType"). The JDK's own TLS passes "UNKNOWN" for 1.3,
     * which makes PKIX check the certificate's key usage for a TLS server and nothing tied to a key exchange: the
     * same check, whichever implementation asked.
     */
    static final class Tls13AuthType implements X509TrustManager {
        private final X509TrustManager trust;

        Tls13AuthType(X509TrustManager trust) {
            this.trust = trust;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkServerTrusted(chain, "GENERIC".equals(authType) ? "UNKNOWN" : authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkClientTrusted(chain, "GENERIC".equals(authType) ? "UNKNOWN" : authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust.getAcceptedIssuers();
        }
    }
}
