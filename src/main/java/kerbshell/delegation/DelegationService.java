package kerbshell.delegation;

import kerbshell.account.AccountSnapshot;
import kerbshell.account.AccountSnapshots;

import kerbshell.directory.SecurityDescriptor;
import kerbshell.directory.Sddl;
import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.error.KerbshellException;
import kerbshell.spn.HyperVServices;
import kerbshell.spn.Spn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * Kerberos delegation of one account, the way live migration needs it: constrained delegation from a host to its
 * partner's migration and cifs services, with protocol transition unless Kerberos only is asked for; unconstrained
 * delegation only with its risk spelled out; and removal of exactly what is named.
 *
 * <p>Every write is one modify per account: msDS-AllowedToDelegateTo values added or deleted one by one, and
 * userAccountControl swapped (exact old value deleted, new one added), so a concurrent change makes it fail and
 * {@link DelegationWriter} plans it again from what is there now.
 */
public final class DelegationService {
    static final String PROTOCOL_TRANSITION = "TRUSTED_TO_AUTH_FOR_DELEGATION";
    static final String UNCONSTRAINED = "TRUSTED_FOR_DELEGATION";
    private static final String PROTOCOL_TRANSITION_WORDS = "protocol transition, 'use any authentication protocol'";
    private static final String UNCONSTRAINED_WORDS = "unconstrained, 'trust for delegation to any service'";

    private final DirectorySession session;
    private final AccountResolver accounts;
    private final DelegationWriter writer;

    public DelegationService(DirectorySession session) {
        this.session = session;
        this.accounts = new AccountResolver(session);
        this.writer = new DelegationWriter(session);
    }

    /** Every kind of delegation the account has, its targets resolved to the accounts holding them. */
    public DelegationReport show(String name) {
        Account account = accounts.resolve(name);
        DelegationState state = DelegationState.read(session, account);
        SpnHolders holders = new SpnHolders(session);
        List<DelegationReport.Target> targets = state.allowedToDelegateTo().stream().map(holders::of)
                .map(h -> new DelegationReport.Target(h.spn(), h.exists(), h.holder(), h.via(), h.count())).toList();
        SecurityDescriptor descriptor = state.descriptor();
        List<DelegationReport.ActingPrincipal> acting = descriptor == null ? List.of()
                : RbcdService.principals(descriptor, new SidNames(session));
        return new DelegationReport(account.samAccountName(), account.dn(), account.kind(), state.domainController(),
                state.has(Ad.UAC_TRUSTED_FOR_DELEGATION), state.has(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION), targets,
                acting, descriptor == null ? null : Sddl.of(descriptor), state.has(Ad.UAC_NOT_DELEGATED),
                new AccountSnapshots(session).byDn(account.dn()).flatMap(AccountSnapshot::protectedUsers).isPresent());
    }

    /**
     * Constrained delegation from {@code source} to the services of {@code destination}, in both name forms.
     * Protocol transition is set unless {@code kerberosOnly}: since Windows Server 2016 a move started remotely
     * reaches the source through WinRM, without a forwardable ticket of the user, and "Kerberos only" then fails
     * with 0x8009030E. With {@code kerberosOnly} it is cleared, as choosing "Kerberos only" on the Delegation tab
     * does (it is one flag for all of the account's targets).
     */
    public DelegationChange trust(String source, String destination, List<DelegatedService> services,
                                  boolean kerberosOnly, boolean dryRun) {
        return trust(source, destination, services, kerberosOnly, false, dryRun);
    }

