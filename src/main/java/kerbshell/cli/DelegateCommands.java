package kerbshell.cli;

import kerbshell.delegation.AuditReport;
import kerbshell.delegation.DelegatedService;
import kerbshell.delegation.DelegationAudit;
import kerbshell.delegation.DelegationChange;
import kerbshell.delegation.DelegationReport;
import kerbshell.delegation.DelegationService;
import kerbshell.delegation.PairReport;
import kerbshell.delegation.RbcdReport;
import kerbshell.delegation.RbcdService;
import kerbshell.delegation.UnconstrainedDelegation;
import kerbshell.error.KerbshellException;
import kerbshell.session.SessionManager;
import org.jline.terminal.Terminal;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

import java.util.List;

/** delegate show, trust, pair, untrust, rbcd, audit: Kerberos delegation for Hyper-V hosts, the safe kinds made easy. */
@Command(command = "delegate", group = "Delegation")
public class DelegateCommands {
    private static final String ACCOUNT = "Account (HV01, HV01$, hv01.corp.example or DN).";
    private static final String DRY_RUN = "Print the exact LDAP change; write nothing.";
    private static final String SERVICES = "Services of the destination: migration, cifs, console, replica, "
            + "separated by commas.";

    private final SessionManager sessions;
    private final Confirmation confirmation;
    private final LaunchContext launch;
    private final Console console;

    DelegateCommands(SessionManager sessions, Terminal terminal, LaunchContext launch, Console console) {
        this.sessions = sessions;
        this.launch = launch;
        this.console = console;
        this.confirmation = new Confirmation(terminal, launch, console);
    }

    @Example(value = "delegate show HV01", says = "Tells in plain words to which services HV01 may delegate, and how.")
    @Example(value = "delegate show alice --json", says = "Shows alice's delegation settings as JSON.")
    @Command(command = "show", description = "Show an account's delegation in plain words: unconstrained, constrained "
            + "(Kerberos only or any protocol) with each target's holder, resource-based, and whether it can be "
            + "delegated at all.")
    DelegationReport show(@Option(required = true, description = ACCOUNT)
                          @OptionValues(provider = HostNameCompletion.NAME) String host) {
        return service().show(host);
    }

    @Example(value = "delegate trust HV01 --to HV02",
            says = "Lets HV01 delegate to HV02's migration and cifs services, with protocol transition.")
    @Example(value = "delegate trust HV01 --to HV02 --kerberos-only --dry-run",
            says = "Shows the Kerberos-only variant's change; writes nothing.")
    @Command(command = "trust", description = "Let a host delegate to another host's migration and cifs services "
            + "(constrained, with protocol transition unless --kerberos-only); --any-service instead trusts it for "
            + "delegation to any service, after confirmation.")
    DelegationChange trust(@Option(required = true, description = "The host that will delegate (the source of moves).")
                           @OptionValues(provider = HostNameCompletion.NAME) String source,
                           @Option(longNames = "to", label = "HOST",
                                   description = "The host it delegates to (the destination).")
                           @OptionValues(provider = HostNameCompletion.NAME) String to,
                           @Option(longNames = "services", label = "SERVICES", defaultValue = DelegatedService.DEFAULT,
                                   description = SERVICES) String services,
                           @Option(longNames = "kerberos-only", description = "No protocol transition: moves started "
                                   + "from another machine then fail (0x8009030E).") boolean kerberosOnly,
                           @Option(longNames = "any-service", description = "Unconstrained delegation instead: "
                                   + "dangerous, asks for confirmation.") boolean anyService,
                           @Option(longNames = "yes", description = "Confirm --any-service without asking "
                                   + "(needed in scripts).") boolean yes,
                           @Option(longNames = "force", description = "Allow --any-service on an account that is "
                                   + "not a computer.") boolean force,
                           @Option(longNames = "allow-dc", description = "Allow a domain controller as the source or "
                                   + "the destination.") boolean allowDc,
                           @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        if (anyService) {
            if (to != null) {
                throw KerbshellException.usage("--any-service trusts for every service, so --to makes no sense "
                        + "with it: give one or the other");
            }
            return trustAnyService(source, yes, force, dryRun);
        }
        if (to == null) {
            throw KerbshellException.usage("name the destination with --to HOST (or, knowing the risk, "
                    + "--any-service)");
        }
        return noted(service().trust(source, to, DelegatedService.parse(services), kerberosOnly, allowDc, dryRun));
    }

    @Example(value = "delegate pair HV01 HV02",
            says = "Lets HV01 and HV02 delegate to each other's migration and cifs services.")
    @Example(value = "delegate pair HV01 HV02 --services migration --dry-run",
            says = "Shows the change for the migration service only; writes nothing.")
    @Command(command = "pair", description = "Let two Hyper-V hosts delegate to each other's migration and cifs "
            + "services (delegate trust both ways).")
    PairReport pair(@Option(required = true, description = "One host.")
                    @OptionValues(provider = HostNameCompletion.NAME) String first,
                    @Option(required = true, description = "The other host.")
                    @OptionValues(provider = HostNameCompletion.NAME) String second,
                    @Option(longNames = "services", label = "SERVICES",
                            defaultValue = DelegatedService.DEFAULT, description = SERVICES)
                    String services,
                    @Option(longNames = "kerberos-only", description = "No protocol transition: moves started from "
                            + "another machine then fail (0x8009030E).") boolean kerberosOnly,
                    @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        PairReport report = service().pair(first, second, DelegatedService.parse(services), kerberosOnly, dryRun);
        report.directions().forEach(this::noted);
        return report;
    }

