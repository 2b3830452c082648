package kerbshell.lab;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryDirectoryServerSnapshot;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import kerbshell.directory.Ad;
import kerbshell.directory.Sid;
import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLServerSocketFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The lab domain's directory: an UnboundID in-memory server with the AD schema subset, the seed entries and AD's
 * rules ({@link LabDirectoryRules}), listening on loopback so that outside tools can reach it too.
 *
 * <p>Thread-safe: the in-memory server serialises its operations.
 */
public final class LabDirectory implements AutoCloseable {
    public static final String DOMAIN = "lab.test";
    public static final String REALM = "LAB.TEST";
    public static final String NETBIOS = "LAB";
    public static final String BASE_DN = "DC=lab,DC=test";
    public static final String CONFIGURATION_DN = "CN=Configuration," + BASE_DN;
    public static final Sid DOMAIN_SID = new Sid("S-1-5-21-3623811015-3361044348-30300820");
    public static final String ADMIN_USER = "Administrator";
    public static final String ADMIN_PASSWORD = "LabAdmin-2025!";
    public static final String DC_HOST = "dc1.lab.test";

    /** Replaced, entries and all, when the lab moves to another port ({@link #moveTo}). */
    private volatile InMemoryDirectoryServer server;
    private final LabDirectoryRules rules;
    private final InMemoryDirectoryServerSnapshot seeded;

    private LabDirectory(InMemoryDirectoryServer server, LabDirectoryRules rules) {
        this.server = server;
        this.rules = rules;
        this.seeded = server.createSnapshot();
    }

