package kerbshell.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every command relies on from a session, held against each target kerbshell connects to: the built-in lab
 * and a real AD DC (Samba). A subclass opens a session bound as the target's Administrator and states the few
 * facts in which the targets differ; everything else must come out the same, through the same services.
 *
 * <p>Objects a test creates are deleted after it, so the shared Samba DC stays as the other tests expect it.
 */
abstract class SessionContractTest {
    /** A computer and a user that share a name: the ambiguity AD and Samba both allow (HV01$ and HV01 differ). */
    private static final String TWIN = "KSCTWIN";
    private static final String NEW_HOST = "KSCNEW";

    protected DirectorySession session;
    private final Deque<String> created = new ArrayDeque<>();

    /** A session bound as the target's Administrator with a simple bind. */
    protected abstract DirectorySession openAsAdministrator();

    /** The domain's DNS name: lab.test or corp.test. */
    protected abstract String domain();

    /** The domain's NetBIOS name: LAB or CORP. */
    protected abstract String netbios();

    /** How the forest-wide view describes itself in resolution messages. */
    protected abstract String forestView();

    /** The functional level the target reports for domain, forest and DC alike, as status names it. */
    protected abstract String functionalLevel();

    /** How the session's connection is protected, as status says it. */
    protected abstract String transport();

    /** The KDC status reports, host:port. */
    protected abstract String kdc();

    protected final String baseDn() {
        return "DC=" + String.join(",DC=", domain().split("\\."));
    }

    private String hv01Dn() {
        return "CN=HV01,CN=Computers," + baseDn();
    }

    private String aliceDn() {
        return "CN=alice,CN=Users," + baseDn();
    }

    @BeforeEach
    void open() {
        session = openAsAdministrator();
    }

    @AfterEach
    void deleteCreatedObjectsAndClose() throws LDAPException {
        try {
            while (!created.isEmpty()) {
                session.ldap().delete(created.pop());
            }
        } finally {
            session.close();
        }
    }

    // ---- 1. connect and status -----------------------------------------------------------------------------

    @Test
    void statusNamesTheDomainForestDcAndNamingContexts() {
        SessionStatus status = new StatusService(session, kdc()).status();
        assertEquals(domain(), status.domain());
        assertEquals(domain(), status.forest(), "a one-domain forest is named after its root domain");
        assertEquals("dc1." + domain(), status.dcHostName());
        assertTrue(status.namingContexts().contains(baseDn()), status.namingContexts()::toString);
        assertEquals(functionalLevel(), status.domainFunctionalLevel());
        assertEquals(functionalLevel(), status.forestFunctionalLevel());
        assertEquals(functionalLevel(), status.dcFunctionalLevel());
        assertEquals(kdc(), status.kdc());
    }

    @Test
    void statusShowsTheBoundIdentityWithItsGroupsAuthAndTls() {
        SessionStatus status = new StatusService(session, kdc()).status();
        assertEquals("Administrator (user)", status.boundIdentity());
        assertEquals("CN=Administrator,CN=Users," + baseDn(), status.accountDn());
        assertTrue(status.groups().contains("Domain Admins"), status.groups()::toString);
        assertTrue(status.groups().contains("Domain Users"),
                "the primary group counts, though AD leaves it out of memberOf: " + status.groups());
        assertEquals("simple", status.auth());
        assertEquals(transport(), status.transport());
    }

    @Test
    void clockSkewIsSmall() {
        SessionStatus status = new StatusService(session, kdc()).status();
        assertNotNull(status.serverTime(), "the rootDSE carries currentTime");
        assertNotNull(status.clockSkewSeconds());
        assertTrue(Math.abs(status.clockSkewSeconds()) <= 5, "skew " + status.clockSkewSeconds() + " s");
    }

    // ---- 2. name resolution ----------------------------------------------------------------------------------

    @Test
    void aHostResolvesByEveryNamePeopleUse() {
        AccountResolver resolver = new AccountResolver(session);
        for (String name : List.of("HV01", "hv01", "HV01$", "hv01." + domain(), "HV01." + domain().toUpperCase(),
                hv01Dn())) {
            Account hv01 = resolver.resolveComputer(name);
            assertEquals(hv01Dn(), hv01.dn(), name);
            assertEquals("HV01$", hv01.samAccountName(), name);
            assertEquals("HV01", hv01.name(), name);
            assertEquals("hv01." + domain(), hv01.dnsHostName(), name);
            assertEquals("computer", hv01.kind(), name);
            assertTrue(hv01.sid().startsWith("S-1-5-21-"), hv01.sid());
            assertTrue(hv01.enabled(), name);
        }
    }

    @Test
    void aUserResolvesByNameUpnAndDn() {
        AccountResolver resolver = new AccountResolver(session);
        for (String name : List.of("alice", "alice@" + domain(), aliceDn())) {
            Account alice = resolver.resolve(name);
            assertEquals(aliceDn(), alice.dn(), name);
            assertEquals("user", alice.kind(), name);
        }
        KerbshellException notAHost = assertThrows(KerbshellException.class,
                () -> resolver.resolveComputer("alice"));
        assertEquals("alice is a user (" + aliceDn() + "), not a computer: give a host name", notAHost.getMessage());
    }

