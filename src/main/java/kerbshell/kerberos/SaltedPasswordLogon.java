package kerbshell.kerberos;

import kerbshell.kerberos.KdcSaltProbe.AnnouncedSalt;
import org.apache.kerby.KOptions;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.client.KrbContext;
import org.apache.kerby.kerberos.kerb.client.KrbOption;
import org.apache.kerby.kerberos.kerb.client.KrbSetting;
import org.apache.kerby.kerberos.kerb.client.impl.DefaultInternalKrbClient;
import org.apache.kerby.kerberos.kerb.client.request.AsRequestWithPasswd;
import org.apache.kerby.kerberos.kerb.common.KrbUtil;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.TgtTicket;

import java.util.Map;

/**
 * Kerby's password logon (the AS exchange), with the password salted as the KDC announced
 * ({@link KdcSaltProbe}) instead of with the name as typed. Without it, AD refuses a computer account's password
 * and a user name typed in another case than stored, as if the password were wrong.
 */
final class SaltedPasswordLogon extends DefaultInternalKrbClient {

    SaltedPasswordLogon(KrbSetting setting) throws KrbException {
        super(setting);
        init();
    }

    TgtTicket requestTgt(String clientName, String password, Map<EncryptionType, AnnouncedSalt> salts)
            throws KrbException {
        PrincipalName client = new PrincipalName(clientName);
        KOptions options = new KOptions();
        options.add(KrbOption.CLIENT_PRINCIPAL, clientName);
        options.add(KrbOption.USE_PASSWD, true);
        options.add(KrbOption.USER_PASSWD, password);
        ServiceTicketRequester.withoutProxiable(options);
        AsRequestWithPasswd request = new SaltedRequest(getContext(), password, client, salts);
        request.setClientPrincipal(client);
        request.setServerPrincipal(KrbUtil.makeTgsPrincipal(client.getRealm()));
        request.setRequestOptions(options);
        return doRequestTgt(request);
    }

    private static final class SaltedRequest extends AsRequestWithPasswd {
        private final String password;
        private final PrincipalName client;
        private final Map<EncryptionType, AnnouncedSalt> salts;
        private EncryptionKey key;

        SaltedRequest(KrbContext context, String password, PrincipalName client,
                      Map<EncryptionType, AnnouncedSalt> salts) {
            super(context);
            this.password = password;
            this.client = client;
            this.salts = salts;
        }

        /** Re-derived when the KDC steers the exchange to another encryption type. */
        @Override
        public EncryptionKey getClientKey() throws KrbException {
            EncryptionType type = getChosenEncryptionType();
            if (key == null || key.getKeyType() != type) {
                AnnouncedSalt announced = salts.get(type);
                key = announced == null
                        ? EncryptionHandler.string2Key(password, PrincipalName.makeSalt(client), null, type)
                        : EncryptionHandler.string2Key(password, announced.salt(), announced.s2kParams(), type);
                setClientKey(key);
            }
            return key;
        }
    }
}
