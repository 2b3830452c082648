package kerbshell.kerberos;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NTSTATUS of a KRB-ERROR's e-data, in the two shapes KDCs send ([MS-KILE] 2.2.1, 2.2.2), and what ticket s4u
 * says for each S4U2Proxy status [MS-SFU] 3.2.5.2 names. Samba 4.22 sends no e-data with its S4U refusals (pinned in
 * SambaS4uProofTest), so the decoding is proven on the bytes Windows sends.
 */
class KdcErrorDataTest {
    private static final S4uProof.Case CASE = new S4uProof.Case("HV01$@CORP.TEST", "alice@CORP.TEST",
            "cifs/hv02.corp.test");

    /** KERB-ERROR-DATA { data-type [1] 3, data-value [2] KERB-EXT-ERROR (status, reserved, flags; little-endian) }. */
    private static byte[] kerbErrorData(long status) {
        byte[] ext = {(byte) status, (byte) (status >> 8), (byte) (status >> 16), (byte) (status >> 24), 0, 0, 0, 0,
                1, 0, 0, 0};
        return Der.sequence(Der.explicit(1, Der.element(Der.INTEGER, new byte[] {3})),
                Der.explicit(2, Der.element(Der.OCTET_STRING, ext)));
    }

    @Test
    void kerbErrorDataWithAnExtendedError() {
        byte[] eData = kerbErrorData(0xC0000272L);
        assertEquals("3015a103020103a20e040c720200c00000000001000000", HexFormat.of().formatHex(eData));
        assertEquals(Optional.of(0xC0000272L), KdcErrorData.ntStatus(eData));
        assertEquals("0xC0000272", KdcErrorData.hex(KdcErrorData.ntStatus(eData).orElseThrow()));
    }

    @Test
    void methodDataWithThePwSaltEntryWindowsSendsForLogons() {
        byte[] ext = {0x72, 0x00, 0x00, (byte) 0xC0, 0, 0, 0, 0, 1, 0, 0, 0};   // STATUS_ACCOUNT_DISABLED
        byte[] eData = Der.sequence(
                Der.sequence(Der.explicit(1, Der.element(Der.INTEGER, new byte[] {19})),        // ETYPE-INFO2
                        Der.explicit(2, Der.element(Der.OCTET_STRING, new byte[] {0x30, 0}))),
                Der.sequence(Der.explicit(1, Der.element(Der.INTEGER, new byte[] {3})),         // PA-PW-SALT
                        Der.explicit(2, Der.element(Der.OCTET_STRING, ext))));
        assertEquals(Optional.of(0xC0000072L), KdcErrorData.ntStatus(eData));
    }

    @Test
    void noneOrUnreadableGivesNothing() {
        assertEquals(Optional.empty(), KdcErrorData.ntStatus(null));
        assertEquals(Optional.empty(), KdcErrorData.ntStatus(new byte[0]));
        assertEquals(Optional.empty(), KdcErrorData.ntStatus(new byte[] {0x30, 0x05, 0x01}));
        assertEquals(Optional.empty(), KdcErrorData.ntStatus(Der.sequence(Der.explicit(1,
                Der.element(Der.INTEGER, new byte[] {2})))), "skew recovery data is no NTSTATUS");
    }

    @Test
    void eachS4u2ProxyStatusNamesItsCauseAndFix() {
        assertEquals("cifs/hv02.corp.test is not in HV01's msDS-AllowedToDelegateTo (it lists other services or name "
                + "forms), and hv02.corp.test's resource-based delegation does not allow HV01: `delegate trust HV01 "
                + "--to hv02.corp.test` lists both name forms",
                S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", 0xC0000272L, true, CASE));
        assertEquals("HV01 may not delegate at all (its msDS-AllowedToDelegateTo is empty) and hv02.corp.test's "
                + "resource-based delegation does not allow it: `delegate trust HV01 --to hv02.corp.test`",
                S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", 0xC00000BBL, true, CASE));
        assertEquals("hv02.corp.test's msDS-AllowedToActOnBehalfOfOtherIdentity does not allow HV01 (resource-based "
                + "delegation): `delegate show hv02.corp.test` names who may act on its behalf",
                S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", 0xC0000225L, true, CASE));
        String notForwardable = S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", 0xC000006EL, false, CASE);
        assertTrue(notForwardable.startsWith("the KDC gave HV01 only a non-forwardable ticket in alice's name"),
                notForwardable);
        assertTrue(notForwardable.contains("`account delegable alice`"), notForwardable);
        assertEquals(notForwardable, S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", null, false, CASE),
                "without e-data (Samba), the evidence ticket's flag tells the same");
    }

    /** The Kerberos-only route: the evidence is the user's own ticket to the host, so its refusals say so. */
    @Test
    void theUsersOwnTicketAsEvidenceNamesItsOwnCauses() {
        S4uProof.Case own = new S4uProof.Case("HV01$@CORP.TEST", "alice@CORP.TEST", "cifs/hv02.corp.test",
                "HOST/hv01.corp.test@CORP.TEST");
        String notForwardable = S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", null, false, own);
        assertEquals("alice's own ticket to HOST/hv01.corp.test@CORP.TEST is not forwardable, and the KDC delegates "
                + "only a forwardable one: alice is sensitive and cannot be delegated (NOT_DELEGATED; `account "
                + "delegable alice`) or in Protected Users, or logged on without forwardable tickets (kinit -f; "
                + "Windows asks for them)", notForwardable);
        assertEquals(notForwardable, S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", 0xC000006EL, false, own),
                "Windows' STATUS_ACCOUNT_RESTRICTION says the same");
        assertTrue(S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", null, true, own)
                .startsWith("the KDC does not let HV01 delegate to cifs/hv02.corp.test: it is not in"));

        S4uProof.Case toHv02 = new S4uProof.Case("HV01$@CORP.TEST", "alice@CORP.TEST", "cifs/hv02.corp.test",
                "HOST/hv02.corp.test@CORP.TEST");
        assertEquals("the KDC takes as evidence only a ticket to the host that asks, and alice's ticket is to "
                + "HOST/hv02.corp.test@CORP.TEST, not to HV01: present a ticket to one of HV01's own SPNs "
                + "(HOST/hv01...)", S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", null, true, toHv02));
        assertTrue(S4uProof.proxyRefusal(13, "KDC_ERR_BADOPTION", null, true, CASE).startsWith("the KDC does not let"),
                "S4U2Self's evidence is always the host's own");
    }
}
