package kerbshell.spn;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/**
 * {@code spn duplicates}: every SPN held by more than one account, and every SPN that shadows another account's
 * HOST/ SPN through the forest's sPNMappings; each with its holders, its rightful holder and the fix.
 *
 * @param hostMappedClasses how many service classes the forest's sPNMappings let HOST/ stand in for
 * @param fixAll            every conflict's fix as few commands as possible: one per account
 */
public record DuplicateSpns(String searched, String serviceClass, long accountsScanned, long spnsScanned,
                            int hostMappedClasses, List<SpnConflict> conflicts, List<String> fixAll)
        implements Renderable {

    public DuplicateSpns(String searched, String serviceClass, long accountsScanned, long spnsScanned,
                         int hostMappedClasses, List<SpnConflict> conflicts) {
        this(searched, serviceClass, accountsScanned, spnsScanned, hostMappedClasses, conflicts,
                SpnFix.merged(conflicts.stream().flatMap(c -> c.fix().stream()).toList()));
    }

    @Override
    public ExitStatus exitStatus() {
        return conflicts.isEmpty() ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

    public long count(SpnConflict.Kind kind) {
        return conflicts.stream().filter(c -> c.kind() == kind).count();
    }

    @Override
    public void renderText(TextOut out) {
        String scope = serviceClass == null ? "" : " of service class " + serviceClass;
        out.line("checked " + spnsScanned + " SPNs" + scope + " on " + accountsScanned + " accounts in " + searched
                + " (sPNMappings: HOST/ stands in for " + hostMappedClasses + " service classes)");
        if (conflicts.isEmpty()) {
            out.line("no duplicate or shadowed SPNs found");
            return;
        }
        for (SpnConflict conflict : conflicts) {
            out.line("");
            if (conflict.kind() == SpnConflict.Kind.DUPLICATE) {
                out.line("duplicate: " + conflict.spn() + " is held by " + conflict.holders().size() + " accounts; "
                        + "the KDC issues no ticket for it (KDC_ERR_S_PRINCIPAL_UNKNOWN, 0x80090303; KDC event 11)");
                conflict.holders().forEach(h -> out.line("  " + describe(h, conflict)));
            } else {
                SpnHolder explicit = conflict.holders().get(0);
                String coveringHolders = String.join(", ", conflict.shadowed().stream().map(SpnHolder::account)
                        .toList());
                out.line("shadowed: " + conflict.spn() + " is registered on " + explicit.account() + ", while "
                        + conflict.shadows() + " is on " + coveringHolders + "; the KDC encrypts "
                        + classOf(conflict.spn()) + " tickets for " + explicit.account() + "'s key, which "
                        + coveringHolders + " cannot read (KRB_AP_ERR_MODIFIED, 0x80090322)");
                out.line("  " + describe(explicit, conflict));
                conflict.shadowed().forEach(h -> out.line("  " + describe(h, conflict)));
            }
            if (conflict.rightful() == null) {
                out.line("  rightful holder: unknown; " + conflict.note());
            } else if (!conflict.rightful().holdsIt()) {
                out.line("  rightful holder: " + conflict.rightful().account() + " (" + conflict.rightful().matchedBy()
                        + "), which does not hold it");
            }
            conflict.fix().forEach(step -> out.line("  fix: " + step.command()));
        }
        out.line("");
        if (!fixAll.isEmpty()) {
            out.line("to fix them all:");
            fixAll.forEach(command -> out.line("  " + command));
        }
        out.line(count(SpnConflict.Kind.DUPLICATE) + " duplicate and " + count(SpnConflict.Kind.SHADOWED)
                + " shadowed SPN(s); hosts cache tickets: purge them on the hosts afterwards (klist -li 0x3e7 purge)");
    }

    private static String describe(SpnHolder holder, SpnConflict conflict) {
        boolean rightful = conflict.rightful() != null && conflict.rightful().dn().equalsIgnoreCase(holder.dn());
        return holder.spn() + " on " + holder.account() + " (" + holder.dn() + ")"
                + (rightful ? "  rightful holder: " + conflict.rightful().matchedBy() : "");
    }

    private static String classOf(String spn) {
        int slash = spn.indexOf('/');
        return slash < 0 ? spn : spn.substring(0, slash);
    }
}
