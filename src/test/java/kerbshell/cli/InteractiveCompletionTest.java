package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Tab at the prompt, on a real terminal (tmux) and the lab: scenario and recipe names (the user's own recipes
 * too), profile names from config.yaml, user names from the directory, and the values of --tls and --auth.
 */
class InteractiveCompletionTest {
    @TempDir
    Path home;

    @Test
    void tabCompletesNamesAndEnumValues() throws Exception {
        CompletionScriptsTest.writeUserFiles(home);
        try (TerminalSession terminal = new TerminalSession(home, UUID.randomUUID().toString())) {
            terminal.waitForScreen("kerbshell[lab.test as Administrator]>");
            completes(terminal, "lab scenario start one-d", "lab scenario start one-direction ");
            completes(terminal, "recipe show hyperv-live-migration-p", "recipe show hyperv-live-migration-pair ");
            completes(terminal, "recipe run fix-h", "recipe run fix-hv07 ");
            completes(terminal, "check user ali", "check user alice ");
            completes(terminal, "check pair HV01 HV02 --user oper", "check pair HV01 HV02 --user operator ");
            completes(terminal, "ticket s4u --as HV01 --to cifs/hv02.lab.test --user ali",
                    "ticket s4u --as HV01 --to cifs/hv02.lab.test --user alice ");
            completes(terminal, "connect --user Admin", "connect --user Administrator ");
            completes(terminal, "connect --user LAB\\oper", "connect --user LAB\\operator ");
            completes(terminal, "connect --tls star", "connect --tls starttls ");
            completes(terminal, "connect --auth gs", "connect --auth gssapi ");
            completes(terminal, "connect --profile co", "connect --profile corp ");
            completes(terminal, "profile show br", "profile show branch ");
        }
    }

    /** Types {@code typed}, presses Tab, waits for the line to read {@code completed}, then clears it. */
    private static void completes(TerminalSession terminal, String typed, String completed) throws Exception {
        terminal.keys(typed, "Tab");
        terminal.waitForScreen("> " + completed.strip()); // the screen as tmux gives it has no trailing spaces
        terminal.keys("C-u");
    }
}
