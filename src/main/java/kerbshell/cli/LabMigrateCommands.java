package kerbshell.cli;

import kerbshell.session.SessionKerberos;
import kerbshell.session.SessionManager;
import kerbshell.lab.LabMigration;
import kerbshell.lab.MigrationReport;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** lab migrate: what Hyper-V would say about a live migration between two lab hosts. */
@Command(group = "Lab")
public class LabMigrateCommands {
    private final SessionManager sessions;
    private final SessionKerberos kerberos;

    LabMigrateCommands(SessionManager sessions, SessionKerberos kerberos) {
        this.sessions = sessions;
        this.kerberos = kerberos;
    }

    @Example(value = "lab migrate HV01 HV02",
            says = "Simulates the Kerberos side of moving VM1 from HV01 to HV02, step by step.")
    @Example(value = "lab migrate HV02 HV01 --as alice --on-source",
            says = "Moves back, started on the source host by alice.")
    @Command(command = "lab migrate", description = "Simulate the Kerberos side of a live migration on the lab: the "
            + "KDC answers the ticket requests for real, the simulation judges the delegation; prints what Hyper-V "
            + "would say.")
    MigrationReport migrate(@Option(required = true, description = "The source host.")
                            @OptionValues(provider = HostNameCompletion.NAME) String source,
                            @Option(required = true, description = "The destination host.")
                            @OptionValues(provider = HostNameCompletion.NAME) String destination,
                            @Option(longNames = "as", label = "USER",
                                    description = "The account that starts the move (default: the "
                                    + "session's).") String as,
                            @Option(longNames = "vm", label = "VM",
                                    defaultValue = "VM1", description = "The virtual machine's "
                                    + "name, for the messages.") String vm,
                            @Option(longNames = "on-source", description = "The move is started on the source host "
                                    + "itself, not from another machine.") boolean onSource,
                            @Option(longNames = "include-storage", description = "A storage move too (Move-VM "
                                    + "-IncludeStorage): the destination's cifs service as well.")
                            boolean includeStorage) {
        LabMigration migration = new LabMigration(TrainingShell.requireLab(sessions, "lab migrate"), kerberos::logOn,
                dn -> sessions.requireLab().cachedView(dn));
        return migration.simulate(new LabMigration.Request(source, destination, as, vm, onSource, includeStorage));
    }
}
