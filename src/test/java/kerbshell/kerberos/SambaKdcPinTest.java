package kerbshell.kerberos;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import kerbshell.testbed.SambaTestBed;
import kerbshell.testbed.SambaTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins of what Samba 4.22's KDC does where AD differs (docs/testbed.md, "What Samba 4.22 does not enforce"): SPNs
 * whose service class holds spaces are never found, not even through S4U2Proxy; tickets are issued to a disabled
 * computer and to one without any SPN. Each test fails, to be updated, when a Samba upgrade changes what it pins.
 */
@Tag("samba")
class SambaKdcPinTest {
    private static final String MIGRATION = "Microsoft Virtual System Migration Service/hv02.corp.test";

    private static SambaTestBed bed;
    private static KdcEndpoint kdc;
    private static KdcLogon operator;

    @BeforeAll
    static void logOn() {
        bed = SambaTestBed.get();
        kdc = new KdcEndpoint(bed.realm(), bed.dcIp(), bed.kdcPort(), KdcEndpoint.Transport.TCP);
        operator = new ServiceTicketRequester(kdc).logOn(bed.operatorUser(), bed.operatorPassword().toCharArray());
    }

    @Test
    void anSpnWithSpacesIsNeverFoundByTheKdc() {
        SambaTool.run(bed, "spn", "add", MIGRATION, "HV02$");
        try {
            assertTrue(SambaTool.run(bed, "spn", "list", "HV02$").contains(MIGRATION), "the directory holds it");
            ServiceTicketResult result = operator.requestServiceTicket(MIGRATION);
            assertFalse(result.issued(), "Samba 4.22 found it; update docs/testbed.md: " + result);
            assertEquals(7, result.errorCode());
        } finally {
            SambaTool.run(bed, "spn", "delete", MIGRATION, "HV02$");
        }
    }

    @Test
    void anSpnWithSpacesIsNotFoundThroughS4u2ProxyEither() {
        SambaTool.run(bed, "spn", "add", MIGRATION, "HV02$");
        SambaTool.run(bed, "delegation", "add-service", "HV01$", MIGRATION);
        SambaTool.run(bed, "delegation", "for-any-protocol", "HV01$", "on");
        try {
            S4uResult result = new S4uProof(kdc).prove("HV01$@" + bed.realm(), bed.hv01Keytab(), "alice", MIGRATION);
            assertFalse(result.granted(), "Samba 4.22 delegated to it; update docs/testbed.md: " + result);
            assertEquals("S4U2Proxy", result.stage());
            assertEquals(7, result.errorCode(), result::toString);
            assertEquals(Boolean.TRUE, result.evidenceForwardable());
        } finally {
            SambaTool.run(bed, "delegation", "for-any-protocol", "HV01$", "off");
            SambaTool.run(bed, "delegation", "del-service", "HV01$", MIGRATION);
            SambaTool.run(bed, "spn", "delete", MIGRATION, "HV02$");
        }
    }

    /** AD issues no service ticket for a disabled account (KDC_ERR_S_PRINCIPAL_UNKNOWN); Samba 4.22 does. */
    @Test
    void aDisabledComputerStillGetsTickets() throws Exception {
        try (LDAPConnection admin = admin()) {
            int uac = admin.getEntry(bed.env("HV02_DN"), "userAccountControl")
                    .getAttributeValueAsInteger("userAccountControl");
            admin.modify(bed.env("HV02_DN"), new Modification(ModificationType.REPLACE, "userAccountControl",
                    String.valueOf(uac | 2)));
            try {
                ServiceTicketResult result = operator.requestServiceTicket("HOST/hv02." + bed.domain());
                assertTrue(result.issued(), "Samba 4.22 refused it now; update docs/testbed.md: " + result);
            } finally {
                admin.modify(bed.env("HV02_DN"), new Modification(ModificationType.REPLACE, "userAccountControl",
                        String.valueOf(uac)));
            }
        }
    }

    /** Without any SPN on HV02, Samba 4.22 still finds host/ and cifs/ by the account's name; AD would answer 7. */
    @Test
    void aComputerWithoutHostSpnsStillGetsHostAndCifsTickets() {
        for (String spn : List.of("HOST/hv02", "HOST/hv02.corp.test")) {
            SambaTool.run(bed, "spn", "delete", spn, "HV02$");
        }
        try {
            assertTrue(SambaTool.run(bed, "spn", "list", "HV02$").contains("has no servicePrincipalName"));
            for (String spn : List.of("HOST/hv02.corp.test", "cifs/hv02.corp.test", "cifs/hv02")) {
                ServiceTicketResult result = operator.requestServiceTicket(spn);
                assertTrue(result.issued(), "Samba 4.22 refused it now; update docs/testbed.md: " + result);
                assertEquals(spn + "@" + bed.realm(), result.ticket().serverPrincipal());
            }
        } finally {
            for (String spn : List.of("HOST/hv02", "HOST/hv02.corp.test")) {
                SambaTool.run(bed, "spn", "add", spn, "HV02$");
            }
        }
    }

    private static LDAPConnection admin() throws Exception {
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(bed.caFile().toFile()));
        LDAPConnection connection = new LDAPConnection(ssl.createSSLSocketFactory(), bed.dcIp(), bed.ldapsPort());
        connection.bind(bed.adminDn(), bed.adminPassword());
        return connection;
    }
}
