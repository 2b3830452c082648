package kerbshell.cli;

import kerbshell.delegation.DelegationProof;
import kerbshell.kerberos.S4uResult;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

import java.nio.file.Path;

/** ticket s4u: prove a delegation as the host itself would use it, from its keytab. */
@Command(command = "ticket", group = "Kerberos")
public class TicketS4uCommands {
    private final SessionManager sessions;

    TicketS4uCommands(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Example(value = "ticket s4u --as HV01 --keytab hv01.keytab --user alice --to cifs/hv02.corp.example",
            says = "As HV01, asks for a ticket to HV02's cifs in alice's name: issued only if HV01 may delegate "
                    + "alice there.",
            notOnLab = "needs the host's keytab and a KDC with S4U (the lab's has none)")
    @Command(command = "s4u", description = "As a host (from its keytab), ask the KDC for a ticket to a service in a "
            + "user's name (S4U2Self, then S4U2Proxy): issued exactly when the host may delegate that user there.")
    S4uResult s4u(@Option(longNames = "as", label = "HOST", required = true, description = "The host (HV01, HV01$ or "
                          + "HV01$@REALM) whose keytab is given.")
                  @OptionValues(provider = HostNameCompletion.NAME) String as,
                  @Option(longNames = "keytab", label = "FILE",
                          required = true, description = "The host's keytab, with AES keys.")
                  String keytab,
                  @Option(longNames = "user", label = "USER",
                          required = true, description = "The user to act for, e.g. alice.")
                  @OptionValues(provider = NameCompletion.USERS) String user,
                  @Option(longNames = "to", label = "SPN", required = true, description = "The target SPN, e.g. "
                          + "cifs/hv02.corp.example.") String to) {
        return new DelegationProof(sessions.current()).prove(as, Path.of(keytab), user, to);
    }
}
