package kerbshell.hostcontrol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1 that plays a Windows host for {@code vmms restart --via ssh}: it accepts one
 * client key for the current user and runs every command through a ForceCommand wrapper that records the command
 * line exactly as it arrived, then runs it with {@code sh -c} on a PATH whose first directory holds stand-ins for
 * Windows' {@code klist}, {@code powershell} and {@code net}. Each stand-in records its arguments, prints a line
 * and exits 0, or, when a file {@code fail-NAME} exists in the directory, prints to stderr and exits 5.
 *
 * <p>Needs Debian's openssh-server (/usr/sbin/sshd); installs it with apt-get when missing, as scripts/test does,
 * and fails with the reason when it cannot.
 */
final class LoopbackSshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    final Path dir;
    final Path clientKey;
    final Path hostPublicKey;
    final Path otherHostPublicKey;
    final int port;
    final String user = System.getProperty("user.name");
    private final Process process;

    private LoopbackSshd(Path dir, Path clientKey, Path hostPublicKey, Path otherHostPublicKey, int port,
                         Process process) {
        this.dir = dir;
        this.clientKey = clientKey;
        this.hostPublicKey = hostPublicKey;
        this.otherHostPublicKey = otherHostPublicKey;
        this.port = port;
        this.process = process;
    }

    static LoopbackSshd start(Path dir) throws Exception {
        ensureInstalled();
        keygen(dir.resolve("host_ed25519"));
        keygen(dir.resolve("other_host_ed25519"));
        keygen(dir.resolve("client_ed25519"));
        Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("klist", "powershell", "net")) {
            executable(bin.resolve(tool), """
                    #!/bin/sh
                    printf '%s' "$(basename "$0")" >> "DIR/calls.log"
                    for a in "$@"; do printf ' [%s]' "$a" >> "DIR/calls.log"; done
                    echo >> "DIR/calls.log"
                    if [ -e "DIR/fail-$(basename "$0")" ]; then
                      echo "$(basename "$0"): Access is denied." >&2
                      exit 5
                    fi
                    echo "$(basename "$0") ran: $*"
                    """.replace("DIR", dir.toString()));
        }
        executable(dir.resolve("run-command"), """
                #!/bin/sh
                printf '%s\\n' "$SSH_ORIGINAL_COMMAND" >> "DIR/received.log"
                PATH="DIR/bin:/usr/bin:/bin"
                export PATH
                exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"
                """.replace("DIR", dir.toString()));
        int port = freePort();
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + System.getProperty("user.name"),
                "ForceCommand " + dir.resolve("run-command"),
                "") + "\n");
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        }
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("sshd did not start on 127.0.0.1:" + port + ": "
                        + Files.readString(dir.resolve("sshd.log")));
            }
            Thread.sleep(50);
        }
        return new LoopbackSshd(dir, dir.resolve("client_ed25519"), dir.resolve("host_ed25519.pub"),
                dir.resolve("other_host_ed25519.pub"), port, process);
    }

    /** A known_hosts line for this server's [127.0.0.1]:port with the given public key file's key. */
    String knownHostsLine(Path publicKey) throws IOException {
        String[] parts = Files.readString(publicKey).trim().split("\\s+");
        return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n";
    }

    List<String> received() throws IOException {
        Path log = dir.resolve("received.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    void clearLogs() throws IOException {
        Files.deleteIfExists(dir.resolve("received.log"));
        Files.deleteIfExists(dir.resolve("calls.log"));
    }

    void failing(String tool, boolean fail) throws IOException {
        Path flag = dir.resolve("fail-" + tool);
        if (fail) {
            Files.writeString(flag, "");
        } else {
            Files.deleteIfExists(flag);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void ensureInstalled() throws Exception {
        if (Files.isExecutable(SSHD)) {
            return;
        }
        String script = "apt-get install -y -qq openssh-server || { apt-get update -qq && apt-get install -y -qq "
                + "openssh-server; }";
        ProcessBuilder apt = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process install = apt.start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (install.waitFor() != 0 || !Files.isExecutable(SSHD)) {
            throw new IllegalStateException("the SSH tests need Debian's openssh-server (/usr/sbin/sshd) and apt-get "
                    + "could not install it (run scripts/test as root, or apt-get install openssh-server): " + output);
        }
    }

    private static void keygen(Path file) throws Exception {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kerbshell-test",
                "-f", file.toString()).redirectErrorStream(true).start();
        String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keygen.waitFor() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + output);
        }
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
