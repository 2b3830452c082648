package kerbshell.kerberos;

import java.time.Instant;
import java.util.List;

/**
 * What a client can see of a service ticket the KDC issued (the ticket itself is sealed with the service's key).
 *
 * @param clientPrincipal       who the ticket is for
 * @param serverPrincipal       the service principal as the KDC wrote it into the ticket
 * @param ticketEncryptionType  the type of the service key the ticket is sealed with (what kvno reports)
 * @param keyVersion            the version number of that service key
 * @param sessionKeyType        the type of the session key shared with the service
 * @param endTime               when the ticket expires
 * @param flags                 the ticket flags by their RFC 4120 names, lower case ("forwardable", "renewable",
 *                              "pre-authent", "ok-as-delegate", ...)
 */
public record IssuedTicket(String clientPrincipal, String serverPrincipal, String ticketEncryptionType,
                           int keyVersion, String sessionKeyType, Instant endTime, List<String> flags) {

    public IssuedTicket {
        flags = List.copyOf(flags);
    }

    public boolean forwardable() {
        return flags.contains("forwardable");
    }

    /** ok-as-delegate: the KDC marks the service as trusted for (unconstrained) delegation. */
    public boolean okAsDelegate() {
        return flags.contains("ok-as-delegate");
    }
}
