package kerbshell.output;

import kerbshell.error.ExitStatus;

/**
 * A command's result: data that renders itself as text for people, and serialises as JSON through its record
 * components for scripts. The same object backs both, so the two never disagree.
 */
public interface Renderable {

    /** Writes the human-readable form. */
    void renderText(TextOut out);

    /** What the result means for the exit status: a check that found a blocker is a problem, exit 1. */
    default ExitStatus exitStatus() {
        return ExitStatus.OK;
    }
}
