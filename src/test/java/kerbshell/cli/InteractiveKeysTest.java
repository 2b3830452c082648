package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C, Ctrl-D and what is typed at the prompt, on a real terminal (tmux): Ctrl-C clears the line and never
 * ends the shell and cancels a password prompt (of a connect to a server that accepts TCP and never answers); {@code DOMAIN\\user} and an apostrophe in explain's text arrive as typed; a typo is answered with "did
 * you mean"; an enum option's values complete; leaving with lab changes asks first.
 */
class InteractiveKeysTest {
    @TempDir
    Path home;

    @Test
    void ctrlCNeverEndsTheShellAndLeavingWithLabChangesAsks() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (SilentListener silent = new SilentListener();
             TerminalSession terminal = new TerminalSession(home, marker)) {
            String prompt = "kerbshell[lab.test as Administrator]>";
            terminal.waitForScreen(prompt);
            terminal.keys("C-c");
            Thread.sleep(500); // as a person would: the prompt is back before the next key
            terminal.keys("spn list HV0");
            terminal.waitForScreen("> spn list HV0");
            terminal.keys("C-c");
            Thread.sleep(500);
            terminal.type("status");
            terminal.waitForScreen("Administrator (user)");

            terminal.type("explain it's the 0x80090303 error, isn't it");
            terminal.waitForScreen("SEC_E_TARGET_UNKNOWN (0x80090303)");
            assertFalse(terminal.screen().contains("quote>"), "an apostrophe opens no quote prompt");

            terminal.type("resolve LAB\\alice");
            terminal.waitForScreen("CN=alice,CN=Users,DC=lab,DC=test");

            terminal.keys("vmms restart HV01 --via s", "Tab");
            terminal.waitForScreen("vmms restart HV01 --via ssh");
            terminal.keys("C-u");

            terminal.type("spn lst HV01");
            terminal.waitForStderr("error: unknown command 'spn lst': did you mean 'spn list'?");
            terminal.type("check pair HV01");
            terminal.waitForStderr("error: check pair: missing SECOND");

            terminal.type("connect --server 127.0.0.1 --port " + silent.port()
                    + " --domain lab.test --user operator");
            terminal.waitForScreen("Password for operator@lab.test:");
            terminal.keys("C-c");
            terminal.waitForStderr("error: no password given for operator@lab.test");

            terminal.type("spn add HV01 http/keys.lab.test");
            terminal.waitForScreen("http/keys.lab.test  added");
            terminal.type("exit");
            terminal.waitForScreen("Leave anyway? [y/N]");
            terminal.type("n");
            terminal.waitForScreen("staying in the shell");
            terminal.keys("C-d");
            terminal.waitForScreen("Leave anyway? [y/N]");
            terminal.type("y");
            TerminalSession.waitUntilGone(marker);
            assertTrue(Files.readString(terminal.stderrFile()).contains("the lab has 1 change(s) from this session"),
                    "the question says what would be lost");
        }
    }

    @Test
    void aScenarioShowsTheStoryNotItsSetupNotes() throws Exception {
        try (TerminalSession terminal = new TerminalSession(home, UUID.randomUUID().toString())) {
            terminal.waitForScreen("kerbshell[lab.test as Administrator]>");
            terminal.type("lab scenario start one-direction");
            terminal.waitForScreen("solved when:");
            terminal.type("delegate trust HV02 --to HV01");
            terminal.waitForStderr("note: HV02$ keeps the tickets it cached"); // the trainee's own change
            String stderr = Files.readString(terminal.stderrFile());
            assertFalse(stderr.contains("HV01$ keeps the tickets"), "the setup's own notes are not shown: " + stderr);
        }
    }
}
