package kerbshell.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * At the interactive prompt, "delegation to any service" asks y/N on the terminal after printing why it is
 * dangerous; anything but yes writes nothing. Driven on a real terminal (tmux), as a person meets it.
 */
class InteractiveConfirmationTest {
    @TempDir
    Path home;

    private final String session = "kerbshell-confirm-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stop() throws Exception {
        new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
    }

    @Test
    void anyServiceAsksAndOnlyYesWrites() throws Exception {
        Path log = home.resolve("stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", "env", "KERBSHELL_HOME=" + home.resolve("kerbshell-home"),
                "KERBSHELL_CONFIG=" + home.resolve("config/config.yaml"), java, "-Dkerbshell.stdin.tty=true",
                "-Dkerbshell.stdout.tty=true", "-cp", System.getProperty("java.class.path"), "kerbshell.Kerbshell",
                "2>" + log);
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", command);
        waitForScreen("kerbshell[lab.test as Administrator]>");

        type("delegate trust HV01 --any-service");
        waitForScreen("Trust HV01$ for delegation to any service? [y/N]");
        type("n");
        waitFor(log, "error: not confirmed: nothing was written");
        assertTrue(Files.readString(log).contains("warning: unconstrained delegation (TRUSTED_FOR_DELEGATION"),
                "the risk is shown before the question");
        type("delegate show HV01");
        waitForScreen("unconstrained delegation:    no");

        type("delegate trust HV01 --any-service");
        waitForScreen("Trust HV01$ for delegation to any service? [y/N] ");
        type("yes");
        waitForScreen("TRUSTED_FOR_DELEGATION (unconstrained, 'trust for delegation to any service'): off -> on");
        type("exit");
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

    private static void waitFor(Path file, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("stderr never showed '" + text + "':\n" + (Files.exists(file) ? Files.readString(file) : "(none)"));
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
