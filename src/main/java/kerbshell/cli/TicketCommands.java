package kerbshell.cli;

import kerbshell.kerberos.ServiceTicketResult;
import kerbshell.session.SessionKerberos;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** ticket get: ask the KDC itself for a service ticket, as kvno does. */
@Command(command = "ticket", group = "Kerberos")
public class TicketCommands {
    private final SessionKerberos kerberos;

    TicketCommands(SessionKerberos kerberos) {
        this.kerberos = kerberos;
    }

    @Example(value = "ticket get cifs/hv02.lab.test",
            says = "Asks the KDC for a ticket to HV02's cifs service as the session's user, and reports its answer.")
    @Example(value = "ticket get http/nowhere.lab.test",
            says = "Shows what the KDC says for an SPN nobody holds (KDC_ERR_S_PRINCIPAL_UNKNOWN).")
    @Command(command = "get", description = "Ask the KDC for a service ticket to an SPN and report its own answer "
            + "(kvno).")
    ServiceTicketResult get(@Option(required = true, description = "The SPN, e.g. cifs/hv02.corp.example.") String spn,
                            @Option(longNames = "as", label = "USER",
                                    description = "Log on as this user instead of the session's.")
                            String as) {
        return kerberos.logOn(as).requestServiceTicket(kerbshell.spn.Spn.parse(spn).toString());
    }
}
