package kerbshell.kerberos;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import kerbshell.error.ExitStatus;
import kerbshell.output.TextOut;
import kerbshell.testbed.SambaTestBed;
import kerbshell.testbed.SambaTool;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Windows Server 2012 R2 path of a live migration started remotely, against Samba 4.22's KDC: the source is
 * trusted for Kerberos only (msDS-AllowedToDelegateTo set, TRUSTED_TO_AUTH_FOR_DELEGATION not set); the operator's
 * own service ticket to the source, which the remote management call brings, is the evidence of the source's
 * S4U2Proxy request (RFC 4120 cname-in-addl-tkt, [MS-SFU] 3.2.5.2), so no protocol transition is needed.
 *
 * <p>Judged by the KDC's answer and by the destination's key: the ticket issued opens with HV02's keytab and names
 * the operator as its client. The refusals are the KDC's too: an evidence ticket that is not forwardable (the user
 * sensitive, or in Protected Users), a target not in the list (other class or other name form), no delegation, and
 * a ticket to another host than the one asking. The Hyper-V service classes hold spaces, which Samba's KDC never
 * finds (docs/testbed.md), so the evidence is the user's ticket to HOST/ (or cifs/) of HV01 and the target cifs/hv02.
 */
@Tag("samba")
class SambaKerberosOnlyDelegationTest {
    private static final int TRUSTED_TO_AUTH_FOR_DELEGATION = 0x1000000;

    private static SambaTestBed bed;
    private static KdcEndpoint kdc;
    private static String cifsHv02;
    private final List<String[]> undo = new ArrayList<>();

    @BeforeAll
    static void start() {
        bed = SambaTestBed.get();
        kdc = new KdcEndpoint(bed.realm(), bed.dcIp(), bed.kdcPort(), KdcEndpoint.Transport.TCP);
        cifsHv02 = "cifs/hv02." + bed.domain();
    }

