package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks every kerbshell command's help: each has a one-sentence description, every argument and option is
 * described, the synopsis shows positional arguments by position (required ones without brackets), and the
 * text is wrapped to the width at whole words.
 */
class HelpCoverageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void everyCommandAndOptionIsDescribed() throws Exception {
        KerbshellRun.Result index = KerbshellRun.in(home).args("--json", "help");
        assertEquals(0, index.exitCode(), index::toString);
        List<String> commands = new ArrayList<>();
        for (JsonNode group : JSON.readTree(index.stdout()).get("groups")) {
            for (JsonNode command : group.get("commands")) {
                if (List.of("clear", "history").contains(command.get("command").asText())) {
                    continue; // Spring Shell's own, kept as they are
                }
                String description = command.get("description").asText();
                assertTrue(description.endsWith("."), command.get("command").asText() + ": the description is one "
                        + "sentence ending with a period: '" + description + "'");
                commands.add(command.get("command").asText());
            }
        }
        assertTrue(commands.size() > 40, "the kerbshell commands are listed: " + commands);
        KerbshellRun.Result pages = KerbshellRun.in(home)
                .stdin(String.join("\n", commands.stream().map(c -> "help " + c + " --json").toList())).args();
        for (String line : pages.stdout().lines().toList()) {
            JsonNode page = JSON.readTree(line);
            for (String kind : List.of("arguments", "options")) {
                for (JsonNode item : page.get(kind)) {
                    assertFalse(item.get("description").asText().isBlank(), page.get("command").asText() + " "
                            + item.get("name").asText() + " has no description");
                }
            }
        }
    }

    @Test
    void synopsisShowsPositionalAndRequiredArgumentsAndTextWrapsAtWords() {
        KerbshellRun.Result pair = KerbshellRun.in(home).args("help", "check", "pair");
        assertEquals(0, pair.exitCode(), pair::toString);
        assertTrue(pair.stdout().contains("SYNOPSIS\n    check pair FIRST SECOND [--user USER] [--tickets] "),
                pair::toString);
        assertTrue(pair.stdout().contains("EXAMPLES\n    check pair HV01 HV02\n        Checks everything"),
                pair::toString);
        for (String line : pair.stdout().lines().toList()) {
            assertTrue(line.length() <= 80, "wrapped to the width (80 without a terminal): " + line);
        }
        KerbshellRun.Result s4u = KerbshellRun.in(home).args("help", "ticket", "s4u");
        assertTrue(s4u.stdout().contains("ticket s4u --as HOST --keytab FILE --user USER --to SPN [--json]"),
                s4u::toString);

        KerbshellRun.Result group = KerbshellRun.in(home).args("help", "spn");
        KerbshellRun.Result bare = KerbshellRun.in(home).args("spn");
        assertEquals(0, bare.exitCode(), bare::toString);
        assertEquals(group.stdout(), bare.stdout(), "'spn' alone lists the group as 'help spn' does");
        assertTrue(group.stdout().contains("  spn list HOST [--json]\n      List an account's SPNs"), group::toString);
        assertFalse(group.stdout().contains("check pair"), "only the group");
    }
}
