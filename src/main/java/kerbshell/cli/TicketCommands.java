package kerbshell.cli;

import kerbshell.kerberos.ServiceTicketResult;
import kerbshell.session.SessionKerberos;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** ticket get: ask the KDC itself for a service ticket, as kvno does. */
@Command(command = "ticket", group = "Kerberos")
class TicketCommands {
    private final SessionKerberos kerberos;

    TicketCommands(SessionKerberos kerberos) {
        this.kerberos = kerberos;
    }

    @Command(command = "get", description = "Ask the KDC for a service ticket to an SPN and report its own answer "
            + "(kvno).")
    ServiceTicketResult get(@Option(required = true, description = "The SPN, e.g. cifs/hv02.corp.example.") String spn,
                            @Option(longNames = "as", description = "Log on as this user instead of the session's.")
                            String as) {
        return kerberos.logOn(as).requestServiceTicket(kerbshell.spn.Spn.parse(spn).toString());
    }
}
