package kerbshell.directory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

/**
 * A self-signed server certificate made with the JDK's keytool for the names given (e.g. "dns:dc1.corp.test",
 * "ip:127.0.0.1"), and its PEM for --ca-file: the client trusts it, so only the name check can refuse it.
 */
public final class TestCertificate {
    private static final String PASSWORD = "changeit";
    private final Path keystore;
    private final Path pem;

    private TestCertificate(Path keystore, Path pem) {
        this.keystore = keystore;
        this.pem = pem;
    }

    /** @param subjectAltNames keytool's SAN entries, e.g. "dns:other.example", "ip:127.0.0.1" */
    public static TestCertificate issue(Path dir, String commonName, String... subjectAltNames) {
        Path keystore = dir.resolve(commonName + ".p12");
        Path pem = dir.resolve(commonName + ".pem");
        try {
            Files.deleteIfExists(keystore);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "30", "-dname", "CN=" + commonName, "-ext", "SAN=" + String.join(",",
                            subjectAltNames), "-keystore", keystore.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-keypass", PASSWORD));
            run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(),
                    "-storepass", PASSWORD, "-file", pem.toString()));
            return new TestCertificate(keystore, pem);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("keytool failed: " + e.getMessage(), e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
    }

    /** The PEM to pass as --ca-file. */
    public Path pem() {
        return pem;
    }

    public SSLServerSocketFactory serverSockets() {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context.getServerSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + keystore + ": " + e.getMessage(), e);
        }
    }
}
