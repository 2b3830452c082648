package kerbshell.cli;

import kerbshell.error.ExitStatus;

/**
 * The status of the command being run and the worst one of the whole run, which becomes the process's exit
 * status. Result handlers and the error reporter record into it; the runners read it.
 */
public final class CommandStatus {
    private ExitStatus current = ExitStatus.OK;
    private ExitStatus worst = ExitStatus.OK;

    void startCommand() {
        current = ExitStatus.OK;
    }

    void record(ExitStatus status) {
        current = current.worst(status);
        worst = worst.worst(status);
    }

    ExitStatus current() {
        return current;
    }

    ExitStatus worst() {
        return worst;
    }
}
