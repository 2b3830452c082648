package kerbshell.rules;

import java.time.Instant;

/**
 * What the rules need besides the accounts: the move judged, the domain's DNS name (to propose a dNSHostName),
 * when the domain got AES keys (null when unknown), and whether fix plans may change a domain controller's
 * delegation (only when the operator asks for it explicitly).
 */
public record RuleContext(Move move, String dnsDomain, Instant aesSince, boolean allowDomainControllerFixes) {

    public RuleContext {
        if (move == null) {
            throw new IllegalArgumentException("a rule context needs a move");
        }
    }

    public static RuleContext of(Move move, String dnsDomain) {
        return new RuleContext(move, dnsDomain, null, false);
    }

    public RuleContext withAesSince(Instant since) {
        return new RuleContext(move, dnsDomain, since, allowDomainControllerFixes);
    }

    public RuleContext allowingDomainControllerFixes(boolean allow) {
        return new RuleContext(move, dnsDomain, aesSince, allow);
    }
}
