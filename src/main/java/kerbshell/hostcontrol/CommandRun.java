package kerbshell.hostcontrol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One command of a host-control run and what became of it.
 *
 * @param state      RAN (exitStatus tells how it ended), NOT_RUN (an earlier command failed), PRINTED (for the user
 *                   to run) or SIMULATED (the lab)
 * @param exitStatus the remote command's exit status; null unless it ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandRun(String command, State state, Integer exitStatus, String stdout, String stderr) {

    public enum State { RAN, NOT_RUN, PRINTED, SIMULATED }

    public static CommandRun ran(String command, int exitStatus, String stdout, String stderr) {
        return new CommandRun(command, State.RAN, exitStatus, stdout, stderr);
    }

    public static CommandRun notRun(String command) {
        return new CommandRun(command, State.NOT_RUN, null, null, null);
    }

    public static CommandRun printed(String command) {
        return new CommandRun(command, State.PRINTED, null, null, null);
    }

    public static CommandRun simulated(String command) {
        return new CommandRun(command, State.SIMULATED, null, null, null);
    }

    /** Ran and ended with a non-zero status. */
    public boolean failed() {
        return state == State.RAN && exitStatus != null && exitStatus != 0;
    }
}
