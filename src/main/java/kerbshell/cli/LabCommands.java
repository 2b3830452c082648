package kerbshell.cli;

import kerbshell.directory.AccountResolver;
import kerbshell.directory.ComputerNames;
import kerbshell.directory.DirectorySession;
import kerbshell.spn.Spn;
import kerbshell.spn.SpnService;
import kerbshell.lab.LabDirectory;
import kerbshell.lab.LabDomain;
import kerbshell.output.Message;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;
import kerbshell.session.SessionManager;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** lab start, stop, reset and status: the built-in lab domain. */
@Command(command = "lab", group = "Lab")
public class LabCommands {
    private final SessionManager sessions;
    private final ComputerNames computerNames;
    private final LeavingGuard leaving;
    private final LaunchContext launch;
    private final Console console;

    LabCommands(SessionManager sessions, ComputerNames computerNames, LeavingGuard leaving, LaunchContext launch,
                Console console) {
        this.launch = launch;
        this.console = console;
        this.sessions = sessions;
        this.computerNames = computerNames;
        this.leaving = leaving;
    }

    @Example(value = "lab start",
            says = "Starts the built-in lab domain lab.test if it is not running, and connects to it.")
    @Example(value = "lab start --ldap-port 10389",
            says = "Puts the lab's LDAP on port 10389 for outside tools such as ldapsearch; a running lab moves "
                    + "there with its changes, and the session follows it.",
            notOnLab = "a fixed port may be taken on a shared machine")
    @Command(command = "start", description = "Start the built-in lab domain lab.test (if not running) and connect "
            + "to it; with --ldap-port, move a running lab to that port, keeping its state.")
    LabStatus start(@Option(longNames = "ldap-port", label = "PORT", defaultValue = "0",
            description = "Loopback port for the lab's LDAP, so outside tools can reach it; a running lab moves "
                    + "there, keeping its entries; 0 picks a free one (or keeps the current).")
                    int ldapPort,
                    @Option(longNames = "kdc-port", label = "PORT", defaultValue = "0",
                            description = "Loopback port for the lab's KDC (TCP and UDP), when the lab starts; 0 "
                                    + "picks a free one.")
                    int kdcPort) {
        SessionManager.LabStart started = sessions.startLab(ldapPort, kdcPort);
        LabStatus status = LabStatus.of(sessions.requireLab());
        return started.moved() ? status.moved(started.entriesKept()) : status;
    }

    @Example(value = "lab stop", says = "Stops the lab; its changes are lost.")
    @Command(command = "stop", description = "Stop the lab domain; its changes are lost.")
    Message stop() {
        sessions.stopLab();
        leaving.labReset();
        return new Message("lab stopped; its changes are gone. 'lab start' brings up a fresh one");
    }

    @Example(value = "lab reset", says = "Puts the lab back to its seeded state.")
    @Command(command = "reset", description = "Put the lab domain back to its seeded state.")
    Message reset() {
        String running = TrainingShell.runningScenario(launch);
        sessions.requireLab().reset();
        leaving.labReset();
        computerNames.invalidate();
        TrainingShell.endScenario(launch, console, running);
        return new Message("lab reset to its seeded state: DC1, HV01, HV02, Administrator, operator, alice");
    }

    @Example(value = "lab plant duplicate-spn HOST/hv01.lab.test --on HV02",
            says = "Puts HV01's HOST SPN on HV02 too, as a cloned host leaves it, to practise finding it.")
    @Command(command = "plant duplicate-spn", description = "Put an SPN that one account holds on a second account "
            + "too, as replication collisions and cloned hosts leave them; the lab's own check would refuse it.")
    Message plantDuplicateSpn(@Option(required = true, description = "The SPN, already held by some account.")
                              String spn,
                              @Option(longNames = "on", label = "ACCOUNT",
                                      required = true, description = "The second account.")
                              @OptionValues(provider = HostNameCompletion.NAME) String on) {
        DirectorySession session = labSession();
        String planted = sessions.requireLab().plantDuplicateSpn(new AccountResolver(session).resolve(on),
                Spn.parse(spn), new SpnService(session));
        computerNames.invalidate();
        return new Message(planted);
    }

    @Example(value = "lab plant delegation-target cifs/gone.lab.test --on HV01",
            says = "Makes HV01 delegate to an SPN no account holds, as a deleted host leaves it, to practise "
                    + "removing it.")
    @Command(command = "plant delegation-target", description = "Add an msDS-AllowedToDelegateTo entry to an "
            + "account without any check, as a deleted host or a typo leaves one (a ghost target when no account "
            + "holds the SPN).")
    Message plantDelegationTarget(@Option(required = true, description = "The SPN to delegate to.") String spn,
                                  @Option(longNames = "on", label = "ACCOUNT", required = true,
                                          description = "The account that delegates.")
                                  @OptionValues(provider = HostNameCompletion.NAME) String on) {
        DirectorySession session = labSession();
        return new Message(sessions.requireLab().plantDelegationTarget(new AccountResolver(session).resolve(on),
                Spn.parse(spn)));
    }

