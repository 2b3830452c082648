package kerbshell.directory;

import kerbshell.error.KerbshellException;
import kerbshell.kerberos.KdcEndpoint;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketRequester;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A real Active Directory (or Samba AD) domain controller: its KDC is the one the settings name, logons use the
 * session's keytab or the password sources, host names resolve through DNS, and the lab's own operations are
 * refused with one line saying to run {@code lab start}.
 */
public final class DomainControllerEnvironment implements DomainEnvironment {
    private final String server;

    /** @param server the DC the session is on, named in refusals */
    public DomainControllerEnvironment(String server) {
        this.server = server;
    }

    @Override
    public boolean isLab() {
        return false;
    }

    @Override
    public String serverSuffix() {
        return "";
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    @Override
    public boolean plainBindIsSafe() {
        return false;
    }

    @Override
    public String kdcAddress(ConnectionSettings settings) {
        return settings.kdcHost() + ":" + settings.kdcPort();
    }

    /** The session's keytab serves its own user; any other credential comes from the password sources. */
    @Override
    public KdcLogon logOn(DirectorySession session, String user, Function<String, char[]> passwordFor) {
        ConnectionSettings settings = session.settings();
        ServiceTicketRequester requester = new ServiceTicketRequester(
                KdcEndpoint.parse(settings.realm(), kdcAddress(settings)));
        if (user == null && settings.keytab() != null) {
            return requester.logOn(settings.principal(), settings.keytab());
        }
        String principal = user == null ? settings.principal() : ConnectionSettings.principalOf(user, settings.realm());
        char[] password = passwordFor.apply(principal);
        try {
            return requester.logOn(principal, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public Optional<String> s4uUnavailable() {
        return Optional.empty();
    }

    @Override
    public Optional<List<String>> ownAddresses(String hostName) {
        return Optional.empty();
    }

    @Override
    public int pageSize() {
        return PagedSearch.AD_PAGE_SIZE;
    }

    @Override
    public Optional<String> singleDirectoryForest() {
        return Optional.empty();
    }

    @Override
    public void requireLab(String what) {
        throw KerbshellException.usage(what + " runs on the built-in lab only, and this session is on " + server
                + ": run 'lab start' first");
    }

    @Override
    public void requireDomainController(String what) {
        // a domain controller is what it asks for
    }
}
