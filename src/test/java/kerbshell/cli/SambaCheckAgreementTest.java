package kerbshell.cli;

import kerbshell.account.AccountService;
import kerbshell.delegation.DelegatedService;
import kerbshell.delegation.DelegationProof;
import kerbshell.delegation.DelegationService;
import kerbshell.diagnosis.CheckService;
import kerbshell.diagnosis.Diagnosis;
import kerbshell.rules.Severity;
import kerbshell.directory.DirectorySession;
import kerbshell.kerberos.S4uResult;
import kerbshell.spn.HyperVSpnReport;
import kerbshell.spn.SpnService;
import kerbshell.spn.SpnTarget;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against the Samba DC, check pair's verdict and the KDC's own behaviour agree before and after the fix: a
 * direction check pair blocks is one where the KDC refuses the source's S4U2Proxy to the destination's cifs, and
 * once check pair's fixes are applied (through the shell), the KDC grants it.
 */
@Tag("samba")
class SambaCheckAgreementTest {
    private static SpnTarget target;
    private final SambaTestBed bed = SambaTestBed.get();
    private final List<String> addedSpns = new ArrayList<>();

    @TempDir
    Path home;

    @BeforeAll
    static void connect() {
        target = SpnTarget.samba();
    }

    @AfterAll
    static void close() {
        target.close();
    }

    private DirectorySession admin() {
        return target.admin();
    }

    @BeforeEach
    void hostsWithTheirHyperVSpns() {
        for (String host : List.of("HV01", "HV02")) {
            HyperVSpnReport report = new SpnService(admin()).hyperv(host, true, false);
            if (report.added() != null) {
                report.added().outcomes().forEach(o -> addedSpns.add(host + "|" + o.spn()));
            }
        }
    }

    @AfterEach
    void restore() {
        DelegationService delegation = new DelegationService(admin());
        delegation.untrust("HV01", null, null, true, false, false);
        delegation.untrust("HV02", null, null, true, false, false);
        new AccountService(admin()).makeDelegable("alice", false);
        for (String added : addedSpns) {
            String[] hostAndSpn = added.split("\\|", 2);
            new SpnService(admin()).remove(hostAndSpn[0], List.of(hostAndSpn[1]), false);
        }
    }

    private Diagnosis checkPair() {
        return new CheckService(admin()).pair("HV01", "HV02", "alice", null);
    }

    private static List<String> blockers(Diagnosis diagnosis) {
        return diagnosis.findings().stream().filter(f -> f.severity() == Severity.BLOCKER)
                .map(f -> f.problem()).toList();
    }

    private S4uResult s4u(String host, Path keytab, String destination) {
        return new DelegationProof(admin()).prove(host, keytab, "alice", "cifs/" + destination + "." + bed.domain());
    }

    /** Applies a diagnosis's fixes the way an admin would: its commands, through the shell, on the same DC. */
    private void applyFixes(Diagnosis diagnosis) {
        KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.adminPassword())
                .stdin(String.join("\n", diagnosis.fixPlan())).args(SambaLaunch.as(bed, bed.adminUser()).then());
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void noDelegation() {
        Diagnosis before = checkPair();
        assertEquals(List.of("HV01 is not trusted to delegate to HV02", "HV02 is not trusted to delegate to HV01"),
                blockers(before));
        assertFalse(s4u("HV01", bed.hv01Keytab(), "hv02").granted(), "the KDC refuses too");

        applyFixes(before);
        assertEquals(List.of(), blockers(checkPair()));
        S4uResult granted = s4u("HV01", bed.hv01Keytab(), "hv02");
        assertTrue(granted.granted(), "the KDC grants it now: " + granted);
    }

    @Test
    void oneDirectionOnly() {
        new DelegationService(admin()).trust("HV01", "HV02", DelegatedService.parse("migration,cifs"), false, false);
        Diagnosis before = checkPair();
        assertEquals(List.of("HV02 is not trusted to delegate to HV01"), blockers(before));
        assertTrue(s4u("HV01", bed.hv01Keytab(), "hv02").granted(), "HV01 -> HV02 works, as check says");
        assertFalse(s4u("HV02", bed.hv02Keytab(), "hv01").granted(), "HV02 -> HV01 is refused, as check says");

        applyFixes(before);
        assertEquals(List.of(), blockers(checkPair()));
        assertTrue(s4u("HV02", bed.hv02Keytab(), "hv01").granted());
    }

    @Test
    void operatorMarkedSensitive() {
        new DelegationService(admin()).pair("HV01", "HV02", DelegatedService.parse("migration,cifs"), false, false);
        new AccountService(admin()).makeSensitive("alice", false);
        Diagnosis before = checkPair();
        assertEquals(List.of("the account is marked sensitive and cannot be delegated (NOT_DELEGATED)"),
                blockers(before));
        assertFalse(s4u("HV01", bed.hv01Keytab(), "hv02").granted(), "the KDC refuses a sensitive user");

        applyFixes(before);
        assertEquals(List.of(), blockers(checkPair()));
        assertTrue(s4u("HV01", bed.hv01Keytab(), "hv02").granted());
    }
}
