package kerbshell.lab;

import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.DomainEnvironment;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcLogon;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The built-in lab as a session's environment: its KDC is the lab's Kerby KDC (no S4U), every account's secret is
 * the lab's own so logons need no password, its host names are loopback, its changes go to the lab's journal and
 * end with the shell, and training and planting faults run here only.
 */
public final class LabEnvironment implements DomainEnvironment {
    /**
     * UnboundID's in-memory server evaluates and copies the whole result again for every page, so paging through
     * the lab in AD's page size would cost time quadratic in its size; the lab is asked for pages larger than any
     * lab gets, and kerbshell still streams the entries as they arrive.
     */
    static final int PAGE_SIZE = 250_000;

    private final LabDomain lab;

    LabEnvironment(LabDomain lab) {
        this.lab = lab;
    }

    @Override
    public boolean isLab() {
        return true;
    }

    @Override
    public String serverSuffix() {
        return " (lab)";
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public boolean plainBindIsSafe() {
        return true;
    }

    @Override
    public String kdcAddress(ConnectionSettings settings) {
        return lab.kdcAddress();
    }

    /** The lab knows every account's secret: the session's own user or any other logs on without a password. */
    @Override
    public KdcLogon logOn(DirectorySession session, String user, Function<String, char[]> passwordFor) {
        return lab.logOn(session, user == null ? session.settings().user() : user);
    }

    @Override
    public Optional<String> s4uUnavailable() {
        return Optional.of("the lab's KDC (Apache Kerby) implements neither S4U2Self nor S4U2Proxy, so delegation "
                + "cannot be proven on the lab: connect to a real DC and run ticket s4u there");
    }

    /** The lab's hosts exist only as accounts: its own names resolve to loopback, as its KDC and directory do. */
    @Override
    public Optional<List<String>> ownAddresses(String hostName) {
        return hostName.toLowerCase(Locale.ROOT).endsWith("." + LabDirectory.DOMAIN)
                ? Optional.of(List.of(InetAddress.getLoopbackAddress().getHostAddress())) : Optional.empty();
    }

    @Override
    public int pageSize() {
        return PAGE_SIZE;
    }

    @Override
    public Optional<String> singleDirectoryForest() {
        return Optional.of("the lab directory");
    }

    @Override
    public void requireLab(String what) {
        // this is the lab
    }

    @Override
    public void requireDomainController(String what) {
        throw KerbshellException.usage(what + " is for a domain controller: the lab is what kerbshell opens without "
                + "--server, and needs none");
    }

    @Override
    public <T> Optional<T> simulation(Class<T> kind) {
        return kind.isInstance(lab) ? Optional.of(kind.cast(lab)) : Optional.empty();
    }
}
