package kerbshell.training;

import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.hostcontrol.HostView;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketResult;
import kerbshell.spn.HyperVServices;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Kerberos side of a live migration, simulated on the lab. What the KDC can decide, it decides for real: the
 * operator's logon and the operator's ticket requests to the source (remote management) and to the destination's
 * SPNs go to the lab KDC, which refuses an SPN that no account, two accounts or a disabled account holds. What the
 * lab KDC cannot do (it has no S4U2Self/S4U2Proxy), the simulation judges from the directory's settings: whether
 * the operator may be delegated, whether the source may delegate to the destination (constrained with or without
 * protocol transition, resource-based, unconstrained), and the destination's encryption types. The source's
 * delegation is judged on the directory and on what the source cached when its VMMS last started (the lab's
 * cached view, refreshed by 'vmms restart'), so a fix the source has not picked up still fails. Like a real move,
 * it stops at the first failing step and says what Windows would show for it.
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
    }

    public MigrationReport simulate(Request request) {
        MigrationFacts facts = new MigrationFacts(session);
        MigrationFacts.Host source = facts.host(request.source());
        MigrationFacts.Host destination = facts.host(request.destination());
        if (source.account().dn().equalsIgnoreCase(destination.account().dn())) {
            throw KerbshellException.usage("a migration needs two different hosts, not " + source.account().name()
                    + " twice");
        }
        MigrationFacts.Operator operator = facts.operator(request.operator() != null ? request.operator()
                : session.settings().user());
        return new Run(request, source, destination, operator).play();
    }

    /** One simulated move, step by step. */
    private final class Run {
        private final Request request;
        private final MigrationFacts.Host source;
        private final MigrationFacts.Host destination;
        private final MigrationFacts.Operator operator;
        private final List<MigrationStep> steps = new ArrayList<>();
        private final String migrationSpn;
        private HyperVMessage windows;
        private KdcLogon logon;

        Run(Request request, MigrationFacts.Host source, MigrationFacts.Host destination,
            MigrationFacts.Operator operator) {
            this.request = request;
            this.source = source;
            this.destination = destination;
            this.operator = operator;
            this.migrationSpn = HyperVServices.MIGRATION + "/" + destination.moveName();
        }

        MigrationReport play() {
            String user = operator.account().samAccountName();
            step(user + " signs in", MigrationStep.KDC, this::signIn);
            if (!request.onSource()) {
                step(user + " connects to " + source.account().name() + " for remote management (WinRM)",
                        MigrationStep.KDC, () -> ticket("HTTP/" + source.moveName(), true));
            }
            step(user + " asks for a ticket to " + migrationSpn, MigrationStep.KDC, () -> ticket(migrationSpn, false));
            if (request.includeStorage()) {
                String cifs = "cifs/" + destination.moveName();
                step(user + " asks for a ticket to " + cifs, MigrationStep.KDC, () -> ticket(cifs, false));
            }
            step(user + " may be delegated", MigrationStep.SIMULATION, this::operatorDelegable);
            step(source.account().name() + " delegates " + user + " to " + destination.account().name(),
                    MigrationStep.SIMULATION, this::delegation);
            step(destination.account().name() + "'s encryption types", MigrationStep.SIMULATION, this::encryption);
            return new MigrationReport(request.vm(), source.account().name(), destination.account().name(), user,
                    request.onSource() ? "on the source host" : "remotely", steps,
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
                logon = logOn.apply(operator.account().samAccountName());
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
            windows = remoteManagement ? HyperVMessage.remoteManagement(HyperVMessage.TARGET_UNKNOWN,
                    source.account().name())
                    : HyperVMessage.migration(HyperVMessage.TARGET_UNKNOWN, request.vm(), source.account().name(),
                    destination.moveName());
            return Outcome.failed("the KDC refused it: " + answer.errorCode() + " " + answer.errorName() + " ("
                    + answer.explanation() + ")");
        }

        private Outcome operatorDelegable() {
            String user = operator.account().samAccountName();
            String why = operator.protectedUsers() ? user + " is in Protected Users, whose members are never delegated"
                    : operator.sensitive() ? user + " is marked 'sensitive and cannot be delegated' (NOT_DELEGATED)"
                    : null;
            if (why == null) {
                return Outcome.ok(user + " is neither sensitive nor in Protected Users");
            }
            windows = HyperVMessage.migration(HyperVMessage.NO_CREDENTIALS, request.vm(), source.account().name(),
                    destination.moveName());
            return Outcome.failed(why + ": a DC gives " + source.account().name() + " no forwardable ticket for it, "
                    + "so S4U2Proxy fails (KDC_ERR_BADOPTION)");
        }

        /**
         * Judged twice: on the directory (what a DC enforces) and on what the source cached when its VMMS last
         * started (what the host acts on): a fix the source has not picked up yet still fails, as on a real host.
         */
        private Outcome delegation() {
            DelegationVerdict now = judgeDelegation(source.allowedToDelegateTo(), source.userAccountControl());
            Optional<HostView> cached = cachedView.apply(source.account().dn());
            if (!now.failed() && cached.isPresent() && differs(cached.get())) {
                DelegationVerdict then = judgeDelegation(cached.get().allowedToDelegateTo(),
                        cached.get().userAccountControl());
                if (then.failed()) {
                    return fail(then.code(), then.detail() + ". The directory now allows it, but "
                            + source.account().name() + " still acts on what it cached when its VMMS last started ("
                            + cached.get().asOf() + "): 'vmms restart " + source.account().name() + "' picks the fix "
                            + "up (on a real host: klist -li 0x3e7 purge, or wait up to 15 minutes)");
                }
            }
            if (now.failed()) {
                return fail(now.code(), now.detail());
            }
            return now.warning() ? Outcome.warning(now.detail()) : Outcome.ok(now.detail());
        }

        private Outcome fail(String code, String detail) {
            windows = HyperVMessage.migration(code, request.vm(), source.account().name(), destination.moveName());
            return Outcome.failed(detail);
        }

        /** Whether the cached view's delegation differs from the directory's. */
        private boolean differs(HostView cached) {
            int bits = Ad.UAC_TRUSTED_FOR_DELEGATION | Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION;
            java.util.Set<String> then = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            then.addAll(cached.allowedToDelegateTo());
            java.util.Set<String> now = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            now.addAll(source.allowedToDelegateTo());
            return !then.equals(now) || (cached.userAccountControl() & bits) != (source.userAccountControl() & bits);
        }

        /** What a DC would do with the source's S4U requests, given its delegation list and flags. */
        private DelegationVerdict judgeDelegation(List<String> allowedToDelegateTo, int userAccountControl) {
            String from = source.account().name();
            String to = destination.account().name();
            List<String> needed = new ArrayList<>(List.of(migrationSpn));
            if (request.includeStorage()) {
                needed.add("cifs/" + destination.moveName());
            }
            List<String> missing = needed.stream()
                    .filter(spn -> allowedToDelegateTo.stream().noneMatch(spn::equalsIgnoreCase)).toList();
            if (source.account().sid() != null && destination.rbcdSids().contains(source.account().sid())) {
                return DelegationVerdict.ok(to + "'s resource-based delegation allows " + from);
            }
            if (missing.isEmpty()) {
                boolean protocolTransition = (userAccountControl & Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION) != 0;
                if (!protocolTransition && !request.onSource() && source.needsProtocolTransition()) {
                    return DelegationVerdict.failed(HyperVMessage.NO_CREDENTIALS, from + " delegates with Kerberos "
                            + "only: a move started remotely reaches it through WinRM, which gives it no forwardable "
                            + "ticket of the operator, and without protocol transition it cannot make one (S4U2Self)");
                }
                return DelegationVerdict.ok(from + " may delegate to " + String.join(", ", needed)
                        + (protocolTransition ? " with any authentication protocol"
                        : " with Kerberos only, which a move started on the source itself can use"));
            }
            if ((userAccountControl & Ad.UAC_TRUSTED_FOR_DELEGATION) != 0) {
                return new DelegationVerdict(false, true, null, from + " is trusted for delegation to any service "
                        + "(unconstrained): it works, but whoever controls " + from + " can act as every user who "
                        + "connects to it, anywhere, and Credential Guard (on by default on Windows Server 2025) "
                        + "blocks it; constrained delegation is what migration needs");
            }
            if (allowedToDelegateTo.isEmpty()) {
                return DelegationVerdict.failed(HyperVMessage.NO_CREDENTIALS, from + " is not trusted to delegate at "
                        + "all, so it has no credentials of the operator to authenticate to " + to + " with");
            }
            return DelegationVerdict.failed(HyperVMessage.TARGET_UNKNOWN, from + "'s constrained delegation does not "
                    + "list " + String.join(", ", missing) + ": a DC refuses the S4U2Proxy request "
                    + "(KDC_ERR_BADOPTION)");
        }

        private Outcome encryption() {
            Integer types = destination.encryptionTypes();
            int aes = Ad.ETYPE_AES128 | Ad.ETYPE_AES256;
            if (types != null && (types & aes) == 0) {
                return Outcome.warning(destination.account().name() + " supports no AES (msDS-SupportedEncryptionTypes "
                        + types + "), so a DC encrypts its tickets with RC4 (the lab KDC speaks AES only and issued "
                        + "AES); where RC4 is turned off, the KDC refuses them: KDC_ERR_ETYPE_NOSUPP (14)");
            }
            return Outcome.ok(types == null ? "not set: the KDC's default"
                    : "AES supported (msDS-SupportedEncryptionTypes " + types + ")");
        }

        private String decidedBy() {
            MigrationStep failed = steps.stream().filter(MigrationStep::failed).findFirst().orElse(null);
            if (failed == null) {
                return "the lab KDC issued every ticket asked for, for real; the delegation, the operator's flags and "
                        + "the encryption types were judged by the simulation from the directory's settings";
            }
            return failed.decidedBy().equals(MigrationStep.KDC)
                    ? "the lab KDC decided this failure: it refused the request for real"
                    : "the simulation decided this failure, from the directory's settings: the lab KDC cannot do "
                    + "S4U2Self/S4U2Proxy, so it cannot refuse a delegation itself";
        }
    }

    /** A delegation judged: failed (with the code Windows shows), a warning, or fine; and why. */
    private record DelegationVerdict(boolean failed, boolean warning, String code, String detail) {
        static DelegationVerdict ok(String detail) {
            return new DelegationVerdict(false, false, null, detail);
        }

        static DelegationVerdict failed(String code, String detail) {
            return new DelegationVerdict(true, false, code, detail);
        }
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
