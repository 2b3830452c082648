package kerbshell.lab;

import com.unboundid.ldap.sdk.LDAPException;
import kerbshell.lab.LabAccountResolver.LabAccount;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.request.KrbIdentity;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import kerbshell.kerberos.AllowedEncryptionTypes;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lab realm's principals as Kerby's KDC needs them: a principal name becomes a {@link KrbIdentity} carrying
 * AES keys, or null when a DC would answer that it does not know the principal.
 *
 * <p>Keys are derived from the account's lab secret with the default salt of the name the client asked for
 * (realm followed by the name's parts). Kerby's KDC sends no salt in its pre-authentication hints, so every client
 * (Kerby's, MIT's, the JDK's) derives that same default salt; the consequence is that a keytab for a lab SPN
 * must be made for that SPN, not for the account's logon name.
 */
final class LabKdcIdentities {
    /**
     * The lab KDC speaks AES only, like a domain whose accounts have msDS-SupportedEncryptionTypes 24, unless RC4
     * is asked for ({@link AllowedEncryptionTypes}); read when the KDC starts.
     */
    static final List<EncryptionType> ENCRYPTION_TYPES = AllowedEncryptionTypes.kerby();

    private final LabDirectory directory;
    private final LabAccountResolver resolver;
    private final String realm;
    private final String krbtgt;
    private final List<EncryptionKey> krbtgtKeys;

    LabKdcIdentities(LabDirectory directory, String realm) throws KrbException {
        this.directory = directory;
        this.resolver = new LabAccountResolver(directory);
        this.realm = realm;
        this.krbtgt = "krbtgt/" + realm + "@" + realm;
        // The KDC's own key lives only as long as this KDC: tickets from an earlier lab run are meant to fail.
        List<EncryptionKey> keys = new ArrayList<>();
        for (EncryptionType type : ENCRYPTION_TYPES) {
            keys.add(EncryptionHandler.random2Key(type));
        }
        this.krbtgtKeys = List.copyOf(keys);
    }

    /** The identity behind a full principal name ({@code parts@REALM}), or null when the KDC does not know it. */
    KrbIdentity identity(String principalName) throws KrbException {
        int at = principalName.lastIndexOf('@');
        if (at <= 0 || !principalName.substring(at + 1).equals(realm)) {
            return null;
        }
        PrincipalName principal = new PrincipalName(
                Arrays.asList(principalName.substring(0, at).split("/", -1)), NameType.NT_PRINCIPAL);
        principal.setRealm(realm);
        if (principalName.equalsIgnoreCase(krbtgt)) {
            return withKeys(principal, krbtgtKeys);
        }
        LabAccount account = resolver.resolve(principal.getNameStrings()).orElse(null);
        String secret = account == null ? null : directory.secretOf(account.dn());
        if (secret == null) {
            return null;
        }
        KrbIdentity identity = withKeys(principal, deriveKeys(principal, secret, account.keyVersion()));
        identity.setKeyVersion(account.keyVersion());
        identity.setDisabled(account.disabled());
        return identity;
    }

    /** Every principal name the lab realm knows, for Kerby's listing. */
    List<String> names() throws KrbException {
        try {
            List<String> names = new ArrayList<>();
            names.add(krbtgt);
            resolver.allNames().forEach(name -> names.add(name + "@" + realm));
            return names;
        } catch (LDAPException e) {
            throw new KrbException("the lab directory did not answer: " + e.getMessage(), e);
        }
    }

    private static List<EncryptionKey> deriveKeys(PrincipalName principal, String secret, int kvno)
            throws KrbException {
        String salt = PrincipalName.makeSalt(principal);
        List<EncryptionKey> keys = new ArrayList<>();
        for (EncryptionType type : ENCRYPTION_TYPES) {
            EncryptionKey key = EncryptionHandler.string2Key(secret, salt, null, type);
            keys.add(new EncryptionKey(type, key.getKeyData(), kvno));
        }
        return keys;
    }

    private static KrbIdentity withKeys(PrincipalName principal, List<EncryptionKey> keys) {
        KrbIdentity identity = new KrbIdentity(principal);
        identity.addKeys(keys);
        return identity;
    }
}
