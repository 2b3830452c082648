package kerbshell.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Proves the Samba test bed through the UnboundID SDK, the way kerbshell talks to a DC. */
@Tag("samba")
class SambaTestBedTest {

    private static final int WORKSTATION_TRUST_ACCOUNT = 0x1000;
    private static final int NORMAL_ACCOUNT = 0x200;
    private static final int ACCOUNTDISABLE = 0x2;

    private static SambaTestBed bed;

    @BeforeAll
    static void startBed() {
        bed = SambaTestBed.get(); // throws (the tests fail) when the DC cannot start
    }

    /** LDAPS that trusts only the test CA and checks its certificate with {@code verifier}. */
    private static LDAPConnection ldaps(SSLSocketVerifier verifier) throws Exception {
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(bed.caFile().toFile()));
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(verifier);
        options.setConnectTimeoutMillis(5_000);
        options.setResponseTimeoutMillis(10_000);
        return new LDAPConnection(ssl.createSSLSocketFactory(), options, bed.dcIp(), bed.ldapsPort());
    }

    private static LDAPConnection adminLdaps() throws Exception {
        LDAPConnection conn = ldaps(new HostNameSSLSocketVerifier(true));
        conn.bind(bed.adminDn(), bed.adminPassword());
        return conn;
    }

    @Test
    void ldapsSimpleBindAsAdministratorValidatesCaAndHostName() throws Exception {
        try (LDAPConnection conn = ldaps(new HostNameSSLSocketVerifier(true))) {
            BindResult result = conn.bind(bed.adminDn(), bed.adminPassword());
            assertEquals(ResultCode.SUCCESS, result.getResultCode());
            RootDSE rootDse = conn.getRootDSE();
            assertEquals(bed.baseDn(), rootDse.getAttributeValue("defaultNamingContext"));
        }
    }

    @Test
    void certificateNamesTheDcNotOtherHosts() throws Exception {
        // The certificate carries DNS:dc1.corp.test and IP:<DC_IP>; another name must be refused, which shows
        // that the verifier really compares names.
        HostNameSSLSocketVerifier names = new HostNameSSLSocketVerifier(false);
        try (LDAPConnection conn = ldaps(checkingAs(names, bed.dcHost()))) {
            assertTrue(conn.isConnected());
        }
        LDAPException wrongName = assertThrows(LDAPException.class,
                () -> ldaps(checkingAs(names, "hv01." + bed.domain())).close());
        assertEquals(ResultCode.CONNECT_ERROR, wrongName.getResultCode());
    }

    private static SSLSocketVerifier checkingAs(HostNameSSLSocketVerifier names, String host) {
        return new SSLSocketVerifier() {
            @Override
            public void verifySSLSocket(String ignoredHost, int port, SSLSocket socket) throws LDAPException {
                names.verifySSLSocket(host, port, socket);
            }
        };
    }

    @Test
    void hv01IsAnEnabledHostWithItsSpns() throws Exception {
        try (LDAPConnection conn = adminLdaps()) {
            SearchResultEntry hv01 = conn.searchForEntry(bed.baseDn(), SearchScope.SUB, "(sAMAccountName=HV01$)",
                    "servicePrincipalName", "userAccountControl", "dNSHostName", "operatingSystem",
                    "operatingSystemVersion", "msDS-SupportedEncryptionTypes", "msDS-KeyVersionNumber");
            assertNotNull(hv01, "HV01$ not found");
            assertEquals(bed.env("HV01_DN"), hv01.getDN());
            assertEquals(Set.of("HOST/hv01", "HOST/hv01.corp.test"),
                    Set.of(hv01.getAttributeValues("servicePrincipalName")));
            // 4096 = WORKSTATION_TRUST_ACCOUNT alone: enabled, password required
            assertEquals(WORKSTATION_TRUST_ACCOUNT, hv01.getAttributeValueAsInteger("userAccountControl"));
            assertEquals("hv01.corp.test", hv01.getAttributeValue("dNSHostName"));
            assertEquals("Windows Server 2022 Datacenter", hv01.getAttributeValue("operatingSystem"));
            assertEquals("10.0 (20348)", hv01.getAttributeValue("operatingSystemVersion"));
            assertEquals(24, hv01.getAttributeValueAsInteger("msDS-SupportedEncryptionTypes"));
            assertNotNull(hv01.getAttributeValueAsInteger("msDS-KeyVersionNumber"));
        }
    }

    @Test
    void usersAreEnabledAndAesOnly() throws Exception {
        try (LDAPConnection conn = adminLdaps()) {
            for (String user : List.of(bed.operatorUser(), bed.env("ALICE_USER"), bed.adminUser())) {
                SearchResultEntry entry = conn.searchForEntry(bed.baseDn(), SearchScope.SUB,
                        "(sAMAccountName=" + user + ")", "userAccountControl", "msDS-SupportedEncryptionTypes");
                assertNotNull(entry, user + " not found");
                int uac = entry.getAttributeValueAsInteger("userAccountControl");
                assertTrue((uac & NORMAL_ACCOUNT) != 0, user + " is not a normal account: " + uac);
                assertFalse((uac & ACCOUNTDISABLE) != 0, user + " is disabled: " + uac);
                assertEquals(24, entry.getAttributeValueAsInteger("msDS-SupportedEncryptionTypes"), user);
            }
        }
    }

    @Test
    void operatorCanBindOverLdaps() throws Exception {
        try (LDAPConnection conn = ldaps(new HostNameSSLSocketVerifier(true))) {
            String upn = bed.operatorUser() + "@" + bed.domain();
            assertEquals(ResultCode.SUCCESS, conn.bind(upn, bed.operatorPassword()).getResultCode());
        }
    }

    @Test
    void simpleBindOnPlainLdapIsRefused() throws Exception {
        // Samba 4.22 ("ldap server require strong auth = yes", the default; pinned since 4.17) answers
        // 8 strongerAuthRequired, "BindSimple: Transport encryption required." on 389 without TLS.
        try (LDAPConnection conn = new LDAPConnection(bed.dcIp(), bed.ldapPort())) {
            LDAPException refused = assertThrows(LDAPException.class,
                    () -> conn.bind(bed.adminDn(), bed.adminPassword()));
            assertEquals(ResultCode.STRONG_AUTH_REQUIRED, refused.getResultCode());
            assertTrue(String.valueOf(refused.getDiagnosticMessage()).contains("Transport encryption required"),
                    refused.getDiagnosticMessage());
        }
    }
}
