package kerbshell.lab;

import kerbshell.directory.AuthMethod;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.TlsMode;

/**
 * The built-in lab domain lab.test: its directory and, beside it, its KDC. Exists while the process runs; its
 * state is lost when the process ends, which is what a lab is for.
 */
public final class LabDomain implements AutoCloseable {
    private final LabDirectory directory;

    private LabDomain(LabDirectory directory) {
        this.directory = directory;
    }

    /** Starts the lab; port 0 picks a free loopback port. */
    public static LabDomain start(int ldapPort) {
        return new LabDomain(LabDirectory.start(ldapPort));
    }

    public LabDirectory directory() {
        return directory;
    }

    public int ldapPort() {
        return directory.ldapPort();
    }

    /** The KDC's address as host:port, or null while the lab has no KDC. */
    public String kdcAddress() {
        return null;
    }

    /** A session bound as the lab's administrator, through the same connector as a real DC. */
    public DirectorySession openSession(DirectoryConnector connector) {
        ConnectionSettings settings = new ConnectionSettings("127.0.0.1", ldapPort(), LabDirectory.DOMAIN,
                LabDirectory.ADMIN_USER, AuthMethod.SIMPLE, TlsMode.NONE, null, false, null, null, null);
        return connector.openLab(settings, LabDirectory.ADMIN_PASSWORD.toCharArray());
    }

    public void reset() {
        directory.reset();
    }

    @Override
    public void close() {
        directory.close();
    }
}
