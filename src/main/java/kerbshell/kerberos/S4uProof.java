package kerbshell.kerberos;

import kerbshell.error.KerbshellException;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Proves constrained delegation as a host exercises it: logs on as the host from its keytab, asks the KDC for a
 * ticket to itself in a user's name (S4U2Self) and exchanges it for one to the target service (S4U2Proxy), then
 * reports the KDC's answer: the ticket, or the refusal with the NTSTATUS of its e-data when the KDC sends one, and
 * the cause and fix in one sentence.
 *
 * <p>Without protocol transition ("Kerberos only", the Windows Server 2012 R2 way of a move started remotely) the
 * evidence is instead the user's own service ticket to the host, which the remote call brought:
 * {@link #proveWithTicket}.
 *
 * <p>The requests are made by {@link TgsExchange} on Apache Kerby's message types rather than with the JDK's S4U,
 * which refuses by itself to present a non-forwardable S4U2Self ticket (so the KDC's own answer, and its e-data,
 * were never seen) and hides the e-data of the errors it does get.
 */
public final class S4uProof {
    private static final long STATUS_ACCOUNT_RESTRICTION = 0xC000006EL;
    private static final long STATUS_NOT_SUPPORTED = 0xC00000BBL;
    private static final long STATUS_NO_MATCH = 0xC0000272L;
    private static final long STATUS_NOT_FOUND = 0xC0000225L;
    private static final int BAD_OPTION = 13;

    private final KdcEndpoint kdc;

    public S4uProof(KdcEndpoint kdc) {
        this.kdc = kdc;
    }

    /**
     * @param host the host's principal, e.g. {@code HV01$@CORP.EXAMPLE}
     * @param user the user to act for, with or without {@code @REALM}
     * @param spn  the target service, e.g. {@code cifs/hv02.corp.example}
     */
    public S4uResult prove(String host, Path keytab, String user, String spn) {
        String userName = user.contains("@") ? user.substring(0, user.indexOf('@')) : user;
        String userPrincipal = userName + "@" + kdc.realm();
        String target = spn.contains("@") ? spn.substring(0, spn.lastIndexOf('@')) : spn;
        KdcEndpoint tcp = new KdcEndpoint(kdc.realm(), kdc.host(), kdc.port(), KdcEndpoint.Transport.TCP);
        KdcLogon logon = new ServiceTicketRequester(tcp).logOn(host, keytab);
        TgsExchange exchange = new TgsExchange(logon);
        Case c = new Case(logon.clientPrincipal(), userPrincipal, target);
        try {
            TgsExchange.Answer self = exchange.s4u2Self(userName, kdc.realm());
            if (!self.issued()) {
                return c.refused("S4U2Self", self, null, selfRefusal(self, c));
            }
            TgsExchange.Answer proxy = exchange.s4u2Proxy(self.ticket(), target);
            if (!proxy.issued()) {
                return c.refused("S4U2Proxy", proxy, self.forwardable(),
                        proxyRefusal(proxy.errorCode(), proxy.errorName(), proxy.ntStatus(), self.forwardable(), c));
            }
            return new S4uResult(c.host, userPrincipal, target, true, null, null, null, null, S4uResult.S4U2SELF,
                    self.forwardable(), null, null, TgsExchange.ticketOf(proxy));
        } catch (KrbException | IOException e) {
            throw KerbshellException.failure("S4U as " + c.host + " at the KDC " + tcp.address() + " failed before "
                    + "the KDC answered (" + e.getMessage() + "); check that it is a KDC for " + kdc.realm(), e);
        }
    }

    /**
     * Constrained delegation without protocol transition: the host, logged on from its keytab, presents the user's
     * own service ticket to it as the S4U2Proxy evidence, as a Windows Server 2012 R2 source does with the ticket a
     * move started remotely brings it. The KDC issues the ticket to the target exactly when the evidence is
     * forwardable, is a ticket to this host, and the host may delegate to the target ([MS-SFU] 3.2.5.2). The host
     * decrypts nothing: the KDC opens the evidence with the host's key.
     *
     * @param host     the host's principal, e.g. {@code HV01$@CORP.EXAMPLE}
     * @param evidence the user's ticket to one of the host's SPNs ({@link KdcLogon#holdServiceTicket})
     * @param spn      the target service, e.g. {@code cifs/hv02.corp.example}
     */
    public S4uResult proveWithTicket(String host, Path keytab, HeldServiceTicket evidence, String spn) {
        return delegateWithTicket(host, keytab, evidence, spn).result();
    }

    /** The result, and the ticket issued (null when refused), which only the target's key opens. */
    record Delegated(S4uResult result, Ticket ticket) {
    }

    Delegated delegateWithTicket(String host, Path keytab, HeldServiceTicket evidence, String spn) {
        String target = spn.contains("@") ? spn.substring(0, spn.lastIndexOf('@')) : spn;
        ServiceTicketResult users = evidence.answer();
        if (!users.issued()) {
            String message = KrbErrorCode.fromValue(users.errorCode()).getMessage();
            return new Delegated(new S4uResult(host, evidence.client(), target, false, "service ticket",
                    users.errorCode(), message + " (" + users.errorCode() + ")", users.ntStatus(), users.spn(), null,
                    "the KDC issued " + evidence.client() + " no ticket to " + users.spn() + ", so " + host
                            + " has no evidence to present: " + users.explanation(),
                    users.ntStatus() != null ? users.ntStatus() : users.errorName(), null), null);
        }
        IssuedTicket held = users.ticket();
        KdcEndpoint tcp = new KdcEndpoint(kdc.realm(), kdc.host(), kdc.port(), KdcEndpoint.Transport.TCP);
        KdcLogon logon = new ServiceTicketRequester(tcp).logOn(host, keytab);
        Case c = new Case(logon.clientPrincipal(), held.clientPrincipal(), target, held.serverPrincipal());
        try {
            TgsExchange.Answer proxy = new TgsExchange(logon).s4u2Proxy(evidence.ticket(), target);
            if (!proxy.issued()) {
                return new Delegated(c.refused("S4U2Proxy", proxy, held.forwardable(), proxyRefusal(proxy.errorCode(),
                        proxy.errorName(), proxy.ntStatus(), held.forwardable(), c)), null);
            }
            return new Delegated(new S4uResult(c.host, c.user, target, true, null, null, null, null,
                    held.serverPrincipal(), held.forwardable(), null, null, TgsExchange.ticketOf(proxy)),
                    proxy.ticket());
        } catch (KrbException | IOException e) {
            throw KerbshellException.failure("S4U2Proxy as " + c.host + " at the KDC " + tcp.address()
                    + " failed before the KDC answered (" + e.getMessage() + "); check that it is a KDC for "
                    + kdc.realm(), e);
        }
    }

    /** The names a refusal's sentence and fix use. */
    record Case(String host, String user, String spn, String evidence) {
        /** S4U2Self is the evidence. */
        Case(String host, String user, String spn) {
            this(host, user, spn, S4uResult.S4U2SELF);
        }

        boolean usersOwnTicket() {
            return !S4uResult.S4U2SELF.equals(evidence);
        }

        /** The user's ticket is to another host than the one asking (judged by the first label of the names). */
        boolean evidenceForAnotherHost() {
            String of = usersOwnTicket() ? HostNames.hostOfSpn(evidence) : null;
            return of != null && !of.split("\\.", 2)[0].equalsIgnoreCase(hostName());
        }

        String hostName() {
            String name = host.substring(0, host.indexOf('@'));
            return name.endsWith("$") ? name.substring(0, name.length() - 1) : name;
        }

        String destination() {
            String name = HostNames.hostOfSpn(spn);
            return name == null ? "DEST" : name;
        }

        String userName() {
            return user.substring(0, user.indexOf('@'));
        }

        S4uResult refused(String stage, TgsExchange.Answer answer, Boolean forwardable, String explanation) {
            String message = answer.errorMessage() + " (" + answer.errorCode() + ")"
                    + (answer.eText() == null || answer.eText().isBlank() ? "" : ": " + answer.eText());
            String status = answer.ntStatus() == null ? null : KdcErrorData.hex(answer.ntStatus());
            return new S4uResult(host, user, spn, false, stage, answer.errorCode(), message, status,
                    forwardable == null ? null : evidence, forwardable, explanation,
                    status != null ? status : answer.errorName(), null);
        }
    }

    private static String selfRefusal(TgsExchange.Answer answer, Case c) {
        return switch (answer.errorCode()) {
            case 6 -> "the KDC knows no account " + c.user() + ": check the user name";
            case 7 -> "the KDC does not know " + c.host() + " as a service: the host's account needs an SPN";
            case 18 -> "the KDC refuses to act for " + c.user() + ": the account is disabled, locked out or expired";
            default -> "the KDC refused " + c.host() + " a ticket in " + c.user() + "'s name (S4U2Self): "
                    + KdcErrors.explain(KrbErrorCode.fromValue(answer.errorCode()),
                    c.user(), c.spn(), answer.eText());
        };
    }

    /**
     * The S4U2Proxy refusal in words, from the KDC's code, the NTSTATUS of its e-data (Windows sends it, [MS-SFU]
     * 3.2.5.2; Samba 4.22 does not) and whether the evidence ticket was forwardable (which the KDC decided at
     * S4U2Self, [MS-SFU] 3.2.5.1.2).
     */
    static String proxyRefusal(int code, String name, Long ntStatus, boolean forwardable, Case c) {
        String trust = "`delegate trust " + c.hostName() + " --to " + c.destination() + "`";
        boolean badOption = code == BAD_OPTION;
        if (badOption && !forwardable && (ntStatus == null || ntStatus == STATUS_ACCOUNT_RESTRICTION
                || ntStatus == STATUS_NO_MATCH)) {
            return notForwardable(c, trust);
        }
        if (ntStatus != null) {
            long status = ntStatus;
            if (status == STATUS_NO_MATCH) {
                return c.spn() + " is not in " + c.hostName() + "'s msDS-AllowedToDelegateTo (it lists other "
                        + "services or name forms), and " + c.destination() + "'s resource-based delegation does not "
                        + "allow " + c.hostName() + ": " + trust + " lists both name forms";
            }
            if (status == STATUS_NOT_SUPPORTED) {
                return c.hostName() + " may not delegate at all (its msDS-AllowedToDelegateTo is empty) and "
                        + c.destination() + "'s resource-based delegation does not allow it: " + trust;
            }
            if (status == STATUS_ACCOUNT_RESTRICTION) {
                return notForwardable(c, trust);
            }
            if (status == STATUS_NOT_FOUND) {
                return c.destination() + "'s msDS-AllowedToActOnBehalfOfOtherIdentity does not allow "
                        + c.hostName() + " (resource-based delegation): `delegate show " + c.destination()
                        + "` names who may act on its behalf";
            }
        }
        if (badOption && c.evidenceForAnotherHost()) {
            return "the KDC takes as evidence only a ticket to the host that asks, and " + c.userName() + "'s ticket "
                    + "is to " + c.evidence() + ", not to " + c.hostName() + ": present a ticket to one of "
                    + c.hostName() + "'s own SPNs (HOST/" + c.hostName().toLowerCase(Locale.ROOT) + "...)";
        }
        if (badOption) {
            return "the KDC does not let " + c.hostName() + " delegate to " + c.spn() + ": it is not in "
                    + c.host() + "'s msDS-AllowedToDelegateTo, and " + c.destination() + "'s "
                    + "msDS-AllowedToActOnBehalfOfOtherIdentity does not allow " + c.hostName() + " either: " + trust;
        }
        if (code == 7 && HostNames.isAddress(HostNames.hostOfSpn(c.spn()))) {
            return KdcErrors.addressSpn(c.spn());
        }
        return switch (code) {
            case 7 -> "the KDC finds no single account holding " + c.spn() + ": register it on the target host";
            case 12 -> "a KDC policy refused it (an authentication policy, or resource-based delegation refusing "
                    + c.hostName() + ")";
            case 14 -> "the KDC and the accounts share no encryption type: give them AES keys";
            default -> "the KDC refused it with error " + code + " " + name.toLowerCase(Locale.ROOT);
        };
    }

    private static String notForwardable(Case c, String trust) {
        if (c.usersOwnTicket()) {
            return c.userName() + "'s own ticket to " + c.evidence() + " is not forwardable, and the KDC delegates "
                    + "only a forwardable one: " + c.userName() + " is sensitive and cannot be delegated "
                    + "(NOT_DELEGATED; `account delegable " + c.userName() + "`) or in Protected Users, or logged on "
                    + "without forwardable tickets (kinit -f; Windows asks for them)";
        }
        return "the KDC gave " + c.hostName() + " only a non-forwardable ticket in " + c.userName() + "'s name "
                + "(S4U2Self), which it will not delegate: " + c.hostName() + " is trusted for Kerberos only (no "
                + "protocol transition; " + trust + " sets it), or " + c.userName() + " is sensitive and cannot be "
                + "delegated (NOT_DELEGATED; `account delegable " + c.userName() + "`) or in Protected Users";
    }
}
