package kerbshell.lab;

import kerbshell.directory.AccountResolver;
import kerbshell.kerberos.KdcEndpoint;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketRequester;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.directory.Account;
import kerbshell.directory.Ad;
import kerbshell.directory.AuthMethod;
import kerbshell.directory.ConnectionSettings;
import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.DomainEnvironment;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in lab domain lab.test: its directory and, beside it, its KDC. Exists while the process runs; its
 * state is lost when the process ends, which is what a lab is for.
 */
public final class LabDomain implements AutoCloseable {
    private final LabDirectory directory;
    private final LabKdc kdc;
    private final Path krb5Conf;
    // Which lab, and how many resets ago: lab scenarios notice a restart or reset that wiped their planted fault.
    private final String instance = java.util.UUID.randomUUID().toString().substring(0, 8);
    private int resets;
    private final java.util.concurrent.atomic.AtomicLong plantedRid = new java.util.concurrent.atomic.AtomicLong(5000);
    /** Each computer's cached view of its own account, keyed by lower-case DN; see {@link #cachedView}. */
    private final Map<String, HostView> cachedViews = new ConcurrentHashMap<>();
    private final LabEnvironment environment = new LabEnvironment(this);

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
            LabDomain lab = new LabDomain(directory, kdc, conf);
            lab.bootHosts();
            return lab;
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

    /**
     * Moves the lab's LDAP to another loopback port, keeping its state: every entry, the KDC (which reads the
     * directory afresh on every request), the hosts' cached views and {@link #stateId}, so a scenario in progress
     * goes on. Sessions on the old port must be reopened on the new one.
     *
     * @return how many entries were kept
     */
    public int moveLdap(int port) {
        return directory.moveTo(port);
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
        return connector.open(settings, LabDirectory.ADMIN_PASSWORD::toCharArray, environment);
    }

    /** What sessions on this lab are told differs from a real DC: this lab's KDC, names, journal and rules. */
    public DomainEnvironment environment() {
        return environment;
    }

    /** Logs an account of the lab on to the lab's KDC: the lab knows every account's secret. */
    public KdcLogon logOn(DirectorySession session, String name) {
        Account account = new AccountResolver(session).resolve(name);
        String secret = directory.secretOf(account.dn());
        if (secret == null) {
            throw KerbshellException.failure(account.samAccountName() + " has no password in the lab, so it has no "
                    + "keys and cannot log on");
        }
        ServiceTicketRequester requester = new ServiceTicketRequester(
                new KdcEndpoint(LabDirectory.REALM, "127.0.0.1", kdc.port(), KdcEndpoint.Transport.TCP));
        return requester.logOn(account.samAccountName() + "@" + LabDirectory.REALM, secret.toCharArray());
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

    /**
     * An msDS-AllowedToDelegateTo entry written without any check, as a host deleted since (or a typo) leaves one:
     * when no account holds the SPN, a ghost target, which whoever registers the SPN receives the tickets of.
     */
    public String plantDelegationTarget(Account account, Spn spn) {
        try {
            directory.system().modify(account.dn(),
                    new Modification(ModificationType.ADD, Ad.ALLOWED_TO_DELEGATE_TO, spn.toString()));
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "planting the delegation target " + spn + " on "
                    + account.samAccountName());
        }
        return "planted: " + account.samAccountName() + " delegates to " + spn + "; 'lab reset' removes it";
    }

