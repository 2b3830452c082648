package kerbshell.training;

/**
 * How one goal of a scenario stands: whether it passes, and how many blockers and warnings its check still reports.
 * Deliberately without the findings' text: 'lab scenario check' must not give away more than the hints taken.
 *
 * @param forbidden how many blockers or warnings contain the goal's no_finding text
 */
public record GoalOutcome(String check, String noFinding, boolean passes, long blockers, long warnings,
                          long forbidden) {

    /** One line for the trainee: what passes, or how much still fails. */
    public String summary() {
        if (passes) {
            return "passes: " + check;
        }
        StringBuilder line = new StringBuilder("not yet: " + check + " (");
        if (blockers > 0) {
            line.append(blockers).append(" blocker(s)");
        }
        if (forbidden > 0) {
            line.append(blockers > 0 ? "; " : "").append("still a finding about '").append(noFinding).append("'");
        }
        if (blockers == 0 && forbidden == 0) {
            line.append(check.startsWith("lab migrate ") ? "the move fails" : "it does not pass");
        }
        return line.append(")").toString();
    }
}
