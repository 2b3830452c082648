package kerbshell.directory;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forest-wide view on a real DC is its Global Catalog, opened with the session's own protection and
 * credentials: 3269 (GC over TLS) for an LDAPS session, 3268 with StartTLS or SASL signing otherwise.
 */
@Tag("samba")
class SambaGlobalCatalogTest {
    private static SambaTestBed bed;

    @BeforeAll
    static void startBed() {
        bed = SambaTestBed.get();
    }

    @Test
    void anLdapsSessionSearchesTheGlobalCatalogOverTls() throws LDAPException {
        assertGlobalCatalogOn(3269, AuthMethod.SIMPLE, TlsMode.LDAPS);
    }

    @Test
    void aStartTlsSessionSearchesTheGlobalCatalogWithStartTls() throws LDAPException {
        assertGlobalCatalogOn(3268, AuthMethod.SIMPLE, TlsMode.STARTTLS);
    }

    @Test
    void aKerberosSessionWithoutTlsSearchesTheGlobalCatalogSigned() throws LDAPException {
        assertGlobalCatalogOn(3268, AuthMethod.GSSAPI, TlsMode.NONE);
    }

    @Test
    void aGlobalCatalogNamedWithGcIsUsed() throws LDAPException {
        ConnectionSettings settings = new ConnectionSettings(bed.dcIp(), null, bed.domain(), bed.operatorUser(),
                AuthMethod.SIMPLE, TlsMode.LDAPS, bed.caFile(), false, null, null, null, null, bed.dcIp() + ":3269",
                false);
        try (DirectorySession session = new DirectoryConnector().open(settings,
                () -> bed.operatorPassword().toCharArray())) {
            assertEquals("the Global Catalog at " + bed.dcIp() + ":3269", session.forest().description());
        }
    }

    @Test
    void anUnreachableGlobalCatalogIsNamedNotTheDc() throws Exception {
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(bed.dcIp()))) {
            closed = probe.getLocalPort();
        }
        ConnectionSettings settings = new ConnectionSettings(bed.dcIp(), null, bed.domain(), bed.operatorUser(),
                AuthMethod.SIMPLE, TlsMode.LDAPS, bed.caFile(), false, null, null, null, null,
                bed.dcIp() + ":" + closed, false);
        try (DirectorySession session = new DirectoryConnector().open(settings,
                () -> bed.operatorPassword().toCharArray())) {
            KerbshellException failure = assertThrows(KerbshellException.class, session::forest);
            assertEquals(ExitStatus.UNREACHABLE, failure.status());
            assertTrue(failure.getMessage().startsWith("cannot open the Global Catalog at " + bed.dcIp() + ":"
                    + closed + " (Connection refused)"), failure.getMessage());
            assertFalse(failure.getMessage().contains("the DC is down"), failure.getMessage());
            assertTrue(failure.getMessage().endsWith("which forest-wide checks search: give its address with --gc "
                    + "HOST[:PORT], or --no-gc to search domain corp.test only"), failure.getMessage());
        }
    }

    @Test
    void noGcSearchesTheDomainAndSaysSo() throws LDAPException {
        ConnectionSettings settings = new ConnectionSettings(bed.dcIp(), null, bed.domain(), bed.operatorUser(),
                AuthMethod.SIMPLE, TlsMode.LDAPS, bed.caFile(), false, null, null, null, null, null, true);
        try (DirectorySession session = new DirectoryConnector().open(settings,
                () -> bed.operatorPassword().toCharArray())) {
            var view = session.forest();
            assertEquals("domain corp.test only (--no-gc: the check is domain-wide, not forest-wide)",
                    view.description());
            assertEquals(bed.baseDn(), view.base());
        }
    }

    private static void assertGlobalCatalogOn(int port, AuthMethod auth, TlsMode tls) throws LDAPException {
        ConnectionSettings settings = new ConnectionSettings(bed.dcIp(), null, bed.domain(), bed.operatorUser(),
                auth, tls, bed.caFile(), false, null, null, null);
        try (DirectorySession session = new DirectoryConnector().open(settings,
                () -> bed.operatorPassword().toCharArray())) {
            var forest = session.forest();
            assertEquals("the Global Catalog at " + bed.dcIp() + ":" + port, forest.description());
            LDAPConnectionPool pool = (LDAPConnectionPool) forest.ldap();
            LDAPConnection connection = pool.getConnection();
            try {
                assertEquals(port, connection.getConnectedPort());
            } finally {
                pool.releaseConnection(connection);
            }
            List<SearchResultEntry> holders = forest.ldap().search(forest.base(), SearchScope.SUB,
                    Filter.createEqualityFilter(Ad.SERVICE_PRINCIPAL_NAME, "HOST/hv01.corp.test"), "1.1")
                    .getSearchEntries();
            assertEquals(List.of(bed.env("HV01_DN")), holders.stream().map(SearchResultEntry::getDN).toList());
        }
    }
}
