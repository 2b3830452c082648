package kerbshell.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A training scenario: a recipe with a story. The break (ordinary kerbshell and lab commands) is applied to a
 * fresh lab; the trainee is told the story, finds the cause with kerbshell and fixes it; the goal (checks that must
 * pass) says when it is solved; then the explanation is shown and the trainee's commands are compared with the
 * model solution. Read from YAML, keys in snake_case (see docs/training.md).
 *
 * @param description what the scenario teaches, for the trainer and {@code lab scenario list}
 * @param level       1 (first week) to 3 (experienced), for a suggested order
 * @param story       what the trainee is told: the symptom, with the message Hyper-V shows
 * @param breakSteps  the commands that plant the fault on a freshly reset lab (YAML key {@code break})
 * @param goal        the checks that must pass for the scenario to count as solved; a pair check ({@code check pair
 *                    A B --user U}) comes with the move both ways ({@code lab migrate A B --as U} and {@code B A}),
 *                    since a pair is fixed only when the hosts, acting on what they cached, can move VMs both ways
 * @param cause       how the goal's checks word the planted fault: each text must appear in a blocker or warning
 *                    right after the break, which proves the break took (never shown to the trainee)
 * @param hints       graded hints, vaguest first; each one given only when asked for
 * @param solution    the model solution as command lines, compared with the trainee's changes after solving
 * @param explanation why it failed and why the fix is right, shown once solved
 * @param references  where to read more: titles with addresses
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "title", "description", "level", "story", "break", "goal", "cause", "hints", "solution",
        "explanation", "references"})
public record Scenario(String name, String title, String description, Integer level, String story,
                       @JsonProperty("break") List<String> breakSteps, List<Goal> goal, List<String> cause,
                       List<String> hints, List<String> solution, String explanation, List<String> references) {

    /**
     * One check that must pass: its command line ({@code check host|pair|user|cluster ...}, or a move, {@code lab
     * migrate SOURCE DEST}) exits 0 (no blocker),
     * and, when {@code noFinding} is given, none of its blockers or warnings contains that text (case ignored).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"check", "no_finding"})
    public record Goal(String check, String noFinding) {

        /** The goal as the trainee reads it. */
        public String describe() {
            return "'" + check + "' passes" + (noFinding == null ? "" : " with no finding about '" + noFinding + "'");
        }
    }

    public int levelOrDefault() {
        return level == null ? 1 : level;
    }
}
