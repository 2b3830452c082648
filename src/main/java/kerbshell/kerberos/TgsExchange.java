package kerbshell.kerberos;

import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.CheckSumHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ap.ApOptions;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessage;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.EncAsRepPart;
import org.apache.kerby.kerberos.kerb.type.kdc.EncKdcRepPart;
import org.apache.kerby.kerberos.kerb.type.kdc.EncTgsRepPart;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.kdc.TgsRep;
import org.apache.kerby.kerberos.kerb.type.kdc.TgsReq;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.apache.kerby.kerberos.kerb.type.ticket.Tickets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * TGS requests made by hand on Apache Kerby's message types, over TCP to the KDC — a plain service ticket, S4U2Self
 * and S4U2Proxy ([MS-SFU]) — so that kerbshell sees the KDC's whole answer: the flags of the S4U2Self ticket
 * (forwardable or not) and, when the KDC refuses, the KRB-ERROR with the NTSTATUS in its e-data
 * ({@link KdcErrorData}). Kerby's own client has no S4U and reports a KRB-ERROR without its e-data; the JDK's S4U
 * stops by itself before S4U2Proxy when the S4U2Self ticket is not forwardable, and hides the e-data too.
 *
 * <p>Like Windows, the S4U2Proxy request carries PA-PAC-OPTIONS with the resource-based constrained delegation
 * bit, so the KDC considers the target's msDS-AllowedToActOnBehalfOfOtherIdentity too.
 */
final class TgsExchange {
    private static final int TIMEOUT_MILLIS = 10_000;
    /** [MS-SFU] 2.2.1: the PA-FOR-USER checksum is KERB_CHECKSUM_HMAC_MD5 with key usage 17. */
    private static final int FOR_USER_KEY_USAGE = 17;
    private static final int CHECKSUM_HMAC_MD5 = -138;
    /** [MS-KILE] 2.2.10 PA-PAC-OPTIONS; bit 3, resource-based constrained delegation. */
    private static final int PA_PAC_OPTIONS = 167;
    private static final byte[] PAC_OPTIONS_RBCD = Der.sequence(Der.explicit(0,
            Der.element(Der.BIT_STRING, new byte[] {0, 0x10, 0, 0, 0})));
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RESPONSE_TOO_BIG = 52;

    /** What the KDC answered to one TGS request: a ticket with what the client can read of it, or an error. */
    record Answer(Ticket ticket, EncKdcRepPart part, String client, Integer errorCode, String errorName,
                  String errorMessage, String eText, Long ntStatus) {
        boolean issued() {
            return ticket != null;
        }

        boolean forwardable() {
            return part != null && KdcLogon.flagNames(part.getFlags()).contains("forwardable");
        }
    }

    private final KdcLogon host;

    /** @param host the client logged on with a ticket-granting ticket (for S4U, the host from its keytab) */
    TgsExchange(KdcLogon host) {
        this.host = host;
    }

    /** A service ticket to the SPN for the logged-on client, as kvno asks for it. */
    Answer serviceTicket(String spn, String realm) throws KrbException, IOException {
        PrincipalName sname = new PrincipalName(Arrays.asList(spn.split("/", -1)), NameType.NT_SRV_INST);
        KdcReqBody body = body(sname, options(), null);
        sname.setRealm(realm);
        body.setRealm(realm);
        return send(request(body));
    }

    /** S4U2Self: a ticket to the host itself in the user's name (protocol transition). */
    Answer s4u2Self(String user, String userRealm) throws KrbException, IOException {
        PrincipalName self = host.tgt().getClientPrincipal();
        PrincipalName sname = new PrincipalName(self.getNameStrings(), NameType.NT_PRINCIPAL);
        KdcReqBody body = body(sname, options(), null);
        TgsReq request = request(body);
        request.addPaData(new PaDataEntry(PaDataType.FOR_USER, forUser(user, userRealm)));
        return send(request);
    }

