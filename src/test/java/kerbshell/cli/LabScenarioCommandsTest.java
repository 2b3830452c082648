package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.output.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lab scenario around the happy path: hints, progress, a reset lab, a stale host, the refusal off the lab, files. */
class LabScenarioCommandsTest {
    private static final String MINE = """
            name: my-own
            title: My own scenario
            level: 3
            story: |
              HV02 lost its console SPN.
            break:
              - spn remove HV02 "Microsoft Virtual Console Service/hv02.lab.test"
            goal:
              - check: check host HV02
                no_finding: Console Service
            cause:
              - Microsoft Virtual Console Service/hv02.lab.test is not registered
            hints:
              - spn hyperv HV02
            solution:
              - spn hyperv HV02 --add
            explanation: |
              VMMS registers it.
            """;

    @TempDir
    Path home;

    @Test
    void hintsOneAtATimeAndProgressKeptPerUser() throws Exception {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "lab scenario start missing-migration-spn",
                "lab scenario hint", "lab scenario hint",
                "lab scenario check",
                "lab scenario hint", "lab scenario hint",
                "lab scenario status",
                "spn hyperv HV02 --add",
                "lab scenario check",
                "lab scenario list",
                "lab scenario start missing-migration-spn",
                "lab scenario list"));
        List<JsonNode> hints = script.all(TrainingScript.HINTS);
        assertEquals(List.of(1, 2, 3, 3), hints.stream().map(h -> h.get("given").size()).toList());
        assertTrue(hints.get(2).get("newHint").asBoolean());
        assertFalse(hints.get(3).get("newHint").asBoolean(), "no fourth hint: " + hints.get(3));

        JsonNode notYet = script.nth(TrainingScript.VERDICT, 0);
        assertFalse(notYet.get("solved").asBoolean());
        assertEquals(2, notYet.get("hintsTaken").size(), "check repeats the hints taken, and only those");
        assertEquals(2, notYet.get("goals").get(0).get("blockers").asInt(), "both name forms: " + notYet);

        JsonNode solved = script.nth(TrainingScript.VERDICT, 1);
        assertTrue(solved.get("solved").asBoolean(), script.result()::toString);
        assertEquals(3, solved.get("hintsTaken").size());
        assertTrue(solved.get("seconds").asLong() >= 0);

        JsonNode list = script.nth(TrainingScript.LIST, 0);
        JsonNode row = row(list, "missing-migration-spn");
        assertEquals("solved", row.get("status").asText());
        assertEquals(3, row.get("fewestHints").asInt());
        assertEquals(1, row.get("attempts").asInt());
        assertEquals(12, list.get("scenarios").size(), "the shipped scenarios: " + list);
        assertEquals(2, row(script.nth(TrainingScript.LIST, 1), "missing-migration-spn").get("attempts").asInt());

        Path progress = home.resolve("kerbshell-home/training/progress.json");
        JsonNode saved = Json.mapper().readTree(Files.readString(progress));
        assertTrue(saved.get("scenarios").get("missing-migration-spn").get("solved").asBoolean(), saved::toString);

        // A later shell (a new lab) still knows what was solved.
        KerbshellRun.Result later = KerbshellRun.in(home).args("lab", "scenario", "list", "--json");
        assertEquals("solved", row(Json.mapper().readTree(later.stdout()), "missing-migration-spn").get("status")
                .asText(), later::toString);
    }

    @Test
    void aTraineeWhoFixesItAnotherWayIsToldSoAndSolves() {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "lab scenario start missing-migration-spn",
                "spn add HV02 \"Microsoft Virtual System Migration Service/HV02\" "
                        + "\"Microsoft Virtual System Migration Service/hv02.lab.test\"",
                "lab scenario check"));
        JsonNode solved = script.nth(TrainingScript.VERDICT, 0);
        assertTrue(solved.get("solved").asBoolean(), script.result()::toString);
        JsonNode comparison = solved.get("comparison");
        assertEquals(List.of("spn add HV02 Microsoft Virtual System Migration Service/HV02 Microsoft Virtual System "
                + "Migration Service/hv02.lab.test"), texts(comparison.get("yours")));
        assertEquals(0, comparison.get("modelStepsUsed").size());
        assertEquals(1, comparison.get("extra").size());
        assertEquals(List.of("spn hyperv HV02 --add"), texts(comparison.get("model")));
    }

    @Test
    void aLabResetEndsTheScenarioAndSaysSo() {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "lab scenario start one-direction",
                "lab reset",
                "lab scenario status",
                "lab scenario check",
                "lab scenario start one-direction",
                "tutorial start",
                "lab scenario status"));
        String stderr = script.result().stderr();
        assertEquals(2, count(stderr, "note: scenario one-direction ended, as its fault went with the reset; "
                + "'lab scenario start one-direction' sets it up again"), script.result()::toString);
        assertTrue(stderr.contains("error: no scenario is under way"), script.result()::toString);
        List<JsonNode> statuses = script.all(d -> d.has("scenariosSolved"));
        assertEquals(2, statuses.size(), script.result()::toString);
        statuses.forEach(status -> assertTrue(status.path("scenario").isMissingNode()
                || status.get("scenario").isNull(), "none under way: " + status));
    }

    @Test
    void solvedMeansTheMoveGoesThroughBothWaysWithTheHostsCachedTickets() {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "lab scenario start one-direction",
                "delegate trust HV02 --to HV01",
                "lab scenario check",
                "vmms restart HV02",
                "lab scenario check"));
        JsonNode stale = script.nth(TrainingScript.VERDICT, 0);
        assertFalse(stale.get("solved").asBoolean(), "HV02 still acts on its cached view: " + stale);
        assertTrue(stale.toString().contains("lab migrate HV02 HV01 --as operator"), stale::toString);
        JsonNode solved = script.nth(TrainingScript.VERDICT, 1);
        assertTrue(solved.get("solved").asBoolean(), script.result()::toString);
        assertTrue(solved.toString().contains("lab migrate HV01 HV02 --as operator"), solved::toString);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aHostActsOnItsCachedViewUntilVmmsRestarts() {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "lab scenario start one-direction",
                "delegate trust HV02 --to HV01",
                "lab migrate HV02 HV01 --as operator",
                "vmms restart HV02",
                "lab migrate HV02 HV01 --as operator"));
        JsonNode stale = script.nth(TrainingScript.MIGRATION, 0);
        assertFalse(stale.get("authenticated").asBoolean(), stale::toString);
        assertEquals("0x8009030E", stale.get("windows").get("code").asText());
        assertTrue(stale.toString().contains("HV02 still acts on what it cached when its VMMS last started"),
                stale::toString);
        assertTrue(stale.toString().contains("'vmms restart HV02'"), stale::toString);
        JsonNode fresh = script.nth(TrainingScript.MIGRATION, 1);
        assertTrue(fresh.get("authenticated").asBoolean(), fresh::toString);
    }

    @Test
    void trainingRefusesASessionThatIsNotTheLabsOwn() throws Exception {
        // Another directory than this process's own lab: a session there is no lab session.
        kerbshell.directory.TestCertificate certificate = kerbshell.directory.TestCertificate.issue(home, "localhost",
                "ip:127.0.0.1");
        try (kerbshell.lab.LabDirectory other = kerbshell.lab.LabDirectory.startLdaps(0,
                certificate.serverSockets())) {
            refusedOn(other.ldapPort(), certificate.pem());
        }
    }

    private void refusedOn(int port, Path caFile) {
        String connect = "connect --server 127.0.0.1 --port " + port + " --domain lab.test --user operator --ca-file "
                + caFile;
        for (String command : List.of("lab scenario start one-direction", "lab scenario check",
                "lab migrate HV01 HV02", "tutorial start")) {
            KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "LabOperator-2025!")
                    .stdin(String.join("\n", connect, command) + "\n").args();
            assertEquals(2, run.exitCode(), run::toString);
            List<String> errors = run.stderr().lines().filter(l -> l.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), run::toString);
            assertTrue(errors.get(0).matches("error: .* runs on the built-in lab only, and this session is on "
                    + "127\\.0\\.0\\.1: run 'lab start' first"), errors.get(0));
        }
    }

    @Test
    void aMalformedScenarioIsRejectedWithFileLineAndField() throws Exception {
        Path bad = home.resolve("bad.yaml");
        Files.writeString(bad, MINE.replace("  - check: check host HV02", "  - check: spn list HV02"));
        KerbshellRun.Result run = KerbshellRun.in(home).args("lab", "scenario", "start", bad.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: " + bad + " line 9: field 'check': a goal is a kerbshell check (check host, pair, user "
                + "or cluster) or a move (lab migrate SOURCE DEST), not 'spn list HV02'", run.stderr().strip());

        Files.writeString(bad, MINE.replace("spn hyperv HV02 --add", "spn hyprev HV02 --add"));
        run = KerbshellRun.in(home).args("lab", "scenario", "start", bad.toString());
        assertEquals("error: " + bad + " line 16: field 'solution': 'spn hyprev HV02 --add' is not a kerbshell "
                + "command ('help' lists them)", run.stderr().strip());
    }

    @Test
    void scenariosOfYourOwnFromTheKerbshellDirectoryOrADirectory() throws Exception {
        Path own = home.resolve("kerbshell-home/recipes/training");
        Files.createDirectories(own);
        Files.writeString(own.resolve("mine.yaml"), MINE);
        Path elsewhere = home.resolve("course");
        Files.createDirectories(elsewhere);
        Files.writeString(elsewhere.resolve("theirs.yaml"), MINE.replace("name: my-own", "name: their-own"));
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "lab scenario list --dir " + elsewhere,
                "lab scenario start their-own --dir " + elsewhere,
                "lab scenario check",
                "spn hyperv HV02 --add",
                "lab scenario check"));
        JsonNode list = script.nth(TrainingScript.LIST, 0);
        assertEquals(own.resolve("mine.yaml").toString(), row(list, "my-own").get("source").asText());
        assertEquals(elsewhere.resolve("theirs.yaml").toString(), row(list, "their-own").get("source").asText());
        assertFalse(script.nth(TrainingScript.VERDICT, 0).get("solved").asBoolean(), script.result()::toString);
        assertTrue(script.nth(TrainingScript.VERDICT, 1).get("solved").asBoolean(), script.result()::toString);
    }

    private static JsonNode row(JsonNode list, String name) {
        for (JsonNode row : list.get("scenarios")) {
            if (row.get("name").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no " + name + " in " + list);
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
