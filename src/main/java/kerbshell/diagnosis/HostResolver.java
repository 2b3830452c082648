package kerbshell.diagnosis;

import kerbshell.directory.DirectorySession;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a host's DNS name from the machine kerbshell runs on, for the checks that depend on names (Replica
 * connects by name). On the built-in lab, whose hosts exist only as accounts, the lab's own names resolve to the
 * loopback address, as the lab's KDC and directory do.
 */
@FunctionalInterface
public interface HostResolver {

    /** The addresses the name resolves to, or empty when it does not resolve. */
    Optional<List<String>> resolve(String name);

    /** The system's resolver (the JVM's: hosts file, then DNS). */
    static HostResolver system() {
        return name -> {
            try {
                return Optional.of(Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress)
                        .distinct().toList());
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        };
    }

    /** The resolver for a session: its environment answers for its own names (the lab's), the system for others. */
    static HostResolver of(DirectorySession session) {
        HostResolver system = system();
        return name -> session.environment().ownAddresses(name).or(() -> system.resolve(name));
    }
}
