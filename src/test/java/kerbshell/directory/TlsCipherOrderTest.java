package kerbshell.directory;

import com.unboundid.util.ssl.TrustAllTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kerbshell's TLS sockets offer ChaCha20-Poly1305 first (fast without the JIT's AES intrinsics), and a server that
 * follows the client's order, as Samba's GnuTLS does, picks it; the set of suites stays the JDK's.
 */
class TlsCipherOrderTest {
    @TempDir
    Path dir;

    @Test
    void chaCha20ComesFirstAndNothingIsAddedOrDropped() {
        String[] given = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
        assertThat(TimedTlsSockets.chaCha20First(given)).containsExactly("TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    /** The suites UnboundID's defaults allow (forward secrecy, no SHA-1 MAC), kept now that its SSLUtil is not used. */
    @Test
    void theSuitesOfferedHaveForwardSecrecyAndNoSha1Mac() throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, null, null);
        String[] offered = TimedTlsSockets.policy(context.getDefaultSSLParameters().getCipherSuites(), true);
        assertThat(offered).contains("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")
                .doesNotContain("TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA",
                        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
        assertThat(offered[0]).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    }

    /** The policy is the set UnboundID's SSLUtil enables (the library kerbshell used before), in another order. */
    @Test
    void theSuitesAreThoseUnboundIdWouldEnable() throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[]{new TrustAllTrustManager()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            String[] jdk = socket.getEnabledCipherSuites();
            com.unboundid.util.ssl.SSLUtil.applyEnabledSSLCipherSuites(socket);
            com.unboundid.util.ssl.SSLUtil.applyEnabledSSLProtocols(socket);
            assertThat(TimedTlsSockets.policy(jdk, true)).containsExactlyInAnyOrder(socket.getEnabledCipherSuites());
            assertThat(socket.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void aServerFollowingTheClientsOrderNegotiatesChaCha20() throws Exception {
        TestCertificate certificate = TestCertificate.issue(dir, "localhost", "dns:localhost", "ip:127.0.0.1");
        try (SSLServerSocket server = (SSLServerSocket) certificate.serverSockets().createServerSocket(0)) {
            SSLParameters parameters = server.getSSLParameters();
            parameters.setUseCipherSuitesOrder(false);
            server.setSSLParameters(parameters);
            CompletableFuture<String> chosen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept(); InputStream in = accepted.getInputStream();
                     OutputStream out = accepted.getOutputStream()) {
                    out.write(in.read());
                    return accepted.getSession().getCipherSuite();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            TimedTlsSockets sockets = new TimedTlsSockets(TlsImplementation.choose("jdk"), new TrustAllTrustManager(),
                    10_000);
            // Unconnected first, as UnboundID's connect thread makes its sockets.
            try (SSLSocket client = (SSLSocket) sockets.createSocket()) {
                client.connect(new java.net.InetSocketAddress("127.0.0.1", server.getLocalPort()));
                client.getOutputStream().write(1);
                assertThat(client.getInputStream().read()).isEqualTo(1);
                assertThat(client.getSession().getCipherSuite()).contains("CHACHA20_POLY1305");
            }
            assertThat(chosen.get(10, TimeUnit.SECONDS)).contains("CHACHA20_POLY1305");
        }
    }
}