    @AfterEach
    void restore() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            SambaTool.run(bed, undo.get(i));
        }
        undo.clear();
    }

    /** samba-tool ARGS now, and UNDO after the test. */
    private void sambaTool(String[] args, String... undoArgs) {
        SambaTool.run(bed, args);
        undo.add(undoArgs);
    }

    /** HV01 trusted for Kerberos only to the given SPNs, as Microsoft's 2012 R2 guidance set it. */
    private void kerberosOnlyTo(String... spns) throws Exception {
        for (String spn : spns) {
            sambaTool(new String[] {"delegation", "add-service", "HV01$", spn}, "delegation", "del-service", "HV01$",
                    spn);
        }
        try (LDAPConnection admin = admin()) {
            var hv01 = admin.getEntry(bed.env("HV01_DN"), "userAccountControl", "msDS-AllowedToDelegateTo");
            assertEquals(0, hv01.getAttributeValueAsInteger("userAccountControl") & TRUSTED_TO_AUTH_FOR_DELEGATION,
                    "no protocol transition");
            assertEquals(List.of(spns), List.of(hv01.getAttributeValues("msDS-AllowedToDelegateTo")));
        }
    }

    private static KdcLogon operator() {
        return new ServiceTicketRequester(kdc).logOn(bed.operatorUser(), bed.operatorPassword().toCharArray());
    }

    private static KdcLogon alice() {
        return new ServiceTicketRequester(kdc).logOn("alice", bed.alicePassword().toCharArray());
    }

    private static S4uProof.Delegated asHv01(HeldServiceTicket evidence, String spn) {
        return new S4uProof(kdc).delegateWithTicket("HV01$@" + bed.realm(), bed.hv01Keytab(), evidence, spn);
    }

    private static HeldServiceTicket held(KdcLogon user, String spn, boolean forwardable) {
        HeldServiceTicket ticket = user.holdServiceTicket(spn);
        assertTrue(ticket.issued(), ticket.answer()::toString);
        assertEquals(forwardable, ticket.answer().ticket().forwardable(), ticket.answer()::toString);
        return ticket;
    }

    /** A refusal as Samba 4.22 words it: S4U2Proxy, KDC_ERR_BADOPTION, no e-data. */
    private static void assertBadOption(S4uProof.Delegated answer, boolean evidenceForwardable) {
        S4uResult result = answer.result();
        assertFalse(result.granted(), result::toString);
        assertNull(answer.ticket());
        assertEquals("S4U2Proxy", result.stage(), result::toString);
        assertEquals(13, result.errorCode(), result::toString);
        assertNull(result.ntStatus(), result::toString);
        assertEquals(evidenceForwardable, result.evidenceForwardable(), result::toString);
        assertEquals(ExitStatus.PROBLEM, result.exitStatus());
    }

    /** The ticket opened with the keytab's key, as the service does on receiving it: only that key opens it. */
    private static EncTicketPart openWith(Path keytabFile, Ticket ticket) throws Exception {
        Keytab keytab = Keytab.loadKeytab(keytabFile.toFile());
        PrincipalName service = keytab.getPrincipals().get(0);
        EncryptionKey key = keytab.getKey(service, ticket.getEncryptedEncPart().getEType());
        assertNotNull(key, "no key of the ticket's type in " + keytabFile);
        byte[] plain = EncryptionHandler.decrypt(ticket.getEncryptedEncPart(), key, KeyUsage.KDC_REP_TICKET);
        return KrbCodec.decode(plain, EncTicketPart.class);
    }

    @ParameterizedTest(name = "evidence: the operator''s ticket to {0}")
    @ValueSource(strings = {"HOST/hv01.corp.test", "HOST/hv01", "cifs/hv01.corp.test"})
    void kerberosOnlyDelegatesWithTheUsersOwnForwardableTicket(String evidenceSpn) throws Exception {
        kerberosOnlyTo(cifsHv02, "cifs/hv02");
        KdcLogon operator = operator();
        HeldServiceTicket evidence = held(operator, evidenceSpn, true);

        S4uProof.Delegated answer = asHv01(evidence, cifsHv02);
        S4uResult result = answer.result();
        assertTrue(result.granted(), result::toString);
        assertEquals(ExitStatus.OK, result.exitStatus());
        assertEquals("operator@" + bed.realm(), result.ticket().client());
        assertEquals(cifsHv02 + "@" + bed.realm(), result.ticket().server());
        assertEquals(evidenceSpn + "@" + bed.realm(), result.evidence());
        assertEquals(Boolean.TRUE, result.evidenceForwardable());

        EncTicketPart opened = openWith(bed.hv02Keytab(), answer.ticket());
        assertEquals("operator", String.join("/", opened.getCname().getNameStrings()), "the user is the client");
        assertEquals(bed.realm(), opened.getCrealm());
        assertThrows(KrbException.class, () -> openWith(bed.hv01Keytab(), answer.ticket()),
                "sealed with HV02's key, not the source's");

        // The 2016-and-later route, protocol transition, is refused for the same delegation: S4U2Self gives HV01 a
        // non-forwardable ticket in the operator's name, which S4U2Proxy will not take.
        S4uResult transition = new S4uProof(kdc).prove("HV01$@" + bed.realm(), bed.hv01Keytab(), "operator",
                cifsHv02);
        assertFalse(transition.granted(), transition::toString);
        assertEquals(Boolean.FALSE, transition.evidenceForwardable(), transition::toString);
        assertEquals(S4uResult.S4U2SELF, transition.evidence());
    }

    /** The text an administrator reads for the granted 2012 R2 path. */
    @Test
    void theGrantedTicketSaysItsEvidence() throws Exception {
        kerberosOnlyTo(cifsHv02);
        S4uResult result = new S4uProof(kdc).proveWithTicket("HV01$@" + bed.realm(), bed.hv01Keytab(),
                held(operator(), "HOST/hv01." + bed.domain(), true), cifsHv02);
        StringWriter text = new StringWriter();
        result.renderText(new TextOut(new PrintWriter(text, true)));
        assertTrue(text.toString().startsWith("delegation works: the KDC issued HV01$@" + bed.realm() + " a ticket to "
                + cifsHv02 + "@" + bed.realm() + " in the name of operator@" + bed.realm() + " (S4U2Proxy with the "
                + "user's own ticket to HOST/hv01." + bed.domain() + "@" + bed.realm() + ", no protocol transition;"),
                text.toString());
    }

    /**
     * A user marked sensitive gets no forwardable ticket-granting ticket from Samba, so her ticket to HV01 is issued
     * without forwardable, and the KDC refuses it as evidence ([MS-SFU] 3.2.5.2.1; Heimdal's mssfu.c: "Missing
     * forwardable flag on ticket for constrained delegation").
     */
    @Test
    void aNotForwardableTicketIsRefusedAsEvidence() throws Exception {
        kerberosOnlyTo(cifsHv02);
        sambaTool(new String[] {"user", "sensitive", "alice", "on"}, "user", "sensitive", "alice", "off");
        HeldServiceTicket evidence = held(alice(), "HOST/hv01." + bed.domain(), false);

        S4uProof.Delegated answer = asHv01(evidence, cifsHv02);
        assertBadOption(answer, false);
        assertTrue(answer.result().explanation().startsWith("alice's own ticket to HOST/hv01." + bed.domain() + "@"
                + bed.realm() + " is not forwardable, and the KDC delegates only a forwardable one: alice is "
                + "sensitive and cannot be delegated"), answer.result().explanation());
    }

    /**
     * Samba 4.22 gives a member of Protected Users no forwardable ticket-granting ticket (db-glue.c), so on this path
     * it enforces what it does not for S4U2Self (docs/testbed.md, SambaS4uProofTest): the evidence is refused.
     */
    @Test
    void aProtectedUsersMembersTicketIsRefusedAsEvidence() throws Exception {
        kerberosOnlyTo(cifsHv02);
        sambaTool(new String[] {"group", "addmembers", "Protected Users", "alice"}, "group", "removemembers",
                "Protected Users", "alice");
        HeldServiceTicket evidence = held(alice(), "HOST/hv01." + bed.domain(), false);
        assertBadOption(asHv01(evidence, cifsHv02), false);
    }

    /** Only the SPNs in msDS-AllowedToDelegateTo, each name form on its own: the short name is another target. */
    @Test
    void aTargetNotInTheListIsRefused() throws Exception {
        kerberosOnlyTo(cifsHv02);
        HeldServiceTicket evidence = held(operator(), "HOST/hv01." + bed.domain(), true);
        for (String target : List.of("HOST/hv02." + bed.domain(), "cifs/hv02")) {
            S4uProof.Delegated answer = asHv01(evidence, target);
            assertBadOption(answer, true);
            assertTrue(answer.result().explanation().contains("it is not in HV01$@" + bed.realm()
                    + "'s msDS-AllowedToDelegateTo"), answer.result().explanation());
        }
        assertTrue(asHv01(evidence, cifsHv02).result().granted(), "the listed target, with the same evidence");
    }

    @Test
    void withoutDelegationTheTicketIsRefused() throws Exception {
        try (LDAPConnection admin = admin()) {
            assertNull(admin.getEntry(bed.env("HV01_DN"), "msDS-AllowedToDelegateTo")
                    .getAttributeValues("msDS-AllowedToDelegateTo"));
        }
        assertBadOption(asHv01(held(operator(), "HOST/hv01." + bed.domain(), true), cifsHv02), true);
    }

    /** The KDC checks that the evidence is a ticket to the host that asks (Heimdal opens it with that host's key). */
    @Test
    void aTicketToAnotherHostIsRefusedAsEvidence() throws Exception {
        kerberosOnlyTo(cifsHv02);
        S4uProof.Delegated answer = asHv01(held(operator(), "HOST/hv02." + bed.domain(), true), cifsHv02);
        assertBadOption(answer, true);
        assertTrue(answer.result().explanation().startsWith("the KDC takes as evidence only a ticket to the host "
                + "that asks, and operator's ticket is to HOST/hv02." + bed.domain() + "@" + bed.realm()
                + ", not to HV01"), answer.result().explanation());
    }

    private static LDAPConnection admin() throws Exception {
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(bed.caFile().toFile()));
        LDAPConnection connection = new LDAPConnection(ssl.createSSLSocketFactory(), bed.dcIp(), bed.ldapsPort());
        connection.bind(bed.adminDn(), bed.adminPassword());
        return connection;
    }
}
