package kerbshell.cli;

import kerbshell.diagnosis.HyperVSpnReport;
import kerbshell.diagnosis.HyperVSpnService;
import kerbshell.directory.DirectorySession;
import kerbshell.session.SessionManager;
import kerbshell.spn.DuplicateScanner;
import kerbshell.spn.DuplicateSpns;
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
public class SpnCommands {
    private static final String HOST = "Host (HV01, HV01$, hv01.corp.example or DN).";

    private final SessionManager sessions;
    private final ShellNotes notes;

    SpnCommands(SessionManager sessions, ShellNotes notes) {
        this.sessions = sessions;
        this.notes = notes;
    }

    @Example(value = "spn list HV01", says = "Lists HV01's SPNs grouped by service class, as setspn -L HV01 does.")
    @Example(value = "spn list hv02.lab.test --json", says = "Lists HV02's SPNs, found by its DNS name, as JSON.")
    @Command(command = "list", description = "List an account's SPNs grouped by service class (setspn -L).")
    SpnListing list(@Option(required = true, description = HOST)
                    @OptionValues(provider = HostNameCompletion.NAME) String host) {
        return service().list(host);
    }

    @Example(value = "spn add HV01 http/web.lab.test --dry-run",
            says = "Shows the LDAP change that would add the SPN, after checking no other account holds it; "
                    + "writes nothing.")
    @Example(value = "spn add HV01 \"Microsoft Virtual System Migration Service/hv01.lab.test\"",
            says = "Adds the live-migration SPN to HV01, quoted because it has spaces.")
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

    @Example(value = "spn remove HV01 http/web.lab.test",
            says = "Removes exactly that SPN from HV01.", after = "spn add HV01 http/web.lab.test")
    @Example(value = "spn remove HV01 http/web.lab.test --dry-run",
            says = "Shows the change that would remove it; writes nothing.", after = "spn add HV01 http/web.lab.test")
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

    @Example(value = "spn find \"*/hv01*\"",
            says = "Finds every account holding an SPN for host hv01, in any service class (setspn -Q).")
    @Example(value = "spn find \"cifs/*\" --held-by HV02",
            says = "Exits 1 unless HV02 alone holds every cifs SPN it finds.")
    @Command(command = "find", description = "Find which accounts in the forest hold SPNs matching a pattern with * "
            + "wildcards (setspn -Q).")
    SpnMatches find(@Option(required = true, description = "Pattern, e.g. \"*/hv01*\" or \"cifs/*\".") String pattern,
                    @Option(longNames = "held-by", label = "ACCOUNT",
                            description = "Exit 1 unless this account alone holds every "
                            + "match (for a recipe's verify step).") String heldBy) {
        return service().find(pattern, heldBy);
    }

    @Example(value = "spn duplicates",
            says = "Lists every SPN held by more than one account in the forest (setspn -X).")
    @Example(value = "spn duplicates --service-class cifs", says = "Looks at cifs SPNs only.")
    @Command(command = "duplicates", description = "List every SPN held by more than one account in the forest "
            + "(setspn -X), and every one shadowing another host's HOST/ SPN through sPNMappings, with the rightful "
            + "holder and the fix.")
    DuplicateSpns duplicates(@Option(longNames = "service-class", label = "CLASS",
            description = "Only SPNs of this service class.")
                             String serviceClass) {
        return duplicates(sessions.current(), serviceClass, notes);
    }

    /** The forest-wide scan, with progress for a person at the terminal; also run without the shell. */
    static DuplicateSpns duplicates(DirectorySession session, String serviceClass, ShellNotes notes) {
        return new DuplicateScanner(session).scan(serviceClass, notes.progress("accounts scanned"));
    }

    @Example(value = "spn hyperv HV01",
            says = "Shows each SPN a move to HV01 needs with check host's verdict: present, missing, held by another "
                    + "account, shadowed, duplicated or covered by HOST/.")
    @Example(value = "spn hyperv HV01 --add --dry-run",
            says = "Shows the change that would add the missing ones; writes nothing.")
    @Command(command = "hyperv", description = "Show the SPNs a move to a host needs (the six Hyper-V SPNs, HOST/ "
            + "and cifs/), each with check host's verdict; --add adds the missing Hyper-V ones.")
    HyperVSpnReport hyperv(@Option(required = true, description = HOST)
                           @OptionValues(provider = HostNameCompletion.NAME) String host,
                           @Option(longNames = "add", description = "Add the missing SPNs, with the checks of spn add.")
                           boolean add,
                           @Option(longNames = "dry-run", description = "With --add: print the change; write nothing.")
                           boolean dryRun) {
        HyperVSpnReport report = new HyperVSpnService(sessions.current()).hyperv(host, add, dryRun);
        if (report.added() != null) {
            notes.afterSpnChange(report.added());
        }
        return report;
    }

    private SpnService service() {
        return new SpnService(sessions.current());
    }
}
