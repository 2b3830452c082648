package kerbshell.kerberos;

import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/**
 * A user's service ticket to a host, kept whole as the host would receive it in an AP-REQ, so that the host can
 * present it to the KDC as the evidence of an S4U2Proxy request: constrained delegation without protocol
 * transition ("Kerberos only"). The client cannot read the ticket, which is sealed with the host's key; what it
 * knows of it, the forwardable flag above all, is what the KDC told it ({@link #answer()}).
 *
 * <p>Immutable; holds no key (the session key stays with the KDC's answer to the client, which is not kept).
 */
public final class HeldServiceTicket {
    private final String client;
    private final ServiceTicketResult answer;
    private final Ticket ticket;

    HeldServiceTicket(String client, ServiceTicketResult answer, Ticket ticket) {
        this.client = client;
        this.answer = answer;
        this.ticket = ticket;
    }

    /** The user who asked for it, e.g. {@code operator@CORP.EXAMPLE}. */
    public String client() {
        return client;
    }

    /** The KDC's answer to the user's request: the ticket's client, server and flags, or the refusal. */
    public ServiceTicketResult answer() {
        return answer;
    }

    public boolean issued() {
        return answer.issued();
    }

    /** The ticket as the host receives it; null when the KDC refused it. */
    Ticket ticket() {
        return ticket;
    }
}
