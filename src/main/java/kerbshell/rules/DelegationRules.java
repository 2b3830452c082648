package kerbshell.rules;

import kerbshell.account.AccountSnapshot;
import kerbshell.account.UacFlag;
import kerbshell.spn.HyperVServices;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a source host can delegate the operator's identity to a destination for a given move, the way an AD KDC
 * decides S4U2Proxy: resource-based delegation on the destination allowing the source (which the KDC accepts
 * without protocol transition, MS-SFU 3.2.5.2.2); else constrained delegation listing every SPN the move asks for,
 * in both name forms, with protocol transition when the source runs Windows Server 2016 or later and the move is
 * started remotely (S35, S42); else unconstrained delegation, which works but is a risk, and which Credential Guard
 * (on by default on 2025) blocks (S23, S39).
 */
final class DelegationRules {
    private DelegationRules() {
    }

    /** The SPNs the move asks the KDC for on the source's behalf: migration (and cifs), every name form. */
    static List<String> neededSpns(AccountSnapshot destination, Move move) {
        List<String> spns = new ArrayList<>();
        for (String name : destination.hostNames()) {
            spns.add(HyperVServices.MIGRATION + "/" + name);
        }
        if (move.storage()) {
            for (String name : destination.hostNames()) {
                spns.add("cifs/" + name);
            }
        }
        return spns;
    }

    static List<CheckFinding> direction(AccountSnapshot source, AccountSnapshot destination, RuleContext context) {
        List<CheckFinding> findings = new ArrayList<>();
        Move move = context.move();
        String direction = role(source) + " -> " + role(destination);
        String services = move.storage() ? "migration and cifs services" : "migration service";
        if (!destination.rbcd().readable()) {
            findings.add(CheckFinding.warning("rbcd-unreadable", direction, destination.name() + "'s resource-based "
                            + "delegation (msDS-AllowedToActOnBehalfOfOtherIdentity) cannot be decoded ("
                            + destination.rbcd().unreadable() + "): kerbshell cannot tell whether it allows "
                            + source.name(),
                    "an unreadable descriptor is not 'allows nobody': it may grant or deny delegation to anyone",
                    List.of("delegate show " + destination.name())));
        }
        if (destination.rbcd().allows(source.sid())) {
            findings.add(CheckFinding.info("delegation-rbcd", direction, destination.name() + " allows "
                    + source.name() + " through resource-based delegation (msDS-AllowedToActOnBehalfOfOtherIdentity "
                    + "on " + destination.name() + "): valid for every service of " + destination.name()
                    + ", and the KDC accepts it without protocol transition"));
            return findings;
        }
        List<String> needed = neededSpns(destination, move);
        List<String> missing = needed.stream().filter(s -> !source.delegatesTo(s)).toList();
        boolean protocolTransition = source.has(UacFlag.TRUSTED_TO_AUTH_FOR_DELEGATION);
        if (missing.isEmpty()) {
            kerberosOnly(source, destination, context, direction, services, protocolTransition, findings);
            return findings;
        }
        if (source.has(UacFlag.TRUSTED_FOR_DELEGATION)) {
            findings.add(unconstrained(source, destination, context, direction));
            return findings;
        }
        boolean none = missing.size() == needed.size();
        findings.add(CheckFinding.blocker(none ? "delegation-none" : "delegation-missing", direction, none
                        ? source.name() + " is not trusted to delegate to " + destination.name()
                        : source.name() + " may not delegate to " + String.join(", ", missing)
                        + nameFormWords(destination, missing, move),
                "the source host must obtain tickets to the destination's " + services + " on the operator's behalf "
                        + "(S4U2Proxy); the KDC refuses SPNs not in its list",
                "0x80090303 / 0x8009030D (KDC_ERR_BADOPTION)", Fixes.trust(source, destination, context)));
        return findings;
    }

    private static void kerberosOnly(AccountSnapshot source, AccountSnapshot destination, RuleContext context,
                                     String direction, String services, boolean protocolTransition,
                                     List<CheckFinding> findings) {
        Move move = context.move();
        if (protocolTransition) {
            findings.add(CheckFinding.info("delegation-ok", direction, source.name() + " may delegate to "
                    + destination.name() + "'s " + services + " with any protocol"));
            return;
        }
        if (move.remote() && source.release().needsProtocolTransitionForRemoteMoves()) {
            String era = source.release().known()
                    ? (source.operatingSystem() != null ? source.operatingSystem() : source.release().title())
                    : "Windows Server 2016 or later (" + source.name() + "'s release is unknown: operatingSystemVersion "
                    + (source.operatingSystemVersion() == null ? "not set" : "'" + source.operatingSystemVersion() + "'")
                    + ", judged as 2016 or later)";
            findings.add(CheckFinding.blocker("delegation-kerberos-only", direction, source.name()
                            + " delegates with Kerberos only, but " + era + " hosts need protocol transition for moves "
                            + "started remotely",
                    "since Windows Server 2016 remote management goes through WinRM, whose ticket cannot be "
                            + "forwarded; the source must use any authentication protocol (S4U2Self)",
                    "0x8009030E (event 20306)", Fixes.trust(source, destination, context)));
            return;
        }
        findings.add(CheckFinding.info("delegation-ok", direction, source.name() + " may delegate to "
                + destination.name() + "'s " + services + " with Kerberos only, which "
                + (move.remote() ? source.release().title() + " accepts for moves started remotely"
                : "a move started on the source itself can use")));
    }

