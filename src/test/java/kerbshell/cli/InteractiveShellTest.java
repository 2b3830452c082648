package kerbshell.cli;

import kerbshell.lab.LabDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interactive shell as a person meets it, on a real terminal (tmux): the prompt, the masked password prompt,
 * host completion, and that the typed password ends up nowhere — not on screen, in the history, the logs, the
 * kerbshell directory, the config directory or the process arguments.
 */
class InteractiveShellTest {
    private static final String PASSWORD = "LabOperator-2025!";

    @TempDir
    Path home;

    private LabDirectory dc;
    private kerbshell.directory.TestCertificate certificate;

    @BeforeEach
    void start() {
        certificate = kerbshell.directory.TestCertificate.issue(home, "localhost", "ip:127.0.0.1");
        dc = LabDirectory.startLdaps(0, certificate.serverSockets());
    }

    @AfterEach
    void stop() {
        dc.close();
    }

    @Test
    void passwordIsMaskedAndLeavesNoTrace() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (TerminalSession terminal = new TerminalSession(home, marker, "--debug")) {
            terminal.waitForScreen("kerbshell[lab.test as Administrator]>");
            terminal.type("spn add HV01 http/web.lab.test");
            terminal.waitForScreen("http/web.lab.test  added");

            terminal.type("connect --server 127.0.0.1 --port " + dc.ldapPort()
                    + " --ca-file " + certificate.pem() + " --domain lab.test --user operator");
            terminal.waitForScreen("Password for operator@lab.test:");
            terminal.type(PASSWORD);
            terminal.waitForScreen("kerbshell[lab.test as operator]>");

            for (String pid : pidsOf(marker)) {
                String cmdline = Files.readString(Path.of("/proc", pid, "cmdline"));
                assertFalse(cmdline.contains(PASSWORD), "process arguments of " + pid);
            }

            terminal.keys("resolve HV", "Tab");
            terminal.waitForScreen("HV01");
            terminal.keys("C-u");
            terminal.type("status");
            terminal.waitForScreen("operator (user)");
            assertFalse(terminal.screen().contains(PASSWORD), "the typed password is never echoed");
            terminal.type("exit");
            terminal.waitForScreen("Leave anyway? [y/N]"); // the lab in this process has the SPN added above
            terminal.type("y");
            TerminalSession.waitUntilGone(marker);
            assertTrue(Files.readString(terminal.stderrFile()).contains("note: hosts cache Kerberos tickets"),
                    "after a change at the prompt, the reminder to purge cached tickets (on stderr)");
        }

        Path history = home.resolve("kerbshell-home/history");
        assertTrue(Files.readString(history).contains("connect --server 127.0.0.1"), "history is kept");
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(PASSWORD),
                        "the password leaked into " + file);
            }
        }
    }

    /** The kerbshell JVM and the tmux and shell processes that started it: all carry its arguments. */
    private static List<String> pidsOf(String marker) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "kerbshell.test=" + marker).start();
        List<String> pids = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        pgrep.waitFor();
        assertFalse(pids.isEmpty(), "kerbshell is running");
        return pids;
    }
}
