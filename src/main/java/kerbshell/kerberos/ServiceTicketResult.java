package kerbshell.kerberos;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

/**
 * The KDC's answer to one service-ticket request: issued, with the ticket's details, or refused with the KDC's
 * error code, its RFC 4120 name and what it means.
 *
 * @param spn         the SPN as it was asked for
 * @param issued      whether the KDC issued a ticket
 * @param errorCode   the KDC's error code when refused (7 for KDC_ERR_S_PRINCIPAL_UNKNOWN), null when issued
 * @param errorName   the code's name when refused, null when issued
 * @param explanation one plain sentence on what the refusal means, null when issued
 * @param ntStatus    the NTSTATUS of the KRB-ERROR's e-data when the KDC sent one (AD does for many refusals), else
 *                    null
 * @param ticket      the ticket's details when issued, null when refused
 */
public record ServiceTicketResult(String spn, boolean issued, Integer errorCode, String errorName,
                                  String explanation, String ntStatus, IssuedTicket ticket) implements Renderable {

    @Override
    public ExitStatus exitStatus() {
        return issued ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

    @Override
    public void renderText(TextOut out) {
        if (issued) {
            out.line(spn + ": ticket issued by the KDC to " + ticket.clientPrincipal() + " (" + ticket.serverPrincipal()
                    + ", ticket " + ticket.ticketEncryptionType() + " kvno " + ticket.keyVersion() + ", session key "
                    + ticket.sessionKeyType() + ", valid until " + ticket.endTime() + ", flags "
                    + String.join(",", ticket.flags()) + ")");
        } else {
            out.line(spn + ": refused by the KDC: " + errorCode + " " + errorName
                    + (ntStatus == null ? "" : " (NTSTATUS " + ntStatus + ", `explain " + ntStatus + "`)") + ": "
                    + explanation);
        }
    }

    static ServiceTicketResult issued(String spn, IssuedTicket ticket) {
        return new ServiceTicketResult(spn, true, null, null, null, null, ticket);
    }

    static ServiceTicketResult refused(String spn, int errorCode, String errorName, String explanation,
                                       String ntStatus) {
        return new ServiceTicketResult(spn, false, errorCode, errorName, explanation, ntStatus, null);
    }
}
