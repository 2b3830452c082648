package kerbshell.lab;

import kerbshell.account.AccountSnapshot;
import kerbshell.diagnosis.FactsReader;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketResult;
import kerbshell.rules.CheckFinding;
import kerbshell.rules.Move;
import kerbshell.rules.RuleBook;
import kerbshell.rules.RuleContext;
import kerbshell.rules.Severity;
import kerbshell.rules.SpnFacts;
import kerbshell.spn.HyperVServices;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Kerberos side of a live migration, simulated on the lab, step by step as a real move goes. What the KDC can
 * decide, it decides for real: the operator's logon and the operator's ticket requests to the source (remote
 * management) and to the destination's SPNs go to the lab KDC, which refuses an SPN that no account, two accounts
 * or a disabled account holds. What the lab KDC cannot do (it has no S4U2Self/S4U2Proxy), the rule book judges
 * from the same account snapshots check pair reads, so the two always agree: the destination's SPNs for this move,
 * the hosts' accounts, whether the operator may be delegated, whether the source may delegate to the destination,
 * and the destination's encryption types. The source's delegation is judged on the directory and on what the
 * source cached when its VMMS last started (the lab's cached view, refreshed by 'vmms restart'), so a fix the
 * source has not picked up still fails. Like a real move, it stops at the first failing step and says what Windows
 * would show for it.
 */
public final class LabMigration {
    private final DirectorySession session;
    private final Function<String, KdcLogon> logOn;
    private final Function<String, Optional<HostView>> cachedView;

    /**
     * @param logOn      logs an account on to the lab KDC by name (the lab knows every account's secret)
     * @param cachedView what a lab host (by DN) cached of its own account when its VMMS last started
     */
    public LabMigration(DirectorySession session, Function<String, KdcLogon> logOn,
                        Function<String, Optional<HostView>> cachedView) {
        this.session = session;
        this.logOn = logOn;
        this.cachedView = cachedView;
    }

    /**
     * @param operator       the account that starts the move (null for the session's own)
     * @param onSource       the move is started on the source host itself rather than from another machine
     * @param includeStorage a storage move too (Move-VM -IncludeStorage): the destination's cifs service as well
     */
    public record Request(String source, String destination, String operator, String vm, boolean onSource,
                          boolean includeStorage) {
        Move move() {
            return new Move(includeStorage ? Move.Kind.VM_AND_STORAGE : Move.Kind.VM_ONLY,
                    onSource ? Move.Start.ON_SOURCE : Move.Start.REMOTE);
        }
    }

    public MigrationReport simulate(Request request) {
        FactsReader facts = new FactsReader(session);
        AccountSnapshot source = facts.accounts().computer(request.source());
        AccountSnapshot destination = facts.accounts().computer(request.destination());
        if (source.sameAccount(destination)) {
            throw KerbshellException.usage("a migration needs two different hosts, not " + source.name() + " twice");
        }
        AccountSnapshot operator = facts.accounts().account(request.operator() != null ? request.operator()
                : session.settings().user());
        RuleContext context = facts.context(request.move(), false);
        return new Run(request, source, destination, operator, facts.spnFacts(List.of(source, destination)), context)
                .play();
    }

    /** One simulated move, step by step. */
    private final class Run {
        private final Request request;
        private final AccountSnapshot source;
        private final AccountSnapshot destination;
        private final AccountSnapshot operator;
        private final SpnFacts spns;
        private final RuleContext context;
        private final List<MigrationStep> steps = new ArrayList<>();
        private final String moveName;
        private HyperVMessage windows;
        private KdcLogon logon;

        Run(Request request, AccountSnapshot source, AccountSnapshot destination, AccountSnapshot operator,
            SpnFacts spns, RuleContext context) {
            this.request = request;
            this.source = source;
            this.destination = destination;
            this.operator = operator;
            this.spns = spns;
            this.context = context;
            // The name moves use: the DNS name, as Hyper-V Manager and Move-VM get it from a cluster or DNS.
            this.moveName = destination.dnsHostName() != null ? destination.dnsHostName() : destination.name();
        }

        MigrationReport play() {
            String user = operator.samAccountName();
            String migrationSpn = HyperVServices.MIGRATION + "/" + moveName;
            step(user + " signs in", MigrationStep.KDC, this::signIn);
            if (!request.onSource()) {
                String sourceName = source.dnsHostName() != null ? source.dnsHostName() : source.name();
                step(user + " connects to " + source.name() + " for remote management (WinRM)",
                        MigrationStep.KDC, () -> ticket("HTTP/" + sourceName, true));
            }
            step(user + " asks for a ticket to " + migrationSpn, MigrationStep.KDC, () -> ticket(migrationSpn, false));
            if (request.includeStorage()) {
                String cifs = "cifs/" + moveName;
                step(user + " asks for a ticket to " + cifs, MigrationStep.KDC, () -> ticket(cifs, false));
            }
            step("the hosts' accounts", MigrationStep.SIMULATION, this::accounts);
            step(destination.name() + "'s SPNs for this move, in every name form", MigrationStep.SIMULATION,
                    this::destinationSpns);
            step(user + " may be delegated", MigrationStep.SIMULATION, this::operatorDelegable);
            step(source.name() + " delegates " + user + " to " + destination.name(), MigrationStep.SIMULATION,
                    this::delegation);
            step(destination.name() + "'s encryption types", MigrationStep.SIMULATION, this::encryption);
            return new MigrationReport(request.vm(), source.name(), destination.name(), user,
                    request.onSource() ? "on the source host" : "remotely", context.move().describe(), steps,
                    steps.stream().noneMatch(MigrationStep::failed), windows, decidedBy());
        }

        /** Runs a step unless an earlier one failed: a real move stops at its first failure. */
        private void step(String name, String decidedBy, Supplier<Outcome> check) {
            if (steps.stream().anyMatch(MigrationStep::failed)) {
                steps.add(new MigrationStep(name, decidedBy, MigrationStep.NOT_REACHED, null));
                return;
            }
            Outcome done = check.get();
            steps.add(new MigrationStep(name, decidedBy, done.outcome(), done.detail()));
        }

        private Outcome signIn() {
            try {
                logon = logOn.apply(operator.samAccountName());
                return Outcome.ok("the KDC issued a ticket-granting ticket to " + logon.clientPrincipal());
            } catch (KerbshellException e) {
                return Outcome.failed(e.getMessage() + "; the move never starts, so Hyper-V logs nothing");
            }
        }

        private Outcome ticket(String spn, boolean remoteManagement) {
            ServiceTicketResult answer = logon.requestServiceTicket(spn);
            if (answer.issued()) {
                return Outcome.ok("the KDC issued it (" + answer.ticket().serverPrincipal() + ")");
            }
            windows = remoteManagement ? HyperVMessage.remoteManagement(HyperVMessage.TARGET_UNKNOWN, source.name())
                    : HyperVMessage.migration(HyperVMessage.TARGET_UNKNOWN, request.vm(), source.name(), moveName);
            return Outcome.failed("the KDC refused it: " + answer.errorCode() + " " + answer.errorName() + " ("
                    + answer.explanation() + ")");
        }

        private Outcome accounts() {
            List<CheckFinding> findings = Stream.concat(
                    RuleBook.hostAccount(source.name(), source, context).stream(),
                    RuleBook.hostAccount(destination.name(), destination, context).stream()).toList();
            return judged(findings, HyperVMessage.TARGET_UNKNOWN, "both are enabled computer accounts with keys and a "
                    + "DNS name");
        }

        private Outcome destinationSpns() {
            List<CheckFinding> findings = RuleBook.hostSpns(destination, spns, context);
            String code = findings.stream().filter(CheckFinding::blocks).findFirst()
                    .map(f -> f.error() != null && f.error().startsWith(HyperVMessage.WRONG_PRINCIPAL)
                            ? HyperVMessage.WRONG_PRINCIPAL : HyperVMessage.TARGET_UNKNOWN)
                    .orElse(HyperVMessage.TARGET_UNKNOWN);
            return judged(findings, code, "each is held once, by " + destination.samAccountName()
                    + " (or served by its HOST/)");
        }

        private Outcome operatorDelegable() {
            String user = operator.samAccountName();
            List<CheckFinding> findings = RuleBook.operator(operator);
            if (findings.stream().noneMatch(CheckFinding::blocks)) {
                return Outcome.ok(user + " is neither sensitive nor in Protected Users");
            }
            return fail(HyperVMessage.NO_CREDENTIALS, words(findings) + ": a DC gives " + source.name()
                    + " no forwardable ticket for it, so S4U2Proxy fails (KDC_ERR_BADOPTION)");
        }

        /**
         * Judged twice by the rule book: on the directory (what a DC enforces) and on what the source cached when
         * its VMMS last started (what the host acts on): a fix the source has not picked up yet still fails.
         */
        private Outcome delegation() {
            List<CheckFinding> now = RuleBook.direction(source, destination, context);
            Optional<HostView> cached = cachedView.apply(source.dn());
            if (!blocks(now) && cached.isPresent() && differs(cached.get())) {
                List<CheckFinding> then = RuleBook.direction(source.withDelegation(cached.get().allowedToDelegateTo(),
                        cached.get().userAccountControl()), destination, context);
                if (blocks(then)) {
                    return fail(delegationCode(then, cached.get().allowedToDelegateTo(),
                            cached.get().unconstrained()), words(then) + ". The directory now allows it, but "
                            + source.name() + " still acts on what it cached when its VMMS last started ("
                            + cached.get().asOf() + "): 'vmms restart " + source.name() + "' picks the fix up (on a "
                            + "real host: klist -li 0x3e7 purge, or wait up to 15 minutes)");
                }
            }
            if (blocks(now)) {
                return fail(delegationCode(now, source.allowedToDelegateTo(), source.has(
                        kerbshell.account.UacFlag.TRUSTED_FOR_DELEGATION)), words(now));
            }
            return outcome(now);
        }

        /**
         * The code Hyper-V shows: no delegation at all leaves the source without the operator's credentials
         * (0x8009030E), as does Kerberos only without a forwardable ticket; a list without the SPN asked for makes
         * the KDC refuse the target (0x80090303).
         */
        private String delegationCode(List<CheckFinding> findings, List<String> list, boolean unconstrained) {
            CheckFinding first = findings.stream().filter(CheckFinding::blocks).findFirst().orElseThrow();
            return switch (first.rule()) {
                case "delegation-none" -> list.isEmpty() && !unconstrained ? HyperVMessage.NO_CREDENTIALS
                        : HyperVMessage.TARGET_UNKNOWN;
                case "delegation-missing" -> HyperVMessage.TARGET_UNKNOWN;
                default -> HyperVMessage.NO_CREDENTIALS;
            };
        }

        /** Whether the cached view's delegation differs from the directory's. */
        private boolean differs(HostView cached) {
            Set<String> then = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            then.addAll(cached.allowedToDelegateTo());
            Set<String> now = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            now.addAll(source.allowedToDelegateTo());
            int bits = kerbshell.directory.Ad.UAC_TRUSTED_FOR_DELEGATION
                    | kerbshell.directory.Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION;
            return !then.equals(now) || (cached.userAccountControl() & bits) != (source.userAccountControl() & bits);
        }

        private Outcome encryption() {
            return outcome(RuleBook.encryption(destination, context));
        }

        /** A step from the rule book's findings: failed on a blocker (with Windows' code), warning, or ok. */
        private Outcome judged(List<CheckFinding> findings, String code, String fine) {
            if (blocks(findings)) {
                return fail(code, words(findings));
            }
            Outcome outcome = outcome(findings);
            return outcome.outcome().equals(MigrationStep.OK) ? Outcome.ok(fine) : outcome;
        }

        private Outcome outcome(List<CheckFinding> findings) {
            List<CheckFinding> warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
            if (!warnings.isEmpty()) {
                return Outcome.warning(warnings.stream().map(f -> f.problem() + (f.why() == null ? "" : " (" + f.why()
                        + ")")).collect(Collectors.joining("; ")));
            }
            return Outcome.ok(findings.stream().map(CheckFinding::problem).collect(Collectors.joining("; ")));
        }

        private Outcome fail(String code, String detail) {
            windows = HyperVMessage.migration(code, request.vm(), source.name(), moveName);
            return Outcome.failed(detail);
        }

        private String decidedBy() {
            MigrationStep failed = steps.stream().filter(MigrationStep::failed).findFirst().orElse(null);
            if (failed == null) {
                return "the lab KDC issued every ticket asked for, for real; the SPNs, the accounts, the delegation, "
                        + "the operator's flags and the encryption types were judged by the rule book from the "
                        + "directory's settings (the same verdicts as check pair)";
            }
            return failed.decidedBy().equals(MigrationStep.KDC)
                    ? "the lab KDC decided this failure: it refused the request for real"
                    : "the simulation decided this failure, with check pair's rule book on the directory's settings: "
                    + "the lab KDC cannot do S4U2Self/S4U2Proxy, so it cannot refuse a delegation itself";
        }
    }

    private static boolean blocks(List<CheckFinding> findings) {
        return findings.stream().anyMatch(CheckFinding::blocks);
    }

    private static String words(List<CheckFinding> findings) {
        return findings.stream().filter(CheckFinding::blocks).map(f -> f.problem() + (f.why() == null ? ""
                : " (" + f.why() + ")")).collect(Collectors.joining("; "));
    }

    /** How one step ended, before it is named. */
    private record Outcome(String outcome, String detail) {
        static Outcome ok(String detail) {
            return new Outcome(MigrationStep.OK, detail);
        }

        static Outcome warning(String detail) {
            return new Outcome(MigrationStep.WARNING, detail);
        }

        static Outcome failed(String detail) {
            return new Outcome(MigrationStep.FAILED, detail);
        }
    }
}