    /**
     * S4U2Proxy: the evidence exchanged for a ticket to the target SPN in its client's name. The evidence is the
     * S4U2Self ticket (protocol transition), or a user's own service ticket to the host (Kerberos only), passed on
     * as the host received it: the KDC decrypts it with the host's key, the host need not.
     */
    Answer s4u2Proxy(Ticket evidence, String spn) throws KrbException, IOException {
        PrincipalName sname = new PrincipalName(Arrays.asList(spn.split("/", -1)), NameType.NT_SRV_INST);
        Tickets additional = new Tickets();
        additional.add(evidence);
        KdcReqBody body = body(sname, options(KdcOption.CNAME_IN_ADDL_TKT), additional);
        TgsReq request = request(body);
        PaDataEntry pacOptions = new PaDataEntry();
        pacOptions.setPaDataType(PaDataType.PAC_OPTIONS);
        pacOptions.setPaDataValue(PAC_OPTIONS_RBCD);
        request.addPaData(pacOptions);
        return send(request);
    }

    /**
     * Forwardable and renewable are asked for only when the ticket-granting ticket is, as MIT's and Windows'
     * clients do: Heimdal (Samba's KDC) refuses the request with KDC_ERR_BADOPTION otherwise, so a user who may
     * not be delegated (sensitive, Protected Users: no forwardable TGT) would get no ticket at all.
     */
    private KdcOptions options(KdcOption... set) {
        KdcOptions options = new KdcOptions();
        List<String> tgtFlags = KdcLogon.flagNames(host.tgt().getEncKdcRepPart().getFlags());
        if (tgtFlags.contains("forwardable")) {
            options.setFlag(KdcOption.FORWARDABLE);
        }
        if (tgtFlags.contains("renewable")) {
            options.setFlag(KdcOption.RENEWABLE);
        }
        for (KdcOption option : set) {
            options.setFlag(option);
        }
        return options;
    }

    private KdcReqBody body(PrincipalName sname, KdcOptions options, Tickets additional) {
        String realm = host.kdc().realm();
        sname.setRealm(realm);
        KdcReqBody body = new KdcReqBody();
        body.setKdcOptions(options);
        body.setRealm(realm);
        body.setSname(sname);
        body.setTill(new KerberosTime(System.currentTimeMillis() + 10 * 3600 * 1000L));
        body.setNonce(RANDOM.nextInt() & 0x7FFFFFFF);
        body.setEtypes(AllowedEncryptionTypes.kerby());
        if (additional != null) {
            body.setAdditionalTickets(additional);
        }
        return body;
    }

    /** A TGS-REQ whose PA-TGS-REQ authenticator carries the checksum of the request body, as AD requires. */
    private TgsReq request(KdcReqBody body) throws KrbException, IOException {
        EncryptionKey session = host.tgt().getSessionKey();
        Authenticator authenticator = new Authenticator();
        authenticator.setAuthenticatorVno(5);
        authenticator.setCrealm(host.tgt().getRealm());
        authenticator.setCname(host.tgt().getClientPrincipal());
        authenticator.setCksum(CheckSumHandler.checksumWithKey(
                EncryptionHandler.getEncHandler(session.getKeyType()).checksumType(), body.encode(),
                session.getKeyData(), KeyUsage.TGS_REQ_AUTH_CKSUM));
        long now = System.currentTimeMillis();
        authenticator.setCtime(new KerberosTime(now - now % 1000));
        authenticator.setCusec((int) (now % 1000) * 1000);
        ApReq apReq = new ApReq();
        apReq.setApOptions(new ApOptions());
        apReq.setTicket(host.tgt().getTicket());
        apReq.setEncryptedAuthenticator(EncryptionHandler.encrypt(authenticator.encode(), session,
                KeyUsage.TGS_REQ_AUTH));
        TgsReq request = new TgsReq();
        request.setReqBody(body);
        PaData padata = new PaData();
        padata.addElement(new PaDataEntry(PaDataType.TGS_REQ, apReq.encode()));
        request.setPaData(padata);
        return request;
    }

    /**
     * PA-FOR-USER ([MS-SFU] 2.2.1): the user's name and realm, checksummed with the TGT session key over
     * name-type (little-endian), the name strings, the realm and the auth-package "Kerberos".
     */
    private byte[] forUser(String user, String realm) throws IOException {
        PrincipalName name = new PrincipalName(List.of(user), NameType.NT_PRINCIPAL);
        byte[] data = Der.concat(new byte[] {1, 0, 0, 0}, user.getBytes(StandardCharsets.UTF_8),
                realm.getBytes(StandardCharsets.UTF_8), "Kerberos".getBytes(StandardCharsets.UTF_8));
        byte[] checksum = hmacMd5(host.tgt().getSessionKey().getKeyData(), FOR_USER_KEY_USAGE, data);
        byte[] checksumDer = Der.sequence(
                Der.explicit(0, Der.element(Der.INTEGER, new byte[] {(byte) 0xFF, 0x76})),   // -138
                Der.explicit(1, Der.element(Der.OCTET_STRING, checksum)));
        return Der.sequence(Der.explicit(0, name.encode()), Der.explicit(1, Der.generalString(realm)),
                Der.explicit(2, checksumDer), Der.explicit(3, Der.generalString("Kerberos")));
    }

