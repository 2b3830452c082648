package kerbshell.spn;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.util.List;

/** {@code spn duplicates}: every SPN held by more than one account, with the accounts. */
public record DuplicateSpns(String searched, String serviceClass, long accountsScanned, long spnsScanned,
                            List<Duplicate> duplicates) implements Renderable {

    /** One SPN and every account holding it (the KDC then refuses tickets for it: KDC_ERR_S_PRINCIPAL_UNKNOWN). */
    public record Duplicate(String spn, List<SpnHolder> holders) {
    }

    @Override
    public ExitStatus exitStatus() {
        return duplicates.isEmpty() ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

    @Override
    public void renderText(TextOut out) {
        String scope = serviceClass == null ? "" : " of service class " + serviceClass;
        out.line("checked " + spnsScanned + " SPNs" + scope + " on " + accountsScanned + " accounts in " + searched);
        if (duplicates.isEmpty()) {
            out.line("no duplicate SPNs found");
            return;
        }
        for (Duplicate duplicate : duplicates) {
            out.line(duplicate.spn() + " is held by " + duplicate.holders().size() + " accounts:");
            duplicate.holders().forEach(h -> out.line("  " + h.account() + "  " + h.dn() + "  (as " + h.spn() + ")"));
        }
        out.line(duplicates.size() + " duplicate SPN(s): the KDC refuses tickets for each "
                + "(KDC_ERR_S_PRINCIPAL_UNKNOWN, 0x80090303); remove each from the account that should not hold it");
    }
}
