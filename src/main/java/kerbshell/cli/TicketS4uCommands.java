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
class TicketS4uCommands {
    private final SessionManager sessions;

    TicketS4uCommands(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Command(command = "s4u", description = "As a host (from its keytab), ask the KDC for a ticket to a service in a "
            + "user's name (S4U2Self, then S4U2Proxy): issued exactly when the host may delegate that user there.")
    S4uResult s4u(@Option(longNames = "as", required = true, description = "The host (HV01, HV01$ or "
                          + "HV01$@REALM) whose keytab is given.")
                  @OptionValues(provider = HostNameCompletion.NAME) String as,
                  @Option(longNames = "keytab", required = true, description = "The host's keytab, with AES keys.")
                  String keytab,
                  @Option(longNames = "user", required = true, description = "The user to act for, e.g. alice.")
                  String user,
                  @Option(longNames = "to", required = true, description = "The target SPN, e.g. "
                          + "cifs/hv02.corp.example.") String to) {
        return new DelegationProof(sessions.current()).prove(as, Path.of(keytab), user, to);
    }
}
