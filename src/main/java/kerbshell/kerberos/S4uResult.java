package kerbshell.kerberos;

import kerbshell.error.ExitStatus;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;

import java.time.Instant;
import java.util.List;

/**
 * The KDC's answer when a host asks, with its own key, for a ticket to a service in a user's name: S4U2Self (a
 * ticket to itself for the user, protocol transition) then S4U2Proxy (that ticket exchanged for one to the target);
 * or, without protocol transition, S4U2Proxy with the user's own service ticket to the host as the evidence.
 *
 * @param granted             whether the KDC issued the ticket to the target in the user's name
 * @param stage               where it stopped: "S4U2Self", "service ticket" (the user's own ticket to the host, the
 *                            evidence without protocol transition) or "S4U2Proxy"; null when granted
 * @param errorCode           the KDC's error code (13 KDC_ERR_BADOPTION, ...) when it refused, else null
 * @param kdcMessage          the refusal as the KDC worded it: the code's RFC 4120 text, and its e-text if any
 * @param ntStatus            the NTSTATUS in the KRB-ERROR's e-data (0xC0000272, ...), null when the KDC sent none
 *                            (Samba 4.22 sends none for S4U refusals; Windows does)
 * @param evidence            what S4U2Proxy presented: "S4U2Self" (the host's ticket to itself in the user's name),
 *                            or the server principal of the user's own service ticket (Kerberos only)
 * @param evidenceForwardable whether that evidence ticket was forwardable; null when there was none
 * @param explanation         what the refusal means for delegation and its fix, in one sentence
 * @param explainCode         the code {@code explain} knows more about (the NTSTATUS, else the Kerberos error)
 * @param ticket              the ticket issued, when granted
 */
public record S4uResult(String host, String user, String spn, boolean granted, String stage, Integer errorCode,
                        String kdcMessage, String ntStatus, String evidence, Boolean evidenceForwardable,
                        String explanation, String explainCode, Ticket ticket) implements Renderable {

    /** The evidence value of protocol transition. */
    public static final String S4U2SELF = "S4U2Self";

    /** What the client can see of the ticket the KDC issued to the target in the user's name. */
    public record Ticket(String client, String server, String ticketEncryptionType, String sessionKeyType,
                         Instant endTime, List<String> flags) {
    }

    @Override
    public ExitStatus exitStatus() {
        return granted ? ExitStatus.OK : ExitStatus.PROBLEM;
    }

    @Override
    public void renderText(TextOut out) {
        if (granted) {
            out.line("delegation works: the KDC issued " + host + " a ticket to " + ticket.server() + " in the name of "
                    + ticket.client() + " (" + (S4U2SELF.equals(evidence) ? "S4U2Self, then S4U2Proxy"
                    : "S4U2Proxy with the user's own ticket to " + evidence + ", no protocol transition")
                    + "; ticket " + ticket.ticketEncryptionType()
                    + ", session key " + ticket.sessionKeyType() + ", valid until " + ticket.endTime() + ", flags "
                    + String.join(",", ticket.flags()) + ")");
        } else {
            out.line("delegation refused at " + stage + ": " + kdcMessage
                    + (ntStatus == null ? "" : ", NTSTATUS " + ntStatus));
            out.line(explanation);
            if (explainCode != null) {
                out.line("more: explain " + explainCode);
            }
        }
    }
}