    /**
     * Unconstrained delegation reaches every service, so migration works with it (Microsoft documented it as an
     * option before 2016); but whoever controls the source can act as every user who connects to it (PingCastle
     * P-UnconstrainedDelegation), and Credential Guard, on by default on Windows Server 2025, refuses to hand out
     * the TGT it relies on (S39): a warning up to 2022, a blocker on 2025.
     */
    private static CheckFinding unconstrained(AccountSnapshot source, AccountSnapshot destination,
                                              RuleContext context, String direction) {
        String risk = "it lets whoever controls " + source.name() + " impersonate any user who connects to it, "
                + "to any service (PingCastle P-UnconstrainedDelegation)";
        String reaches = source.name() + " reaches " + destination.name() + " only because it is trusted for "
                + "delegation to any service (unconstrained)";
        if (source.release().credentialGuardByDefault()) {
            return CheckFinding.blocker("delegation-unconstrained", direction, reaches + ", which Credential Guard "
                            + "(on by default on Windows Server 2025) blocks",
                    "Credential Guard keeps the TGTs unconstrained delegation needs; besides, " + risk,
                    "0x8009030E", Fixes.replaceUnconstrained(source, destination, context));
        }
        return CheckFinding.warning("delegation-unconstrained", direction, reaches,
                "it works, but " + risk + "; Credential Guard (on by default on Windows Server 2025) blocks it",
                Fixes.replaceUnconstrained(source, destination, context));
    }

    /** The host's name, saying so when it is a domain controller. */
    static String role(AccountSnapshot account) {
        return account.domainController() ? account.name() + " (domain controller)" : account.name();
    }

    /** "; moves to HV02 by the name hv02.lab.test fail" for each name form the list lacks entirely. */
    private static String nameFormWords(AccountSnapshot destination, List<String> missing, Move move) {
        StringBuilder words = new StringBuilder();
        if (destination.hostNames().size() < 2) {
            return "";
        }
        for (String name : destination.hostNames()) {
            List<String> forName = neededSpns(destination, move).stream()
                    .filter(s -> s.substring(s.indexOf('/') + 1).equalsIgnoreCase(name)).toList();
            boolean allMissing = forName.stream().allMatch(s -> missing.stream().anyMatch(s::equalsIgnoreCase));
            boolean otherFormFine = neededSpns(destination, move).stream().filter(s -> !forName.contains(s))
                    .noneMatch(s -> missing.stream().anyMatch(s::equalsIgnoreCase));
            if (allMissing && otherFormFine) {
                words.append(" (the ").append(name.contains(".") ? "DNS" : "short").append(" name form: moves to ")
                        .append(destination.name()).append(" by the name ").append(name).append(" fail)");
            }
        }
        return words.toString();
    }

    /**
     * A ghost whose host still names an account is one that account lost: register it there (the delegation then
     * works as meant); the others name no account, so remove exactly those entries.
     */
    private static List<String> ghostFixes(AccountSnapshot source, List<String> ghosts, SpnFacts spns,
                                           RuleContext context) {
        java.util.Set<String> fixes = new java.util.LinkedHashSet<>();
        List<String> unowned = new ArrayList<>();
        for (String ghost : ghosts) {
            // Through sPNMappings the owner's HOST/ serves cifs/ and the like: registering that is the fix.
            spns.owner(ghost).ifPresentOrElse(owner -> fixes.add(Fixes.addSpn(owner, spns.standInOrSelf(ghost))),
                    () -> unowned.add(ghost));
        }
        if (!unowned.isEmpty()) {
            fixes.add(Fixes.removeDelegationEntries(source, unowned, context));
        }
        return List.copyOf(fixes);
    }

    /** Constrained delegation targets the KDC finds no single account for (a ghost, or a duplicate). */
    static List<CheckFinding> targets(AccountSnapshot source, SpnFacts spns, RuleContext context) {
        List<String> ghosts = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (String target : source.allowedToDelegateTo()) {
            SpnFacts.Verdict verdict = spns.resolve(target);
            if (verdict.state() == SpnFacts.State.MISSING) {
                ghosts.add(target);
            } else if (verdict.state() == SpnFacts.State.DUPLICATE) {
                duplicated.add(target + " (" + verdict.heldByWords() + ")");
            }
        }
        List<CheckFinding> findings = new ArrayList<>();
        if (!ghosts.isEmpty()) {
            findings.add(CheckFinding.warning("delegation-to-missing-spn", source.label(), source.name()
                            + " delegates to SPNs no account holds: " + String.join(", ", ghosts),
                    "whoever registers one of them receives the tickets " + source.name() + " delegates (PingCastle: "
                            + "constrained delegation to a ghost SPN); delegating to it does nothing until then (if "
                            + "one was meant for a host that lost it, register it there instead: 'spn add HOST SPN')",
                    ghostFixes(source, ghosts, spns, context)));
        }
        if (!duplicated.isEmpty()) {
            findings.add(CheckFinding.warning("delegation-to-duplicate-spn", source.label(), source.name()
                            + " delegates to SPNs held by more than one account: " + String.join(", ", duplicated),
                    "the KDC issues no ticket for a duplicated SPN, so these delegations fail",
                    List.of("spn duplicates")));
        }
        return findings;
    }
}
