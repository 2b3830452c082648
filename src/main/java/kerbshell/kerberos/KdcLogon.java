package kerbshell.kerberos;

import kerbshell.error.KerbshellException;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.EncKdcRepPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.apache.kerby.kerberos.kerb.type.ticket.TgtTicket;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlags;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A client logged on to a KDC: holds its ticket-granting ticket and asks for service tickets with it, one TGS
 * request ({@link TgsExchange}) per ticket, each on a connection of its own.
 */
public final class KdcLogon {
    private final KdcEndpoint kdc;
    private final TgtTicket tgt;
    private final String clientPrincipal;

    KdcLogon(KdcEndpoint kdc, TgtTicket tgt, String clientPrincipal) {
        this.kdc = kdc;
        this.tgt = tgt;
        this.clientPrincipal = clientPrincipal;
    }

    public String clientPrincipal() {
        return clientPrincipal;
    }

    /** The ticket-granting ticket, for the hand-made S4U requests of {@link TgsExchange}. */
    TgtTicket tgt() {
        return tgt;
    }

    KdcEndpoint kdc() {
        return kdc;
    }

    public Instant tgtEndTime() {
        return Instant.ofEpochMilli(tgt.getEncKdcRepPart().getEndTime().getTime());
    }

    /** The KDC's answer to a TGS request for the SPN; the realm defaults to the KDC's. */
    public ServiceTicketResult requestServiceTicket(String spn) {
        return holdServiceTicket(spn).answer();
    }

    /**
     * A service ticket to the SPN kept whole, for the service to present as S4U2Proxy evidence
     * ({@link S4uProof#proveWithTicket}); forwardable when this client's ticket-granting ticket is.
     */
    public HeldServiceTicket holdServiceTicket(String spn) {
        if (spn == null || spn.isBlank()) {
            throw KerbshellException.usage("an SPN is needed, such as HOST/hv01." + kdc.realm().toLowerCase(Locale.ROOT));
        }
        // An SPN never contains '@' except before a realm.
        int at = spn.lastIndexOf('@');
        try {
            TgsExchange.Answer answer = at >= 0
                    ? new TgsExchange(this).serviceTicket(spn.substring(0, at), spn.substring(at + 1))
                    : new TgsExchange(this).serviceTicket(spn, kdc.realm());
            if (answer.issued()) {
                return new HeldServiceTicket(clientPrincipal, ServiceTicketResult.issued(spn, details(answer)), answer.ticket());
            }
            KrbErrorCode code = KrbErrorCode.fromValue(answer.errorCode());
            return new HeldServiceTicket(clientPrincipal, ServiceTicketResult.refused(spn, code.getValue(), code.name(),
                    KdcErrors.explain(code, clientPrincipal, spn, answer.eText()),
                    answer.ntStatus() == null ? null : KdcErrorData.hex(answer.ntStatus())), null);
        } catch (KrbException | IOException e) {
            throw noAnswer(kdc, e instanceof KrbException k ? k : new KrbException(e.getMessage(), e));
        }
    }

    private IssuedTicket details(TgsExchange.Answer answer) {
        Ticket ticket = answer.ticket();
        EncKdcRepPart part = answer.part();
        return new IssuedTicket(clientPrincipal,
                String.join("/", ticket.getSname().getNameStrings()) + "@" + ticket.getRealm(),
                ticket.getEncryptedEncPart().getEType().getName(),
                ticket.getEncryptedEncPart().getKvno(),
                part.getKey().getKeyType().getName(),
                Instant.ofEpochMilli(part.getEndTime().getTime()),
                flagNames(part.getFlags()));
    }

    static List<String> flagNames(TicketFlags flags) {
        List<String> names = new ArrayList<>();
        if (flags == null) {
            return names;
        }
        for (TicketFlag flag : TicketFlag.values()) {
            if (flag != TicketFlag.NONE && flags.isFlagSet(flag)) {
                names.add(rfcName(flag));
            }
        }
        return names;
    }

    /** RFC 4120's spelling, which klist and the Windows tools follow, rather than Kerby's enum names. */
    private static String rfcName(TicketFlag flag) {
        return switch (flag) {
            case PRE_AUTH -> "pre-authent";
            case HW_AUTH -> "hw-authent";
            case TRANSIT_POLICY_CHECKED -> "transited-policy-checked";
            default -> flag.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    /** The NTSTATUS in the e-data of the KRB-ERROR Kerby received, when there was one. */
    static java.util.Optional<Long> ntStatusOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kerby.kerberos.kerb.KrbErrorException error && error.getKrbError() != null) {
                return KdcErrorData.ntStatus(error.getKrbError().getEdata());
            }
        }
        return java.util.Optional.empty();
    }

    /** A KrbException without an error code is Kerby's own failure to talk to the KDC, not the KDC's answer. */
    static KerbshellException noAnswer(KdcEndpoint kdc, KrbException e) {
        String reason = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                reason = cause.getMessage();
            }
        }
        return KerbshellException.failure("no usable answer from the KDC at " + kdc.address() + " over "
                + kdc.transport() + " (" + reason + "); check that it is a KDC for " + kdc.realm(), e);
    }

    static boolean causedByNetwork(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