    /**
     * The same; with a domain controller on either side only when {@code allowDomainController}: a DC's own
     * delegation is by design, and a host allowed to delegate to a DC's services can act as any delegable user
     * on the DC (its cifs/ and ldap/ are the directory), so neither is a routine change.
     */
    public DelegationChange trust(String source, String destination, List<DelegatedService> services,
                                  boolean kerberosOnly, boolean allowDomainController, boolean dryRun) {
        Account from = accounts.resolve(source);
        Account to = accounts.resolveComputer(destination);
        if (from.dn().equalsIgnoreCase(to.dn())) {
            throw KerbshellException.usage(from.samAccountName() + " cannot delegate to itself: name its partner "
                    + "with --to");
        }
        if (!allowDomainController && (from.domainController() || to.domainController())) {
            Account dc = from.domainController() ? from : to;
            throw KerbshellException.usage(dc.samAccountName() + " is a domain controller: kerbshell "
                    + (dc == from ? "changes no domain controller's delegation" : "delegates to no domain controller")
                    + " unless asked: 'delegate trust " + from.name() + " --to " + to.name() + " --allow-dc'");
        }
        List<String> wanted = DelegatedService.spnsOn(to, services);
        SpnHolders holders = new SpnHolders(session);
        List<SpnHolders.Holding> holdings = wanted.stream().map(holders::of).toList();
        String servicesWords = services.stream().map(DelegatedService::serviceClass).collect(Collectors.joining(", "));
        return writer.write(from, state -> {
            List<TargetOutcome> outcomes = new ArrayList<>();
            List<String> toAdd = new ArrayList<>();
            for (SpnHolders.Holding holding : holdings) {
                boolean present = state.allowedToDelegateTo().stream().anyMatch(holding.spn()::equalsIgnoreCase);
                TargetOutcome.Result result = present ? TargetOutcome.Result.ALREADY_PRESENT
                        : dryRun ? TargetOutcome.Result.WOULD_ADD : TargetOutcome.Result.ADDED;
                outcomes.add(new TargetOutcome(holding.spn(), result, holding.holder(), holding.via()));
                if (!present) {
                    toAdd.add(holding.spn());
                }
            }
            FlagChange transition = new FlagChange(PROTOCOL_TRANSITION, PROTOCOL_TRANSITION_WORDS,
                    state.has(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION), !kerberosOnly);
            LdapChange change = uacChange(state, uac -> kerberosOnly ? uac & ~Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION
                    : uac | Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION);
            change = plus(change, toAdd.isEmpty() ? null : LdapChange.add(from.dn(), Ad.ALLOWED_TO_DELEGATE_TO, toAdd));
            List<String> warnings = new ArrayList<>(targetWarnings(holdings, to));
            if (state.has(Ad.UAC_TRUSTED_FOR_DELEGATION)) {
                warnings.add(from.samAccountName() + " also has unconstrained delegation, which lets it delegate "
                        + "to any service and makes this list moot; fix: 'delegate untrust " + from.name()
                        + " --any-service'");
            }
            if (kerberosOnly) {
                warnings.add("with Kerberos only, a move started on another machine (Hyper-V Manager, PowerShell "
                        + "remoting, Windows Admin Center) fails with 0x8009030E on Windows Server 2016 and later; "
                        + "fix: run it again without --kerberos-only");
            }
            String meaning = from.samAccountName() + " may now ask the KDC for tickets to " + servicesWords + " on "
                    + to.name() + " in the name of any user who may be delegated (S4U2Proxy)"
                    + (kerberosOnly ? ", but only for users who reached it with Kerberos"
                    : ", including users who did not reach it with Kerberos (S4U2Self, protocol transition)");
            return new DelegationChange(from.samAccountName(), from.dn(), "constrained delegation to "
                    + to.samAccountName() + " (" + servicesWords + ", " + (kerberosOnly ? "Kerberos only"
                    : "any authentication protocol") + ")", dryRun, outcomes, List.of(transition), warnings,
                    meaning, change);
        }, dryRun, "writing the delegation of");
    }

    /** {@link #trust} both ways: what a pair of Hyper-V hosts needs to move VMs to each other. */
    public PairReport pair(String first, String second, List<DelegatedService> services, boolean kerberosOnly,
                           boolean dryRun) {
        accounts.resolveComputer(first);
        accounts.resolveComputer(second);
        return new PairReport(List.of(trust(first, second, services, kerberosOnly, dryRun),
                trust(second, first, services, kerberosOnly, dryRun)));
    }

