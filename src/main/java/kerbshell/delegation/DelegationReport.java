package kerbshell.delegation;

import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * {@code delegate show}: every kind of delegation an account has, in plain words.
 *
 * @param unconstrained      TRUSTED_FOR_DELEGATION: may delegate to any service
 * @param protocolTransition TRUSTED_TO_AUTH_FOR_DELEGATION: constrained delegation with any authentication
 *                           protocol, not Kerberos only
 * @param constrainedTo      msDS-AllowedToDelegateTo, each SPN with the account it leads to
 * @param actingAllowed      msDS-AllowedToActOnBehalfOfOtherIdentity: who may delegate to this account
 * @param actingSddl         that descriptor in SDDL, null when not set
 * @param notDelegated       NOT_DELEGATED: "account is sensitive and cannot be delegated"
 * @param protectedUser      in Protected Users, directly or through nested groups: never delegated
 */
public record DelegationReport(String account, String dn, String kind, boolean domainController,
                               boolean unconstrained, boolean protocolTransition, List<Target> constrainedTo,
                               List<ActingPrincipal> actingAllowed, String actingSddl, boolean notDelegated,
                               boolean protectedUser) implements Renderable {

    /** One msDS-AllowedToDelegateTo entry: whether the KDC finds its SPN, and on which account. */
    public record Target(String spn, boolean exists, String heldBy, String via, int holders) {
    }

    /** One ACE of the resource-based descriptor: who, resolved to a name where the directory knows the SID. */
    public record ActingPrincipal(String sid, String account, String dn, String access) {
    }

    @Override
    public void renderText(TextOut out) {
        int width = 28;
        out.field("account", account + " (" + kind + (domainController ? ", domain controller" : "") + ")", width)
                .field("DN", dn, width);
        out.field("unconstrained delegation", unconstrained
                ? "YES: may delegate any user's credentials to any service (TRUSTED_FOR_DELEGATION)"
                + (domainController ? "; domain controllers have it by design" : "")
                : "no", width);
        if (constrainedTo.isEmpty()) {
            out.field("constrained delegation", "none (msDS-AllowedToDelegateTo is empty)"
                    + (protocolTransition ? "; protocol transition is set but has no targets" : ""), width);
        } else {
            out.field("constrained delegation", "to " + constrainedTo.size() + " SPN"
                    + (constrainedTo.size() == 1 ? "" : "s") + ", " + (protocolTransition
                    ? "with any authentication protocol (protocol transition, TRUSTED_TO_AUTH_FOR_DELEGATION)"
                    : "with Kerberos only"), width);
            TextOut.Table table = out.table("  SPN", "KDC FINDS IT", "HELD BY");
            for (Target t : constrainedTo) {
                String found = t.exists() ? "yes" : t.holders() > 1 ? "no: held by " + t.holders() + " accounts"
                        : "no: no account holds it";
                table.row("  " + t.spn(), found, t.heldBy() == null ? "-"
                        : t.via() == null ? t.heldBy() : t.heldBy() + " (through " + t.via() + ")");
            }
            table.print();
        }
        if (actingSddl == null) {
            out.field("resource-based delegation", "none (msDS-AllowedToActOnBehalfOfOtherIdentity is not set)", width);
        } else {
            out.field("resource-based delegation", actingAllowed.isEmpty() ? "set, but it allows no account"
                    : "these accounts may delegate to " + account + ":", width);
            for (ActingPrincipal p : actingAllowed) {
                out.line("  " + (p.account() == null ? "(unknown SID)" : p.account()) + "  " + p.sid()
                        + ("allow".equals(p.access()) ? "" : "  (" + p.access() + ")"));
            }
            out.field("  as SDDL", actingSddl, width);
        }
        out.field("sensitive, not delegated", notDelegated
                ? "YES: no service may delegate this account's credentials (NOT_DELEGATED)" : "no", width);
        out.field("in Protected Users", protectedUser ? "YES: never delegated, AES only" : "no", width);
    }
}
