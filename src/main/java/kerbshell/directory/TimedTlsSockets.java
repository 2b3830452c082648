package kerbshell.directory;

import kerbshell.cancel.CancelHooks;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
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
    private final boolean chaCha20First;
    private final int handshakeMillis;

    /**
     * Sockets from a context of their own that trusts {@code trust}, from {@link TlsImplementation#current()}.
     * Not UnboundID's SSLUtil: merely loading it initialises the JVM's default TLS context, which parses the whole
     * system trust store (about 140 CAs) even when a --ca-file says whom to trust, and works out its cipher suites
     * again: tens of milliseconds of a one-shot command. {@link #timed} applies the same protocols and suites
     * UnboundID's would ({@link #policy}).
     */
    TimedTlsSockets(TrustManager trust, int handshakeMillis) throws GeneralSecurityException {
        this(TlsImplementation.current(), trust, handshakeMillis);
    }

    TimedTlsSockets(TlsImplementation implementation, TrustManager trust, int handshakeMillis)
            throws GeneralSecurityException {
        this.tls = implementation.context(trust).getSocketFactory();
        this.chaCha20First = !implementation.isNative();
        this.handshakeMillis = handshakeMillis;
    }

    /**
     * What UnboundID's defaults allow, from the implementation's enabled suites: TLS 1.3 and 1.2 only; suites
     * with forward secrecy (TLS 1.3's, ECDHE, DHE) and without SHA-1 message authentication; then, for the JDK's
     * own ciphers, ChaCha20-Poly1305 first.
     */
    static String[] policy(String[] suites, boolean chaCha20First) {
        String[] allowed = java.util.Arrays.stream(suites).filter(TimedTlsSockets::allowed).toArray(String[]::new);
        return chaCha20First ? chaCha20First(allowed) : allowed;
    }

    private static boolean allowed(String suite) {
        if (suite.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")) {
            return true;
        }
        boolean tls13 = !suite.contains("_WITH_");
        boolean forwardSecret = tls13 || suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        return forwardSecret && !suite.endsWith("_SHA") && !suite.contains("_NULL_") && !suite.contains("_anon_");
    }

    private static String[] protocols(String[] supported) {
        return java.util.Arrays.stream(supported).filter(p -> p.equals("TLSv1.3") || p.equals("TLSv1.2"))
                .toArray(String[]::new);
    }

    /**
     * The socket with the handshake's time limit, closed by Ctrl-C until its handshake is done: a thread blocked
     * in the handshake's read ignores interrupts, and only closing the socket ends it before the time limit.
     */
    private Socket timed(Socket socket) throws IOException {
        socket.setSoTimeout(handshakeMillis);
        CancelHooks.Registration cancel = CancelHooks.onCancel(socket::close);
        if (socket instanceof SSLSocket tls) {
            tls.setEnabledProtocols(protocols(tls.getSupportedProtocols()));
            tls.setEnabledCipherSuites(policy(tls.getEnabledCipherSuites(), chaCha20First));
            tls.addHandshakeCompletedListener(done -> cancel.close());
        }
        return socket;
    }

    /**
     * The same suites, ChaCha20-Poly1305 first, for the JDK's TLS. The launcher runs the JVM with its quick
     * compiler only (a short run starts faster), which has no AES-NI or carry-less multiply intrinsics: the JDK's
     * AES-GCM then decrypts at about a quarter of its ChaCha20's speed, and a forest-wide SPN scan reads megabytes
     * (a 20,000-account Global Catalog: about 0.4 s of AES-GCM on one core). ChaCha20-Poly1305 is as strong an
     * AEAD; a DC that does not offer it (or prefers its own order, as Windows does) picks AES-GCM as before.
     * Samba (GnuTLS) follows the client. BoringSSL keeps its own order (AES-GCM first where the CPU has AES-NI).
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
