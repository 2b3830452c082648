package kerbshell.delegation;

import kerbshell.diagnosis.CheckService;
import kerbshell.diagnosis.Diagnosis;
import kerbshell.kerberos.S4uResult;
import kerbshell.rules.CheckFinding;
import kerbshell.rules.Severity;
import kerbshell.testbed.SambaTestBed;
import kerbshell.testbed.SambaTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check storage against the Samba DC, judged by its KDC: a file server account made for the test, HV01 logged on
 * from its keytab asking for cifs/ of the file server in alice's name (S4U2Self, S4U2Proxy). Without delegation
 * check storage blocks and the KDC refuses; with resource-based delegation on the file server written by
 * samba-tool (what Enable-SmbDelegation writes on Windows) both pass; revoked, both refuse again; with
 * constrained delegation both pass. Samba 4.22 wants HV01's protocol transition for RBCD too (see
 * SambaS4uProofTest), so the RBCD steps keep it, as a Windows host set up for remote moves has it.
 */
@Tag("samba")
class SambaStorageCheckTest {
    private static final String SERVER = "KSFS18";

    private static SambaTestBed bed;
    private static DelegationTarget target;
    private static Fixtures fixtures;

    @BeforeAll
    static void start() {
        bed = SambaTestBed.get();
        target = DelegationTarget.samba();
        SambaTool.run(bed, "computer", "create", SERVER);
        fixtures = new Fixtures(target.other(), "HV01", "alice");
    }

    @Test
    void checkStorageAgreesWithTheKdcBeforeWithRbcdAfterRevokeAndWithConstrainedDelegation() throws Exception {
        String cifs = "cifs/" + SERVER.toLowerCase(Locale.ROOT) + "." + bed.domain();
        DelegationService delegation = new DelegationService(target.admin());

        assertEquals(List.of("host-disabled", "host-no-keys", "host-no-dns-name", "storage-cifs-spn-missing",
                "storage-delegation-none"), blockers(check()), "samba-tool computer create makes an unusable account");
        SambaComputers.join(bed, target.admin(), SERVER, "Kerbshell.FileServer-2026");
        assertEquals(List.of("storage-delegation-none"), blockers(check()), "nothing lets HV01 act towards it");
        assertFalse(s4u(cifs).granted(), "the KDC refuses too");

        // Protocol transition on HV01 (Samba's KDC wants it for RBCD too), then RBCD on the file server only.
        delegation.trust("HV01", SERVER, DelegatedService.parse("cifs"), false, false);
        delegation.untrust("HV01", SERVER, null, false, false, false);
        SambaTool.run(bed, "delegation", "add-principal", SERVER + "$", "HV01$");
        try {
            assertEquals(List.of(), blockers(check()), "resource-based delegation on the file server");
            S4uResult granted = s4u(cifs);
            assertTrue(granted.granted(), granted::toString);
            assertEquals(cifs + "@" + bed.realm(), granted.ticket().server());
        } finally {
            SambaTool.run(bed, "delegation", "del-principal", SERVER + "$", "HV01$");
        }
        assertEquals(List.of("storage-delegation-none"), blockers(check()), "revoked");
        assertFalse(s4u(cifs).granted(), "revoked: the KDC refuses again");

        delegation.trust("HV01", SERVER, DelegatedService.parse("cifs"), false, false);
        assertEquals(List.of(), blockers(check()), "constrained delegation with protocol transition");
        assertTrue(s4u(cifs).granted(), "the KDC grants it too");
        fixtures.restore(false);
    }

    private Diagnosis check() {
        return new CheckService(target.admin()).storage("HV01", "\\\\" + SERVER.toLowerCase(Locale.ROOT) + "\\vms",
                "alice", CheckService.Request.DEFAULT);
    }

    private S4uResult s4u(String spn) {
        return new DelegationProof(target.admin()).prove("HV01", bed.hv01Keytab(), "alice", spn);
    }

    private static List<String> blockers(Diagnosis diagnosis) {
        return diagnosis.findings().stream().filter(f -> f.severity() == Severity.BLOCKER).map(CheckFinding::rule)
                .toList();
    }
}
