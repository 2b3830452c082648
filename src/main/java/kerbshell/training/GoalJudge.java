package kerbshell.training;

import com.fasterxml.jackson.databind.JsonNode;
import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.output.Json;
import kerbshell.output.Renderable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a scenario's goal on the result of its check: the check passes (no blocker) and, when the goal says so,
 * no blocker or warning contains the goal's text. Works on the check's JSON form, so any check result (host, pair,
 * user, cluster) is judged the same way.
 */
public final class GoalJudge {
    private GoalJudge() {
    }

    /** A blocker or warning of a check, as its JSON names it. */
    public record Finding(String severity, String problem) {
    }

    /** What the goal's check found, with its findings kept for kerbshell's own use (they are spoilers). */
    public record Judged(GoalOutcome outcome, List<Finding> findings) {
    }

    /**
     * @param result what the goal's check command returned: a result, or the failure that stopped it
     */
    public static Judged judge(Scenario.Goal goal, Object result) {
        if (result instanceof Throwable failure) {
            throw KerbshellException.failure("the goal check '" + goal.check() + "' did not run ("
                    + failure.getMessage() + "): fix what it says, then run 'lab scenario check' again");
        }
        if (!(result instanceof Renderable renderable)) {
            throw KerbshellException.failure("the goal check '" + goal.check() + "' gave no check result: a goal "
                    + "must be a check or lab migrate command");
        }
        List<Finding> findings = new ArrayList<>();
        collect(Json.mapper().valueToTree(renderable), findings);
        long blockers = findings.stream().filter(f -> f.severity().equals("BLOCKER")).count();
        long warnings = findings.stream().filter(f -> f.severity().equals("WARNING")).count();
        long forbidden = goal.noFinding() == null ? 0
                : findings.stream().filter(f -> matches(f, goal.noFinding())).count();
        boolean passes = renderable.exitStatus() == ExitStatus.OK && blockers == 0 && forbidden == 0;
        return new Judged(new GoalOutcome(goal.check(), goal.noFinding(), passes, blockers, warnings, forbidden),
                findings);
    }

    /** Whether a finding's problem contains the text, case ignored. */
    public static boolean matches(Finding finding, String text) {
        return finding.problem().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    /** Every object with a severity of BLOCKER or WARNING and a problem, wherever it sits in the result. */
    private static void collect(JsonNode node, List<Finding> findings) {
        if (node.isObject()) {
            JsonNode severity = node.get("severity");
            JsonNode problem = node.get("problem");
            if (severity != null && problem != null && severity.isTextual() && problem.isTextual()
                    && (severity.asText().equals("BLOCKER") || severity.asText().equals("WARNING"))) {
                findings.add(new Finding(severity.asText(), problem.asText()));
            }
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, findings));
        }
    }
}
