package kerbshell.hostcontrol;

import kerbshell.lab.HostView;
import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectorySession;
import kerbshell.error.KerbshellException;
import kerbshell.lab.LabDirectory;
import kerbshell.lab.LabDomain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Restarts the Hyper-V Virtual Machine Management service on a host, optionally purging the computer's Kerberos
 * tickets first, so that it stops acting on SPNs, delegation and tickets it cached before a fix: by printing the
 * commands for an administrator, over OpenSSH, over WinRM, or on the lab by refreshing the host's cached view.
 */
public final class VmmsService {
    private final DirectorySession session;
    private final LabDomain lab;
    private final Function<String, char[]> passwordFor;
    private final Map<String, String> env;

    /**
     * @param passwordFor the password of a principal from kerbshell's password sources, for a WinRM logon on a
     *                    session without keytab or ticket cache
     * @param env         the environment (SSH_AUTH_SOCK)
     */
    public VmmsService(DirectorySession session, Function<String, char[]> passwordFor, Map<String, String> env) {
        this.session = session;
        // The lab's hosts are simulated: their restart refreshes a cached view, and is the default route there.
        this.lab = session.environment().simulation(LabDomain.class).orElse(null);
        this.passwordFor = passwordFor;
        this.env = env;
    }

    public VmmsRestartResult restart(VmmsRestartRequest request) {
        Via via = request.via() != null ? request.via() : lab != null ? Via.LAB : Via.PRINT;
        if (via == Via.LAB && lab == null) {
            throw KerbshellException.usage("--via lab simulates the restart on the built-in lab only; on "
                    + session.settings().domain() + " use --via print, ssh or winrm");
        }
        Account host = new AccountResolver(session).resolveComputer(request.host());
        RemoteShell shell = request.shell() == null ? RemoteShell.POWERSHELL : request.shell();
        return switch (via) {
            case LAB -> simulate(host, request.purgeTickets(), shell);
            case PRINT -> print(host, request.purgeTickets(), shell);
            case SSH -> overSsh(host, request, shell);
            case WINRM -> overWinRm(host, request, shell);
        };
    }

    private VmmsRestartResult print(Account host, boolean purge, RemoteShell shell) {
        List<CommandRun> commands = VmmsCommandSet.interactive(purge, shell).stream().map(CommandRun::printed).toList();
        return new VmmsRestartResult(host.name(), host.dn(), host.dnsHostName(), Via.PRINT.word(), nameOf(host),
                shell.word(), purge, false, commands, null, null, "printed; nothing was run");
    }

    private VmmsRestartResult simulate(Account host, boolean purge, RemoteShell shell) {
        HostView before = lab.cachedView(host.dn()).orElse(null);
        HostView after = lab.restartHost(host.dn());
        List<String> pickedUp = before == null ? List.of("(the host had no cached view: it joined after the lab "
                + "started)") : after.changesSince(before);
        List<CommandRun> commands = VmmsCommandSet.interactive(purge, shell).stream().map(CommandRun::simulated)
                .toList();
        return new VmmsRestartResult(host.name(), host.dn(), host.dnsHostName(), Via.LAB.word(), nameOf(host),
                shell.word(), purge, true, commands, after, pickedUp, "simulated: " + host.name()
                + "'s cached view of its SPNs and delegation now matches the directory");
    }

    private VmmsRestartResult overSsh(Account host, VmmsRestartRequest request, RemoteShell shell) {
        SshOptions given = request.ssh() == null ? new SshOptions(null, null, null, false) : request.ssh();
        SshOptions options = new SshOptions(given.user() != null ? given.user() : defaultUser(), given.identity(),
                given.knownHosts(), given.acceptNewHostKey());
        SshTransport ssh = new SshTransport(address(host, request.address(), 22), options, env);
        List<CommandRun> runs = ssh.run(VmmsCommandSet.remote(request.purgeTickets(), shell));
        return ran(host, Via.SSH, ssh.describe(), shell, request.purgeTickets(), runs);
    }

    private VmmsRestartResult overWinRm(Account host, VmmsRestartRequest request, RemoteShell shell) {
        WinRmOptions options = request.winrm() == null ? new WinRmOptions(true, null) : request.winrm();
        if (host.dnsHostName() == null) {
            throw KerbshellException.failure(host.samAccountName() + " has no dNSHostName, so its WinRM service "
                    + "principal HTTP/<name> is unknown: set the host's DNS name, or use --via ssh or print");
        }
        KerberosIdentity identity = identity();
        WinRmTransport winrm = new WinRmTransport(
                address(host, request.address(), options.https() ? WinRmTransport.HTTPS_PORT : WinRmTransport.HTTP_PORT),
                host.dnsHostName(), options, identity.principal(), identity::logOn);
        List<CommandRun> runs = winrm.run(VmmsCommandSet.remote(request.purgeTickets(), shell));
        return ran(host, Via.WINRM, winrm.describe(), shell, request.purgeTickets(), runs);
    }

    private static VmmsRestartResult ran(Account host, Via via, String target, RemoteShell shell, boolean purge,
                                         List<CommandRun> runs) {
        Optional<CommandRun> failed = runs.stream().filter(CommandRun::failed).findFirst();
        String summary = failed.map(run -> "failed: '" + run.command() + "' exited with " + run.exitStatus()
                        + (run == runs.get(runs.size() - 1) ? "" : "; the commands after it were not run")
                        + "; vmms was not restarted cleanly on " + host.name())
                .orElse("vmms restarted on " + host.name() + (purge ? " and its computer tickets purged" : "")
                        + "; it registers its SPNs and gets new tickets as it needs them");
        return new VmmsRestartResult(host.name(), host.dn(), host.dnsHostName(), via.word(), target, shell.word(),
                purge, false, runs, null, null, summary);
    }

    private static RemoteAddress address(Account host, String override, int defaultPort) {
        if (override != null) {
            return RemoteAddress.parse(override, defaultPort);
        }
        if (host.dnsHostName() == null) {
            throw KerbshellException.failure(host.samAccountName() + " has no dNSHostName to connect to: give "
                    + "--address HOST[:PORT]");
        }
        return new RemoteAddress(host.dnsHostName(), defaultPort);
    }

    private static String nameOf(Account host) {
        return host.dnsHostName() != null ? host.dnsHostName() : host.name();
    }

    /** The session's user as Windows OpenSSH takes a domain account: user@domain. */
    private String defaultUser() {
        String user = session.settings().user();
        if (user.contains("@") || user.contains("\\") || user.contains("=")) {
            return user.contains("=") ? new AccountResolver(session).resolve(user).samAccountName() + "@"
                    + session.settings().domain() : user;
        }
        return user + "@" + session.settings().domain();
    }

    /** The session's own Kerberos identity: on the lab its user with its lab password, elsewhere its credentials. */
    private KerberosIdentity identity() {
        ConnectionSettings settings = session.settings();
        if (lab != null) {
            Account user = new AccountResolver(session).resolve(settings.user());
            String secret = lab.directory().secretOf(user.dn());
            if (secret == null) {
                throw KerbshellException.failure(user.samAccountName() + " has no password in the lab, so it has no "
                        + "keys and cannot log on");
            }
            return new KerberosIdentity(user.samAccountName() + "@" + LabDirectory.REALM, LabDirectory.REALM,
                    "127.0.0.1", lab.kdc().port(), null, null, secret::toCharArray);
        }
        String principal = settings.principal();
        return new KerberosIdentity(principal, settings.realm(), settings.kdcHost(), settings.kdcPort(),
                settings.keytab(), settings.ccache(), () -> passwordFor.apply(principal));
    }
}
