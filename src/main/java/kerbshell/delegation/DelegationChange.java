package kerbshell.delegation;

import kerbshell.directory.LdapChange;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * The answer of {@code delegate trust} and {@code delegate untrust} for one account: each delegation target added
 * or removed (with the account its SPN leads to), each userAccountControl flag before and after, warnings with
 * their fix, what the change now allows, and the one LDAP modify sent (or, with --dry-run, that would be sent).
 *
 * @param action  what was asked, in words ("constrained delegation to HV02$")
 * @param meaning what the account can do now that it could not before (or no longer can), null when nothing changed
 */
public record DelegationChange(String account, String dn, String action, boolean dryRun, List<TargetOutcome> targets,
                               List<FlagChange> flags, List<String> warnings, String meaning, LdapChange change)
        implements Renderable, DelegationWriter.Planned {

    public boolean changed() {
        return !dryRun && change != null && !change.isEmpty();
    }

    @Override
    public void renderText(TextOut out) {
        out.line(account + ": " + action);
        if (!targets.isEmpty()) {
            TextOut.Table table = out.table("SPN", "RESULT", "HELD BY");
            targets.forEach(t -> table.row(t.spn(), t.result().words(), t.heldByWords()));
            table.print();
        }
        flags.forEach(f -> out.line(f.flag() + " (" + f.meaning() + "): " + f.words()));
        warnings.forEach(w -> out.line("warning: " + w));
        if (change == null || change.isEmpty()) {
            out.line("no change to " + account);
            return;
        }
        if (meaning != null) {
            out.line((dryRun ? "would mean: " : "") + meaning);
        }
        if (dryRun) {
            out.line("dry run: nothing was written; the change would be:");
            change.render(out);
        }
    }
}