    @Test
    void namesWithThisDomainsPartResolve() throws LDAPException {
        AccountResolver resolver = new AccountResolver(session);
        for (String name : List.of(netbios() + "\\HV01$", netbios().toLowerCase() + "\\HV01", "HV01$@" + domain(),
                "hv01." + domain())) {
            assertEquals(hv01Dn(), resolver.resolveComputer(name).dn(), name);
        }
        for (String name : List.of(netbios() + "\\alice", "alice@" + domain().toUpperCase())) {
            assertEquals(aliceDn(), resolver.resolve(name).dn(), name);
        }
        String john = addUser("john.doe");
        for (String name : List.of("john.doe", netbios() + "\\john.doe", "john.doe@" + domain())) {
            assertEquals(john, resolver.resolve(name).dn(), name);
        }
    }

    @Test
    void aDomainPartOfAnotherDomainIsNeverTheLocalAccount() {
        AccountResolver resolver = new AccountResolver(session);
        String domains = netbios() + " (" + domain() + ")";
        KerbshellException netbiosName = assertThrows(KerbshellException.class,
                () -> resolver.resolve("EVIL\\alice"));
        assertEquals("EVIL\\alice names domain EVIL, which is not a domain of this forest (" + domains + "): check "
                + "the domain part", netbiosName.getMessage());
        for (String upn : List.of("alice@evil.example", "HV01$@evil.example")) {
            KerbshellException dnsName = assertThrows(KerbshellException.class, () -> resolver.resolve(upn));
            assertEquals("no account " + upn + ": evil.example is not a domain of this forest (" + domains + ") and "
                    + "no account has that user principal name (searched " + forestView() + " for "
                    + "userPrincipalName " + upn + "): check the name", dnsName.getMessage());
        }
        KerbshellException otherDn = assertThrows(KerbshellException.class,
                () -> resolver.resolve("CN=alice,CN=Users,DC=evil,DC=example"));
        assertEquals("CN=alice,CN=Users,DC=evil,DC=example is not in domain " + domain() + " (" + baseDn()
                + "): give a DN under " + baseDn(), otherDn.getMessage());
    }

    @Test
    void aDnMustBeAnAccountOfTheKindTheArgumentNeeds() throws LDAPException {
        AccountResolver resolver = new AccountResolver(session);
        KerbshellException container = assertThrows(KerbshellException.class,
                () -> resolver.resolve("CN=Users," + baseDn()));
        assertEquals("CN=Users," + baseDn() + " is a container, not an account (user, computer or group): give the "
                + "DN or name of a user, computer or group", container.getMessage());
        KerbshellException notAGroup = assertThrows(KerbshellException.class, () -> resolver.resolveGroup(aliceDn()));
        assertEquals(aliceDn() + " is a user (" + aliceDn() + "), not a group: give a group's name",
                notAGroup.getMessage());
        KerbshellException groupFlags = assertThrows(KerbshellException.class,
                () -> resolver.resolvePrincipal("Domain Admins"));
        assertTrue(groupFlags.getMessage().startsWith("Domain Admins is a group ("), groupFlags.getMessage());

        // What the issue saw: a container added to Domain Admins, and a userAccountControl invented on it.
        String aliceUac = session.ldap().getEntry(aliceDn(), Ad.USER_ACCOUNT_CONTROL)
                .getAttributeValue(Ad.USER_ACCOUNT_CONTROL);
        kerbshell.account.AccountService accounts = new kerbshell.account.AccountService(session);
        assertThrows(KerbshellException.class, () -> accounts.addToGroup("Domain Admins", "CN=Users," + baseDn(),
                false));
        assertThrows(KerbshellException.class, () -> accounts.disable("CN=Users," + baseDn(), false));
        assertThrows(KerbshellException.class, () -> accounts.makeSensitive("EVIL\\alice", false));
        SearchResultEntry users = session.ldap().getEntry("CN=Users," + baseDn(), Ad.USER_ACCOUNT_CONTROL);
        assertNull(users.getAttributeValue(Ad.USER_ACCOUNT_CONTROL), "nothing was written on the container");
        SearchResultEntry alice = session.ldap().getEntry(aliceDn(), Ad.USER_ACCOUNT_CONTROL);
        assertEquals(aliceUac, alice.getAttributeValue(Ad.USER_ACCOUNT_CONTROL), "the local alice is untouched");
    }