    /**
     * Unconstrained delegation. Refused for accounts that are not computers unless {@code force}: a user or service
     * account with it is the more common path to a domain takeover. The caller confirms first; the risk is in the
     * result's warnings too.
     */
    public DelegationChange trustAnyService(String source, boolean force, boolean dryRun) {
        Account from = accounts.resolve(source);
        if (!from.computer() && !force) {
            throw KerbshellException.usage(from.samAccountName() + " is a " + from.kind() + ", not a computer: "
                    + "unconstrained delegation on it is refused; add --force if you really mean it");
        }
        return writer.write(from, state -> {
            FlagChange flag = new FlagChange(UNCONSTRAINED, UNCONSTRAINED_WORDS,
                    state.has(Ad.UAC_TRUSTED_FOR_DELEGATION), true);
            LdapChange change = uacChange(state, uac -> uac | Ad.UAC_TRUSTED_FOR_DELEGATION);
            List<String> warnings = new ArrayList<>(List.of(UnconstrainedDelegation.risk(from.samAccountName())));
            if (state.domainController()) {
                warnings.add(from.samAccountName() + " is a domain controller: it has unconstrained delegation by "
                        + "design");
            }
            return new DelegationChange(from.samAccountName(), from.dn(), "unconstrained delegation (to any "
                    + "service)", dryRun, List.of(), List.of(flag), warnings, from.samAccountName() + " may now act "
                    + "on any service as every user who authenticates to it", change);
        }, dryRun, "writing the delegation of");
    }

    /**
     * Removes exactly what is named: the entries for {@code destination}'s services (all of them, or those in
     * {@code services}), or with {@code all} every entry and both delegation flags, or with {@code anyService}
     * unconstrained delegation only.
     */
    public DelegationChange untrust(String source, String destination, List<DelegatedService> services, boolean all,
                                    boolean anyService, boolean dryRun) {
        return untrust(source, destination, services, all, anyService, false, dryRun);
    }

    /** The same; a domain controller's delegation only with {@code allowDomainController}. */
    public DelegationChange untrust(String source, String destination, List<DelegatedService> services, boolean all,
                                    boolean anyService, boolean allowDomainController, boolean dryRun) {
        int chosen = (destination != null ? 1 : 0) + (all ? 1 : 0) + (anyService ? 1 : 0);
        if (chosen != 1) {
            throw KerbshellException.usage("say what to remove: --to HOST (its entries), --spn SPN (exactly those "
                    + "entries), --any-service (unconstrained delegation) or --all (everything), exactly one of them");
        }
        if (services != null && destination == null) {
            throw KerbshellException.usage("--services goes with --to HOST");
        }
        Account from = accounts.resolve(source);
        Optional<Account> to = destination == null ? Optional.empty() : Optional.of(accounts.resolveComputer(destination));
        SpnHolders holders = new SpnHolders(session);
        return writer.write(from, state -> {
            refuseOnDomainController(from, state, allowDomainController);
            List<String> toDelete = state.allowedToDelegateTo().stream()
                    .filter(spn -> all || to.isPresent() && names(spn, to.get(), services)).toList();
            List<TargetOutcome> outcomes = new ArrayList<>();
            for (String spn : toDelete) {
                SpnHolders.Holding holding = holders.of(spn);
                outcomes.add(new TargetOutcome(spn, dryRun ? TargetOutcome.Result.WOULD_REMOVE
                        : TargetOutcome.Result.REMOVED, holding.holder(), holding.via()));
            }
            if (to.isPresent() && services != null) {
                for (String spn : DelegatedService.spnsOn(to.get(), services)) {
                    if (toDelete.stream().noneMatch(spn::equalsIgnoreCase)) {
                        outcomes.add(new TargetOutcome(spn, TargetOutcome.Result.NOT_PRESENT, null, null));
                    }
                }
            }
            List<FlagChange> flags = new ArrayList<>();
            int clear = 0;
            if (all) {
                clear = Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION;
                flags.add(new FlagChange(PROTOCOL_TRANSITION, PROTOCOL_TRANSITION_WORDS,
                        state.has(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION), false));
            }
            if (all || anyService) {
                clear |= Ad.UAC_TRUSTED_FOR_DELEGATION;
                flags.add(new FlagChange(UNCONSTRAINED, UNCONSTRAINED_WORDS, state.has(Ad.UAC_TRUSTED_FOR_DELEGATION),
                        false));
            }
            int cleared = clear;
            LdapChange change = plus(uacChange(state, uac -> uac & ~cleared),
                    toDelete.isEmpty() ? null : LdapChange.delete(from.dn(), Ad.ALLOWED_TO_DELEGATE_TO, toDelete));
            List<String> warnings = new ArrayList<>();
            if (to.isPresent() && toDelete.isEmpty()) {
                warnings.add(from.samAccountName() + " has no delegation entry for " + to.get().samAccountName()
                        + (services == null ? "" : "'s " + services.stream().map(DelegatedService::word)
                        .collect(Collectors.joining(", "))));
            }
            if (to.isPresent()) {
                protocolTransitionLeft(state, toDelete, from).ifPresent(warnings::add);
            }
            String what = all ? "all delegation" : anyService ? "unconstrained delegation"
                    : "constrained delegation to " + to.get().samAccountName();
            String meaning = from.samAccountName() + " may no longer delegate users' credentials"
                    + (to.isPresent() ? " to these services of " + to.get().name() : anyService ? " to any service"
                    : " at all");
            return new DelegationChange(from.samAccountName(), from.dn(), "remove " + what, dryRun, outcomes, flags,
                    warnings, meaning, change);
        }, dryRun, "removing the delegation of");
    }

