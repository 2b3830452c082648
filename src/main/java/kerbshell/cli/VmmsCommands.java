package kerbshell.cli;

import kerbshell.hostcontrol.RemoteShell;
import kerbshell.hostcontrol.SshOptions;
import kerbshell.hostcontrol.Via;
import kerbshell.hostcontrol.VmmsRestartRequest;
import kerbshell.hostcontrol.VmmsRestartResult;
import kerbshell.hostcontrol.VmmsService;
import kerbshell.hostcontrol.WinRmOptions;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

import java.nio.file.Path;

/** vmms restart: make a Hyper-V host drop what it cached before a fix. */
@Command(command = "vmms", group = "Host control")
public class VmmsCommands {
    private final SessionManager sessions;
    private final SessionBootstrap bootstrap;
    private final LaunchContext launch;

    VmmsCommands(SessionManager sessions, SessionBootstrap bootstrap, LaunchContext launch) {
        this.sessions = sessions;
        this.bootstrap = bootstrap;
        this.launch = launch;
    }

    @Example(value = "vmms restart HV01",
            says = "Prints the commands that restart vmms on HV01 (on the lab: simulates the restart).")
    @Example(value = "vmms restart HV01 --purge-tickets --via print --shell cmd",
            says = "Prints the Command Prompt commands that purge HV01's computer tickets and restart vmms.")
    @Example(value = "vmms restart hv01.corp.example --via winrm --purge-tickets",
            says = "Runs the purge and restart over WinRM with the session's Kerberos identity.",
            notOnLab = "needs a Windows host with WinRM over HTTPS")
    @Command(command = "restart", description = "Restart the Hyper-V Virtual Machine Management service on a host, "
            + "optionally purging its computer tickets first (klist -li 0x3e7 purge): prints the commands by "
            + "default, runs them over WinRM or SSH, simulates on the lab.")
    VmmsRestartResult restart(@Option(required = true, description = "Host (HV01, HV01$, hv01.corp.example or DN).")
                              @OptionValues(provider = HostNameCompletion.NAME) String host,
                              @Option(longNames = "purge-tickets", description = "First purge the computer's "
                                      + "Kerberos tickets (klist -li 0x3e7 purge), so it asks the KDC afresh.")
                              boolean purgeTickets,
                              @Option(longNames = "via", description = "How to reach the host: print (the default; "
                                      + "prints what to run, changes nothing), winrm, ssh, or lab (the default on "
                                      + "the lab: a simulation).") Via via,
                              @Option(longNames = "shell", defaultValue = "powershell", description = "Write the "
                                      + "restart for powershell (Restart-Service) or cmd (net stop/net start).")
                              RemoteShell shell,
                              @Option(longNames = "address", label = "HOST[:PORT]",
                                      description = "Connect to HOST[:PORT] instead of the "
                                      + "host's dNSHostName (default ports: ssh 22, winrm 5986).") String address,
                              @Option(longNames = "ssh-user", label = "USER",
                                      description = "SSH: the account on the host "
                                      + "(default: the session's user as user@domain).") String sshUser,
                              @Option(longNames = "identity", label = "FILE",
                                      description = "SSH: private key file (default: the "
                                      + "SSH agent, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa).") String identity,
                              @Option(longNames = "known-hosts", label = "FILE",
                                      description = "SSH: known_hosts file to check the "
                                      + "host key against (default ~/.ssh/known_hosts).") String knownHosts,
                              @Option(longNames = "accept-new-host-key", description = "SSH: trust and record the "
                                      + "key of a host known_hosts does not know yet (never a changed key).")
                              boolean acceptNewHostKey,
                              @Option(longNames = "winrm-transport", label = "https",
                                      defaultValue = "https", description = "WinRM: "
                                      + "https (port 5986); http is refused, see docs/hostcontrol.md.")
                              String winrmTransport,
                              @Option(longNames = "winrm-ca-file", label = "FILE",
                                      description = "WinRM: PEM CA certificates to "
                                      + "trust for the listener's certificate (default: the JDK's trust store).")
                              String winrmCaFile) {
        VmmsRestartRequest request = new VmmsRestartRequest(host, via, purgeTickets, shell, address,
                new SshOptions(sshUser, path(identity), path(knownHosts), acceptNewHostKey),
                new WinRmOptions(WinRmOptions.parseHttps(winrmTransport), path(winrmCaFile)));
        return new VmmsService(sessions.current(),
                principal -> bootstrap.passwords(launch.options().passwordFile()).forAccount(principal).get(),
                launch.env()).restart(request);
    }

    private static Path path(String text) {
        return text == null || text.isBlank() ? null : Path.of(text);
    }
}
