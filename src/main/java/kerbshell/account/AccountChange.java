package kerbshell.account;

import kerbshell.directory.ChangeSet;
import kerbshell.directory.LdapChange;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

/** What an account command changed (or, with --dry-run, would change); null change when nothing had to. */
public record AccountChange(String account, String dn, String result, boolean dryRun, LdapChange change)
        implements Renderable, ChangeSet {

    @Override
    public java.util.List<LdapChange> plannedChanges() {
        return change == null ? java.util.List.of() : java.util.List.of(change);
    }

    @Override
    public void renderText(TextOut out) {
        out.line(account + ": " + result);
        if (dryRun && change != null) {
            out.line("dry run: nothing was written; the change would be:");
            change.render(out);
        }
    }
}
