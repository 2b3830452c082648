package kerbshell.kerberos;

import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcSaltProbe.AnnouncedSalt;
import org.apache.kerby.KOptions;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.client.KrbClient;
import org.apache.kerby.kerberos.kerb.client.KrbConfig;
import org.apache.kerby.kerberos.kerb.client.KrbConfigKey;
import org.apache.kerby.kerberos.kerb.client.KrbKdcOption;
import org.apache.kerby.kerberos.kerb.client.KrbOption;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.TgtTicket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Asks a KDC for service tickets the way {@code kinit} followed by {@code kvno} does: log on with Apache Kerby's
 * client (a ticket-granting ticket from a password or keytab), then one TGS request per SPN, made by
 * {@link TgsExchange} so that a refusal's e-data (the NTSTATUS AD sends) is seen, reporting the KDC's own answer.
 * Works against the lab KDC and against AD or Samba DCs.
 *
 * <p>Logon failures are thrown as {@link KerbshellException}s (nothing can be asked without a TGT); a refused
 * service ticket is an answer, returned as a {@link ServiceTicketResult}.
 *
 * <p>A password is salted as the KDC announces ({@link KdcSaltProbe}), so computer accounts and user names typed in
 * another case than stored log on as they do with MIT kinit; Kerby's own client would salt with the typed name.
 */
public final class ServiceTicketRequester {
    /** Kerby's client reads with this timeout; a DC answers in milliseconds, a dead one should not hang the shell. */
    private static final int TIMEOUT_MILLIS = 5000;
    private final KdcEndpoint kdc;

    /**
     * Encryption types: {@link AllowedEncryptionTypes}, AES unless RC4 is asked for. Kerby's client sorts RC4 ahead
     * of AES and pre-authenticates with the first type it offers, so with RC4 allowed it logs on with RC4 keys even
     * where AES ones exist; AES only, an account with no AES keys is refused with 14 KDC_ERR_ETYPE_NOSUPP, which is
     * the finding the user needs.
     */
    public ServiceTicketRequester(KdcEndpoint kdc) {
        this.kdc = kdc;
        KerbyLogging.silence();
    }

    public KdcEndpoint kdc() {
        return kdc;
    }

    /**
     * Logs the principal on with its password. The principal may omit the realm; Kerby takes the password as a
     * String, so the array is copied once and cannot be wiped from that copy.
     */
    public KdcLogon logOn(String principal, char[] password) {
        String client = qualify(principal);
        KrbClient krbClient = newClient();
        Map<EncryptionType, AnnouncedSalt> salts =
                KdcSaltProbe.ask(kdc, new PrincipalName(client), AllowedEncryptionTypes.kerby(), TIMEOUT_MILLIS);
        try {
            TgtTicket tgt = new SaltedPasswordLogon(krbClient.getSetting())
                    .requestTgt(client, new String(password), salts);
            return new KdcLogon(kdc, tgt, client);
        } catch (KrbException e) {
            throw logonFailure(client, e);
        }
    }

    /** Logs the principal on with a key from a keytab, the way a host or service account logs on. */
    public KdcLogon logOn(String principal, Path keytab) {
        String client = qualify(principal);
        if (!Files.isReadable(keytab)) {
            throw KerbshellException.failure("the keytab " + keytab + " cannot be read; check the path and its "
                    + "permissions");
        }
        KrbClient krbClient = newClient();
        try {
            KOptions options = new KOptions();
            options.add(KrbOption.CLIENT_PRINCIPAL, client);
            options.add(KrbOption.USE_KEYTAB, true);
            options.add(KrbOption.KEYTAB_FILE, keytab.toFile());
            TgtTicket tgt = krbClient.requestTgt(withoutProxiable(options));
            return new KdcLogon(kdc, tgt, client);
        } catch (KrbException e) {
            KrbErrorCode code = e.getKrbErrorCode();
            if (code == null && !KdcLogon.causedByNetwork(e)) {
                throw KerbshellException.failure("the keytab " + keytab + " gives no usable key for " + client
                        + " (" + e.getMessage() + "); export a keytab for that principal with an AES key", e);
            }
            if (code != null && KdcErrors.isWrongPassword(code)) {
                throw KerbshellException.failure("the keytab " + keytab + " holds a key for " + client + " that the "
                        + "KDC rejects; export a fresh keytab, the account's password has changed since", e);
            }
            throw logonFailure(client, e);
        }
    }

