package kerbshell.error;

/** kerbshell's exit contract: 0 ok, 1 a command found a problem or failed, 2 usage error. */
public enum ExitStatus {
    OK(0), PROBLEM(1), USAGE(2);

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
