package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At the interactive prompt, "delegation to any service" asks y/N on the terminal after printing why it is
 * dangerous; anything but yes writes nothing. Driven on a real terminal (tmux), as a person meets it.
 */
class InteractiveConfirmationTest {
    @TempDir
    Path home;

    @Test
    void anyServiceAsksAndOnlyYesWrites() throws Exception {
        try (TerminalSession terminal = new TerminalSession(home, UUID.randomUUID().toString())) {
            terminal.waitForScreen("kerbshell[lab.test as Administrator]>");

            terminal.type("delegate trust HV01 --any-service");
            terminal.waitForScreen("Trust HV01$ for delegation to any service? [y/N]");
            terminal.type("n");
            terminal.waitForStderr("error: not confirmed: nothing was written");
            assertTrue(Files.readString(terminal.stderrFile())
                            .contains("warning: unconstrained delegation (TRUSTED_FOR_DELEGATION"),
                    "the risk is shown before the question");
            terminal.type("delegate show HV01");
            terminal.waitForScreen("unconstrained delegation:    no");

            terminal.type("delegate trust HV01 --any-service");
            terminal.waitForScreen("Trust HV01$ for delegation to any service? [y/N] ");
            terminal.type("yes");
            terminal.waitForScreen("TRUSTED_FOR_DELEGATION (unconstrained, 'trust for delegation to any service'): "
                    + "off -> on");
            terminal.type("exit");
        }
    }
}
