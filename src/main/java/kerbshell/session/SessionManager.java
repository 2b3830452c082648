package kerbshell.session;

import com.unboundid.ldap.sdk.LDAPException;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapFailures;
import kerbshell.error.KerbshellException;
import kerbshell.lab.LabDomain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The process's one current directory session, and the lab domain when it runs. Commands ask for
 * {@link #current()}; {@code connect}, {@code disconnect} and {@code lab start|stop} change it.
 *
 * <p>Not thread-safe: the shell runs one command at a time.
 */
public final class SessionManager implements AutoCloseable {
    private final DirectoryConnector connector;
    private final List<Runnable> changeListeners = new ArrayList<>();
    private DirectorySession session;
    private LabDomain lab;

    public SessionManager(DirectoryConnector connector) {
        this.connector = connector;
    }

    /** The open session, or the one clear error every command gives before {@code connect}. */
    public DirectorySession current() {
        if (session == null) {
            throw KerbshellException.failure("not connected: run 'connect --server DC --domain DOMAIN --user USER',"
                    + " or 'lab start' for the built-in lab");
        }
        return session;
    }

    public Optional<DirectorySession> currentIfOpen() {
        return Optional.ofNullable(session);
    }

    /**
     * Opens a session on a DC; when the target is this process's own lab (as the tutorial's connect step does,
     * as another user), the session is a lab session, so forest-wide searches use the lab's whole directory.
     */
    public DirectorySession connect(ConnectionSettings settings, Supplier<char[]> password) {
        DirectorySession opened = isOwnLab(settings) ? connector.open(settings, password, lab.environment())
                : connector.open(settings, password);
        replace(opened);
        return opened;
    }

    private boolean isOwnLab(ConnectionSettings settings) {
        return lab != null && settings.effectivePort() == lab.ldapPort()
                && (settings.server().equals("127.0.0.1") || settings.server().equalsIgnoreCase("localhost"));
    }

    /**
     * Starts the lab if it is not running (on the given ports, 0 for any) and opens a session on it as its
     * administrator. A running lab asked for another LDAP port moves there with its state, and a session on it is
     * reopened on the new port as the same user, so its journal, recording and scenario go on.
     */
    public LabStart startLab(int ldapPort, int kdcPort) {
        if (lab == null) {
            lab = LabDomain.start(ldapPort, kdcPort);
            replace(lab.openSession(connector));
            return new LabStart(false, 0);
        }
        if (kdcPort != 0 && lab.kdc().port() != kdcPort) {
            throw KerbshellException.usage("the lab's KDC keeps port " + lab.kdc().port() + " while the lab runs ("
                    + "tickets it issued stay valid): run 'lab stop', then 'lab start --kdc-port " + kdcPort + "'");
        }
        if (ldapPort == 0 || lab.ldapPort() == ldapPort) {
            replace(lab.openSession(connector));
            return new LabStart(false, 0);
        }
        boolean onLab = session != null && isOwnLab(session.settings());
        int kept = lab.moveLdap(ldapPort);
        if (!onLab) {
            replace(lab.openSession(connector));
            return new LabStart(true, kept);
        }
        DirectorySession before = session;
        try {
            replace(before.reopenedOn(lab.ldapPort()));
        } catch (LDAPException e) {
            replace(null);
            throw LdapFailures.onConnect(e, before.settings().withPort(lab.ldapPort()));
        }
        return new LabStart(true, kept);
    }

    /**
     * What {@link #startLab} did.
     *
     * @param moved       whether a running lab moved to another port
     * @param entriesKept how many entries it kept when it moved
     */
    public record LabStart(boolean moved, int entriesKept) {
    }

    /** Makes a session opened before the shell was up (the launch's early session) the current one. */
    public void adopt(DirectorySession opened) {
        replace(opened);
    }

    /** Likewise for the lab started before the shell was up, with its session. */
    public void adoptLab(LabDomain started, DirectorySession opened) {
        if (lab != null) {
            throw new IllegalStateException("a lab already runs");
        }
        lab = started;
        replace(opened);
    }

    public Optional<LabDomain> lab() {
        return Optional.ofNullable(lab);
    }

    /** The running lab, or the error that says how to start it. */
    public LabDomain requireLab() {
        if (lab == null) {
            throw KerbshellException.failure("the lab is not running: run 'lab start'");
        }
        return lab;
    }

    public void stopLab() {
        LabDomain running = requireLab();
        if (session != null && isOwnLab(session.settings())) {
            replace(null);
        }
        running.close();
        lab = null;
    }

    public void disconnect() {
        current();
        replace(null);
    }

    /** Runs {@code listener} whenever the session changes, e.g. to drop caches of the old directory. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    private void replace(DirectorySession next) {
        if (session != null) {
            session.close();
        }
        session = next;
        changeListeners.forEach(Runnable::run);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }
}
