package kerbshell.delegation;

import kerbshell.testbed.SambaTool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.error.ExitStatus;
import kerbshell.kerberos.S4uResult;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proof that delegate's LDAP changes really grant and revoke delegation: HV01, logged on from its keytab, asks
 * Samba's KDC for a ticket to cifs/hv02 in alice's name (S4U2Self, then S4U2Proxy), before and after each change.
 * The lab cannot do this: its KDC (Apache Kerby) has no S4U. Each refusal is the KDC's own answer to the S4U2Proxy
 * request (kerbshell presents even a non-forwardable S4U2Self ticket), and the pins record what Samba 4.22 sends:
 * KDC_ERR_BADOPTION with no e-data, so the cause comes from the evidence ticket's forwardable flag. Where Samba's
 * KDC does less than AD, the test shows what it does, and docs/delegation.md says so.
 */
@Tag("samba")
class SambaS4uProofTest {
    private static final String BAD_OPTION = "KDC cannot accommodate requested option (13)";

    private static SambaTestBed bed;
    private static DelegationTarget target;
    private static Fixtures fixtures;
    private static String aliceDn;
    private static String protectedUsersDn;

    @BeforeAll
    static void start() {
        bed = SambaTestBed.get();
        target = DelegationTarget.samba();
        fixtures = new Fixtures(target.other(), "HV01", "HV02", "alice");
        AccountResolver accounts = new AccountResolver(target.admin());
        aliceDn = accounts.resolve("alice").dn();
        protectedUsersDn = accounts.resolve("Protected Users").dn();
    }

    @AfterEach
    void restore() throws LDAPException {
        fixtures.restore(false);
        if (target.other().ldap().getEntry(protectedUsersDn, Ad.MEMBER).hasAttributeValue(Ad.MEMBER, aliceDn)) {
            target.other().ldap().modify(protectedUsersDn, new Modification(ModificationType.DELETE, Ad.MEMBER,
                    aliceDn));
        }
        if (SambaTool.run(bed, "delegation", "show", "HV02$").contains("CN=HV01,")) {
            SambaTool.run(bed, "delegation", "del-principal", "HV02$", "HV01$");
        }
    }

    @AfterAll
    static void close() {
        target.close();
    }

    private S4uResult aliceToCifsOnHv02() {
        return s4u("alice", "cifs/hv02." + bed.domain());
    }

    private S4uResult s4u(String user, String spn) {
        return new DelegationProof(target.admin()).prove("HV01", bed.hv01Keytab(), user, spn);
    }

    private DelegationService delegation() {
        return new DelegationService(target.admin());
    }

    /** A refusal as Samba 4.22 sends it: S4U2Proxy, KDC_ERR_BADOPTION, no NTSTATUS in the e-data (Windows sends one). */
    private static void assertSambaBadOption(S4uResult result, boolean evidenceForwardable) {
        assertFalse(result.granted(), result::toString);
        assertEquals("S4U2Proxy", result.stage(), result::toString);
        assertEquals(13, result.errorCode());
        assertEquals(BAD_OPTION, result.kdcMessage());
        assertNull(result.ntStatus(), "Samba 4.22 sends no e-data with its S4U2Proxy refusals: " + result);
        assertEquals(evidenceForwardable, result.evidenceForwardable(), result::toString);
        assertEquals(ExitStatus.PROBLEM, result.exitStatus());
    }

    @Test
    void refusedBeforeTrustGrantedAfterRefusedAgainAfterUntrust() {
        S4uResult before = aliceToCifsOnHv02();
        assertSambaBadOption(before, false);
        assertTrue(before.explanation().startsWith("the KDC gave HV01 only a non-forwardable ticket in alice's name"),
                before.explanation());

        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        S4uResult granted = aliceToCifsOnHv02();
        assertTrue(granted.granted(), granted::toString);
        assertEquals("alice@" + bed.realm(), granted.ticket().client());
        assertEquals("cifs/hv02." + bed.domain() + "@" + bed.realm(), granted.ticket().server());
        assertTrue(granted.ticket().flags().contains("forwardable"), granted.ticket()::toString);
        assertEquals("aes256-cts-hmac-sha1-96", granted.ticket().ticketEncryptionType());
        assertEquals(Boolean.TRUE, granted.evidenceForwardable(), "protocol transition: forwardable S4U2Self ticket");
        assertEquals(ExitStatus.OK, granted.exitStatus());

        delegation().untrust("HV01", "HV02", null, false, false, false);
        S4uResult after = aliceToCifsOnHv02();
        assertSambaBadOption(after, true);
        assertTrue(after.explanation().contains("it is not in HV01$@" + bed.realm() + "'s msDS-AllowedToDelegateTo"),
                after.explanation());

        delegation().untrust("HV01", null, null, true, false, false);
        assertSambaBadOption(aliceToCifsOnHv02(), false);
    }

