package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.training.Scenario;
import kerbshell.training.ScenarioFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped scenario, played as a trainee would: start, check says not solved without naming the cause while
 * check pair names it, lab migrate shows the failure Hyper-V would log (the one the story quotes), the model solution
 * applied and nothing else, check says solved with the trainee's changes matching the model, check pair passes with
 * no warning, and VM1 moves both ways with each host as it stands after the solution (its cached view included): a
 * solution that leaves out a 'vmms restart' the fix needs fails here.
 */
class LabScenarioTest {
    /** How lab migrate judges each scenario before its fix: the failing move and its code, or a warning only. */
    private static final Map<String, Expectation> MIGRATIONS = Map.ofEntries(
            Map.entry("missing-migration-spn", Expectation.fails("HV01", "HV02", "0x80090303", "KDC")),
            Map.entry("duplicate-spn-clone", Expectation.fails("HV01", "HV02", "0x80090303", "KDC")),
            Map.entry("rebuilt-replica-host", Expectation.fails("HV01", "HV02", "0x80090303", "KDC")),
            Map.entry("disabled-destination", Expectation.fails("HV01", "HV02", "0x80090303", "KDC")),
            Map.entry("two-faults", Expectation.fails("HV01", "HV02", "0x80090303", "KDC")),
            Map.entry("one-direction", Expectation.fails("HV02", "HV01", "0x8009030E", "simulation")),
            Map.entry("cifs-only", Expectation.fails("HV01", "HV02", "0x80090303", "simulation")),
            Map.entry("protected-users-operator", Expectation.fails("HV01", "HV02", "0x8009030E", "simulation")),
            Map.entry("sensitive-operator", Expectation.fails("HV01", "HV02", "0x8009030E", "simulation")),
            Map.entry("kerberos-only", Expectation.fails("HV01", "HV02", "0x8009030E", "simulation")),
            Map.entry("unconstrained-delegation",
                    Expectation.warns("HV01", "HV02", "trusted for delegation to any service")),
            Map.entry("rc4-only-host", Expectation.warns("HV01", "HV02", "supports no AES")));

    @TempDir
    Path home;

    private record Expectation(String source, String destination, String code, String decidedBy, String warning) {
        static Expectation fails(String source, String destination, String code, String decidedBy) {
            return new Expectation(source, destination, code, decidedBy, null);
        }

        static Expectation warns(String source, String destination, String warning) {
            return new Expectation(source, destination, null, null, warning);
        }

        String migrate() {
            return "lab migrate " + source + " " + destination + " --as operator";
        }
    }

