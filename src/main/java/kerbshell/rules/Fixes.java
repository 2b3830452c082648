package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.spn.HyperVServices;

import java.util.List;

/**
 * The fix steps the rules propose, as kerbshell commands (or "host:" notes for what only the host can do). One
 * place keeps the rule that a plan never removes a domain controller's delegation nor delegates to one unless the
 * operator asked for it ({@link RuleContext#allowDomainControllerFixes()}): either would hand a host the power to
 * act as any user on a DC, or break the DC's own Kerberos.
 */
final class Fixes {
    static final String ALLOW_DC_OPTION = "--allow-dc";

    private Fixes() {
    }

    /** Constrained delegation from source to destination for the move's services (protocol transition set). */
    static List<String> trust(AccountSnapshot source, AccountSnapshot destination, RuleContext context) {
        if (blockedByDomainController(context, source, destination)) {
            return List.of(domainControllerNote(source, destination));
        }
        return List.of("delegate trust " + source.name() + " --to " + destination.name()
                + (context.move().storage() ? "" : " --services migration")
                + (source.domainController() || destination.domainController() ? " " + ALLOW_DC_OPTION : ""));
    }

    /** Replacing unconstrained delegation with constrained: never on a domain controller, where it is by design. */
    static List<String> replaceUnconstrained(AccountSnapshot source, AccountSnapshot destination,
                                             RuleContext context) {
        if (blockedByDomainController(context, source, destination)) {
            return List.of(domainControllerNote(source, destination));
        }
        return List.of(trust(source, destination, context).get(0), "delegate untrust " + source.name()
                + " --any-service" + (source.domainController() ? " " + ALLOW_DC_OPTION : ""));
    }

    /**
     * Removing exactly these msDS-AllowedToDelegateTo entries; on a domain controller only when asked, since a
     * plan never touches a domain controller's own delegation otherwise.
     */
    static String removeDelegationEntries(AccountSnapshot source, List<String> entries, RuleContext context) {
        boolean dc = source.domainController();
        if (dc && !context.allowDomainControllerFixes()) {
            return "host: " + source.name() + " is a domain controller: kerbshell plans no change to a domain "
                    + "controller's own delegation; remove the entries yourself, or check again with "
                    + ALLOW_DC_OPTION + " to plan it";
        }
        return "delegate untrust " + source.name() + " --spn " + String.join(" ", entries.stream()
                .map(e -> "\"" + e + "\"").toList()) + (dc ? " " + ALLOW_DC_OPTION : "");
    }

    static String removeSpn(SpnFacts.Holder holder, String spn) {
        return "spn remove " + holder.samAccountName().replaceFirst("\\$$", "") + " \"" + spn + "\"";
    }

    static String addSpn(AccountSnapshot host, String spn) {
        return addSpn(host.name(), spn);
    }

    /** Registering an SPN on the account the SPN's host names, one no account holds now. */
    static String addSpn(SpnFacts.Holder owner, String spn) {
        return addSpn(owner.samAccountName().replaceFirst("\\$$", ""), spn);
    }

    private static String addSpn(String host, String spn) {
        return HyperVServices.isHyperV(spn) ? "spn hyperv " + host + " --add" : "spn add " + host + " \"" + spn + "\"";
    }

    private static boolean blockedByDomainController(RuleContext context, AccountSnapshot source,
                                                     AccountSnapshot destination) {
        return !context.allowDomainControllerFixes() && (source.domainController() || destination.domainController());
    }

    private static String domainControllerNote(AccountSnapshot source, AccountSnapshot destination) {
        AccountSnapshot dc = source.domainController() ? source : destination;
        return "host: " + dc.name() + " is a domain controller: kerbshell plans no delegation change that "
                + (dc == source ? "touches a domain controller's own delegation" : "delegates to a domain controller")
                + " (it would let " + source.name() + " act as any user on " + destination.name() + "); move VMs "
                + "between Hyper-V hosts instead, or check again with " + ALLOW_DC_OPTION + " to plan it anyway";
    }
}
