package kerbshell.directory;

import kerbshell.error.KerbshellException;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Trust in the CAs of a --ca-file, for LDAP and WinRM alike: the JDK's PKIX validation with the file's
 * certificates as the only anchors (a self-signed DC certificate may be its own). Read with the JDK's own
 * certificate parser, which the handshake loads anyway; UnboundID's PEM trust manager parses with its own,
 * which first loads its standard LDAP schema: tens of milliseconds of a one-shot command. A chain that leads to
 * none of the anchors is refused in words that name its subject ({@link LdapFailures} tells the user which CA
 * to give).
 */
public final class CaFileTrust implements X509TrustManager {
    private final Path file;
    private final X509TrustManager pkix;

    private CaFileTrust(Path file, X509TrustManager pkix) {
        this.file = file;
        this.pkix = pkix;
    }

    /** The trust in {@code caFile}'s certificates; a usage error when it cannot be read or holds none. */
    public static CaFileTrust of(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw KerbshellException.usage("the CA file " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return new CaFileTrust(caFile, x509);
                }
            }
            throw new java.security.KeyStoreException("the JDK gave no X.509 trust manager");
        } catch (IOException e) {
            throw KerbshellException.usage("cannot read the CA file " + caFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw KerbshellException.usage("the CA file " + caFile + " is not usable: " + e.getMessage());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw leadsNowhere(e) ? new CertificateException("the server's certificate '"
                    + chain[0].getSubjectX500Principal() + "' cannot be trusted: neither it nor any of its issuers "
                    + "is in " + file, e) : e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    /** Whether PKIX found no path to an anchor, as opposed to a path it then refused (expired, wrong usage). */
    private static boolean leadsNowhere(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException) {
                return true;
            }
        }
        return false;
    }
}
