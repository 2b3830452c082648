package kerbshell.training;

/**
 * Runs kerbshell command lines for the training features, through the shell itself, so that a scenario's break,
 * goal and solution are ordinary commands. Implemented by the cli layer.
 */
public interface ShellAccess {

    /**
     * Runs one command line without printing its result.
     *
     * @return the command's result, or the exception that stopped it (already reported on stderr)
     */
    Object run(String line);
}
