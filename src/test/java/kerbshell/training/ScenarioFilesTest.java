package kerbshell.training;

import kerbshell.error.KerbshellException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scenario files: a malformed one is rejected with one sentence naming the file, the line and the field. */
class ScenarioFilesTest {
    private static final Set<String> COMMANDS = Set.of("delegate pair", "delegate trust", "check pair", "check host",
            "spn hyperv", "spn remove", "lab reset", "lab scenario start", "quit", "lab migrate");
    private static final Predicate<String> KNOWN = line -> COMMANDS.stream()
            .anyMatch(c -> line.equals(c) || line.startsWith(c + " "));

    private static final String GOOD = """
            name: tiny
            title: A tiny scenario
            level: 1
            story: |
              Moves fail.
            break:
              - delegate trust HV01 --to HV02
            goal:
              - check: check pair HV01 HV02 --user operator
              - check: check host HV02
                no_finding: encryption type
              - check: lab migrate HV01 HV02 --as operator
              - check: lab migrate HV02 HV01 --as operator
            cause:
              - HV02 is not trusted to delegate to HV01
            hints:
              - look at HV02
            solution:
              - delegate trust HV02 --to HV01
            explanation: |
              Delegation is per direction.
            references:
              - somewhere
            """;

    @Test
    void aGoodFileParsesWithItsGoals() {
        Scenario scenario = ScenarioFiles.parse(GOOD, "tiny.yaml", KNOWN);
        assertEquals("tiny", scenario.name());
        assertEquals(4, scenario.goal().size());
        assertEquals("encryption type", scenario.goal().get(1).noFinding());
        assertEquals("'check host HV02' passes with no finding about 'encryption type'",
                scenario.goal().get(1).describe());
        assertEquals(1, scenario.breakSteps().size());
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() {
        String text = GOOD.replace("hints:", "hintz:");
        assertEquals("tiny.yaml line 16: unknown field 'hintz' (a scenario has " + ScenarioFiles.FIELDS
                + "; a goal has check and no_finding)", rejected(text));
    }

    @Test
    void aGoalThatIsNotACheckIsNamedWithItsLine() {
        String text = GOOD.replace("- check: check host HV02", "- check: spn hyperv HV02");
        assertEquals("tiny.yaml line 10: field 'check': a goal is a kerbshell check (check host, pair, user or "
                + "cluster) or a move (lab migrate SOURCE DEST), not 'spn hyperv HV02'", rejected(text));
    }

    @Test
    void aLineThatIsNoCommandIsNamedWithItsLine() {
        String text = GOOD.replace("- delegate trust HV02 --to HV01", "- delegate trsut HV02 --to HV01");
        assertEquals("tiny.yaml line 19: field 'solution': 'delegate trsut HV02 --to HV01' is not a kerbshell "
                + "command ('help' lists them)", rejected(text));
    }

    @Test
    void missingPartsAreNamed() {
        assertEquals("tiny.yaml line 16: field 'hints': hints must list graded hints, vaguest first, none of them "
                        + "blank",
                rejected(GOOD.replace("  - look at HV02\n", "")));
        assertEquals("tiny.yaml line 1: field 'explanation': a scenario needs a explanation",
                rejected(GOOD.substring(0, GOOD.indexOf("explanation:"))));
        assertEquals("tiny.yaml line 14: field 'cause': cause must list how the goal's checks word the planted fault, "
                + "so that 'lab scenario start' can prove the break took, none of them blank",
                rejected(GOOD.replace("  - HV02 is not trusted to delegate to HV01\n", "")));
        assertEquals("tiny.yaml line 3: field 'level': level is 1 (first week), 2 or 3 (experienced), not 7",
                rejected(GOOD.replace("level: 1", "level: 7")));
        assertEquals("tiny.yaml line 1: field 'name': a scenario needs a name of lower-case letters, digits and -, "
                + "such as missing-migration-spn", rejected(GOOD.replace("name: tiny", "name: Tiny One")));
    }

    @Test
    void wrongTypesAndBrokenYamlAreNamed() {
        String wrongType = rejected(GOOD.replace("level: 1", "level: high"));
        assertEquals("tiny.yaml line 3: field 'level': ", wrongType.substring(0, wrongType.indexOf(": ", 25) + 2));
        String listed = rejected(GOOD.replace("title: A tiny scenario", "title: [a, list]"));
        assertEquals("tiny.yaml line 2: field 'title': ", listed.substring(0, listed.indexOf("': ") + 3));
        String broken = rejected(GOOD.replace("title: A tiny scenario", "title: \"unclosed"));
        assertTrue(broken.startsWith("tiny.yaml line 2: not valid YAML: while scanning a quoted scalar"), broken);
        assertEquals(1, broken.lines().count(), broken);
    }

    @Test
    void stepsThatWouldUndoTheScenarioOrLeaveTheShellAreRefused() {
        for (String step : List.of("lab reset", "lab scenario start tiny", "quit")) {
            assertEquals("tiny.yaml line 7: field 'break': '" + step + "' cannot be a scenario step: it changes the "
                            + "session, the whole lab or the training itself ('lab scenario start' resets the lab "
                            + "already)",
                    rejected(GOOD.replace("- delegate trust HV01 --to HV02", "- " + step)));
        }
    }

    @Test
    void aPairGoalWithoutTheMoveBothWaysIsRefused() {
        assertEquals("tiny.yaml line 9: field 'goal': 'check pair HV01 HV02 --user operator' is solved only when the "
                        + "move goes through both ways, as the hosts see it: add the goal '- check: lab migrate HV02 "
                        + "HV01 --as operator'",
                rejected(GOOD.replace("  - check: lab migrate HV02 HV01 --as operator\n", "")));
        assertEquals("tiny.yaml line 9: field 'goal': 'check pair HV01 HV02 --user operator' is solved only when the "
                        + "move goes through both ways, as the hosts see it: add the goal '- check: lab migrate HV01 "
                        + "HV02 --as operator'",
                rejected(GOOD.replace("lab migrate HV01 HV02 --as operator", "lab migrate HV01 HV02 --as alice")),
                "the move is the pair check's operator's");
        Scenario hostOnly = ScenarioFiles.parse(GOOD.replace("  - check: check pair HV01 HV02 --user operator\n", "")
                .replace("  - check: lab migrate HV01 HV02 --as operator\n", "")
                .replace("  - check: lab migrate HV02 HV01 --as operator\n", ""), "tiny.yaml", KNOWN);
        assertEquals(1, hostOnly.goal().size(), "a scenario not about a pair keeps its own goal");
    }

    @Test
    void aSecretIsRefused() {
        assertEquals("tiny.yaml line 7: field 'break': a scenario never holds a secret: "
                        + "'delegate trust HV01 --to HV02 --password x'",
                rejected(GOOD.replace("- delegate trust HV01 --to HV02",
                        "- delegate trust HV01 --to HV02 --password x")));
    }

    private static String rejected(String text) {
        return assertThrows(KerbshellException.class, () -> ScenarioFiles.parse(text, "tiny.yaml", KNOWN)).getMessage();
    }
}
