package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history file after secrets typed by mistake, on a real terminal (tmux): a password given as an option that
 * does not exist, and one typed blind at the prompt, are not saved; the file is 0600 in a 0700 directory; with
 * KERBSHELL_HISTORY=off nothing is written.
 */
class InteractiveHistoryTest {
    private static final String AS_OPTION = "Hunter2-AsOption";
    private static final String BLIND = "Hunter2-Blind";

    @TempDir
    Path home;

    @Test
    void secretsTypedByMistakeAreNotSavedAndTheFileIsPrivate() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (TerminalSession terminal = new TerminalSession(home, marker)) {
            terminal.waitForScreen("kerbshell[lab.test as Administrator]>");
            terminal.type("connect --server dc1.corp.example --user admin --password " + AS_OPTION);
            terminal.type("connect --server dc1.corp.example --domain corp.example");
            terminal.type(BLIND);
            terminal.type("spn list HV01");
            terminal.waitForScreen("Registered ServicePrincipalNames for CN=HV01");
            terminal.type("exit");
            TerminalSession.waitUntilGone(marker);
        }
        Path history = home.resolve("kerbshell-home/history");
        String saved = Files.readString(history);
        assertTrue(saved.contains("spn list HV01"), "a line that ran is kept: " + saved);
        assertFalse(saved.contains(AS_OPTION), "a line with an unknown option is not kept: " + saved);
        assertFalse(saved.contains(BLIND), "an unknown command (a password typed blind) is not kept: " + saved);
        assertFalse(saved.contains("--domain corp.example"), "a line refused as a usage error is not kept: " + saved);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history.getParent())));
    }

    @Test
    void historyCanBeSwitchedOff() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (TerminalSession terminal = new TerminalSession(home, marker, Map.of("KERBSHELL_HISTORY", "off"))) {
            terminal.waitForScreen("kerbshell[lab.test as Administrator]>");
            terminal.type("spn list HV01");
            terminal.waitForScreen("Registered ServicePrincipalNames for CN=HV01");
            terminal.type("exit");
            TerminalSession.waitUntilGone(marker);
        }
        assertFalse(Files.exists(home.resolve("kerbshell-home/history")), "no history file");
    }

    @Test
    void theConfigFileCanSwitchHistoryOff() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.yaml"), "history: false\n");
        LaunchContext launch = new LaunchContext(LaunchOptions.parse(new String[0]),
                Map.of("KERBSHELL_CONFIG", home.resolve("config/config.yaml").toString()), System.in, System.out,
                System.err, true, true);
        assertFalse(launch.historyOn());
        Files.writeString(home.resolve("config/config.yaml"), "history: true\n");
        assertTrue(launch.historyOn());
        assertFalse(new LaunchContext(LaunchOptions.parse(new String[0]), Map.of("KERBSHELL_HISTORY", "0",
                "KERBSHELL_CONFIG", home.resolve("config/config.yaml").toString()), System.in, System.out, System.err,
                true, true).historyOn());
    }
}