    /**
     * A domain controller has unconstrained delegation by design (the domain needs it) and constrained entries only
     * for a reason someone had: removing any of it is never a side effect of a routine command.
     */
    private static void refuseOnDomainController(Account from, DelegationState state, boolean allowed) {
        if (state.domainController() && !allowed) {
            throw KerbshellException.usage(from.samAccountName() + " is a domain controller: kerbshell removes "
                    + "nothing from a domain controller's delegation unless --allow-dc is given");
        }
    }

    /**
     * Removes exactly these msDS-AllowedToDelegateTo entries, each matched without regard to case against what is
     * stored, and nothing else: a target no account holds (a ghost SPN, which whoever registers it would receive
     * the delegated tickets of), or one left by a host that is gone. A domain controller's entries only with
     * {@code allowDomainController}.
     */
    public DelegationChange untrustSpns(String source, List<String> spns, boolean allowDomainController,
                                        boolean dryRun) {
        if (spns == null || spns.isEmpty()) {
            throw KerbshellException.usage("--spn needs the delegation entries to remove, e.g. --spn "
                    + "\"cifs/oldhost.corp.example\"");
        }
        List<Spn> asked = spns.stream().map(Spn::parseHeld).toList();
        Account from = accounts.resolve(source);
        SpnHolders holders = new SpnHolders(session);
        return writer.write(from, state -> {
            refuseOnDomainController(from, state, allowDomainController);
            List<String> toDelete = new ArrayList<>();
            List<TargetOutcome> outcomes = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (Spn spn : asked) {
                Optional<String> stored = state.allowedToDelegateTo().stream().filter(spn::sameAs).findFirst();
                if (stored.isEmpty()) {
                    outcomes.add(new TargetOutcome(spn.toString(), TargetOutcome.Result.NOT_PRESENT, null, null));
                    warnings.add(from.samAccountName() + " does not delegate to " + spn + "; its entries: 'delegate "
                            + "show " + from.name() + "'");
                } else if (!toDelete.contains(stored.get())) {
                    toDelete.add(stored.get());
                    SpnHolders.Holding holding = holders.of(stored.get());
                    outcomes.add(new TargetOutcome(stored.get(), dryRun ? TargetOutcome.Result.WOULD_REMOVE
                            : TargetOutcome.Result.REMOVED, holding.holder(), holding.via()));
                }
            }
            protocolTransitionLeft(state, toDelete, from).ifPresent(warnings::add);
            LdapChange change = toDelete.isEmpty() ? null
                    : LdapChange.delete(from.dn(), Ad.ALLOWED_TO_DELEGATE_TO, toDelete);
            String meaning = toDelete.isEmpty() ? null : from.samAccountName() + " may no longer delegate users' "
                    + "credentials to " + String.join(", ", toDelete);
            return new DelegationChange(from.samAccountName(), from.dn(), "remove delegation entries "
                    + String.join(", ", asked.stream().map(Spn::toString).toList()), dryRun, outcomes, List.of(),
                    warnings, meaning, change);
        }, dryRun, "removing the delegation of");
    }

