package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command has one to three examples, each with a sentence, and every example runs on the lab: each after
 * {@code lab start} and {@code lab reset} (and its own {@code after} line), in one scripted run, which fails the
 * test on any {@code error:} line. An example that cannot run on the lab must say why, and must still bind to its
 * command's syntax. A new command only needs {@code @Example}s on its method to pass.
 */
class CommandExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void everyCommandHasExamplesAndEveryExampleRunsOnTheLab() throws Exception {
        KerbshellRun.Result index = KerbshellRun.in(home).args("--json", "help");
        assertEquals(0, index.exitCode(), index::toString);
        List<String> commands = new ArrayList<>();
        for (JsonNode group : JSON.readTree(index.stdout()).get("groups")) {
            group.get("commands").forEach(c -> commands.add(c.get("command").asText()));
        }
        assertTrue(commands.size() > 40, "the commands are listed: " + commands);

        KerbshellRun.Result pages = KerbshellRun.in(home)
                .stdin(String.join("\n", commands.stream().map(c -> "help " + c + " --json").toList())).args();
        assertEquals(0, pages.exitCode(), pages::toString);
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String line : pages.stdout().lines().toList()) {
            JsonNode page = JSON.readTree(line);
            String command = page.get("command").asText();
            if (command.equals("clear") || command.equals("history")) {
                continue; // Spring Shell's own, kept as they are
            }
            int count = page.get("examples").size();
            if (count < 1 || count > 3) {
                problems.add(command + " has " + count + " examples (one to three, please)");
            }
            for (JsonNode example : page.get("examples")) {
                String says = example.get("says").asText();
                if (!says.endsWith(".") || !example.get("line").asText().startsWith(command.split(" ")[0])) {
                    problems.add(command + ": example '" + example.get("line").asText() + "' must start with the "
                            + "command and say what it does in a sentence ending with a period");
                }
                examples.put(example.get("line").asText(), example);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        StringBuilder script = new StringBuilder();
        List<String> runOnLab = new ArrayList<>();
        for (JsonNode example : examples.values()) {
            String line = example.get("line").asText();
            if (text(example, "notOnLab") != null) {
                script.append(line).append(" --help\n"); // binds, then shows help instead of running
                continue;
            }
            script.append("lab start\nlab reset\n");
            example.path("after").forEach(before -> script.append(before.asText()).append('\n'));
            script.append(line).append('\n');
            example.path("then").forEach(after -> script.append(after.asText()).append('\n'));
            runOnLab.add(line);
        }
        KerbshellRun.Result run = KerbshellRun.in(home).stdin(script.toString()).args("--keep-going");
        List<String> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String line : run.stderr().lines().toList()) {
            if (line.startsWith("error: ")) {
                errors.add(line);
            } else if (line.matches("stdin:\\d+: failed \\(exit \\d\\): .*") && !errors.isEmpty()) {
                failed.add(line.substring(line.indexOf("): ") + 3) + "\n    " + String.join("\n    ", errors));
                errors.clear();
            } else if (line.matches("stdin:\\d+: failed \\(exit \\d\\): .*")) {
                errors.clear();
            }
        }
        assertTrue(failed.isEmpty(), "examples that fail on the lab:\n" + String.join("\n", failed));
        assertTrue(runOnLab.size() > 60, "most examples run on the lab: " + runOnLab.size());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
