package kerbshell.rules;

/**
 * One SPN a move to a host needs, where the KDC finds it ({@link SpnFacts#judge}) and the finding that gives, or
 * null when it gives none (held by the host, covered by its HOST/, or reported by the HOST/ it is judged through).
 * {@code check host} reports the findings; {@code spn hyperv} shows every SPN with its verdict, so both say the same.
 */
public record SpnCheck(String spn, SpnFacts.Verdict verdict, CheckFinding finding) {
}