    /** The warning that protocol transition stays set when the removal leaves no delegation target. */
    private static Optional<String> protocolTransitionLeft(DelegationState state, List<String> toDelete, Account from) {
        boolean emptied = toDelete.size() == state.allowedToDelegateTo().size();
        return emptied && state.has(Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION)
                ? Optional.of("protocol transition stays set on " + from.samAccountName() + " with no delegation "
                + "target left; fix: 'delegate untrust " + from.name() + " --all'") : Optional.empty();
    }

    /** Whether a list entry is one of the host's SPNs (in either name form), of the named services when given. */
    private static boolean names(String entry, Account host, List<DelegatedService> services) {
        Spn spn;
        try {
            spn = Spn.parseHeld(entry);
        } catch (KerbshellException e) {
            return false;
        }
        boolean hostMatches = host.hostNames().stream().anyMatch(spn.host()::equalsIgnoreCase);
        return hostMatches && (services == null
                || services.stream().anyMatch(s -> s.serviceClass().equalsIgnoreCase(spn.serviceClass())));
    }

    /** One warning per target the KDC cannot reach through the destination, with the fix. */
    private static List<String> targetWarnings(List<SpnHolders.Holding> holdings, Account to) {
        List<String> warnings = new ArrayList<>();
        for (SpnHolders.Holding h : holdings) {
            if (h.count() == 0) {
                warnings.add("no account holds " + h.spn() + ", so the KDC cannot issue a ticket for it and "
                        + "delegating to it does nothing until it is registered; fix: " + registerHint(h.spn(), to));
            } else if (h.count() > 1) {
                warnings.add((h.via() == null ? h.spn() : h.via()) + " is held by " + h.count() + " accounts, and "
                        + "the KDC refuses tickets for a duplicate; fix: find them with 'spn find \""
                        + (h.via() == null ? h.spn() : h.via()) + "\"' and remove it from all but " + to.samAccountName());
            } else if (!h.holderDn().equalsIgnoreCase(to.dn())) {
                warnings.add((h.via() == null ? h.spn() : h.via()) + " is held by " + h.holder() + ", not "
                        + to.samAccountName() + ", so tickets for it are for " + h.holder() + "; fix: move it with "
                        + "'spn remove " + h.holder() + " ...' and 'spn add " + to.name() + " ...'");
            }
        }
        return warnings;
    }

    private static String registerHint(String spn, Account to) {
        String serviceClass = spn.substring(0, spn.indexOf('/'));
        if (HyperVServices.CLASSES.stream().anyMatch(serviceClass::equalsIgnoreCase)) {
            return "'spn hyperv " + to.name() + " --add' (VMMS registers them itself when it starts; check event "
                    + "14050 on " + to.name() + ")";
        }
        if (serviceClass.equalsIgnoreCase("cifs")) {
            return "'spn add " + to.name() + " HOST/" + spn.substring(spn.indexOf('/') + 1) + "' (cifs/ is served "
                    + "by HOST/ through sPNMappings)";
        }
        return "'spn add " + to.name() + " \"" + spn + "\"'";
    }

    /** The swap of userAccountControl to {@code change(old)}, or null when that is the value already. */
    private static LdapChange uacChange(DelegationState state, IntUnaryOperator change) {
        int old = state.userAccountControl();
        int updated = change.applyAsInt(old);
        return updated == old ? null : LdapChange.swap(state.account().dn(), Ad.USER_ACCOUNT_CONTROL,
                Integer.toString(old), Integer.toString(updated));
    }

    private static LdapChange plus(LdapChange first, LdapChange second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first.plus(second);
    }
}