    @Test
    void anUnknownNameIsOneClearError() {
        AccountResolver resolver = new AccountResolver(session);
        KerbshellException unknown = assertThrows(KerbshellException.class, () -> resolver.resolve("HV99"));
        assertEquals(ExitStatus.PROBLEM, unknown.status());
        assertEquals("no account named HV99 in " + domain() + " (searched sAMAccountName HV99 or HV99$): did you "
                + "mean HV01?", unknown.getMessage(), "a close name is offered");
        KerbshellException far = assertThrows(KerbshellException.class, () -> resolver.resolve("QXZ-NOTHING"));
        assertEquals("no account named QXZ-NOTHING in " + domain() + " (searched sAMAccountName QXZ-NOTHING or "
                + "QXZ-NOTHING$): check the name", far.getMessage(), "no close name: nothing is guessed");
        KerbshellException dotted = assertThrows(KerbshellException.class, () -> resolver.resolve("hv99." + domain()));
        assertEquals("no account named hv99." + domain() + " in " + domain() + " (searched sAMAccountName hv99."
                + domain() + " or hv99." + domain() + "$, dNSHostName hv99." + domain() + ", sAMAccountName hv99$): "
                + "did you mean hv01." + domain() + "?", dotted.getMessage(), "the suggestion keeps the form given");

        KerbshellException unknownDn = assertThrows(KerbshellException.class,
                () -> resolver.resolve("CN=HV99,CN=Computers," + baseDn()));
        assertEquals("no entry CN=HV99,CN=Computers," + baseDn() + " in " + domain(), unknownDn.getMessage());
    }

    @Test
    void anAmbiguousNameIsOneClearErrorListingTheDns() throws LDAPException {
        String computer = addComputer(TWIN);
        String user = addUser(TWIN);
        AccountResolver resolver = new AccountResolver(session);

        KerbshellException ambiguous = assertThrows(KerbshellException.class, () -> resolver.resolve(TWIN));
        assertEquals(ExitStatus.PROBLEM, ambiguous.status());
        String message = ambiguous.getMessage();
        assertTrue(message.startsWith(TWIN + " is ambiguous: it matches 2 accounts ("), message);
        assertTrue(message.contains(computer) && message.contains(user), message);
        assertTrue(message.endsWith("): give the DN or the sAMAccountName"), message);

        // What the error advises works: the sAMAccountName or the DN picks one.
        assertEquals(computer, resolver.resolve(TWIN + "$").dn());
        assertEquals(user, resolver.resolve(user).dn());
    }

    // ---- 3. completion ---------------------------------------------------------------------------------------

    @Test
    void completionOffersShortAndDnsNamesAndSeesANewHostAfterInvalidate() throws LDAPException {
        ComputerNames names = new ComputerNames(Clock.systemUTC());
        List<String> before = names.of(session);
        for (String name : List.of("HV01", "HV02", "hv01." + domain(), "hv02." + domain())) {
            assertTrue(before.contains(name), name + " in " + before);
        }
        assertFalse(before.contains("HV01$"), "completion offers the host's name, not its account name");

        addComputer(NEW_HOST);
        assertFalse(names.of(session).contains(NEW_HOST), "read once and cached");
        names.invalidate();
        List<String> after = names.of(session);
        assertTrue(after.contains(NEW_HOST), after::toString);
        assertTrue(after.contains(NEW_HOST.toLowerCase() + "." + domain()), after::toString);
    }

    // ---- 4. the forest-wide view -----------------------------------------------------------------------------

    @Test
    void theForestViewFindsHv01sHostSpn() throws LDAPException {
        DirectorySession.SearchView forest = session.forest();
        List<SearchResultEntry> holders = forest.ldap().search(forest.base(), SearchScope.SUB,
                Filter.createEqualityFilter(Ad.SERVICE_PRINCIPAL_NAME, "HOST/hv01." + domain()),
                Ad.SAM_ACCOUNT_NAME).getSearchEntries();
        assertEquals(1, holders.size(), forest.description() + ": " + holders);
        assertEquals(hv01Dn(), holders.get(0).getDN());
        assertEquals("HV01$", holders.get(0).getAttributeValue(Ad.SAM_ACCOUNT_NAME));
    }

    // ---- fixtures --------------------------------------------------------------------------------------------

    /** A computer account (disabled, keyless: all these tests need is its names). */
    private String addComputer(String name) throws LDAPException {
        String dn = "CN=" + name + ",CN=Computers," + baseDn();
        session.ldap().add(dn,
                new Attribute(Ad.OBJECT_CLASS, "top", "person", "organizationalPerson", Ad.CLASS_USER,
                        Ad.CLASS_COMPUTER),
                new Attribute(Ad.CN, name),
                new Attribute(Ad.SAM_ACCOUNT_NAME, name + "$"),
                new Attribute(Ad.DNS_HOST_NAME, name.toLowerCase() + "." + domain()));
        created.push(dn);
        return dn;
    }

    private String addUser(String name) throws LDAPException {
        String dn = "CN=" + name + " (user),CN=Users," + baseDn();
        session.ldap().add(dn,
                new Attribute(Ad.OBJECT_CLASS, "top", "person", "organizationalPerson", Ad.CLASS_USER),
                new Attribute(Ad.CN, name + " (user)"),
                new Attribute(Ad.SAM_ACCOUNT_NAME, name));
        created.push(dn);
        return dn;
    }
}
