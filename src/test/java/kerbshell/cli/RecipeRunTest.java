package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.output.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every shipped recipe on the lab: plan, run, verify; a second run changes nothing; undo takes the run back. */
class RecipeRunTest {
    @TempDir
    Path home;

    /** The JSON documents a run of these lines prints, one per command. */
    private List<JsonNode> json(String... lines) throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin(String.join("\n", lines)).args("--json", "--keep-going");
        List<JsonNode> documents = new ArrayList<>();
        for (String line : run.stdout().strip().split("\n")) {
            documents.add(Json.mapper().readTree(line));
        }
        return documents;
    }

    private static List<JsonNode> reports(List<JsonNode> documents) {
        return documents.stream().filter(d -> d.has("recipe") && d.has("plan")).toList();
    }

    private static void assertRanAndVerified(JsonNode report) {
        assertTrue(report.get("steps").size() > 0, report.toString());
        report.get("steps").forEach(s -> assertEquals(0, s.get("exit").asInt(), report.toString()));
        report.get("verify").forEach(s -> assertEquals(0, s.get("exit").asInt(), "verify: " + report));
    }

    @Test
    void liveMigrationPairRunsVerifiesChangesNothingTheSecondTimeAndUndoes() throws Exception {
        List<JsonNode> reports = reports(json(
                "recipe run hyperv-live-migration-pair --param source=HV01 --param destination=HV02 --yes",
                "recipe run hyperv-live-migration-pair --param source=HV01 --param destination=HV02 --yes",
                "undo --run last",
                "recipe run hyperv-live-migration-pair --param source=HV01 --param destination=HV02 --dry-run"));
        assertRanAndVerified(reports.get(0));
        assertTrue(countChanges(reports.get(0)) > 0, "the first run had changes to make: " + reports.get(0));
        assertRanAndVerified(reports.get(1));
        assertEquals(0, countChanges(reports.get(1)), "re-running on a fixed pair changes nothing: " + reports.get(1));
        assertTrue(countChanges(reports.get(2)) > 0, "after undo the changes are to be made again: " + reports.get(2));
    }

    @Test
    void replicaPairVerifies() throws Exception {
        List<JsonNode> reports = reports(json(
                "recipe run hyperv-replica-pair --param source=HV01 --param destination=HV02 --yes"));
        assertEquals(1, reports.size());
        reports.forEach(RecipeRunTest::assertRanAndVerified);
    }

    /** One recipe for any cluster: 3 nodes are 3 SPN steps and 3 pairs, 4 nodes 4 and 6; a re-run changes nothing. */
    @Test
    void clusterMeshOnThreeAndFourNodesVerifiesAndChangesNothingTheSecondTime() throws Exception {
        List<JsonNode> reports = reports(json(
                "recipe run cluster-mesh --param nodes=HV01,HV02,HV03 --yes",
                "recipe run cluster-mesh --param nodes=HV01,HV02,HV03 --yes",
                "lab plant computer HV04",
                "recipe run cluster-mesh --param nodes=HV01,HV02,HV03,HV04 --yes",
                "recipe run cluster-mesh --param nodes=HV01,HV02,HV03,HV04 --yes"));
        assertEquals(4, reports.size(), reports.toString());
        reports.forEach(RecipeRunTest::assertRanAndVerified);
        assertEquals(3 + 3, reports.get(0).get("plan").size(), reports.get(0).toString());
        assertEquals(4 + 6, reports.get(2).get("plan").size(), reports.get(2).toString());
        assertTrue(countChanges(reports.get(0)) > 0, "the first run had changes to make: " + reports.get(0));
        assertEquals(0, countChanges(reports.get(1)), "re-running on a fixed cluster changes nothing: " + reports.get(1));
        assertTrue(countChanges(reports.get(2)) > 0, "the fourth node had to be added: " + reports.get(2));
        assertEquals(0, countChanges(reports.get(3)), "re-running on a fixed cluster changes nothing: " + reports.get(3));
        assertTrue(reports.get(2).toString().contains("delegate pair HV03 HV04"), reports.get(2).toString());
        assertTrue(reports.get(2).get("verify").toString().contains("check cluster HV01 HV02 HV03 HV04"),
                reports.get(2).toString());
    }

    @Test
    void moveDuplicateSpnFixesAPlantedDuplicate() throws Exception {
        List<JsonNode> documents = json(
                "lab plant duplicate-spn \"Hyper-V Replica Service/HV02\" --on HV01",
                "spn duplicates",
                "recipe run move-duplicate-spn --param \"spn=Hyper-V Replica Service/HV02\" --param source=HV01 "
                        + "--param destination=HV02 --yes",
                "spn duplicates");
        assertEquals(1, documents.get(1).get("conflicts").size(), documents.get(1).toString());
        assertRanAndVerified(reports(documents).get(0));
        assertEquals(0, documents.get(documents.size() - 1).get("conflicts").size());
    }

    @Test
    void theSeedBlogFixWorksButCheckPairFlagsItsRisk() throws Exception {
        List<JsonNode> documents = json(
                "recipe run seed-blog-fix --param source=HV01 --param destination=HV02 --yes",
                "check pair HV01 HV02");
        assertRanAndVerified(reports(documents).get(0));
        JsonNode check = documents.get(documents.size() - 1);
        assertTrue(check.toString().contains("trusted for delegation to any service (unconstrained)"), check.toString());
    }

    @Test
    void aFailingStepStopsTheRunAndSaysHowToUndo() throws Exception {
        Path recipe = home.resolve("broken.yaml");
        Files.writeString(recipe, """
                name: broken
                steps:
                  - spn add HV01 http/first.lab.test
                  - spn add HV01 HOST/hv02.lab.test
                  - spn add HV01 http/never.lab.test
                """);
        KerbshellRun.Result run = KerbshellRun.in(home).args("recipe", "run", recipe.toString(), "--yes");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("FAILED  spn add HV01 HOST/hv02.lab.test"), run::toString);
        assertTrue(run.stdout().contains("not run spn add HV01 http/never.lab.test"), run::toString);
        assertTrue(run.stdout().contains("step 2 failed; the steps before it were applied: take them back with "
                + "'undo --run run-"), run::toString);
    }

    @Test
    void malformedRecipesAreRejectedNamingFileLineAndField() throws Exception {
        Path unknownField = home.resolve("unknown.yaml");
        Files.writeString(unknownField, "name: x\nsteps:\n  - status\nstep: oops\n");
        KerbshellRun.Result first = KerbshellRun.in(home).args("recipe", "show", unknownField.toString());
        assertEquals(2, first.exitCode(), first::toString);
        assertTrue(first.stderr().contains(unknownField + ":4:1: unknown field 'step'"), first::toString);

        Path undeclared = home.resolve("undeclared.yaml");
        Files.writeString(undeclared, "name: y\nsteps:\n  - spn list ${host}\n");
        KerbshellRun.Result second = KerbshellRun.in(home).args("recipe", "show", undeclared.toString());
        assertEquals(2, second.exitCode(), second::toString);
        assertTrue(second.stderr().contains(undeclared + ":3:5: 'spn list ${host}' uses ${host}"),
                second::toString);

        Path secret = home.resolve("secret.yaml");
        Files.writeString(secret, "name: z\nsteps:\n  - connect --server dc1 --password hunter2\n");
        KerbshellRun.Result third = KerbshellRun.in(home).args("recipe", "show", secret.toString());
        assertEquals(2, third.exitCode(), third::toString);
        assertTrue(third.stderr().contains("a recipe never holds a secret"), third::toString);
    }

    @Test
    void recordAndSaveReplayEveryWritingCommandWithChecksAsVerifyAndRoleNames() throws Exception {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("""
                recipe record pair-fix
                spn list HV01
                check pair HV01 HV02
                delegate trust HV01 --to HV02
                delegate trust HV01 --to HV02
                spn add HV02 "cifs/hv02.lab.test"
                spn add HV02 --dry-run "http/hv02.lab.test"
                recipe save
                """).args("--keep-going");
        assertTrue(run.stdout().contains("saved recipe pair-fix (3 step(s), 1 verify step(s), parameters [source, "
                + "destination, domain])"), run::toString);
        String saved = Files.readString(home.resolve("kerbshell-home/recipes/pair-fix.yaml"));
        assertEquals(2, saved.split("delegate trust \\$\\{source} --to \\$\\{destination}", -1).length - 1,
                "the second trust changed nothing and is still a step: " + saved);
        assertTrue(saved.contains("spn add ${destination} cifs/${destination}.${domain}"), saved);
        assertTrue(saved.contains("verify:") && saved.contains("check pair ${source} ${destination}"), saved);
        assertTrue(!saved.contains("spn list") && !saved.contains("http/"), "reads and dry runs are not recorded: "
                + saved);
        KerbshellRun.Result replayed = KerbshellRun.in(home).args("recipe", "run", "pair-fix", "--param",
                "source=HV03", "--param", "destination=HV02", "--dry-run");
        assertEquals(0, replayed.exitCode(), replayed::toString);
        assertTrue(replayed.stdout().contains("step 1: delegate trust HV03 --to HV02"), replayed::toString);
    }

    private static int countChanges(JsonNode report) {
        int changes = 0;
        for (JsonNode step : report.get("plan")) {
            changes += step.get("changes").size();
        }
        return changes;
    }
}