    /** RFC 4757's keyed HMAC-MD5 checksum, for a key of any type (AD computes it with the AES session key). */
    static byte[] hmacMd5(byte[] key, int usage, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            byte[] signingKey = mac.doFinal("signaturekey\0".getBytes(StandardCharsets.US_ASCII));
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(new byte[] {(byte) usage, (byte) (usage >> 8), (byte) (usage >> 16), (byte) (usage >> 24)});
            byte[] digest = md5.digest(data);
            Mac signing = Mac.getInstance("HmacMD5");
            signing.init(new SecretKeySpec(signingKey, "HmacMD5"));
            return signing.doFinal(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-MD5 is part of every JDK: " + e.getMessage(), e);
        }
    }

    private Answer send(TgsReq request) throws KrbException, IOException {
        byte[] message = request.encode();
        byte[] reply = host.kdc().transport() == KdcEndpoint.Transport.UDP ? overUdp(message) : null;
        if (reply == null) {
            reply = overTcp(message);
        }
        KrbMessage answer = KrbCodec.decodeMessage(ByteBuffer.wrap(reply));
        if (answer instanceof KrbError error) {
            KrbErrorCode code = error.getErrorCode();
            return new Answer(null, null, null, code.getValue(), code.name(), code.getMessage(), error.getEtext(),
                    KdcErrorData.ntStatus(error.getEdata()).orElse(null));
        }
        if (answer instanceof TgsRep rep) {
            byte[] plain = EncryptionHandler.decrypt(rep.getEncryptedEncPart(), host.tgt().getSessionKey(),
                    KeyUsage.TGS_REP_ENCPART_SESSKEY);
            EncKdcRepPart part;
            try {
                part = KrbCodec.decode(plain, EncTgsRepPart.class);
            } catch (KrbException e) {
                part = KrbCodec.decode(plain, EncAsRepPart.class);   // Heimdal and Windows may tag it as AS
            }
            String client = String.join("/", rep.getCname().getNameStrings()) + "@" + rep.getCrealm();
            return new Answer(rep.getTicket(), part, client, null, null, null, null, null);
        }
        throw new IOException("the KDC answered a TGS request with a " + answer.getMsgType() + " message");
    }

    private byte[] overTcp(byte[] message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.kdc().host(), host.kdc().port()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(message.length);
            out.write(message);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int length = in.readInt();
            if (length <= 0 || length > 1 << 20) {
                throw new IOException("the KDC answered with a message of " + length + " bytes");
            }
            return in.readNBytes(length);
        }
    }

    /** One datagram each way; null when the KDC answers KRB_ERR_RESPONSE_TOO_BIG (52), to retry over TCP. */
    private byte[] overUdp(byte[] message) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            InetSocketAddress kdc = new InetSocketAddress(host.kdc().host(), host.kdc().port());
            socket.send(new DatagramPacket(message, message.length, kdc));
            byte[] buffer = new byte[65_536];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            byte[] reply = Arrays.copyOf(buffer, packet.getLength());
            KrbMessage answer = KrbCodec.decodeMessage(ByteBuffer.wrap(reply));
            if (answer instanceof KrbError error && error.getErrorCode().getValue() == RESPONSE_TOO_BIG) {
                return null;
            }
            return reply;
        }
    }

    /** What the client can see of an issued ticket. */
    static S4uResult.Ticket ticketOf(Answer answer) {
        Ticket ticket = answer.ticket();
        return new S4uResult.Ticket(answer.client(),
                String.join("/", ticket.getSname().getNameStrings()) + "@" + ticket.getRealm(),
                ticket.getEncryptedEncPart().getEType().getName(), answer.part().getKey().getKeyType().getName(),
                Instant.ofEpochMilli(answer.part().getEndTime().getTime()),
                KdcLogon.flagNames(answer.part().getFlags()));
    }
}