    @Test
    void kerberosOnlyCannotActForAUserWhoDidNotLogOnWithKerberos() {
        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), true, false);
        S4uResult result = aliceToCifsOnHv02();
        assertSambaBadOption(result, false);
        assertTrue(result.explanation().contains("HV01 is trusted for Kerberos only (no protocol transition; "
                + "`delegate trust HV01 --to hv02." + bed.domain() + "` sets it)"), result.explanation());
    }

    @Test
    void aTargetNotInTheListIsBadOption() {
        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        S4uResult host = s4u("alice", "HOST/hv02." + bed.domain());
        assertSambaBadOption(host, true);
        assertTrue(host.explanation().contains("not in HV01$@" + bed.realm() + "'s msDS-AllowedToDelegateTo"),
                host.explanation());
        assertEquals("KDC_ERR_BADOPTION", host.explainCode());
    }

    @Test
    void sensitiveUserIsNotDelegated() throws LDAPException {
        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        int uac = target.other().ldap().getEntry(aliceDn, Ad.USER_ACCOUNT_CONTROL)
                .getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        target.other().ldap().modify(aliceDn, new Modification(ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL,
                String.valueOf(uac | Ad.UAC_NOT_DELEGATED)));
        try {
            assertTrue(delegation().show("alice").notDelegated());
            S4uResult result = aliceToCifsOnHv02();
            assertSambaBadOption(result, false);   // the KDC's S4U2Self ticket in a sensitive user's name
            assertTrue(result.explanation().contains("alice is sensitive and cannot be delegated"),
                    result.explanation());
        } finally {
            target.other().ldap().modify(aliceDn, new Modification(ModificationType.REPLACE,
                    Ad.USER_ACCOUNT_CONTROL, String.valueOf(uac)));
        }
    }

    /**
     * Resource-based delegation to a host that has no protocol transition: AD accepts the non-forwardable
     * S4U2Self ticket of a non-sensitive user for RBCD ([MS-SFU] 3.1.5.2.1); Samba 4.22 refuses it. This pin fails,
     * to be updated, once Samba's KDC accepts it.
     */
    @Test
    void resourceBasedDelegationNeedsProtocolTransitionOnSamba422() {
        SambaTool.run(bed, "delegation", "add-principal", "HV02$", "HV01$");
        try {
            assertTrue(delegation().show("HV01").constrainedTo().isEmpty());
            assertSambaBadOption(aliceToCifsOnHv02(), false);
        } finally {
            SambaTool.run(bed, "delegation", "del-principal", "HV02$", "HV01$");
        }
    }

    /** The target's RBCD names another account, not the caller: refused, the evidence ticket was forwardable. */
    @Test
    void resourceBasedDelegationNotAllowingTheCallerIsBadOption() {
        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        delegation().untrust("HV01", "HV02", null, false, false, false); // protocol transition stays
        SambaTool.run(bed, "delegation", "add-principal", "HV02$", "operator");
        try {
            S4uResult result = aliceToCifsOnHv02();
            assertSambaBadOption(result, true);
            assertTrue(result.explanation().contains("hv02." + bed.domain() + "'s "
                    + "msDS-AllowedToActOnBehalfOfOtherIdentity does not allow HV01 either"), result.explanation());
        } finally {
            SambaTool.run(bed, "delegation", "del-principal", "HV02$", "operator");
        }
    }

    /**
     * AD never delegates a member of Protected Users. Samba 4.22's KDC (as 4.17's did) does: it issues a forwardable
     * S4U2Self ticket and the S4U2Proxy ticket (MIT's kvno -U alice -P gets both too). This test holds that evidence;
     * it fails, to be updated, once the test bed's Samba enforces Protected Users for delegation.
     */
    @Test
    void protectedUsersIsNotEnforcedForDelegationBySamba422() throws LDAPException {
        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        target.other().ldap().modify(protectedUsersDn, new Modification(ModificationType.ADD, Ad.MEMBER, aliceDn));
        assertTrue(delegation().show("alice").protectedUser(), "kerbshell sees the membership");
        S4uResult result = aliceToCifsOnHv02();
        assertTrue(result.granted(), "Samba 4.22 issued it; AD would refuse: " + result);
        assertEquals(Boolean.TRUE, result.evidenceForwardable(), "not even the S4U2Self ticket is restricted");
    }

    /**
     * Samba 4.22's KDC honours resource-based delegation written on the DC (samba-tool, as system): with HV01's own
     * list emptied and only HV02's msDS-AllowedToActOnBehalfOfOtherIdentity naming HV01, S4U2Proxy to cifs/hv02 is
     * granted. (Samba 4.17 refused it with KDC_ERR_BADOPTION; this pin fails if a Samba upgrade changes it again.)
     */
    @Test
    void resourceBasedDelegationWrittenBySambaIsHonouredBySamba422() {
        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        delegation().untrust("HV01", "HV02", null, false, false, false); // protocol transition stays
        SambaTool.run(bed, "delegation", "add-principal", "HV02$", "HV01$");
        try {
            assertEquals(List.of("HV01$"), delegation().show("HV02").actingAllowed().stream()
                    .map(DelegationReport.ActingPrincipal::account).toList());
            assertTrue(delegation().show("HV01").constrainedTo().isEmpty(), "only RBCD can grant it");
            S4uResult result = aliceToCifsOnHv02();
            assertTrue(result.granted(), result::toString);
            assertEquals("cifs/hv02." + bed.domain() + "@" + bed.realm(), result.ticket().server());
        } finally {
            SambaTool.run(bed, "delegation", "del-principal", "HV02$", "HV01$");
        }
        S4uResult after = aliceToCifsOnHv02();
        assertFalse(after.granted(), "without the descriptor entry the KDC refuses again: " + after);
        assertEquals("S4U2Proxy", after.stage());
    }

    @Test
    void unknownUserIsNotFound() {
        S4uResult result = s4u("nobody", "cifs/hv02." + bed.domain());
        assertEquals("S4U2Self", result.stage());
        assertEquals(6, result.errorCode());
        assertEquals("Client not found in Kerberos database (6)", result.kdcMessage());
        assertNull(result.ticket());
    }
}
