package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leaving the shell at the prompt with a recording not saved yet asks first; at the terminal, through tmux. */
class RecordingExitTest {
    @TempDir
    Path home;

    @Test
    void exitWithAnUnsavedRecordingAsksAndCanStayOrSave() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (TerminalSession terminal = new TerminalSession(home, marker)) {
            terminal.waitForScreen("kerbshell[lab.test as Administrator]>");
            terminal.type("recipe record pair-fix");
            terminal.waitForScreen("recording writing commands");
            terminal.type("delegate trust HV01 --to HV02");
            terminal.waitForScreen("HV01");
            terminal.type("exit");
            terminal.waitForScreen("recording pair-fix is not saved: save it (s), throw it away (d), or stay (Enter)?");
            terminal.type("");
            terminal.waitForScreen("still recording pair-fix");
            terminal.type("quit");
            terminal.waitForScreen("> quit\nrecording pair-fix is not saved");
            terminal.type("s");
            terminal.waitForScreen("Leave anyway? [y/N]"); // the lab's delegation change ends with the shell
            terminal.type("y");
            TerminalSession.waitUntilGone(marker);
        }
        String saved = Files.readString(home.resolve("kerbshell-home/recipes/pair-fix.yaml"));
        assertTrue(saved.contains("delegate trust ${source} --to ${destination}"), saved);
    }
}
