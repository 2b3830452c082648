package kerbshell.lab;

import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.identity.backend.AbstractIdentityBackend;
import org.apache.kerby.kerberos.kerb.request.KrbIdentity;

/**
 * Kerby's identity backend for the lab KDC: answers every lookup from the lab directory as it is at that moment,
 * with no cache, so a directory change shows in the next ticket request.
 *
 * <p>Public with a no-argument constructor only because Kerby instantiates it by class name; {@link LabKdc} is the
 * way to use it. It is read-only: the lab's accounts are changed through the directory.
 */
public final class LabIdentityBackend extends AbstractIdentityBackend {
    /** The backend configuration key under which {@link LabKdc} passes its {@link LabBackendRegistry} key. */
    static final String REGISTRATION_KEY = "kerbshell_lab_registration";

    private LabKdcIdentities identities;

    public LabIdentityBackend() {
    }

    @Override
    protected void doInitialize() throws KrbException {
        identities = LabBackendRegistry.lookup(getBackendConfig().getString(REGISTRATION_KEY));
        if (identities == null) {
            throw new KrbException("the lab identity backend was started without a lab directory; start it "
                    + "through LabKdc");
        }
    }

    @Override
    protected KrbIdentity doGetIdentity(String principalName) throws KrbException {
        return identities.identity(principalName);
    }

    @Override
    protected Iterable<String> doGetIdentities() throws KrbException {
        return identities.names();
    }

    @Override
    protected KrbIdentity doAddIdentity(KrbIdentity identity) throws KrbException {
        throw readOnly(identity.getPrincipalName());
    }

    @Override
    protected KrbIdentity doUpdateIdentity(KrbIdentity identity) throws KrbException {
        throw readOnly(identity.getPrincipalName());
    }

    @Override
    protected void doDeleteIdentity(String principalName) throws KrbException {
        throw readOnly(principalName);
    }

    private static KrbException readOnly(String principal) {
        return new KrbException("the lab KDC takes " + principal + " from the lab directory; change the account "
                + "there instead");
    }
}