    /**
     * Kerby asks for a proxiable ticket-granting ticket unless told not to; kinit and Windows never do, and
     * Heimdal (Samba's KDC) refuses the whole logon of an account that may not be delegated (sensitive, or in
     * Protected Users) with "Ticket may not be proxiable" (KDC_ERR_POLICY) where it only leaves forwardable out.
     */
    static KOptions withoutProxiable(KOptions options) {
        options.add(KrbKdcOption.NOT_PROXIABLE, true);
        return options;
    }

    /** Logs on and asks for one service ticket: the {@code kinit} + {@code kvno SPN} of a single command. */
    public ServiceTicketResult request(String principal, char[] password, String spn) {
        return logOn(principal, password).requestServiceTicket(spn);
    }

    /** {@code name}, {@code name@realm} in any case, or another realm's principal left as it is. */
    String qualify(String principal) {
        if (principal == null || principal.isBlank()) {
            throw KerbshellException.usage("a client principal is needed, such as operator@" + kdc.realm());
        }
        int at = principal.lastIndexOf('@');
        if (at < 0) {
            return principal + "@" + kdc.realm();
        }
        String realm = principal.substring(at + 1);
        return realm.equalsIgnoreCase(kdc.realm()) ? principal.substring(0, at) + "@" + kdc.realm() : principal;
    }

    private KrbClient newClient() {
        requireReachable();
        KrbConfig config = new KrbConfig();
        config.setString(KrbConfigKey.PERMITTED_ENCTYPES,
                AllowedEncryptionTypes.kerby().stream().map(EncryptionType::getName).collect(Collectors.joining(" ")));
        config.setString(KrbConfigKey.DEFAULT_REALM, kdc.realm());
        KrbClient client = new KrbClient(config);
        client.setKdcRealm(kdc.realm());
        client.setKdcHost(kdc.host());
        if (kdc.transport() == KdcEndpoint.Transport.TCP) {
            client.setKdcTcpPort(kdc.port());
            client.setAllowUdp(false);
        } else {
            client.setKdcUdpPort(kdc.port());
            client.setAllowTcp(false);
        }
        client.setTimeout(TIMEOUT_MILLIS);
        try {
            client.init();
        } catch (KrbException e) {
            throw new IllegalStateException("Kerby's client did not initialise: " + e.getMessage(), e);
        }
        return client;
    }

    /**
     * Kerby's client connects without a timeout and reports a refused connection only as "Failed to establish
     * the transport"; a TCP connect of our own first gives the user the reason, naming host:port.
     */
    private void requireReachable() {
        if (kdc.transport() != KdcEndpoint.Transport.TCP) {
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(kdc.host(), kdc.port()), TIMEOUT_MILLIS);
        } catch (UnknownHostException e) {
            throw KerbshellException.failure("the KDC host " + kdc.host() + " cannot be resolved; give its IP "
                    + "address or fix DNS", e);
        } catch (IOException e) {
            throw KerbshellException.failure("the KDC at " + kdc.address() + " cannot be reached ("
                    + e.getMessage() + "); check the address and that TCP port " + kdc.port() + " is open", e);
        }
    }

    private KerbshellException logonFailure(String client, KrbException e) {
        KrbErrorCode code = e.getKrbErrorCode();
        if (code == null) {
            return KdcLogon.noAnswer(kdc, e);
        }
        if (KdcErrors.isWrongPassword(code)) {
            return KerbshellException.failure(KdcErrors.wrongPassword(client), e);
        }
        return KerbshellException.failure("the KDC at " + kdc.address() + " refused to log " + client + " on: "
                + code.getValue() + " " + code.name() + ", " + KdcErrors.explain(code, client, null, e.getMessage()),
                e);
    }
}
