package kerbshell.cli;

import kerbshell.output.Progress;
import kerbshell.session.SessionManager;
import kerbshell.spn.DuplicateScanner;
import kerbshell.spn.DuplicateSpns;
import kerbshell.spn.HyperVSpnReport;
import kerbshell.spn.SpnChangeReport;
import kerbshell.spn.SpnListing;
import kerbshell.spn.SpnMatches;
import kerbshell.spn.SpnService;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

import java.util.List;

/** spn list, add, remove, find, duplicates, hyperv: setspn's reach with setspn -S's checks. */
@Command(command = "spn", group = "SPN")
class SpnCommands {
    private static final String HOST = "Host (HV01, HV01$, hv01.corp.example or DN).";

    private final SessionManager sessions;
    private final ShellNotes notes;

    SpnCommands(SessionManager sessions, ShellNotes notes) {
        this.sessions = sessions;
        this.notes = notes;
    }

    @Command(command = "list", description = "List an account's SPNs grouped by service class (setspn -L).")
    SpnListing list(@Option(required = true, description = HOST)
                    @OptionValues(provider = HostNameCompletion.NAME) String host) {
        return service().list(host);
    }

    @Command(command = "add", description = "Add SPNs to an account after checking the whole forest that no other "
            + "account holds them (setspn -S).")
    SpnChangeReport add(@Option(required = true, description = HOST)
                        @OptionValues(provider = HostNameCompletion.NAME) String host,
                        @Option(required = true, arityMax = 64, description = "SPNs, serviceclass/host[:port][/name]; "
                                + "quote those with spaces.") List<String> spn,
                        @Option(longNames = "dry-run", description = "Print the exact LDAP change; write nothing.")
                        boolean dryRun,
                        @Option(longNames = "force", description = "Add an SPN even when its host part is another "
                                + "computer's DNS or NetBIOS name.") boolean force) {
        SpnChangeReport report = service().add(host, spn, dryRun, force);
        notes.afterSpnChange(report);
        return report;
    }

    @Command(command = "remove", description = "Remove exactly these SPNs from an account (setspn -D).")
    SpnChangeReport remove(@Option(required = true, description = HOST)
                           @OptionValues(provider = HostNameCompletion.NAME) String host,
                           @Option(required = true, arityMax = 64, description = "SPNs to remove.") List<String> spn,
                           @Option(longNames = "dry-run", description = "Print the exact LDAP change; write nothing.")
                           boolean dryRun) {
        SpnChangeReport report = service().remove(host, spn, dryRun);
        notes.afterSpnChange(report);
        return report;
    }

    @Command(command = "find", description = "Find which accounts in the forest hold SPNs matching a pattern with * "
            + "wildcards (setspn -Q).")
    SpnMatches find(@Option(required = true, description = "Pattern, e.g. \"*/hv01*\" or \"cifs/*\".") String pattern,
                    @Option(longNames = "held-by", description = "Exit 1 unless this account alone holds every "
                            + "match (for a recipe's verify step).") String heldBy) {
        return service().find(pattern, heldBy);
    }

    @Command(command = "duplicates", description = "List every SPN held by more than one account in the forest "
            + "(setspn -X), and every one shadowing another host's HOST/ SPN through sPNMappings, with the rightful "
            + "holder and the fix.")
    DuplicateSpns duplicates(@Option(longNames = "service-class", description = "Only SPNs of this service class.")
                             String serviceClass) {
        Progress progress = notes.progress("accounts scanned");
        return new DuplicateScanner(sessions.current()).scan(serviceClass, progress);
    }

    @Command(command = "hyperv", description = "Show the six Hyper-V SPNs of a host (present, missing, held "
            + "elsewhere); --add adds the missing ones.")
    HyperVSpnReport hyperv(@Option(required = true, description = HOST)
                           @OptionValues(provider = HostNameCompletion.NAME) String host,
                           @Option(longNames = "add", description = "Add the missing SPNs, with the checks of spn add.")
                           boolean add,
                           @Option(longNames = "dry-run", description = "With --add: print the change; write nothing.")
                           boolean dryRun) {
        HyperVSpnReport report = service().hyperv(host, add, dryRun);
        if (report.added() != null) {
            notes.afterSpnChange(report.added());
        }
        return report;
    }

    private SpnService service() {
        return new SpnService(sessions.current());
    }
}
