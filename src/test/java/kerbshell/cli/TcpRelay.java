package kerbshell.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Passes TCP bytes from a port on {@code localhost} to a real server, untouched: TLS still runs end to end with
 * the server's own certificate. It lets a test reach the Samba DC under a name its certificate does not carry,
 * wherever the test bed listens, without touching DNS or /etc/hosts.
 */
final class TcpRelay implements AutoCloseable {
    private final ServerSocket listener;
    /** The server-to-client copies of the connections open now; each can be told to drop what the server says. */
    private final java.util.List<Copy> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String targetHost;
    private final int targetPort;

    private TcpRelay(ServerSocket listener, String targetHost, int targetPort) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Starts relaying connections to {@code localhost:port()} on to {@code host:port}. */
    static TcpRelay to(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("localhost"), 0));
        TcpRelay relay = new TcpRelay(listener, host, port);
        Thread accepting = new Thread(relay::acceptLoop, "tcp-relay-" + listener.getLocalPort());
        accepting.setDaemon(true);
        accepting.start();
        return relay;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                pipe(client, server, new Copy());
                Copy reply = new Copy();
                replies.add(reply);
                pipe(server, client, reply);
            } catch (IOException e) {
                return; // the listener was closed, or the server is gone: the test sees the failure itself
            }
        }
    }

    /**
     * From now on, what the server sends on the connections open now is read and thrown away: requests still
     * reach the server, their answers never reach the client, as when a reply is lost on a broken network.
     * Connections opened later are relayed as usual.
     */
    void dropRepliesOfOpenConnections() {
        replies.forEach(copy -> copy.dropping = true);
        replies.clear();
    }

    /** One direction of one connection. */
    private static final class Copy {
        volatile boolean dropping;
    }

    private static void pipe(Socket from, Socket to, Copy copy) {
        Thread copying = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16384];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (!copy.dropping) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-relay-pipe");
        copying.setDaemon(true);
        copying.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
