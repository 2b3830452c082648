package kerbshell.cli;

import kerbshell.lab.LabDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
    private final String session = "kerbshell-test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void start() {
        dc = LabDirectory.start(0);
    }

    @AfterEach
    void stop() throws Exception {
        new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
        dc.close();
    }

    @Test
    void passwordIsMaskedAndLeavesNoTrace() throws Exception {
        String marker = UUID.randomUUID().toString();
        Path log = home.resolve("stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", "env", "KERBSHELL_HOME=" + home.resolve("kerbshell-home"),
                "KERBSHELL_CONFIG=" + home.resolve("config/config.yaml"), java, "-Dkerbshell.test=" + marker,
                "-Dkerbshell.stdin.tty=true", "-Dkerbshell.stdout.tty=true", "-cp",
                System.getProperty("java.class.path"), "kerbshell.Kerbshell", "--debug", "2>" + log);
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", command);
        waitForScreen("kerbshell[lab.test as Administrator]>");
        type("spn add HV01 http/web.lab.test");
        waitForScreen("http/web.lab.test  added");

        type("connect --server 127.0.0.1 --port " + dc.ldapPort() + " --tls none --domain lab.test --user operator");
        waitForScreen("Password for operator@lab.test:");
        type(PASSWORD);
        waitForScreen("kerbshell[lab.test as operator]>");

        for (String pid : pidsOf(marker)) {
            String cmdline = Files.readString(Path.of("/proc", pid, "cmdline"));
            assertFalse(cmdline.contains(PASSWORD), "process arguments of " + pid);
        }

        tmux("send-keys", "-t", session, "resolve HV", "Tab");
        waitForScreen("HV01");
        tmux("send-keys", "-t", session, "C-u");
        type("status");
        waitForScreen("operator (user)");

        assertFalse(screen().contains(PASSWORD), "the typed password is never echoed");
        type("exit");
        waitUntilGone(marker);

        assertTrue(Files.readString(log).contains("note: hosts cache Kerberos tickets"),
                "after a change at the prompt, the reminder to purge cached tickets (on stderr)");
        Path history = home.resolve("kerbshell-home/history");
        assertTrue(Files.readString(history).contains("connect --server 127.0.0.1"), "history is kept");
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(PASSWORD),
                        "the password leaked into " + file);
            }
        }
    }

    private void type(String line) throws Exception {
        tmux("send-keys", "-t", session, "-l", line);
        tmux("send-keys", "-t", session, "Enter");
    }

    private String screen() throws Exception {
        Process capture = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session).start();
        String text = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        capture.waitFor();
        return text;
    }

    private void waitForScreen(String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (screen().contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("the screen never showed '" + text + "':\n" + screen());
    }

    /** The kerbshell JVM and the tmux and shell processes that started it: all carry its arguments. */
    private static List<String> pidsOf(String marker) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "kerbshell.test=" + marker).start();
        List<String> pids = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        pgrep.waitFor();
        assertFalse(pids.isEmpty(), "kerbshell is running");
        return pids;
    }

    private static void waitUntilGone(String marker) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Process pgrep = new ProcessBuilder("pgrep", "-f", "kerbshell.test=" + marker).start();
            if (pgrep.waitFor() != 0) {
                return;
            }
            Thread.sleep(200);
        }
        fail("kerbshell did not exit");
    }

    private static void tmux(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "tmux";
        System.arraycopy(args, 0, command, 1, args.length);
        Process tmux = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(tmux.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tmux.waitFor() != 0) {
            fail("tmux " + String.join(" ", args) + " failed: " + out);
        }
    }
}
