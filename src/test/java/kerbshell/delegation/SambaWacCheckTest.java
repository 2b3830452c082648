package kerbshell.delegation;

import kerbshell.diagnosis.CheckService;
import kerbshell.diagnosis.HostSet;
import kerbshell.kerberos.S4uResult;
import kerbshell.rules.CheckFinding;
import kerbshell.rules.Severity;
import kerbshell.testbed.SambaTestBed;
import kerbshell.testbed.SambaTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check wac against the Samba DC, judged by its KDC: a gateway account made for the test, logged on from a keytab
 * samba-tool exports, asks for cifs/ of HV01 and HV02 in alice's name. With resource-based delegation on HV01 only
 * (written by samba-tool, as Set-ADComputer -PrincipalsAllowedToDelegateToAccount does on Windows), check wac
 * names HV02 alone as not allowing the gateway, and the KDC grants HV01 and refuses HV02. Samba 4.22's KDC wants
 * the gateway's protocol transition for RBCD (see SambaS4uProofTest), which AD does not; the test sets it.
 */
@Tag("samba")
class SambaWacCheckTest {
    private static final String GATEWAY = "KSWAC18";

    private static SambaTestBed bed;
    private static DelegationTarget target;
    private static Fixtures fixtures;
    private static Path keytab;

    @BeforeAll
    static void start() throws Exception {
        bed = SambaTestBed.get();
        target = DelegationTarget.samba();
        SambaTool.run(bed, "computer", "create", GATEWAY);
        SambaComputers.join(bed, target.admin(), GATEWAY, "Kerbshell.Gateway-2026");
        keytab = Files.createTempFile("kswac", ".keytab");
        Files.delete(keytab);
        SambaTool.run(bed, "domain", "exportkeytab", keytab.toString(), "--principal=" + GATEWAY + "$");
        fixtures = new Fixtures(target.other(), "HV01", "HV02", GATEWAY);
    }

    @AfterAll
    static void close() throws Exception {
        try {
            fixtures.restore(false);
        } finally {
            SambaTool.run(bed, "computer", "delete", GATEWAY);
            Files.deleteIfExists(keytab);
            target.close();
        }
    }

    @Test
    void checkWacAgreesWithTheKdcNodeByNode() {
        String hv01 = "cifs/hv01." + bed.domain();
        String hv02 = "cifs/hv02." + bed.domain();
        assertEquals(List.of("HV01 does not allow the gateway " + GATEWAY, "HV02 does not allow the gateway " + GATEWAY),
                gatewayBlockers());
        assertFalse(s4u(hv01).granted(), "the KDC refuses too");

        DelegationService delegation = new DelegationService(target.admin());
        delegation.trust(GATEWAY, "HV02", DelegatedService.parse("cifs"), false, false);
        delegation.untrust(GATEWAY, "HV02", null, false, false, false); // protocol transition stays (Samba)
        SambaTool.run(bed, "delegation", "add-principal", "HV01$", GATEWAY + "$");
        try {
            assertEquals(List.of("HV02 does not allow the gateway " + GATEWAY), gatewayBlockers());
            S4uResult granted = s4u(hv01);
            assertTrue(granted.granted(), granted::toString);
            assertEquals(hv01 + "@" + bed.realm(), granted.ticket().server());
            S4uResult refused = s4u(hv02);
            assertFalse(refused.granted(), "HV02 does not allow it, and the KDC agrees: " + refused);
            assertEquals("S4U2Proxy", refused.stage());
        } finally {
            SambaTool.run(bed, "delegation", "del-principal", "HV01$", GATEWAY + "$");
        }
    }

    /** The gateway findings that block, cut to the sentence's start. */
    private List<String> gatewayBlockers() {
        return new CheckService(target.admin()).wac(GATEWAY, new HostSet(List.of("HV01", "HV02"), null, null),
                        "alice", CheckService.Request.DEFAULT).findings().stream()
                .filter(f -> f.severity() == Severity.BLOCKER && "wac-rbcd-missing".equals(f.rule()))
                .map(CheckFinding::problem).map(p -> p.substring(0, p.indexOf(" to act for users"))).toList();
    }

    private S4uResult s4u(String spn) {
        return new DelegationProof(target.admin()).prove(GATEWAY, keytab, "alice", spn);
    }
}
