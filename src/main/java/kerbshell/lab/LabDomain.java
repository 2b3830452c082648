package kerbshell.lab;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.directory.Account;
import kerbshell.directory.Ad;
import kerbshell.directory.AuthMethod;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.directory.TlsMode;
import kerbshell.error.KerbshellException;
import kerbshell.spn.Spn;
import kerbshell.spn.SpnHolder;
import kerbshell.spn.SpnService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in lab domain lab.test: its directory and, beside it, its KDC. Exists while the process runs; its
 * state is lost when the process ends, which is what a lab is for.
 */
public final class LabDomain implements AutoCloseable {
    private final LabDirectory directory;
    private final LabKdc kdc;
    private final Path krb5Conf;

    private LabDomain(LabDirectory directory, LabKdc kdc, Path krb5Conf) {
        this.directory = directory;
        this.kdc = kdc;
        this.krb5Conf = krb5Conf;
    }

    /** Starts the lab's directory and KDC on loopback; port 0 picks a free port. */
    public static LabDomain start(int ldapPort, int kdcPort) {
        LabDirectory directory = LabDirectory.start(ldapPort);
        try {
            LabKdc kdc = LabKdc.start(directory, kdcPort);
            Path conf = Files.createTempFile("kerbshell-lab-krb5-", ".conf");
            conf.toFile().deleteOnExit();
            kdc.writeKrb5Conf(conf);
            return new LabDomain(directory, kdc, conf);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    public LabDirectory directory() {
        return directory;
    }

    public int ldapPort() {
        return directory.ldapPort();
    }

    public LabKdc kdc() {
        return kdc;
    }

    /** The KDC's address as host:port. */
    public String kdcAddress() {
        return LabKdc.HOST + ":" + kdc.port();
    }

    /** A krb5.conf for outside tools: {@code KRB5_CONFIG=<it> kinit operator@LAB.TEST}. */
    public Path krb5Conf() {
        return krb5Conf;
    }

    /** A session bound as the lab's administrator, through the same connector as a real DC. */
    public DirectorySession openSession(DirectoryConnector connector) {
        ConnectionSettings settings = new ConnectionSettings("127.0.0.1", ldapPort(), LabDirectory.DOMAIN,
                LabDirectory.ADMIN_USER, AuthMethod.SIMPLE, TlsMode.NONE, null, false, null, null, null);
        return connector.openLab(settings, LabDirectory.ADMIN_PASSWORD.toCharArray());
    }

    /**
     * Writes {@code spn} onto {@code account} as the system, past the lab's uniqueness rule, to reproduce a
     * duplicate a DC would refuse today but old forests and replication collisions still have.
     */
    public String plantDuplicateSpn(Account account, Spn spn, SpnService spns) {
        List<SpnHolder> holders = spns.holders(spn);
        if (holders.isEmpty()) {
            throw KerbshellException.usage("no account holds " + spn + ", so a second holder would not make a "
                    + "duplicate: add it first with 'spn add HOST " + spn + "'");
        }
        if (holders.stream().anyMatch(h -> h.dn().equalsIgnoreCase(account.dn()))) {
            throw KerbshellException.usage(account.samAccountName() + " already holds " + spn
                    + ": name another account with --on");
        }
        try {
            directory.system().modify(account.dn(),
                    new Modification(ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, spn.toString()));
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "planting " + spn + " on " + account.samAccountName());
        }
        return "planted: " + spn + " is now held by " + holders.get(0).account() + " and "
                + account.samAccountName() + "; the KDC refuses tickets for it (KDC_ERR_S_PRINCIPAL_UNKNOWN)";
    }

    public void reset() {
        directory.reset();
    }

    @Override
    public void close() {
        kdc.close();
        directory.close();
    }
}
