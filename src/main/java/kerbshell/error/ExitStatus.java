package kerbshell.error;

/**
 * kerbshell's exit contract: 0 ok, 1 a command found a problem or was refused, 2 usage error, 3 the directory
 * could not be reached or would not authenticate us, so that scripts and monitoring can tell a broken pair of
 * hosts (1) from a down DC or expired credentials (3).
 */
public enum ExitStatus {
    OK(0), PROBLEM(1), USAGE(2), UNREACHABLE(3);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The worse of two statuses, so a run of several commands reports its worst one. */
    public ExitStatus worst(ExitStatus other) {
        return other.code > code ? other : this;
    }
}
