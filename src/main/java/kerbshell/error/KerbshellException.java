package kerbshell.error;

/**
 * A failure the user can act on: its message is one sentence naming the object and the fix, printed without a
 * stack trace unless the user asked for {@code --debug}.
 */
public class KerbshellException extends RuntimeException {
    private final ExitStatus status;

    public KerbshellException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    public KerbshellException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ExitStatus status() {
        return status;
    }

    /** The command line itself is wrong: exit 2. */
    public static KerbshellException usage(String message) {
        return new KerbshellException(ExitStatus.USAGE, message);
    }

    /** The work failed or found a problem: exit 1. */
    public static KerbshellException failure(String message) {
        return new KerbshellException(ExitStatus.PROBLEM, message);
    }

    public static KerbshellException failure(String message, Throwable cause) {
        return new KerbshellException(ExitStatus.PROBLEM, message, cause);
    }

    /** The directory (or its KDC) could not be reached, or refused to authenticate us: exit 3. */
    public static KerbshellException unreachable(String message, Throwable cause) {
        return new KerbshellException(ExitStatus.UNREACHABLE, message, cause);
    }

    public static KerbshellException unreachable(String message) {
        return new KerbshellException(ExitStatus.UNREACHABLE, message);
    }
}