    /** Starts the lab directory listening on loopback; port 0 picks a free port. */
    public static LabDirectory start(int ldapPort) {
        try {
            return start(InMemoryListenerConfig.createLDAPConfig("lab", InetAddress.getLoopbackAddress(), ldapPort,
                    null));
        } catch (LDAPException e) {
            throw new IllegalStateException("the lab directory did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the lab directory speaking LDAPS on loopback with the given server certificate: for standing in for
     * a remote DC, where kerbshell refuses a simple bind without TLS.
     */
    public static LabDirectory startLdaps(int ldapsPort, SSLServerSocketFactory certificate) {
        try {
            return start(InMemoryListenerConfig.createLDAPSConfig("lab-ldaps", InetAddress.getLoopbackAddress(),
                    ldapsPort, certificate, null));
        } catch (LDAPException e) {
            throw new IllegalStateException("the lab directory did not start: " + e.getMessage(), e);
        }
    }

    private static LabDirectory start(InMemoryListenerConfig listener) {
        InMemoryDirectoryServer server;
        LabDirectoryRules rules = new LabDirectoryRules(BASE_DN, DOMAIN_SID);
        try {
            server = newServer(listener, rules);
            rules.attach(server);
            seed(server);
        } catch (LDAPException e) {
            throw new IllegalStateException("the lab directory did not start: " + e.getMessage(), e);
        }
        try {
            server.startListening();
        } catch (LDAPException e) {
            throw cannotListen(listener.getListenPort(), e, "choose a free port, or 0 (the default) for any");
        }
        return new LabDirectory(server, rules);
    }

    /** One line for a port the lab cannot listen on, with the root cause (usually "Address already in use"). */
    private static KerbshellException cannotListen(int port, LDAPException e, String wayOut) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return KerbshellException.failure("the lab cannot listen on 127.0.0.1:" + port + " (" + cause.getMessage()
                + "): " + wayOut, e);
    }

    /** An empty server with the lab's schema, root DSE and rules, not yet listening. */
    private static InMemoryDirectoryServer newServer(InMemoryListenerConfig listener, LabDirectoryRules rules)
            throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.setSchema(loadSchema());
        config.setGenerateOperationalAttributes(false);
        // AD indexes these; without them every lookup in a large lab is a full scan.
        config.setEqualityIndexAttributes(Ad.SERVICE_PRINCIPAL_NAME, Ad.SAM_ACCOUNT_NAME, Ad.DNS_HOST_NAME,
                Ad.USER_PRINCIPAL_NAME, Ad.OBJECT_CLASS, Ad.MEMBER);
        config.setListenerConfigs(listener);
        config.setCustomRootDSEAttributes(List.of(
                new Attribute(Ad.DEFAULT_NAMING_CONTEXT, BASE_DN),
                new Attribute(Ad.ROOT_DOMAIN_NAMING_CONTEXT, BASE_DN),
                new Attribute(Ad.CONFIGURATION_NAMING_CONTEXT, CONFIGURATION_DN),
                new Attribute(Ad.DNS_HOST_NAME_ROOT, DC_HOST),
                new Attribute(Ad.DOMAIN_FUNCTIONALITY, "7"),
                new Attribute(Ad.FOREST_FUNCTIONALITY, "7"),
                new Attribute(Ad.DC_FUNCTIONALITY, "7"),
                new Attribute("ldapServiceName", DOMAIN + ":" + DC_HOST.split("\\.")[0] + "$@" + REALM)));
        config.addInMemoryOperationInterceptor(rules);
        return new InMemoryDirectoryServer(config);
    }

    /**
     * Moves the directory's LDAP listener to {@code port} on loopback, keeping every entry (and the seeded state
     * {@link #reset} goes back to). UnboundID fixes a server's listeners when it is built, so a new server takes
     * over the old one's entries: it listens first, so a port in use leaves the lab where it was; then the old one
     * stops and its entries as they stand then (writes of outside tools included) move over.
     *
     * @return how many entries were kept
     */
    public synchronized int moveTo(int port) {
        InMemoryDirectoryServer old = server;
        InMemoryDirectoryServer next;
        try {
            next = newServer(InMemoryListenerConfig.createLDAPConfig("lab", InetAddress.getLoopbackAddress(), port,
                    null), rules);
            next.startListening();
        } catch (LDAPException e) {
            throw cannotListen(port, e, "it stays at ldap://127.0.0.1:" + old.getListenPort() + "; choose a free port");
        }
        old.shutDown(true);
        next.restoreSnapshot(old.createSnapshot());
        rules.attach(next);
        server = next;
        return next.countEntries();
    }

    public int ldapPort() {
        return server.getListenPort();
    }

    /**
     * The directory as the system sees it, bypassing AD's rules: for the lab's own bookkeeping and for planting
     * states a DC would refuse (a duplicate SPN left by replication), never for ordinary commands.
     */
    public LDAPInterface system() {
        return server;
    }

    /** Puts the directory back to the seeded state. */
    public void reset() {
        server.restoreSnapshot(seeded);
    }

    /** The lab-only secret of an account, for the lab KDC; null when the account has none. */
    public String secretOf(String dn) {
        try {
            SearchResultEntry entry = server.getEntry(dn, LabDirectoryRules.SECRET_ATTRIBUTE);
            return entry == null ? null : entry.getAttributeValue(LabDirectoryRules.SECRET_ATTRIBUTE);
        } catch (LDAPException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static Schema loadSchema() {
        try (LDIFReader reader = new LDIFReader(resource("ad-schema.ldif"))) {
            return new Schema(reader.readEntry());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LDIFException e) {
            throw new IllegalStateException("the lab schema is malformed: " + e.getMessage(), e);
        }
    }

    private static void seed(InMemoryDirectoryServer server) throws LDAPException {
        SecureRandom random = new SecureRandom();
        for (Entry entry : readSeed()) {
            String sid = entry.getAttributeValue(Ad.OBJECT_SID);
            if (sid != null) {
                entry.setAttribute(Ad.OBJECT_SID, Sid.parse(sid).toBytes());
            }
            if (entry.hasObjectClass(Ad.CLASS_COMPUTER)) {
                byte[] password = new byte[24];
                random.nextBytes(password);
                entry.setAttribute(LabDirectoryRules.SECRET_ATTRIBUTE, Base64.getEncoder().encodeToString(password));
            }
            if (entry.hasObjectClass(Ad.CLASS_USER)) {
                entry.setAttribute(Ad.PWD_LAST_SET, String.valueOf(WindowsTime.now()));
                entry.setAttribute("msDS-KeyVersionNumber", "2");
            }
            server.add(entry);
        }
    }

    private static List<Entry> readSeed() {
        List<Entry> entries = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(resource("seed.ldif"))) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                entries.add(entry);
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LDIFException e) {
            throw new IllegalStateException("the lab seed is malformed: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = LabDirectory.class.getResourceAsStream("/kerbshell/lab/" + name);
        if (in == null) {
            throw new IllegalStateException("missing lab resource " + name);
        }
        return in;
    }
}