    /**
     * A host rebuilt and rejoined under a new computer account while its old one, renamed to {@code oldName}, kept
     * its Hyper-V SPNs: the old account gets them (and the host's DNS name and old release), the host loses them
     * and now runs {@code os}/{@code osVersion}. VMMS on the rebuilt host then cannot register them (event 14050),
     * and setspn -S says "Duplicate SPN found, aborting operation!".
     */
    public String plantRebuiltHost(Account host, String oldName, String os, String osVersion) {
        String oldDn = "CN=" + oldName + ",CN=Computers," + LabDirectory.BASE_DN;
        try {
            SearchResultEntry entry = directory.system().getEntry(host.dn(), Ad.SERVICE_PRINCIPAL_NAME,
                    Ad.OPERATING_SYSTEM, Ad.OPERATING_SYSTEM_VERSION, Ad.DNS_HOST_NAME);
            List<String> hyperv = java.util.Arrays.stream(entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME) == null
                            ? new String[0] : entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME))
                    .filter(v -> kerbshell.spn.HyperVServices.CLASSES.stream()
                            .anyMatch(c -> v.regionMatches(true, 0, c + "/", 0, c.length() + 1))).toList();
            if (hyperv.isEmpty()) {
                throw KerbshellException.usage(host.samAccountName() + " holds no Hyper-V SPNs for its old account "
                        + "to keep: 'spn hyperv " + host.name() + " --add' first");
            }
            if (directory.system().getEntry(oldDn) != null) {
                throw KerbshellException.usage(oldDn + " exists already: name the old account otherwise");
            }
            directory.system().modify(host.dn(),
                    new Modification(ModificationType.DELETE, Ad.SERVICE_PRINCIPAL_NAME, hyperv.toArray(String[]::new)),
                    new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM, os),
                    new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM_VERSION, osVersion));
            com.unboundid.ldap.sdk.Entry old = new com.unboundid.ldap.sdk.Entry(oldDn);
            old.addAttribute(Ad.OBJECT_CLASS, "top", "person", "organizationalPerson", "user", Ad.CLASS_COMPUTER);
            old.addAttribute(Ad.CN, oldName);
            old.addAttribute(Ad.SAM_ACCOUNT_NAME, oldName + "$");
            old.addAttribute(Ad.USER_ACCOUNT_CONTROL, String.valueOf(Ad.UAC_WORKSTATION_TRUST_ACCOUNT));
            old.addAttribute(Ad.SERVICE_PRINCIPAL_NAME, hyperv);
            if (entry.getAttributeValue(Ad.DNS_HOST_NAME) != null) {
                old.addAttribute(Ad.DNS_HOST_NAME, entry.getAttributeValue(Ad.DNS_HOST_NAME));
            }
            for (String attribute : List.of(Ad.OPERATING_SYSTEM, Ad.OPERATING_SYSTEM_VERSION)) {
                if (entry.getAttributeValue(attribute) != null) {
                    old.addAttribute(attribute, entry.getAttributeValue(attribute));
                }
            }
            old.addAttribute(Ad.OBJECT_SID, new kerbshell.directory.Sid(LabDirectory.DOMAIN_SID.value() + "-"
                    + (1500 + Math.abs(oldName.hashCode() % 400))).toBytes());
            directory.system().add(old);
            return "planted: " + host.samAccountName() + " was rebuilt (" + os + ", " + osVersion + ") and rejoined; "
                    + "its old account " + oldName + "$ (" + oldDn + ") still holds its " + hyperv.size()
                    + " Hyper-V SPNs";
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "planting a rebuilt " + host.samAccountName());
        }
    }

    /** Sets a host's operating system attributes, as its Netlogon would after an install. */
    public String plantOperatingSystem(Account host, String os, String osVersion) {
        try {
            directory.system().modify(host.dn(), new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM, os),
                    new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM_VERSION, osVersion));
            return "planted: " + host.samAccountName() + " runs " + os + " (" + osVersion + ")";
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "setting the operating system of " + host.samAccountName());
        }
    }

    /**
     * Adds a computer account the way a joined Windows Server 2022 machine has it (enabled, AES, dNSHostName in
     * the lab's domain, HOST/ SPNs in both name forms, keys), for settings beyond a host pair: a file server, a
     * Windows Admin Center gateway, a Replica Broker's cluster name object, more Hyper-V hosts ({@code hyperV}
     * adds their Hyper-V SPNs). Gone again at {@code lab reset}.
     */
    public String plantComputer(String name, boolean hyperV) {
        if (!name.matches("[A-Za-z][A-Za-z0-9-]{0,14}")) {
            throw KerbshellException.usage("'" + name + "' is not a computer name: up to 15 letters, digits and -, "
                    + "starting with a letter");
        }
        String dns = name.toLowerCase(Locale.ROOT) + "." + LabDirectory.DOMAIN;
        com.unboundid.ldap.sdk.Entry entry = new com.unboundid.ldap.sdk.Entry("CN=" + name + ",CN=Computers,"
                + LabDirectory.BASE_DN);
        entry.addAttribute(Ad.OBJECT_CLASS, "top", "person", "organizationalPerson", "user", Ad.CLASS_COMPUTER);
        entry.addAttribute(Ad.CN, name);
        entry.addAttribute(Ad.SAM_ACCOUNT_NAME, name.toUpperCase(Locale.ROOT) + "$");
        entry.addAttribute(Ad.DNS_HOST_NAME, dns);
        entry.addAttribute(Ad.USER_ACCOUNT_CONTROL, String.valueOf(Ad.UAC_WORKSTATION_TRUST_ACCOUNT));
        entry.addAttribute(Ad.SUPPORTED_ENCRYPTION_TYPES, "28");
        entry.addAttribute(Ad.OPERATING_SYSTEM, "Windows Server 2022 Datacenter");
        entry.addAttribute(Ad.OPERATING_SYSTEM_VERSION, "10.0 (20348)");
        entry.addAttribute(Ad.PWD_LAST_SET, String.valueOf(WindowsTime.now()));
        // Written as the system, past the rules that give new principals their SID: so it gets one here, from a
        // range of RIDs of its own.
        entry.addAttribute(new com.unboundid.ldap.sdk.Attribute(Ad.OBJECT_SID,
                new kerbshell.directory.Sid(LabDirectory.DOMAIN_SID + "-" + plantedRid.getAndIncrement()).toBytes()));
        entry.addAttribute(Ad.SERVICE_PRINCIPAL_NAME, "HOST/" + dns, "HOST/" + name.toUpperCase(Locale.ROOT));
        if (hyperV) {
            for (String serviceClass : kerbshell.spn.HyperVServices.CLASSES) {
                entry.addAttribute(Ad.SERVICE_PRINCIPAL_NAME, serviceClass + "/" + dns,
                        serviceClass + "/" + name.toUpperCase(Locale.ROOT));
            }
        }
        try {
            directory.system().add(entry);
            SearchResultEntry added = directory.system().getEntry(entry.getDN(), HostView.attributes());
            cachedViews.put(added.getDN().toLowerCase(Locale.ROOT), HostView.of(added, Instant.now()));
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "adding the computer " + name + " to the lab");
        }
        return "planted: computer " + name.toUpperCase(Locale.ROOT) + "$ (" + dns + ", HOST/ SPNs"
                + (hyperV ? " and the Hyper-V SPNs" : "") + ") in CN=Computers; 'lab reset' removes it";
    }

    public void reset() {
        directory.reset();
        resets++;
        bootHosts();
    }

    /**
     * What the lab host {@code hostDn} has cached of its own SPNs and delegation: the directory as it stood when the
     * lab started or was reset, or at the host's last {@code vmms restart} ({@link #restartHost}). A real host acts
     * on such a view until VMMS restarts; lab features that play a host read it here. Empty for a DN that was no
     * computer account at that time.
     */
    public Optional<HostView> cachedView(String hostDn) {
        return Optional.ofNullable(cachedViews.get(hostDn.toLowerCase(Locale.ROOT)));
    }

    /** The lab's stand-in for restarting VMMS on a host: its cached view becomes the directory's current state. */
    public HostView restartHost(String hostDn) {
        try {
            HostView view = HostView.read(directory.system(), hostDn, Instant.now()).orElseThrow(() ->
                    KerbshellException.failure("no entry " + hostDn + " in the lab"));
            cachedViews.put(hostDn.toLowerCase(Locale.ROOT), view);
            return view;
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading " + hostDn + " for its cached view");
        }
    }

    /**
     * Every computer restarts at once: lab scenarios call it after planting their fault, so that the hosts act on
     * the broken state as if they had run with it all along.
     */
    public void restartAllHosts() {
        bootHosts();
    }

    /** Every computer "boots": its cached view is the directory as it stands now. */
    private void bootHosts() {
        cachedViews.clear();
        Instant now = Instant.now();
        try {
            for (SearchResultEntry entry : directory.system().search(LabDirectory.BASE_DN, SearchScope.SUB,
                    Filter.createEqualityFilter(Ad.OBJECT_CLASS, Ad.CLASS_COMPUTER), HostView.attributes())
                    .getSearchEntries()) {
                cachedViews.put(entry.getDN().toLowerCase(Locale.ROOT), HostView.of(entry, now));
            }
        } catch (LDAPException e) {
            throw LdapFailures.onOperation(e, "reading the lab's computer accounts");
        }
    }

    /** Changes whenever the lab is reset or another lab is started: "a1b2c3d4/2" (instance / resets). */
    public String stateId() {
        return instance + "/" + resets;
    }

    @Override
    public void close() {
        kdc.close();
        directory.close();
    }
}
