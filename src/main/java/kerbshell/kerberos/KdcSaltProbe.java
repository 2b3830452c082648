package kerbshell.kerberos;

import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.common.KrbUtil;
import org.apache.kerby.kerberos.kerb.transport.KrbNetwork;
import org.apache.kerby.kerberos.kerb.transport.KrbTransport;
import org.apache.kerby.kerberos.kerb.transport.TransportPair;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.EtypeInfo2;
import org.apache.kerby.kerberos.kerb.type.base.EtypeInfo2Entry;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessage;
import org.apache.kerby.kerberos.kerb.type.base.MethodData;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.AsRep;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks a KDC how it salts a client's password: an AS-REQ without pre-authentication, which AD, Samba and MIT
 * answer with PREAUTH_REQUIRED and an ETYPE-INFO2 naming the salt for each encryption type.
 *
 * <p>AD salts with the account's stored name (realm + sAMAccountName in its stored case, or realm + "host" +
 * the host's DNS name for a computer), not with the name as typed, which is all Kerby's client would use. A
 * request without pre-authentication is no logon attempt, so the probe never counts towards an account lockout.
 */
final class KdcSaltProbe {
    private static final SecureRandom NONCES = new SecureRandom();

    private KdcSaltProbe() {
    }

    /**
     * The salts the KDC announces for the client, by encryption type; empty when it announces none (Kerby's KDC,
     * which expects the default salt), refuses the client outright, or cannot be asked, so that the logon itself
     * then meets the KDC's real answer.
     */
    static Map<EncryptionType, AnnouncedSalt> ask(KdcEndpoint kdc, PrincipalName client, List<EncryptionType> types,
                                                  int timeoutMillis) {
        KrbTransport transport = null;
        try {
            KrbNetwork network = new KrbNetwork();
            network.setSocketTimeout(timeoutMillis);
            transport = network.connect(transportPair(kdc));
            transport.sendMessage(frame(request(kdc, client, types), transport.isTcp()));
            ByteBuffer answer = transport.receiveMessage();
            return answer == null ? Map.of() : salts(KrbCodec.decodeMessage(answer));
        } catch (IOException | KrbException | RuntimeException e) {
            return Map.of();
        } finally {
            if (transport != null) {
                transport.release();
            }
        }
    }

    /** One entry of ETYPE-INFO2: the salt string and the string-to-key parameters (iteration count for AES). */
    record AnnouncedSalt(String salt, byte[] s2kParams) {
    }

    private static AsReq request(KdcEndpoint kdc, PrincipalName client, List<EncryptionType> types) {
        KdcReqBody body = new KdcReqBody();
        body.setKdcOptions(new KdcOptions());
        body.setCname(client);
        body.setRealm(kdc.realm());
        body.setSname(KrbUtil.makeTgsPrincipal(kdc.realm()));
        body.setTill(new KerberosTime(System.currentTimeMillis() + KerberosTime.DAY));
        body.setNonce(NONCES.nextInt() & Integer.MAX_VALUE);
        body.setEtypes(types);
        AsReq request = new AsReq();
        request.setReqBody(body);
        return request;
    }

    private static ByteBuffer frame(AsReq request, boolean tcp) throws KrbException {
        byte[] body = KrbCodec.encode(request);
        // Kerberos over TCP prefixes each message with its length (RFC 4120 7.2.2); UDP sends it bare.
        ByteBuffer framed = ByteBuffer.allocate(body.length + (tcp ? 4 : 0));
        if (tcp) {
            framed.putInt(body.length);
        }
        framed.put(body);
        framed.flip();
        return framed;
    }

    private static Map<EncryptionType, AnnouncedSalt> salts(KrbMessage answer) throws KrbException {
        List<PaDataEntry> hints;
        if (answer instanceof KrbError error && error.getErrorCode() == KrbErrorCode.KDC_ERR_PREAUTH_REQUIRED
                && error.getEdata() != null) {
            hints = KrbCodec.decode(error.getEdata(), MethodData.class).getElements();
        } else if (answer instanceof AsRep reply && reply.getPaData() != null) {
            // An account that needs no pre-authentication is answered at once; the reply may still name the salt.
            hints = reply.getPaData().getElements();
        } else {
            return Map.of();
        }
        Map<EncryptionType, AnnouncedSalt> salts = new HashMap<>();
        for (PaDataEntry hint : hints) {
            if (hint.getPaDataType() == PaDataType.ETYPE_INFO2) {
                for (EtypeInfo2Entry entry : KrbCodec.decode(hint.getPaDataValue(), EtypeInfo2.class).getElements()) {
                    if (entry.getSalt() != null) {
                        salts.put(entry.getEtype(), new AnnouncedSalt(entry.getSalt(), entry.getS2kParams()));
                    }
                }
            }
        }
        return salts;
    }

    private static TransportPair transportPair(KdcEndpoint kdc) {
        TransportPair pair = new TransportPair();
        InetSocketAddress address = new InetSocketAddress(kdc.host(), kdc.port());
        if (kdc.transport() == KdcEndpoint.Transport.TCP) {
            pair.tcpAddress = address;
        } else {
            pair.udpAddress = address;
        }
        return pair;
    }
}
