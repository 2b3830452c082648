package kerbshell.directory;

import kerbshell.cancel.CancelHooks;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
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

    TimedTlsSockets(SSLSocketFactory tls, int handshakeMillis) {
        this.tls = tls;
        this.handshakeMillis = handshakeMillis;
    }

    /**
     * The socket with the handshake's time limit, closed by Ctrl-C until its handshake is done: a thread blocked
     * in the handshake's read ignores interrupts, and only closing the socket ends it before the time limit.
     */
    private Socket timed(Socket socket) throws IOException {
        socket.setSoTimeout(handshakeMillis);
        CancelHooks.Registration cancel = CancelHooks.onCancel(socket::close);
        if (socket instanceof SSLSocket tls) {
            tls.addHandshakeCompletedListener(done -> cancel.close());
        }
        return socket;
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
