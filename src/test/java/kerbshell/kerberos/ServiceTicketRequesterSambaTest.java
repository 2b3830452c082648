package kerbshell.kerberos;

import kerbshell.error.KerbshellException;
import kerbshell.testbed.SambaTestBed;
import kerbshell.testbed.SambaTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The requester against a real AD KDC: the Samba DC of the test bed (realm CORP.TEST). */
@Tag("samba")
class ServiceTicketRequesterSambaTest {
    private static SambaTestBed bed;
    private static ServiceTicketRequester requester;
    private static KdcLogon operator;

    @BeforeAll
    static void logOn() {
        bed = SambaTestBed.get();
        requester = new ServiceTicketRequester(
                new KdcEndpoint(bed.realm(), bed.dcIp(), bed.kdcPort(), KdcEndpoint.Transport.TCP));
        operator = requester.logOn(bed.operatorUser(), bed.operatorPassword().toCharArray());
    }

    @Test
    void hostSpnIsIssued() {
        ServiceTicketResult result = operator.requestServiceTicket("HOST/hv01.corp.test");
        assertTrue(result.issued(), result::toString);
        assertEquals("HOST/hv01.corp.test@CORP.TEST", result.ticket().serverPrincipal());
        assertEquals("aes256-cts-hmac-sha1-96", result.ticket().ticketEncryptionType());
        assertTrue(result.ticket().forwardable(), result.ticket().flags()::toString);
    }

    @Test
    void cifsIsIssuedThroughTheHostSpn() {
        // Nobody holds cifs/hv01 explicitly (samba-tool adds only the HOST SPNs); sPNMappings makes it HOST's.
        ServiceTicketResult result = operator.requestServiceTicket("cifs/hv01.corp.test");
        assertTrue(result.issued(), result::toString);
        assertEquals("cifs/hv01.corp.test@CORP.TEST", result.ticket().serverPrincipal());
    }

    @Test
    void spnNobodyHoldsIsRefusedWithSeven() {
        ServiceTicketResult result = operator.requestServiceTicket("MSSQLSvc/sql09.corp.test:1433");
        assertFalse(result.issued());
        assertEquals(7, result.errorCode());
        assertEquals("KDC_ERR_S_PRINCIPAL_UNKNOWN", result.errorName());
        assertEquals(null, result.ntStatus(), "pin: Samba 4.22 sends no NTSTATUS e-data with it");
    }

    @Test
    void anSpnNamingAnAddressSaysKerberosNeedsTheDnsName() {
        ServiceTicketResult result = operator.requestServiceTicket("cifs/" + bed.dcIp());
        assertFalse(result.issued());
        assertEquals(7, result.errorCode());
        assertEquals("Kerberos needs the host's DNS name, and cifs/" + bed.dcIp() + " names the address "
                + bed.dcIp() + ", which no account holds as an SPN: ask for cifs/<the host's DNS name> (its computer "
                + "account's dNSHostName)", result.explanation());
    }

    @Test
    void ticketGetShowsTheTicketsAndTheSessionKeysEncryptionTypes() {
        ServiceTicketResult result = operator.requestServiceTicket("HOST/hv01.corp.test");
        assertEquals("aes256-cts-hmac-sha1-96", result.ticket().sessionKeyType());
        java.io.StringWriter out = new java.io.StringWriter();
        result.renderText(new kerbshell.output.TextOut(new java.io.PrintWriter(out)));
        String text = out.toString();
        assertTrue(text.contains("ticket aes256-cts-hmac-sha1-96 kvno 2, session key aes256-cts-hmac-sha1-96"),
                text);
    }

    @Test
    void wrongPasswordIsTheSameMessageAsInTheLab() {
        KerbshellException refused = assertThrows(KerbshellException.class,
                () -> requester.logOn(bed.operatorUser(), "not-the-password".toCharArray()));
        assertEquals("wrong password for operator@CORP.TEST", refused.getMessage());
    }

    @Test
    void passwordsAreSaltedAsTheDcSays() {
        // AD salts a computer's keys with "host" + its DNS name and a user's with the stored name, never with the
        // name as typed: both log-ons fail with pre-authentication errors if the announced salt is ignored.
        assertTrue(requester.logOn("HV01$", bed.hv01Password().toCharArray())
                .requestServiceTicket("cifs/hv02.corp.test").issued());
        assertTrue(requester.logOn("OPERATOR", bed.operatorPassword().toCharArray())
                .requestServiceTicket("HOST/hv02.corp.test").issued());
    }

    @Test
    void computerAccountLogsOnFromItsKeytab() {
        KdcLogon hv01 = requester.logOn("HV01$", bed.hv01Keytab());
        assertTrue(hv01.requestServiceTicket("HOST/hv02.corp.test").issued());
    }

    /**
     * A user who may not be delegated logs on and gets tickets, not forwardable ones: Samba leaves forwardable out of
     * the TGT of a sensitive user or a member of Protected Users, refuses a logon that asks for a proxiable TGT (12,
     * "Ticket may not be proxiable", what Kerby asks by default) and a TGS request for a forwardable ticket on a
     * TGT that is not (13). kerbshell asks as kinit does: no proxiable, forwardable only when the TGT is.
     */
    @Test
    void usersWhoMayNotBeDelegatedGetTicketsThatAreNotForwardable() {
        for (String[] on : List.of(new String[] {"user", "sensitive", "alice", "on"},
                new String[] {"group", "addmembers", "Protected Users", "alice"})) {
            SambaTool.run(bed, on);
            try {
                KdcLogon alice = requester.logOn("alice", bed.alicePassword().toCharArray());
                assertFalse(KdcLogon.flagNames(alice.tgt().getEncKdcRepPart().getFlags()).contains("forwardable"));
                ServiceTicketResult result = alice.requestServiceTicket("HOST/hv01.corp.test");
                assertTrue(result.issued(), result::toString);
                assertFalse(result.ticket().forwardable(), result.ticket().flags()::toString);
            } finally {
                SambaTool.run(bed, on[0].equals("user") ? new String[] {"user", "sensitive", "alice", "off"}
                        : new String[] {"group", "removemembers", "Protected Users", "alice"});
            }
        }
    }
}
