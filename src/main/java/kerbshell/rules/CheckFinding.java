package kerbshell.rules;

import java.util.List;

/**
 * One thing a check found: how bad, on which object, what is wrong (one sentence), why that breaks a migration,
 * the error a Windows host shows for it, the kerbshell commands that fix it, and the rule of the rule book that
 * found it (a stable id, listed in docs/check.md).
 */
public record CheckFinding(Severity severity, String object, String problem, String why, String error,
                           List<String> fix, String rule) {

    public CheckFinding {
        fix = List.copyOf(fix);
    }

    public static CheckFinding blocker(String rule, String object, String problem, String why, String error,
                                       List<String> fix) {
        return new CheckFinding(Severity.BLOCKER, object, problem, why, error, fix, rule);
    }

    public static CheckFinding warning(String rule, String object, String problem, String why, List<String> fix) {
        return new CheckFinding(Severity.WARNING, object, problem, why, null, fix, rule);
    }

    public static CheckFinding info(String rule, String object, String problem) {
        return new CheckFinding(Severity.INFO, object, problem, null, null, List.of(), rule);
    }

    public boolean blocks() {
        return severity == Severity.BLOCKER;
    }
}
