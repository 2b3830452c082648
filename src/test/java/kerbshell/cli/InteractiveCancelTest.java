package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C cuts short what an interrupt alone does not, on a real terminal (tmux) against listeners that accept and
 * never answer: an LDAPS connect stuck in its TLS handshake (with a time limit far beyond the test's patience),
 * a WinRM call, and an SSH connect. Each time the prompt comes back with one line saying the command was
 * cancelled, and the shell goes on working.
 */
class InteractiveCancelTest {
    private static final String CANCELLED = "error: cancelled (Ctrl-C)";
    private static final String PROMPT = "kerbshell[lab.test as Administrator]>";

    @TempDir
    Path home;

    @Test
    void ctrlCCancelsAStalledTlsHandshakeAWinRmCallAndAnSshConnect() throws Exception {
        Path password = home.resolve("password");
        Files.writeString(password, "not-needed\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path key = home.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, keygen.waitFor(), new String(keygen.getInputStream().readAllBytes()));
        try (SilentListener dc = new SilentListener(); SilentListener winrm = new SilentListener();
             SilentListener ssh = new SilentListener();
             TerminalSession terminal = new TerminalSession(home, UUID.randomUUID().toString())) {
            terminal.waitForScreen(PROMPT);

            long before = stderrLength(terminal);
            terminal.type("connect --server 127.0.0.1 --port " + dc.port() + " --domain lab.test --user operator "
                    + "--password-file " + password + " --timeout 300");
            dc.awaitConnections(1);
            cancelAndCheck(terminal, before);

            terminal.type("spn add alice HTTP/hv01.lab.test"); // WinRM's ticket: the lab lends the SPN to alice
            terminal.waitForScreen("HTTP/hv01.lab.test  added");
            before = stderrLength(terminal);
            terminal.type("vmms restart HV01 --via winrm --address 127.0.0.1:" + winrm.port());
            winrm.awaitConnections(1);
            cancelAndCheck(terminal, before);

            before = stderrLength(terminal);
            terminal.type("vmms restart HV01 --via ssh --address 127.0.0.1:" + ssh.port() + " --ssh-user admin "
                    + "--identity " + key + " --known-hosts " + home.resolve("known_hosts") + " --accept-new-host-key");
            ssh.awaitConnections(1);
            cancelAndCheck(terminal, before);
        }
    }

    /** Ctrl-C; then one line saying so (all the command wrote to stderr), the prompt, and a shell that answers. */
    private static void cancelAndCheck(TerminalSession terminal, long before) throws Exception {
        Thread.sleep(500); // the client is now waiting for an answer that never comes
        terminal.keys("C-c");
        String written = "";
        for (int i = 0; i < 150 && !written.endsWith("\n"); i++) {
            Thread.sleep(200);
            written = Files.readString(terminal.stderrFile()).substring((int) before);
        }
        assertTrue(written.startsWith(CANCELLED), "the cancelled command's stderr: " + written);
        assertEquals(1, written.lines().count(), "one line:\n" + written);
        terminal.keys("C-l");
        terminal.type("explain 0x80090303");
        terminal.waitForScreen("SEC_E_TARGET_UNKNOWN (0x80090303)");
        terminal.waitForScreen(PROMPT);
        terminal.keys("C-l");
    }

    private static long stderrLength(TerminalSession terminal) throws Exception {
        return Files.exists(terminal.stderrFile()) ? Files.readString(terminal.stderrFile()).length() : 0;
    }
}
