package kerbshell.directory;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TLS socket whose incoming records are decrypted on a thread of its own, ahead of the reader: the LDAP
 * library's reader thread then only decodes. A large search result (a forest's SPNs: megabytes) is decrypted
 * and decoded at the same time, on two cores, where one thread did both, one after the other; Java 17 decrypts
 * without the AES or ChaCha20 intrinsics the quick compiler lacks, so decryption was half of that thread's time.
 * Everything else is the wrapped socket's: the handshake (on the caller's thread, under its time limit), the
 * session and its certificates (channel binding, name checks), writes, options and close. Reads keep the
 * socket's semantics: the read timeout set on this socket, end of stream, and the error that ended the stream,
 * all as the wrapped socket gave them; closing the socket (Ctrl-C) ends a blocked read.
 */
final class DecryptAheadSocket extends SSLSocket {
    /** Decrypted data waits in at most this many chunks: a slow reader holds the decrypting thread back. */
    private static final int CHUNKS_AHEAD = 64;
    private static final int CHUNK = 16 * 1024;
    private static final byte[] END = new byte[0];

    private final SSLSocket tls;
    private volatile int readTimeoutMillis;
    private Input input;

    DecryptAheadSocket(SSLSocket tls) {
        this.tls = tls;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (input == null) {
            input = new Input(tls.getInputStream());
        }
        return input;
    }

    /** The reads the caller sees: chunks the decrypting thread left, under the caller's read timeout. */
    private final class Input extends InputStream {
        private final InputStream decrypted;
        private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        private volatile IOException failure;
        private volatile Thread decrypting;
        private byte[] chunk = new byte[0];
        private int position;
        private boolean ended;

        Input(InputStream decrypted) {
            this.decrypted = decrypted;
        }

        /**
         * Started on the first read. The handshake is finished first, on the reading thread and under the wrapped
         * socket's time limit (the library has normally done it already, to check the certificate); the
         * decrypting thread then reads without a limit of its own: the reader's applies to the reader.
         */
        private void startDecrypting() throws IOException {
            if (tls.getSession() == null || !tls.getSession().isValid()) {
                throw new javax.net.ssl.SSLException("the TLS handshake with " + tls.getRemoteSocketAddress()
                        + " did not complete");
            }
            tls.setSoTimeout(0);
            Thread thread = new Thread(this::decryptAhead, "kerbshell TLS decryption " + tls.getRemoteSocketAddress());
            thread.setDaemon(true);
            decrypting = thread;
            thread.start();
        }

        private void decryptAhead() {
            try {
                while (true) {
                    byte[] buffer = new byte[CHUNK];
                    int read;
                    try {
                        read = decrypted.read(buffer);
                    } catch (SocketTimeoutException e) {
                        continue; // a read timeout set on the socket meanwhile: the reader's, not this thread's
                    }
                    if (read < 0) {
                        break;
                    }
                    if (read > 0 && !hand(read == CHUNK ? buffer : Arrays.copyOf(buffer, read))) {
                        return; // closed while the reader was not reading
                    }
                }
            } catch (IOException e) {
                failure = e;
            }
            hand(END);
        }

        /** Queues a chunk, waiting while the reader is behind; false when the socket was closed meanwhile. */
        private boolean hand(byte[] next) {
            try {
                while (!chunks.offer(next, 100, TimeUnit.MILLISECONDS)) {
                    if (tls.isClosed()) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Makes the current chunk hold data; false at the end of the stream. */
        private boolean fill() throws IOException {
            if (position < chunk.length) {
                return true;
            }
            if (ended) {
                return false;
            }
            if (decrypting == null) {
                startDecrypting();
            }
            byte[] next;
            try {
                int timeout = readTimeoutMillis;
                next = timeout == 0 ? chunks.take() : chunks.poll(timeout, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading from " + tls.getRemoteSocketAddress());
            }
            if (next == null) {
                throw new SocketTimeoutException("Read timed out");
            }
            if (next == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
            chunk = next;
            position = 0;
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int count = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, target, offset, count);
            position += count;
            return count;
        }

        @Override
        public int available() {
            return chunk.length - position;
        }

        @Override
        public void close() throws IOException {
            tls.close();
        }
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        readTimeoutMillis = timeout;
        if (input == null || input.decrypting == null) {
            tls.setSoTimeout(timeout); // reads not begun: the handshake, if still to come, keeps a time limit
        }
    }

    @Override
    public int getSoTimeout() {
        return readTimeoutMillis;
    }

    // Everything else is the wrapped socket's.

    @Override
    public OutputStream getOutputStream() throws IOException {
        return tls.getOutputStream();
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        tls.connect(endpoint);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        tls.connect(endpoint, timeout);
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        tls.bind(bindpoint);
    }

    @Override
    public InetAddress getInetAddress() {
        return tls.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return tls.getLocalAddress();
    }

    @Override
    public int getPort() {
        return tls.getPort();
    }

    @Override
    public int getLocalPort() {
        return tls.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return tls.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return tls.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
        return tls.getChannel();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        tls.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return tls.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        tls.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return tls.getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        tls.sendUrgentData(data);
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        tls.setOOBInline(on);
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return tls.getOOBInline();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        tls.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return tls.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        tls.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return tls.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        tls.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return tls.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        tls.setTrafficClass(tc);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return tls.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        tls.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return tls.getReuseAddress();
    }

    @Override
    public void close() throws IOException {
        tls.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        tls.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        tls.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return tls.isConnected();
    }

    @Override
    public boolean isBound() {
        return tls.isBound();
    }

    @Override
    public boolean isClosed() {
        return tls.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return tls.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return tls.isOutputShutdown();
    }

    @Override
    public String toString() {
        return tls.toString();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return tls.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        tls.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return tls.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return tls.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        tls.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return tls.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return tls.getHandshakeSession();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        tls.addHandshakeCompletedListener(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        tls.removeHandshakeCompletedListener(listener);
    }

    @Override
    public void startHandshake() throws IOException {
        tls.startHandshake();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        tls.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return tls.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        tls.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return tls.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        tls.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return tls.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        tls.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return tls.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return tls.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        tls.setSSLParameters(parameters);
    }

    @Override
    public String getApplicationProtocol() {
        return tls.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return tls.getHandshakeApplicationProtocol();
    }
}
