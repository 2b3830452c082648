package kerbshell.directory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Which TLS speaks for the directory connections (BoringSSL through Conscrypt where its library loads, the JDK's
 * otherwise or when asked), and that both decide trust the same way: real TLS 1.3 handshakes against a server,
 * with kerbshell's --ca-file trust (the name check, UnboundID's verifier over either, is ConnectionSafetyTest's).
 */
class TlsImplementationTest {
    @TempDir
    Path dir;

    @Test
    void boringSslWhereConscryptShipsItsLibraryAndTheJdksWhenAsked() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64");
        assumeTrue((os.contains("linux") || os.contains("mac")) && (x64 || arm64) || os.contains("windows") && x64,
                "Conscrypt ships its library for Linux and macOS on x86-64 and ARM64 and Windows x86-64 only");
        TlsImplementation chosen = TlsImplementation.choose("");
        assertThat(chosen.isNative()).isTrue();
        assertThat(chosen.description()).startsWith("BoringSSL (Conscrypt 2.");
        TlsImplementation jdk = TlsImplementation.choose("JDK");
        assertThat(jdk.isNative()).isFalse();
        assertThat(jdk.description()).isEqualTo("the JDK's TLS");
        assertThat(TlsImplementation.choose(" BoringSSL ").description()).isEqualTo(chosen.description());
    }

    /** A value that names neither is a usage error naming it (BoringSSL where it cannot load: ReleaseArchiveIT). */
    @Test
    void aValueThatNamesNeitherImplementationIsRefused() {
        assertThatThrownBy(() -> TlsImplementation.choose("openssl"))
                .isInstanceOf(kerbshell.error.KerbshellException.class)
                .hasMessage("-Dkerbshell.tls=openssl names no TLS implementation: give jdk or boringssl, or leave "
                        + "it unset");
    }

    @Test
    void bothImplementationsTrustTheCaFilesServerOverTls13() throws Exception {
        TestCertificate server = TestCertificate.issue(dir, "localhost", "dns:localhost", "ip:127.0.0.1");
        for (TlsImplementation tls : List.of(TlsImplementation.choose(""), TlsImplementation.choose("jdk"))) {
            assertThat(handshake(tls, server, CaFileTrust.of(server.pem()))).as(tls.description())
                    .isEqualTo("TLSv1.3");
        }
    }

    @Test
    void bothImplementationsRefuseAServerTheCaFileDoesNotVouchFor() {
        TestCertificate server = TestCertificate.issue(dir, "localhost", "dns:localhost", "ip:127.0.0.1");
        TestCertificate other = TestCertificate.issue(dir, "other", "dns:other.example");
        for (TlsImplementation tls : List.of(TlsImplementation.choose(""), TlsImplementation.choose("jdk"))) {
            assertThatThrownBy(() -> handshake(tls, server, CaFileTrust.of(other.pem()))).as(tls.description())
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("cannot be trusted: neither it nor any of its issuers is in "
                            + other.pem());
        }
    }

    /** The same policy over BoringSSL's suites: TLS 1.3 and 1.2, forward secrecy, no SHA-1 MAC, no RSA key exchange. */
    @Test
    void boringSslOffersWhatThePolicyAllows() throws Exception {
        TimedTlsSockets sockets = new TimedTlsSockets(TlsImplementation.choose(""),
                new com.unboundid.util.ssl.TrustAllTrustManager(), 10_000);
        try (SSLSocket socket = (SSLSocket) sockets.createSocket()) {
            assertThat(socket.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(socket.getEnabledCipherSuites()).isNotEmpty().allSatisfy(suite -> assertThat(suite)
                    .doesNotStartWith("TLS_RSA_").doesNotEndWith("_SHA").doesNotContain("_NULL_", "_anon_"));
        }
    }

    /** TLS 1.3's "GENERIC" reaches the trust manager as the JDK's own "UNKNOWN"; other words pass unchanged. */
    @Test
    void tls13sGenericAuthenticationIsAskedAsTheJdkAsksIt() throws CertificateException {
        List<String> asked = new ArrayList<>();
        javax.net.ssl.X509TrustManager recording = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                asked.add("client " + authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                asked.add("server " + authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        TlsImplementation.Tls13AuthType wrapped = new TlsImplementation.Tls13AuthType(recording);
        wrapped.checkServerTrusted(new X509Certificate[0], "GENERIC");
        wrapped.checkServerTrusted(new X509Certificate[0], "ECDHE_RSA");
        wrapped.checkClientTrusted(new X509Certificate[0], "GENERIC");
        assertThat(asked).containsExactly("server UNKNOWN", "server ECDHE_RSA", "client UNKNOWN");
    }

    /** One byte each way over a fresh connection from {@code tls}'s sockets; the protocol negotiated. */
    private static String handshake(TlsImplementation tls, TestCertificate certificate, CaFileTrust trust)
            throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) certificate.serverSockets().createServerSocket(0)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept(); InputStream in = accepted.getInputStream();
                     OutputStream out = accepted.getOutputStream()) {
                    out.write(in.read());
                } catch (IOException e) {
                    // the client refused the certificate: nothing to echo
                }
            });
            TimedTlsSockets sockets = new TimedTlsSockets(tls, trust, 10_000);
            try (SSLSocket client = (SSLSocket) sockets.createSocket()) {
                client.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 10_000);
                client.getOutputStream().write(7);
                assertThat(client.getInputStream().read()).isEqualTo(7);
                return client.getSession().getProtocol();
            } finally {
                served.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
