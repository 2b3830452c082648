package kerbshell.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * The computer names of the connected directory, for tab completion: read with one paged search, kept for a few
 * minutes, and dropped as soon as kerbshell writes or the session changes, so completion never lags behind.
 */
public final class ComputerNames {
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final Clock clock;
    private List<String> names;
    private Instant loadedAt;

    public ComputerNames(Clock clock) {
        this.clock = clock;
    }

    /** Short names (HV01) and DNS names of every computer account, sorted. */
    public synchronized List<String> of(DirectorySession session) {
        if (names == null || Duration.between(loadedAt, clock.instant()).compareTo(MAX_AGE) > 0) {
            names = load(session);
            loadedAt = clock.instant();
        }
        return names;
    }

    public synchronized void invalidate() {
        names = null;
    }

    private static List<String> load(DirectorySession session) {
        TreeSet<String> found = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        try {
            session.domainView().forEach(Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_COMPUTER), entry -> {
                        String sam = entry.getAttributeValue(Ad.SAM_ACCOUNT_NAME);
                        if (sam != null) {
                            found.add(sam.replaceFirst("\\$$", ""));
                        }
                        String dns = entry.getAttributeValue(Ad.DNS_HOST_NAME);
                        if (dns != null) {
                            found.add(dns);
                        }
                    }, Ad.SAM_ACCOUNT_NAME, Ad.DNS_HOST_NAME);
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "listing computer names");
        }
        return List.copyOf(found);
    }
}
