package kerbshell.lab;

/**
 * One step of a simulated migration.
 *
 * @param decidedBy "KDC" when the lab's KDC answered a real Kerberos request, "simulation" when kerbshell judged
 *                  the step from the directory's settings (the lab KDC cannot do S4U), "directory" for a lookup
 * @param outcome   "ok", "warning", "FAILED", or "not reached" (after the first failure, as in a real move)
 */
public record MigrationStep(String step, String decidedBy, String outcome, String detail) {
    static final String KDC = "KDC";
    static final String SIMULATION = "simulation";
    static final String OK = "ok";
    static final String WARNING = "warning";
    static final String FAILED = "FAILED";
    static final String NOT_REACHED = "not reached";

    boolean failed() {
        return outcome.equals(FAILED);
    }
}
