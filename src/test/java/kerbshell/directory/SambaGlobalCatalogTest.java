package kerbshell.directory;

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

    private static void assertGlobalCatalogOn(int port, AuthMethod auth, TlsMode tls) throws LDAPException {
        ConnectionSettings settings = new ConnectionSettings(bed.dcIp(), null, bed.domain(), bed.operatorUser(),
                auth, tls, bed.caFile(), false, null, null, null);
        try (DirectorySession session = new DirectoryConnector().open(settings,
                () -> bed.operatorPassword().toCharArray())) {
            var forest = session.forest();
            assertEquals("the Global Catalog of " + bed.dcIp(), forest.description());
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
