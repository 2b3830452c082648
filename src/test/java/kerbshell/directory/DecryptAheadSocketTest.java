package kerbshell.directory;

import com.unboundid.util.ssl.TrustAllTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * kerbshell's TLS sockets decrypt ahead of the reader on a thread of their own; to the LDAP library they must read
 * exactly as the wrapped socket would: every byte in order, a read timeout that leaves the stream usable, end of
 * stream, and a close from another thread (Ctrl-C) that ends a blocked read.
 */
class DecryptAheadSocketTest {
    @TempDir
    static Path dir;
    private static TestCertificate certificate;

    private SSLServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        if (certificate == null) {
            certificate = TestCertificate.issue(dir, "localhost", "dns:localhost", "ip:127.0.0.1");
        }
        server = (SSLServerSocket) certificate.serverSockets().createServerSocket(0);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void megabytesArriveWholeAndInOrder() throws Exception {
        byte[] sent = new byte[5 * 1024 * 1024 + 123];
        new Random(7).nextBytes(sent);
        serve(out -> write(out, sent));
        try (SSLSocket client = connect()) {
            assertThat(client).isInstanceOf(DecryptAheadSocket.class);
            InputStream in = client.getInputStream();
            byte[] received = in.readAllBytes();
            assertThat(received.length).isEqualTo(sent.length);
            assertThat(digest(received)).isEqualTo(digest(sent));
        }
    }

    @Test
    void aReadTimeoutLeavesTheStreamUsable() throws Exception {
        serve(out -> {
            write(out, new byte[]{1});
            pause(800);
            write(out, new byte[]{2});
        });
        try (SSLSocket client = connect()) {
            InputStream in = client.getInputStream();
            assertThat(in.read()).isEqualTo(1);
            client.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, in::read);
            client.setSoTimeout(5000);
            assertThat(in.read()).isEqualTo(2);
            assertThat(client.getSoTimeout()).isEqualTo(5000);
        }
    }

    @Test
    void theEndOfTheStreamIsTheEnd() throws Exception {
        serve(out -> write(out, new byte[]{9, 8}));
        try (SSLSocket client = connect()) {
            InputStream in = client.getInputStream();
            assertThat(in.read()).isEqualTo(9);
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(1);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void closingTheSocketEndsABlockedRead() throws Exception {
        serve(out -> pause(10_000));
        SSLSocket client = connect();
        InputStream in = client.getInputStream();
        CompletableFuture.runAsync(() -> {
            pause(300);
            try {
                client.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IOException.class, in::read));
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void theSessionAndCertificatesAreTheWrappedSockets() throws Exception {
        serve(out -> write(out, new byte[]{1}));
        try (SSLSocket client = connect()) {
            client.startHandshake();
            assertThat(client.getSession().getPeerCertificates()).isNotEmpty();
            assertThat(client.getInputStream().read()).isEqualTo(1);
        }
    }

    private SSLSocket connect() throws Exception {
        Socket socket = new TimedTlsSockets(new TrustAllTrustManager(), 10_000).createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 5000);
        SSLSocket tls = (SSLSocket) socket;
        tls.startHandshake();
        return tls;
    }

    /** One connection, served on another thread, closed when {@code script} is done. */
    private void serve(Consumer<OutputStream> script) {
        CompletableFuture.runAsync(() -> {
            try (SSLSocket accepted = (SSLSocket) server.accept()) {
                accepted.startHandshake();
                script.accept(accepted.getOutputStream());
                accepted.getOutputStream().flush();
            } catch (IOException e) {
                // the client went away first
            }
        });
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            for (int offset = 0; offset < bytes.length; offset += 100_000) {
                out.write(bytes, offset, Math.min(100_000, bytes.length - offset));
            }
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] digest(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
