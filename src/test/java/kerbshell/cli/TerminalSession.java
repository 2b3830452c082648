package kerbshell.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The interactive shell on a real terminal (a tmux session), as a person meets it: type lines, read the screen,
 * read what went to stderr (kept in a file). For tests; close it to end the session.
 */
final class TerminalSession implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String name = "kerbshell-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path stderr;
    private final String marker;

    /**
     * Starts kerbshell with its files under {@code home}; {@code marker} tags the JVM so tests can find its
     * process; {@code args} are kerbshell's own arguments.
     */
    TerminalSession(Path home, String marker, String... args) throws Exception {
        this(home, marker, java.util.Map.of(), args);
    }

    /** As above, with more environment variables for kerbshell (e.g. KERBSHELL_HISTORY=off). */
    TerminalSession(Path home, String marker, java.util.Map<String, String> env, String... args) throws Exception {
        this.stderr = home.resolve("stderr.log");
        this.marker = marker;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("env", "KERBSHELL_HOME=" + home.resolve("kerbshell-home"),
                "KERBSHELL_CONFIG=" + home.resolve("config/config.yaml")));
        env.forEach((key, value) -> command.add(key + "=" + value));
        command.addAll(List.of(java, "-Dkerbshell.test=" + marker,
                "-Dkerbshell.stdin.tty=true", "-Dkerbshell.stdout.tty=true", "-cp",
                System.getProperty("java.class.path"), "kerbshell.Kerbshell"));
        command.addAll(List.of(args));
        command.add("2>" + stderr);
        tmux("new-session", "-d", "-s", name, "-x", "200", "-y", "50", String.join(" ", command));
    }

    Path stderrFile() {
        return stderr;
    }

    void type(String line) throws Exception {
        tmux("send-keys", "-t", name, "-l", line);
        tmux("send-keys", "-t", name, "Enter");
    }

    /** Sends tmux key names, e.g. "Tab" or "C-u". */
    void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", name));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    String screen() throws Exception {
        Process capture = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", name).start();
        String text = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        capture.waitFor();
        return text;
    }

    void waitForScreen(String text) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (screen().contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("the screen never showed '" + text + "':\n" + screen());
    }

    void waitForStderr(String text) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(stderr) && Files.readString(stderr).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("stderr never showed '" + text + "':\n" + (Files.exists(stderr) ? Files.readString(stderr) : "(none)"));
    }

    /** Waits until the kerbshell JVM tagged with {@code marker} has exited (after 'exit'). */
    static void waitUntilGone(String marker) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            // The JVM itself: tmux's server keeps the command line of the session that started it, and the
            // shell tmux runs the command in holds it too, so a pattern that matched anywhere found them as well.
            Process pgrep = new ProcessBuilder("pgrep", "-f", "^[^ ]*java -Dkerbshell\\.test=" + marker + "( |$)")
                    .start();
            if (pgrep.waitFor() != 0) {
                return;
            }
            Thread.sleep(200);
        }
        fail("kerbshell did not exit");
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("tmux", "kill-session", "-t", name).start().waitFor();
        // The JVM outlives its terminal for a moment and may still write its history or journal under the test's
        // home; a test's temporary directory can only be removed once it is gone.
        waitUntilGone(marker);
    }

    private static void tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        Process tmux = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(tmux.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tmux.waitFor() != 0) {
            fail("tmux " + String.join(" ", args) + " failed: " + out);
        }
    }
}
