package kerbshell.diagnosis;

import java.util.List;

/**
 * One thing a check found: how bad, on which object, what is wrong (one sentence), why that breaks a migration,
 * the error a Windows host shows for it, and the kerbshell commands that fix it.
 */
public record CheckFinding(Severity severity, String object, String problem, String why, String error,
                           List<String> fix) {

    static CheckFinding blocker(String object, String problem, String why, String error, List<String> fix) {
        return new CheckFinding(Severity.BLOCKER, object, problem, why, error, fix);
    }

    static CheckFinding warning(String object, String problem, String why, List<String> fix) {
        return new CheckFinding(Severity.WARNING, object, problem, why, null, fix);
    }

    static CheckFinding info(String object, String problem) {
        return new CheckFinding(Severity.INFO, object, problem, null, null, List.of());
    }
}
