package kerbshell.delegation;

/**
 * One thing {@code delegate audit} found: how bad it is, on which account, what it means and how to fix it.
 *
 * @param kind a short stable name for scripts, e.g. "unconstrained", "protocol-transition"
 */
public record Finding(Severity severity, String account, String dn, String kind, String detail, String fix) {

    public enum Severity {
        HIGH, MEDIUM, LOW, INFO;

        /** High and medium findings are problems: the audit then exits 1. */
        public boolean problem() {
            return this == HIGH || this == MEDIUM;
        }
    }
}