    static Stream<Arguments> shippedScenarios() throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("recipes/training"))) {
            for (Path file : files.sorted().toList()) {
                all.add(Arguments.of(file.getFileName().toString(), ScenarioFiles.read(file, line -> true)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedScenarios")
    void startCheckSolveCheck(String file, Scenario scenario) {
        Expectation expected = MIGRATIONS.get(scenario.name());
        assertTrue(expected != null, "the test knows what lab migrate says for " + scenario.name());
        List<String> lines = new ArrayList<>(List.of(
                "lab scenario start " + scenario.name(),
                "lab scenario check",
                "check pair HV01 HV02 --user operator",
                expected.migrate()));
        lines.addAll(scenario.solution());
        lines.addAll(List.of("lab scenario check", "check pair HV01 HV02 --user operator",
                "lab migrate HV01 HV02 --as operator", "lab migrate HV02 HV01 --as operator"));
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), lines);

        JsonNode brief = script.nth(TrainingScript.BRIEF, 0);
        assertEquals(scenario.name(), brief.get("scenario").asText(), script.result()::toString);

        JsonNode before = script.nth(TrainingScript.VERDICT, 0);
        assertFalse(before.get("solved").asBoolean(), "not solved right after the break");
        String told = brief.toString().toLowerCase();
        for (String cause : scenario.cause()) {
            boolean spoiled = !told.contains(cause.toLowerCase())
                    && before.toString().toLowerCase().contains(cause.toLowerCase());
            assertFalse(spoiled, "'lab scenario check' names no cause the trainee was not told: " + before);
        }

        JsonNode brokenPair = script.nth(TrainingScript.CHECK_PAIR, 0);
        List<String> reported = TrainingScript.problems(brokenPair, "BLOCKER", "WARNING");
        for (String cause : scenario.cause()) {
            assertTrue(reported.stream().anyMatch(p -> p.toLowerCase().contains(cause.toLowerCase())),
                    "check pair names the planted cause '" + cause + "': " + reported);
        }

        JsonNode brokenMove = script.nth(TrainingScript.MIGRATION, 0);
        if (expected.code() != null) {
            assertFalse(brokenMove.get("authenticated").asBoolean(), brokenMove::toString);
            assertEquals(expected.code(), brokenMove.get("windows").get("code").asText(), brokenMove::toString);
            String dialog = brokenMove.get("windows").get("dialog").asText();
            assertTrue(scenario.story().contains(dialog), "the story quotes what Hyper-V shows: " + dialog);
            JsonNode failed = failedStep(brokenMove);
            assertEquals(expected.decidedBy(), failed.get("decidedBy").asText(), brokenMove::toString);
        } else {
            assertTrue(brokenMove.get("authenticated").asBoolean(), brokenMove::toString);
            assertTrue(brokenMove.toString().contains(expected.warning()), brokenMove::toString);
            assertTrue(reported.stream().noneMatch(p -> TrainingScript.problems(brokenPair, "BLOCKER").contains(p)),
                    "works, with a warning only: " + reported);
        }

        JsonNode after = script.nth(TrainingScript.VERDICT, 1);
        assertTrue(after.get("solved").asBoolean(), "the model solution solves it: " + after + "\n" + script.result());
        JsonNode comparison = after.get("comparison");
        // 'vmms restart' changes no directory object, so the journal (and the comparison) never sees it.
        long journaled = scenario.solution().stream().filter(line -> !line.startsWith("vmms restart")).count();
        assertEquals(journaled, comparison.get("modelStepsUsed").size(), comparison::toString);
        assertEquals(scenario.solution().size() - journaled, comparison.get("hostSteps").size(), comparison::toString);
        assertEquals(0, comparison.get("extra").size(), comparison::toString);
        assertFalse(after.get("explanation").asText().isBlank());

        JsonNode fixedPair = script.nth(TrainingScript.CHECK_PAIR, 1);
        assertEquals(List.of(), TrainingScript.problems(fixedPair, "BLOCKER", "WARNING"),
                "check pair agrees: nothing blocks and nothing warns once solved");

        for (int way = 1; way <= 2; way++) {
            JsonNode fixedMove = script.nth(TrainingScript.MIGRATION, way);
            assertTrue(fixedMove.get("authenticated").asBoolean(), "the model solution alone lets VM1 move: "
                    + fixedMove);
            assertFalse(fixedMove.toString().contains("\"warning\""), "no warning left: " + fixedMove);
        }
    }

    /** A pair scenario is solved only when VM1 moves both ways: its goal says so, whatever else it checks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedScenarios")
    void aPairScenarioDemandsTheMoveBothWays(String file, Scenario scenario) {
        List<String> goals = scenario.goal().stream().map(Scenario.Goal::check).toList();
        assertTrue(goals.contains("check pair HV01 HV02 --user operator"), "every shipped scenario is about the pair: "
                + goals);
        assertTrue(goals.contains("lab migrate HV01 HV02 --as operator"), goals::toString);
        assertTrue(goals.contains("lab migrate HV02 HV01 --as operator"), goals::toString);
    }

    static Stream<Arguments> scenariosWithHostSteps() throws IOException {
        return shippedScenarios().filter(a -> ((Scenario) a.get()[1]).solution().stream()
                .anyMatch(line -> line.startsWith("vmms restart")));
    }

    /**
     * Where the model solution restarts VMMS, the directory fix alone is not solved: the source still acts on what it
     * cached, lab scenario check says a move fails, and that move names the restart.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenariosWithHostSteps")
    void theDirectoryFixAloneIsNotSolvedWhereTheHostsMustPickItUp(String file, Scenario scenario) {
        List<String> lines = new ArrayList<>(List.of("lab scenario start " + scenario.name()));
        scenario.solution().stream().filter(line -> !line.startsWith("vmms restart")).forEach(lines::add);
        lines.addAll(List.of("lab scenario check", "lab migrate HV01 HV02 --as operator",
                "lab migrate HV02 HV01 --as operator"));
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), lines);

        JsonNode verdict = script.nth(TrainingScript.VERDICT, 0);
        assertFalse(verdict.get("solved").asBoolean(), "the hosts have not picked the fix up: " + verdict);
        boolean aMoveFails = false;
        for (JsonNode goal : verdict.get("goals")) {
            if (goal.get("check").asText().startsWith("check ")) {
                assertTrue(goal.get("passes").asBoolean(), "the directory is right: " + verdict);
            } else {
                aMoveFails |= !goal.get("passes").asBoolean();
            }
        }
        assertTrue(aMoveFails, "a move is not right yet: " + verdict);
        for (String restart : scenario.solution().stream().filter(line -> line.startsWith("vmms restart")).toList()) {
            String host = restart.substring("vmms restart ".length());
            JsonNode move = script.all(TrainingScript.MIGRATION).stream()
                    .filter(m -> m.get("source").asText().equals(host)).findFirst().orElseThrow();
            assertFalse(move.get("authenticated").asBoolean(), move::toString);
            // The lab KDC follows the directory at once (two-faults' re-registered SPN gets its ticket): what still
            // fails is the delegation the source cached, decided by the simulation.
            JsonNode failed = failedStep(move);
            assertEquals("simulation", failed.get("decidedBy").asText(), move::toString);
            assertTrue(failed.get("detail").asText().contains(host + " still acts on what it cached"), move::toString);
            assertTrue(move.toString().contains("'vmms restart " + host + "'"), "the move names the fix: " + move);
        }
    }

    private static JsonNode failedStep(JsonNode migration) {
        for (JsonNode step : migration.get("steps")) {
            if (step.get("outcome").asText().equals("FAILED")) {
                return step;
            }
        }
        throw new AssertionError("no failed step in " + migration);
    }
}