    @Example(value = "delegate untrust HV01 --to HV02",
            says = "Removes HV01's delegation entries for HV02 and nothing else.",
            after = "delegate trust HV01 --to HV02")
    @Example(value = "delegate untrust HV01 --all --dry-run",
            says = "Shows the change that would remove all of HV01's delegation; writes nothing.")
    @Example(value = "delegate untrust HV01 --spn \"cifs/oldhost.lab.test\" --dry-run",
            says = "Shows the change that would remove exactly that entry (a target no account holds, say).")
    @Command(command = "untrust", description = "Remove exactly the named delegation: the entries for one "
            + "destination (--to), the named entries (--spn), unconstrained delegation (--any-service) or all of it "
            + "(--all).")
    DelegationChange untrust(@Option(required = true, description = "The host that delegates.")
                             @OptionValues(provider = HostNameCompletion.NAME) String source,
                             @Option(longNames = "to", label = "HOST",
                                     description = "Remove the entries for this destination.")
                             @OptionValues(provider = HostNameCompletion.NAME) String to,
                             @Option(longNames = "services", label = "SERVICES",
                                     description = "With --to: only these services "
                                     + "(migration, cifs, console, replica).") String services,
                             @Option(longNames = "spn", label = "SPN", arityMax = 64,
                                     description = "Remove exactly these msDS-AllowedToDelegateTo entries (case does "
                                     + "not matter), e.g. one no account holds; quote those with spaces.")
                             List<String> spn,
                             @Option(longNames = "any-service", description = "Remove unconstrained delegation.")
                             boolean anyService,
                             @Option(longNames = "all", description = "Remove every entry, protocol transition and "
                                     + "unconstrained delegation.") boolean all,
                             @Option(longNames = "allow-dc", description = "Allow removing delegation from a domain "
                                     + "controller, which has unconstrained delegation by design.") boolean allowDc,
                             @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        if (spn != null && !spn.isEmpty()) {
            if (to != null || services != null || anyService || all) {
                throw KerbshellException.usage("--spn names the entries to remove by itself: give it without --to, "
                        + "--services, --any-service or --all");
            }
            return noted(service().untrustSpns(source, spn, allowDc, dryRun));
        }
        List<DelegatedService> only = services == null ? null : DelegatedService.parse(services);
        return noted(service().untrust(source, to, only, all, anyService, allowDc, dryRun));
    }

    @Example(value = "delegate rbcd HV02 --allow HV01",
            says = "Lets HV01 delegate to HV02 by resource-based constrained delegation, set on HV02.")
    @Example(value = "delegate rbcd HV02 --revoke HV01",
            says = "Takes that permission back, keeping every other entry.", after = "delegate rbcd HV02 --allow HV01")
    @Command(command = "rbcd", description = "Resource-based constrained delegation: allow or revoke an account "
            + "delegating to this one, keeping every other entry of its security descriptor.")
    RbcdReport rbcd(@Option(required = true, description = "The account delegated to (the destination).")
                    @OptionValues(provider = HostNameCompletion.NAME) String destination,
                    @Option(longNames = "allow", label = "ACCOUNT",
                            description = "Let this account delegate to the destination.")
                    @OptionValues(provider = HostNameCompletion.NAME) String allow,
                    @Option(longNames = "revoke", label = "ACCOUNT",
                            description = "Stop this account (or SID) delegating to it.")
                    @OptionValues(provider = HostNameCompletion.NAME) String revoke,
                    @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        if ((allow == null) == (revoke == null)) {
            throw KerbshellException.usage("give exactly one of --allow ACCOUNT and --revoke ACCOUNT");
        }
        RbcdService rbcd = new RbcdService(sessions.current());
        return allow != null ? rbcd.allow(destination, allow, dryRun) : rbcd.revoke(destination, revoke, dryRun);
    }

    @Example(value = "delegate audit", says = "Audits the domain's delegation with each finding's severity and fix.")
    @Example(value = "delegate audit --json", says = "The same audit as JSON, for a report.")
    @Command(command = "audit", description = "Audit the domain's delegation: unconstrained (domain controllers "
            + "apart), protocol transition, constrained targets, resource-based, privileged users not marked "
            + "sensitive; each finding with its severity and fix.")
    AuditReport audit() {
        return new DelegationAudit(sessions.current()).run();
    }

    /** Shows the plan first: nothing to confirm when it changes nothing, and an unknown account fails before asking. */
    private DelegationChange trustAnyService(String source, boolean yes, boolean force, boolean dryRun) {
        DelegationChange plan = service().trustAnyService(source, force, true);
        if (dryRun || plan.change() == null) {
            return plan;
        }
        if (!yes) {
            confirmation.require(UnconstrainedDelegation.risk(plan.account()), "Trust " + plan.account()
                    + " for delegation to any service?", "delegate trust " + source + " --any-service");
        }
        return noted(service().trustAnyService(source, force, false));
    }

    /** After a write, at the terminal: hosts keep the tickets they cached before it. */
    private DelegationChange noted(DelegationChange change) {
        if (change.changed() && !launch.scripted()) {
            console.note("note: " + change.account() + " keeps the tickets it cached before this change; for it to "
                    + "take effect at once, purge its system tickets there (klist -li 0x3e7 purge)");
        }
        return change;
    }

    private DelegationService service() {
        return new DelegationService(sessions.current());
    }
}
