package kerbshell.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walks every kerbshell command's help: each has a one-sentence description, and every option is described. */
class HelpCoverageTest {
    @TempDir
    Path home;

    @Test
    void everyCommandAndOptionIsDescribed() {
        KerbshellRun.Result listing = KerbshellRun.in(home).args("help");
        assertEquals(0, listing.exitCode(), listing::toString);
        List<String> commands = new ArrayList<>();
        boolean builtIn = false;
        for (String line : listing.stdout().lines().toList()) {
            if (!line.startsWith(" ")) {
                builtIn = line.equals("Built-In Commands");
                continue;
            }
            if (!builtIn && line.contains(":")) {
                String command = line.strip().substring(0, line.strip().indexOf(':'));
                String description = line.substring(line.indexOf(':') + 1).strip();
                assertTrue(description.endsWith("."), command + ": the description is one sentence ending with a "
                        + "period: '" + description + "'");
                commands.add(command.split(",")[0].strip());
            }
        }
        assertTrue(commands.size() > 30, "the kerbshell commands are listed: " + commands);
        KerbshellRun.Result helps = KerbshellRun.in(home)
                .stdin(String.join("\n", commands.stream().map(c -> "help " + c).toList())).args();
        List<String> lines = helps.stdout().lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).matches(" {7}--[a-z-]+( \\S+)?\\s*") && !lines.get(i).contains("--help")) {
                assertFalse(lines.get(i + 1).strip().startsWith("["), "an option without a description: "
                        + lines.get(i).strip() + " (near line " + i + ")");
            }
        }
    }
}
