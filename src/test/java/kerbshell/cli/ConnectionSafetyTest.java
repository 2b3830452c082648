package kerbshell.cli;

import kerbshell.directory.TestCertificate;
import kerbshell.lab.LabDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that must not mean something else than the operator thinks: usage errors instead of the lab or a
 * stack trace, no password in the clear, certificates that name another host, a DC that stalls in the TLS
 * handshake; exit 3 when the directory cannot be reached or will not authenticate us.
 */
class ConnectionSafetyTest {
    @TempDir
    Path home;

    @Test
    void serverWithoutUserIsAUsageError() {
        KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "x")
                .args("--server", "dc1.corp.example", "--domain", "corp.example", "status");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: no user given for dc1.corp.example: add --user with the account to bind as (or, with "
                + "--auth gssapi, a --keytab or --ccache whose principal is used)", run.stderr().strip());
    }

    @Test
    void connectInTheShellWithoutUserIsAUsageError() {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("connect --server x --domain corp.example\n").args();
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("no user given for x"), run::toString);
        assertFalse(run.stderr().contains("Exception"), run::toString);
    }

    @Test
    void profileWithoutUserIsAUsageErrorNamingTheProfile() throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.yaml"), "profiles:\n  corp:\n    server: dc1\n"
                + "    domain: corp.example\n");
        KerbshellRun.Result run = KerbshellRun.in(home).args("--profile", "corp", "status");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("no user given for dc1") && run.stderr().contains("(profile 'corp' in "),
                run::toString);
    }

    @Test
    void aProfileValueIsCheckedAsTheSameOptionOnTheCommandLine() throws IOException {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.yaml"), "profiles:\n  corp:\n    server: dc1\n"
                + "    user: admin\n    tls: ssl\n");
        KerbshellRun.Result run = KerbshellRun.in(home).args("--profile", "corp", "status");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("line 5: --tls must be one of ldaps, starttls, none, not 'ssl'"),
                run::toString);
    }

    @Test
    void connectionOptionsWithoutServerAreAUsageErrorNotTheLab() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("--user", "opsadmin", "--domain", "corp.example",
                "account", "disable", "alice");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: --domain, --user are connection options but no --server or --profile names a DC: add "
                + "--server HOST, or leave them out to work on the built-in lab",
                run.stderr().strip());
        assertEquals("", run.stdout(), "nothing ran on the lab");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertEquals(2, KerbshellRun.in(home).args("--server", "x", "--tls", "ssl", "status").exitCode());
        assertEquals(2, KerbshellRun.in(home).args("--server", "x", "--auth", "ntlm", "status").exitCode());
        assertEquals(2, KerbshellRun.in(home).args("--server", "x", "--timeout", "0", "status").exitCode());
        assertEquals(2, KerbshellRun.in(home).args("--server", "x", "--gc", "gc1:99999", "status").exitCode());
    }

    @Test
    void simpleBindWithoutTlsIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = acceptForever(listener, socket -> connections.incrementAndGet());
            KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "Secret-2025!")
                    .args("--server", "127.0.0.1", "--port", String.valueOf(listener.getLocalPort()), "--tls",
                            "none", "--domain", "corp.example", "--user", "opsadmin", "status");
            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("error: refusing a simple bind without TLS: the password of opsadmin@corp.example would "
                    + "cross the network in the clear; use --tls ldaps (the default) or --tls starttls, or --auth "
                    + "gssapi, which signs every message", run.stderr().strip());
            assertEquals(0, connections.get(), "not even a TCP connection was opened");
            acceptor.interrupt();
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedOnLoopbackToo() {
        TestCertificate other = TestCertificate.issue(home, "other.example", "dns:other.example");
        LabDirectory dc = LabDirectory.startLdaps(0, other.serverSockets());
        try {
            for (String server : new String[]{"127.0.0.1", "localhost"}) {
                KerbshellRun.Result run = statusAsOperator(server, dc, other.pem());
                assertEquals(3, run.exitCode(), run::toString);
                assertEquals("error: the TLS certificate of " + server + ":" + dc.ldapPort() + " does not name "
                        + server + " (it names other.example): connect with --server set to a name the "
                        + "certificate carries", run.stderr().strip());
            }
        } finally {
            dc.close();
        }
    }

    /** The CA file names another CA: refused before the bind, naming the certificate and the file (CaFileTrust). */
    @Test
    void aCertificateTheCaFileDoesNotVouchForIsRefused() {
        TestCertificate served = TestCertificate.issue(home, "dc1.lab.test", "dns:dc1.lab.test", "ip:127.0.0.1");
        TestCertificate other = TestCertificate.issue(home, "other.example", "dns:other.example");
        LabDirectory dc = LabDirectory.startLdaps(0, served.serverSockets());
        try {
            KerbshellRun.Result run = statusAsOperator("127.0.0.1", dc, other.pem());
            assertEquals(3, run.exitCode(), run::toString);
            assertEquals("error: the TLS certificate of 127.0.0.1:" + dc.ldapPort() + " (CN=dc1.lab.test) is not "
                    + "trusted by the CA in " + other.pem() + ": give the CA that issued it with --ca-file FILE.pem, "
                    + "or for a lab only, --insecure-tls", run.stderr().strip());
        } finally {
            dc.close();
        }
    }

    @Test
    void aCertificateNamingTheLoopbackAddressIsAccepted() {
        TestCertificate mine = TestCertificate.issue(home, "dc1.lab.test", "dns:dc1.lab.test", "ip:127.0.0.1");
        LabDirectory dc = LabDirectory.startLdaps(0, mine.serverSockets());
        try {
            KerbshellRun.Result run = statusAsOperator("127.0.0.1", dc, mine.pem());
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.stdout().contains("certificate verified against " + mine.pem()), run::toString);
        } finally {
            dc.close();
        }
    }

    /** status as the lab's operator against an LDAPS directory, by {@code server}, trusting {@code caFile}. */
    private KerbshellRun.Result statusAsOperator(String server, LabDirectory dc, java.nio.file.Path caFile) {
        return KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "LabOperator-2025!").args("--server", server,
                "--port", String.valueOf(dc.ldapPort()), "--ca-file", caFile.toString(), "--domain", "lab.test",
                "--user", "operator", "status");
    }

    @Test
    void aServerThatNeverAnswersTheTlsHandshakeIsOneLineWithinTheTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = acceptForever(listener, socket -> { });
            KerbshellRun.Result run = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "x").args("--server", "127.0.0.1", "--port",
                            String.valueOf(listener.getLocalPort()), "--timeout", "tls=2", "--domain",
                            "corp.example", "--user", "opsadmin", "status"));
            assertEquals(3, run.exitCode(), run::toString);
            assertEquals(1, run.stderr().strip().lines().count(), run::toString);
            assertTrue(run.stderr().startsWith("error: 127.0.0.1:" + listener.getLocalPort() + " accepted the "
                    + "connection but did not complete the TLS handshake within 2 s"), run::toString);
            acceptor.interrupt();
        }
    }

    @Test
    void aServerThatNeverAnswersStartTlsIsOneLineWithinTheTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = acceptForever(listener, socket -> { });
            KerbshellRun.Result run = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "x").args("--server", "127.0.0.1", "--port",
                            String.valueOf(listener.getLocalPort()), "--tls", "starttls", "--timeout", "tls=2",
                            "--domain", "corp.example", "--user", "opsadmin", "status"));
            assertEquals(3, run.exitCode(), run::toString);
            assertEquals(1, run.stderr().strip().lines().count(), run::toString);
            assertTrue(run.stderr().startsWith("error: 127.0.0.1:" + listener.getLocalPort() + " did not answer "
                    + "within the time limit"), run::toString);
            acceptor.interrupt();
        }
    }

    @Test
    void aDcThatStallsAfterTheSessionOpenedIsOneLineWithinTheOperationTimeout() throws Exception {
        TestCertificate localhost = TestCertificate.issue(home, "localhost", "dns:localhost");
        LabDirectory dc = LabDirectory.startLdaps(0, localhost.serverSockets());
        try (TcpRelay relay = TcpRelay.to("127.0.0.1", dc.ldapPort())) {
            kerbshell.directory.ConnectionSettings settings = new kerbshell.directory.ConnectionSettings("localhost",
                    relay.port(), "lab.test", "operator", null, null, localhost.pem(), false, null, null, null,
                    kerbshell.directory.Timeouts.parse("operation=2"), null, false);
            try (kerbshell.directory.DirectorySession session = new kerbshell.directory.DirectoryConnector()
                    .open(settings, "LabOperator-2025!"::toCharArray)) {
                relay.dropRepliesOfOpenConnections();
                kerbshell.error.KerbshellException stalled = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> org.junit.jupiter.api.Assertions.assertThrows(kerbshell.error.KerbshellException.class,
                                () -> new kerbshell.directory.StatusService(session, null).status()));
                assertEquals(kerbshell.error.ExitStatus.UNREACHABLE, stalled.status());
                assertEquals("no answer from the DC while reading the session status within the operation timeout: "
                        + "the DC is stalled or overloaded; raise the limit with --timeout operation=SECONDS, or "
                        + "connect to another DC", stalled.getMessage());
            }
        } finally {
            dc.close();
        }
    }

    /** Accepts connections and holds them open without ever answering. */
    private static Thread acceptForever(ServerSocket listener, java.util.function.Consumer<Socket> onAccept) {
        Thread thread = new Thread(() -> {
            java.util.List<Socket> held = new java.util.ArrayList<>();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Socket socket = listener.accept();
                    held.add(socket);
                    onAccept.accept(socket);
                    InputStream ignored = socket.getInputStream();
                }
            } catch (IOException e) {
                held.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing a test socket
                    }
                });
            }
        }, "silent-server");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
