package kerbshell.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.SSLUtil;
import kerbshell.cancel.CancelHooks;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * TLS sockets whose handshake cannot hang: every socket leaves here with a read timeout of the TLS phase, which
 * bounds the handshake UnboundID starts on it (for LDAPS right after the TCP connect, for StartTLS on the
 * connection it upgrades). UnboundID sets its own read timeout once the handshake is done. Until then, Ctrl-C
 * closes the socket ({@link CancelHooks}).
 */
final class TimedTlsSockets extends SSLSocketFactory {
    private final SSLSocketFactory tls;
    private final int handshakeMillis;

    /**
     * Sockets straight from the JDK's factory of {@code ssl}'s context, not UnboundID's wrapping factory: that one
     * hands out an unconnected wrapper for the connect UnboundID makes and sets the cipher suites on the real
     * socket itself, in the JDK's order, where {@link #timed} could not reorder them. {@link #timed} applies the
     * same protocols and suites UnboundID would (its enabled sets), then the order.
     */
    TimedTlsSockets(SSLUtil ssl, int handshakeMillis) throws GeneralSecurityException {
        this.tls = ssl.createSSLContext().getSocketFactory();
        this.handshakeMillis = handshakeMillis;
    }

    /**
     * The socket with the handshake's time limit, closed by Ctrl-C until its handshake is done: a thread blocked
     * in the handshake's read ignores interrupts, and only closing the socket ends it before the time limit.
     */
    private Socket timed(Socket socket) throws IOException {
        socket.setSoTimeout(handshakeMillis);
        if (socket instanceof SSLSocket tls) {
            try {
                SSLUtil.applyEnabledSSLProtocols(tls);
                SSLUtil.applyEnabledSSLCipherSuites(tls);
            } catch (LDAPException e) {
                socket.close();
                throw new IOException(e.getMessage(), e);
            }
            tls.setEnabledCipherSuites(chaCha20First(tls.getEnabledCipherSuites()));
        }
        CancelHooks.Registration cancel = CancelHooks.onCancel(socket::close);
        if (socket instanceof SSLSocket tls) {
            tls.addHandshakeCompletedListener(done -> cancel.close());
        }
        return socket;
    }

    /**
     * The same suites, ChaCha20-Poly1305 first. The launcher runs the JVM with its quick compiler only (a short
     * run starts faster), which has no AES-NI or carry-less multiply intrinsics: AES-GCM then decrypts at about a
     * quarter of ChaCha20's speed, and a forest-wide SPN scan reads megabytes (a 20,000-account Global Catalog:
     * about 0.4 s of AES-GCM on one core). ChaCha20-Poly1305 is as strong an AEAD; a DC that does not offer it
     * (or prefers its own order, as Windows does) picks AES-GCM as before. Samba (GnuTLS) follows the client.
     */
    static String[] chaCha20First(String[] suites) {
        return java.util.stream.Stream.concat(
                java.util.Arrays.stream(suites).filter(s -> s.contains("CHACHA20")),
                java.util.Arrays.stream(suites).filter(s -> !s.contains("CHACHA20"))).toArray(String[]::new);
    }

    @Override
    public Socket createSocket() throws IOException {
        return timed(tls.createSocket());
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        plain.setSoTimeout(handshakeMillis);
        return timed(tls.createSocket(plain, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return timed(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return timed(tls.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return timed(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return timed(tls.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }
}
