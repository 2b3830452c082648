package kerbshell.delegation;

import kerbshell.directory.LdapChange;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * {@code delegate rbcd}: who may delegate to an account before and after allowing or revoking one principal, and
 * the one modify that replaced the descriptor (its exact old value deleted, the new one added).
 *
 * @param principal the account allowed or revoked
 */
public record RbcdReport(String account, String dn, String principal, String principalSid, Result result,
                         boolean dryRun, List<DelegationReport.ActingPrincipal> before,
                         List<DelegationReport.ActingPrincipal> after, String sddlBefore, String sddlAfter,
                         List<String> warnings, LdapChange change) implements Renderable, DelegationWriter.Planned {

    public enum Result {
        ALLOWED("allowed"), WOULD_ALLOW("would allow"), ALREADY_ALLOWED("already allowed"), REVOKED("revoked"),
        WOULD_REVOKE("would revoke"), NOT_ALLOWED("was not allowed");

        private final String words;

        Result(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    @Override
    public void renderText(TextOut out) {
        out.line(principal + " (" + principalSid + ") on " + account + ": " + result.words());
        out.line("accounts that may delegate to " + account + ": " + names(after)
                + (before.equals(after) ? "" : " (before: " + names(before) + ")"));
        warnings.forEach(w -> out.line("warning: " + w));
        if (change == null || change.isEmpty()) {
            out.line("no change to " + account);
            return;
        }
        out.line("msDS-AllowedToActOnBehalfOfOtherIdentity: " + (sddlAfter == null ? "(removed)" : sddlAfter));
        if (dryRun) {
            out.line("dry run: nothing was written; the change would be:");
            change.render(out);
        }
    }

    private static String names(List<DelegationReport.ActingPrincipal> principals) {
        if (principals.isEmpty()) {
            return "none";
        }
        return String.join(", ", principals.stream().map(p -> (p.account() == null ? p.sid() : p.account())
                + ("allow".equals(p.access()) ? "" : " (" + p.access() + ")")).toList());
    }
}
