package kerbshell.directory;

import kerbshell.kerberos.KdcLogon;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What differs between a real domain controller and the built-in lab, chosen once when a session opens
 * ({@link DomainControllerEnvironment}, or the lab's {@code kerbshell.lab.LabEnvironment}): where the KDC is and
 * how a user logs on to it, what the KDC can do, how host names resolve, where the changes are journaled, and what
 * may run there. Callers ask the session's environment instead of testing whether it is the lab, so every such
 * difference is written once, here and in the two implementations.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface DomainEnvironment {
    /** Whether this is the built-in lab, for what reports it (status, connect, the tutorial); not to choose by. */
    boolean isLab();

    /** What follows a server's address where it is shown (the journal): {@code " (lab)"} on the lab, else empty. */
    String serverSuffix();

    /**
     * Whether the directory lives in kerbshell's own process, as the lab does: its changes end with the shell (so
     * leaving asks first), and they go to a journal of their own, never mixed with a domain's.
     */
    boolean inProcess();

    /** Whether a simple bind without TLS is safe here: only to the lab, on loopback inside this process. */
    boolean plainBindIsSafe();

    /** The KDC this session's Kerberos work goes to, as host:port. */
    String kdcAddress(ConnectionSettings settings);

    /**
     * Logs a user on to the session's KDC.
     *
     * @param user        the account to log on as, or null for the session's own user
     * @param passwordFor asks for (or reads) the password of a principal, when the environment needs one
     */
    KdcLogon logOn(DirectorySession session, String user, Function<String, char[]> passwordFor);

    /** Why the KDC cannot prove delegation with S4U2Self/S4U2Proxy, in one sentence with the way out; or empty. */
    Optional<String> s4uUnavailable();

    /** The addresses the environment itself gives a host name (the lab's hosts are loopback), or empty: ask DNS. */
    Optional<List<String>> ownAddresses(String hostName);

    /** The page size to ask searches for. */
    int pageSize();

    /**
     * What the forest is when it is this one directory, searched as it is (the lab: one domain, no Global
     * Catalog), as words for the output; empty for a real forest, searched through its Global Catalog.
     */
    Optional<String> singleDirectoryForest();

    /** Refuses, in one line naming the way out, what only the lab may do (training, planting faults). */
    void requireLab(String what);

    /** Refuses, in one line, what has no meaning on the lab (saving its settings as a profile). */
    void requireDomainController(String what);

    /**
     * The lab's simulation of the given kind (the lab domain itself, whose hosts' cached views {@code vmms restart
     * --via lab} refreshes), when this environment is the lab; empty on a real DC.
     */
    default <T> Optional<T> simulation(Class<T> kind) {
        return Optional.empty();
    }
}