    @Example(value = "lab plant rebuilt-host HV02 --old-name HV02-OLD",
            says = "Rebuilds HV02 under a new account while the old one, renamed HV02-OLD, keeps its Hyper-V SPNs.")
    @Command(command = "plant rebuilt-host", description = "Rebuild a host under a new computer account while its "
            + "old account, renamed, keeps its Hyper-V SPNs, as a reinstall and rejoin leaves it.")
    Message plantRebuiltHost(@Option(required = true, description = "The host that was rebuilt.")
                             @OptionValues(provider = HostNameCompletion.NAME) String host,
                             @Option(longNames = "old-name", required = true, description = "The old account's new "
                                     + "name, e.g. HV02-OLD.") String oldName,
                             @Option(longNames = "os", defaultValue = "Windows Server 2019 Datacenter",
                                     description = "The rebuilt host's operatingSystem.") String os,
                             @Option(longNames = "os-version", defaultValue = "10.0 (17763)",
                                     description = "The rebuilt host's operatingSystemVersion.") String osVersion) {
        DirectorySession session = labSession();
        String planted = sessions.requireLab().plantRebuiltHost(new AccountResolver(session).resolveComputer(host),
                oldName, os, osVersion);
        computerNames.invalidate();
        return new Message(planted);
    }

    @Example(value = "lab plant computer FS01", says = "Adds a file server FS01 to the lab.")
    @Example(value = "lab plant computer HV09 --hyperv", says = "Adds another Hyper-V host, with its Hyper-V SPNs.")
    @Command(command = "plant computer", description = "Add a computer account to the lab (a file server, a "
            + "Windows Admin Center gateway, a Replica Broker, another Hyper-V host), joined as Windows Server 2022.")
    Message plantComputer(@Option(required = true, description = "The computer's name (FS01).") String name,
                          @Option(longNames = "hyperv", description = "Also register the Hyper-V SPNs (a Hyper-V "
                                  + "host).") boolean hyperV) {
        labSession();
        String planted = sessions.requireLab().plantComputer(name, hyperV);
        computerNames.invalidate();
        return new Message(planted);
    }

    @Example(value = "lab plant os HV01 --os \"Windows Server 2016 Datacenter\" --os-version \"10.0 (14393)\"",
            says = "Makes HV01 a Windows Server 2016 host, as an install leaves it.")
    @Command(command = "plant os", description = "Set a host's operatingSystem and operatingSystemVersion, as an "
            + "install leaves them.")
    Message plantOs(@Option(required = true, description = "The host.")
                    @OptionValues(provider = HostNameCompletion.NAME) String host,
                    @Option(longNames = "os", required = true, description = "operatingSystem, e.g. \"Windows Server "
                            + "2016 Datacenter\".") String os,
                    @Option(longNames = "os-version", required = true, description = "operatingSystemVersion, e.g. "
                            + "\"10.0 (14393)\".") String osVersion) {
        DirectorySession session = labSession();
        return new Message(sessions.requireLab().plantOperatingSystem(
                new AccountResolver(session).resolveComputer(host), os, osVersion));
    }

    private DirectorySession labSession() {
        DirectorySession session = sessions.current();
        session.environment().requireLab("lab plant");
        return session;
    }

    @Example(value = "lab status",
            says = "Shows where the lab's LDAP and KDC listen, with ldapsearch and kinit lines to reach them.")
    @Command(command = "status", description = "Show where the lab's LDAP and KDC listen, and how to reach them.")
    LabStatus status() {
        return LabStatus.of(sessions.requireLab());
    }

    /** Where the lab listens and how outside tools reach it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LabStatus(String domain, String realm, String ldapUrl, String kdc, String krb5Conf,
                     String administrator, String administratorPassword, Integer entriesKept) implements Renderable {
        static LabStatus of(LabDomain lab) {
            return new LabStatus(LabDirectory.DOMAIN, LabDirectory.REALM, "ldap://127.0.0.1:" + lab.ldapPort(),
                    lab.kdcAddress(), lab.krb5Conf().toString(), LabDirectory.ADMIN_USER + "@" + LabDirectory.DOMAIN,
                    LabDirectory.ADMIN_PASSWORD, null);
        }

        /** The same, for a lab that just moved to its LDAP URL keeping {@code entries} entries. */
        LabStatus moved(int entries) {
            return new LabStatus(domain, realm, ldapUrl, kdc, krb5Conf, administrator, administratorPassword,
                    entries);
        }

        @Override
        public void renderText(TextOut out) {
            if (entriesKept != null) {
                out.line("lab moved: " + ldapUrl + ", " + entriesKept + " entries kept");
            }
            out.field("lab domain", domain + " (realm " + realm + ")", 14)
                    .field("LDAP", ldapUrl, 14)
                    .field("KDC", kdc + " (realm " + realm + ")", 14)
                    .field("krb5.conf", krb5Conf, 14)
                    .field("administrator", administrator + " / " + administratorPassword + " (lab only)", 14)
                    .line("e.g.  ldapsearch -x -H " + ldapUrl + " -D " + administrator + " -w '"
                            + administratorPassword + "' -b DC=lab,DC=test '(objectClass=computer)' dNSHostName")
                    .line("      KRB5_CONFIG=" + krb5Conf + " kinit Administrator@" + realm);
        }
    }
}
