package kerbshell.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A TCP listener on loopback that accepts every connection and never sends a byte: a DC or host that hangs after
 * the TCP handshake, so a TLS handshake, an SSH banner read or an HTTP call waits on it for real.
 */
final class SilentListener implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentListener() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(server.accept()); // accepted, never answered
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        }, "silent-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits until a client has connected {@code count} times in all. */
    void awaitConnections(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (held.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                fail("no client connected to port " + port() + " (" + held.size() + " of " + count + ")");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
