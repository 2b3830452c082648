package kerbshell.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.cli.KerbshellRun;
import kerbshell.output.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check clusters on the lab: two clusters (HV01 | HV02,HV03) with no delegation between them are blocked in
 * every cross direction and only there; the shipped clusters-mesh recipe repairs them; breaking one direction
 * afterwards is named and its fix plan repairs it.
 */
class LabClustersCheckTest {
    @TempDir
    Path home;

    @Test
    void everyCrossDirectionIsJudgedOnceAndTheMeshRecipeRepairsThem() throws Exception {
        List<JsonNode> checks = run(List.of(
                "check clusters HV01 HV02,HV03 --user operator",
                "recipe run clusters-mesh --param source=HV01 --param destination=HV02,HV03 --yes",
                "check clusters HV01 HV02,HV03 --user operator"));
        JsonNode before = checks.get(0);
        assertEquals(List.of("HV01", "HV02", "HV03"), strings(before.get("hosts")));
        assertEquals(List.of("HV01->HV02", "HV01->HV03", "HV02->HV01", "HV03->HV01"), pairs(before),
                "the cross directions only, each once");
        assertEquals(List.of("HV01 is not trusted to delegate to HV02", "HV01 is not trusted to delegate to HV03",
                "HV02 is not trusted to delegate to HV01", "HV03 is not trusted to delegate to HV01"),
                pairBlockers(before));
        JsonNode after = checks.get(checks.size() - 1);
        assertEquals(List.of(), pairBlockers(after), after::toString);
        assertEquals(4, count(after.get("edges"), "PROTOCOL_TRANSITION"), after.get("edges")::toString);
        assertEquals(4, count(before.get("edges"), "MISSING"), before.get("edges")::toString);
    }

    @Test
    void breakOneDirectionItIsNamedAndTheFixPlanRepairsIt() throws Exception {
        Path plan = home.resolve("fix.yaml");
        List<JsonNode> checks = run(List.of(
                "recipe run clusters-mesh --param source=HV01 --param destination=HV02,HV03 --yes",
                "delegate untrust HV03 --to HV01",
                "check clusters HV01 HV02,HV03 --user operator --fix-plan " + plan,
                "recipe run " + plan + " --yes",
                "check clusters HV01 HV02,HV03 --user operator"));
        assertEquals(List.of("HV03 is not trusted to delegate to HV01"), pairBlockers(checks.get(1)),
                "after the mesh recipe's own verify");
        assertTrue(Files.readString(plan).contains("delegate trust HV03 --to HV01"), Files.readString(plan));
        assertTrue(Files.readString(plan).contains("check clusters HV01 HV02,HV03"), "verify step");
        assertEquals(List.of(), pairBlockers(checks.get(checks.size() - 1)));
    }

    @Test
    void badSetsAreOneLineUsageErrors() {
        KerbshellRun.Result overlap = KerbshellRun.in(home).args("check", "clusters", "HV01,HV02", "HV02,HV03");
        assertEquals(2, overlap.exitCode(), overlap::toString);
        assertTrue(overlap.stderr().contains("HV02 is in both HV01,HV02 and HV02,HV03"), overlap::toString);
        KerbshellRun.Result empty = KerbshellRun.in(home).args("check", "clusters", "HV01", ",");
        assertEquals(2, empty.exitCode(), empty::toString);
        assertEquals(1, empty.stderr().strip().lines().count(), empty::toString);
    }

    /** The check clusters documents of the lines, the recipes' verify steps included, in order. */
    private List<JsonNode> run(List<String> lines) throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin(String.join("\n", lines)).args("--json", "--keep-going");
        List<JsonNode> checks = new ArrayList<>();
        for (String line : run.stdout().strip().split("\n")) {
            JsonNode node = Json.mapper().readTree(line);
            if (node.has("subject") && node.get("subject").asText().startsWith("check clusters")) {
                checks.add(node);
            }
        }
        assertTrue(checks.size() >= 2, run::toString);
        return checks;
    }

    private static List<String> pairs(JsonNode diagnosis) {
        List<String> pairs = new ArrayList<>();
        diagnosis.get("pairs").forEach(p -> pairs.add(p.get("source").asText() + "->" + p.get("destination").asText()));
        return pairs.stream().sorted().toList();
    }

    private static List<String> pairBlockers(JsonNode diagnosis) {
        List<String> blockers = new ArrayList<>();
        diagnosis.get("pairs").forEach(p -> p.get("findings").forEach(f -> {
            if (f.get("severity").asText().equals("BLOCKER")) {
                blockers.add(f.get("problem").asText());
            }
        }));
        return blockers.stream().sorted().toList();
    }

    private static long count(JsonNode edges, String kind) {
        long n = 0;
        for (JsonNode edge : edges) {
            n += edge.get("kind").asText().equals(kind) ? 1 : 0;
        }
        return n;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
