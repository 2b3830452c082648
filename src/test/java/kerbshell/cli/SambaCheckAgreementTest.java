package kerbshell.cli;

import kerbshell.account.AccountService;
import kerbshell.delegation.DelegatedService;
import kerbshell.delegation.DelegationProof;
import kerbshell.delegation.DelegationService;
import kerbshell.diagnosis.CheckService;
import kerbshell.diagnosis.Diagnosis;
import kerbshell.rules.Severity;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.rules.CheckFinding;
import kerbshell.testbed.SambaDatabase;
import kerbshell.kerberos.HeldServiceTicket;
import kerbshell.kerberos.KdcEndpoint;
import kerbshell.kerberos.S4uProof;
import kerbshell.kerberos.S4uResult;
import kerbshell.diagnosis.HyperVSpnReport;
import kerbshell.diagnosis.HyperVSpnService;
import kerbshell.kerberos.ServiceTicketRequester;
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
    private final List<Runnable> undos = new ArrayList<>();

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
            HyperVSpnReport report = new HyperVSpnService(admin()).hyperv(host, true, false);
            if (report.added() != null) {
                report.added().outcomes().forEach(o -> addedSpns.add(host + "|" + o.spn()));
            }
        }
    }

    @AfterEach
    void restore() throws LDAPException {
        for (Runnable undo : undos) {
            undo.run();
        }
        undos.clear();
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

    /**
     * A HOST/ SPN duplicated on another computer, as a clone or a restore leaves it (written into the DC's database,
     * since Samba refuses it over LDAP): check pair names both holders and blocks; the KDC finds no account for
     * cifs/ through it; the fix plan removes it from the wrong holder and the KDC grants the delegation again.
     */
    @Test
    void duplicatedHostSpnBlocksUntilRemovedFromTheWrongHolder() {
        new DelegationService(admin()).pair("HV01", "HV02", DelegatedService.parse("migration,cifs"), false, false);
        String duplicate = "HOST/hv02." + bed.domain();
        SambaDatabase.addValue(bed, hv(1), Ad.SERVICE_PRINCIPAL_NAME, duplicate);
        undos.add(() -> removeIfPresent(hv(1), duplicate));
        Diagnosis before = checkPair();
        assertEquals(List.of(duplicate + " is also held by HV01$"), blockers(before));
        CheckFinding finding = before.findings().stream().filter(CheckFinding::blocks).findFirst().orElseThrow();
        assertEquals("spn-duplicate", finding.rule());
        assertTrue(finding.why().contains("cifs"), "a duplicated HOST/ breaks the classes it covers: " + finding.why());
        assertTrue(before.fixPlan().contains("spn remove HV01 \"" + duplicate + "\""), before.fixPlan()::toString);
        S4uResult refused = s4u("HV01", bed.hv01Keytab(), "hv02");
        assertFalse(refused.granted(), "the KDC finds no single account for cifs/hv02: " + refused);

        applyFixes(before);
        assertEquals(List.of(), blockers(checkPair()));
        assertTrue(s4u("HV01", bed.hv01Keytab(), "hv02").granted());
    }

    /**
     * A delegation target no account holds (a ghost SPN, left by a host that is gone): check host names it, the KDC
     * has no account for it, and the finding's fix, run through the shell, removes exactly that entry while the
     * pair's own delegation stays and the KDC still grants it; undo in a later shell brings the entry back.
     */
    @Test
    void ghostDelegationTargetIsRemovedByItsFixAndUndoBringsItBack() throws LDAPException {
        new DelegationService(admin()).pair("HV01", "HV02", DelegatedService.parse("migration,cifs"), false, false);
        String ghost = "cifs/ghost." + bed.domain();
        admin().apply(LdapChange.add(hv(1), Ad.ALLOWED_TO_DELEGATE_TO, List.of(ghost)));
        CheckFinding finding = ghostFinding(new CheckService(admin()).host("HV01"));
        assertEquals(List.of("delegate untrust HV01 --spn \"" + ghost + "\""), finding.fix());
        assertFalse(new DelegationProof(admin()).prove("HV01", bed.hv01Keytab(), "alice", ghost).granted(),
                "the KDC has no account for the ghost");

        shell(finding.fix());
        assertEquals(null, ghostFinding(new CheckService(admin()).host("HV01")));
        assertEquals(List.of(), blockers(checkPair()), "the pair's own delegation stays");
        assertTrue(s4u("HV01", bed.hv01Keytab(), "hv02").granted());

        shell(List.of("undo --last"));
        assertEquals(finding, ghostFinding(new CheckService(admin()).host("HV01")), "undo brought it back");
    }

    private static CheckFinding ghostFinding(Diagnosis diagnosis) {
        return diagnosis.findings().stream().filter(f -> f.rule().equals("delegation-to-missing-spn")).findFirst()
                .orElse(null);
    }

    private void shell(List<String> lines) {
        KerbshellRun.Result run = KerbshellRun.in(home).env("KERBSHELL_PASSWORD", bed.adminPassword())
                .stdin(String.join("\n", lines)).args(SambaLaunch.as(bed, bed.adminUser()).then());
        assertEquals(0, run.exitCode(), run::toString);
    }

    /**
     * Delegation by the short name only: check pair says which name form is missing and that moves by that name
     * fail; the KDC agrees (the DNS form is refused, the short form granted); after the fix both are granted.
     */
    @Test
    void shortNameOnlyDelegationFailsForTheDnsName() throws LDAPException {
        new DelegationService(admin()).trust("HV01", "HV02", DelegatedService.parse("migration,cifs"), false, false);
        admin().apply(LdapChange.delete(hv(1), Ad.ALLOWED_TO_DELEGATE_TO, List.of(
                "Microsoft Virtual System Migration Service/hv02." + bed.domain(), "cifs/hv02." + bed.domain())));
        Diagnosis before = checkPair();
        assertTrue(blockers(before).contains("HV01 may not delegate to Microsoft Virtual System Migration "
                + "Service/hv02." + bed.domain() + ", cifs/hv02." + bed.domain() + " (the DNS name form: moves to HV02 "
                + "by the name hv02." + bed.domain() + " fail)"), blockers(before)::toString);
        assertFalse(s4u("HV01", bed.hv01Keytab(), "hv02").granted(), "the KDC refuses cifs/hv02." + bed.domain());
        assertTrue(new DelegationProof(admin()).prove("HV01", bed.hv01Keytab(), "alice", "cifs/HV02").granted(),
                "the short form is in the list, and the KDC grants it");

        applyFixes(before);
        assertEquals(List.of(), blockers(checkPair()));
        assertTrue(s4u("HV01", bed.hv01Keytab(), "hv02").granted());
    }

    /**
     * The operator in Protected Users through a nested group: check pair finds it through the nesting (the DC's own
     * membership, written over LDAP) and names the group to take the operator out of; after the fix it passes.
     */
    @Test
    void operatorInProtectedUsersThroughANestedGroup() throws LDAPException {
        new DelegationService(admin()).pair("HV01", "HV02", DelegatedService.parse("migration,cifs"), false, false);
        String group = "CN=Tier0 Operators,CN=Users," + bed.baseDn();
        admin().ldap().add(group, new Attribute(Ad.OBJECT_CLASS, "top", "group"),
                new Attribute(Ad.SAM_ACCOUNT_NAME, "Tier0 Operators"),
                new Attribute(Ad.MEMBER, "CN=alice,CN=Users," + bed.baseDn()));
        undos.add(() -> {
            try {
                admin().ldap().delete(group);
            } catch (LDAPException e) {
                throw new IllegalStateException(e);
            }
        });
        admin().ldap().modify("CN=Protected Users,CN=Users," + bed.baseDn(),
                new Modification(ModificationType.ADD, Ad.MEMBER, group));
        Diagnosis before = checkPair();
        assertEquals(List.of("the account is in Protected Users through group Tier0 Operators"), blockers(before));
        assertTrue(before.fixPlan().contains("group remove-member \"Tier0 Operators\" alice"),
                before.fixPlan()::toString);
        // Pin (docs/testbed.md): Samba 4.22's KDC does not refuse S4U for Protected Users, direct or nested; a
        // Windows KDC does (S41). Here the directory, not the KDC, proves the membership; when Samba starts refusing,
        // this assertion fails and the KDC can judge this row too.
        assertTrue(s4u("HV01", bed.hv01Keytab(), "hv02").granted(), "Samba 4.22 delegates Protected Users");

        applyFixes(before);
        assertEquals(List.of(), blockers(checkPair()));
        assertTrue(s4u("HV01", bed.hv01Keytab(), "hv02").granted());
    }

    /**
     * A pre-2016 pair with Kerberos-only delegation: judged by release number (6.3 is 2012 R2, older than 10.0),
     * check pair lets remote moves through, as Microsoft's 2012 guidance did; the same hosts on 2022 need protocol
     * transition, which the KDC confirms: it refuses the S4U2Self route a 2016+ remote move takes until the fix sets
     * protocol transition.
     */
    @Test
    void preWindowsServer2016PairWithKerberosOnly() throws LDAPException {
        new DelegationService(admin()).pair("HV01", "HV02", DelegatedService.parse("migration,cifs"), true, false);
        for (int n = 1; n <= 2; n++) {
            release(n, "Windows Server 2012 R2 Datacenter", "6.3 (9600)");
        }
        Diagnosis old = checkPair();
        assertEquals(List.of(), blockers(old), "2012 R2 hosts move with Kerberos only");
        assertTrue(old.findings().stream().anyMatch(f -> f.problem().contains("release: Windows Server 2012 R2")));
        assertTrue(old.findings().stream().anyMatch(f -> f.problem().equals("HV01 may delegate to HV02's migration "
                + "and cifs services with Kerberos only, which Windows Server 2012 R2 accepts for moves started "
                + "remotely")), old.findings()::toString);
        S4uResult transition = s4u("HV01", bed.hv01Keytab(), "hv02");
        assertFalse(transition.granted(), "without protocol transition the KDC refuses the S4U2Self route: "
                + transition);
        assertTrue(kerberosOnlyRoute().granted(), "the 2012 R2 route, alice's own ticket to HV01 as the evidence");

        for (int n = 1; n <= 2; n++) {
            release(n, "Windows Server 2022 Datacenter", "10.0 (20348)");
        }
        Diagnosis current = checkPair();
        assertEquals(List.of("HV01 delegates with Kerberos only, but Windows Server 2022 Datacenter hosts need "
                + "protocol transition for moves started remotely", "HV02 delegates with Kerberos only, but Windows "
                + "Server 2022 Datacenter hosts need protocol transition for moves started remotely"), blockers(current));
        applyFixes(current);
        assertEquals(List.of(), blockers(checkPair()));
        assertTrue(s4u("HV01", bed.hv01Keytab(), "hv02").granted());
    }

    /**
     * What a 2012 R2 source does for a move started remotely: S4U2Proxy with the user's own ticket to it as the
     * evidence (SambaKerberosOnlyDelegationTest has the KDC's refusals on this route).
     */
    private S4uResult kerberosOnlyRoute() {
        KdcEndpoint kdc = new KdcEndpoint(bed.realm(), bed.dcIp(), bed.kdcPort(), KdcEndpoint.Transport.TCP);
        HeldServiceTicket evidence = new ServiceTicketRequester(kdc).logOn("alice", bed.alicePassword().toCharArray())
                .holdServiceTicket("HOST/hv01." + bed.domain());
        return new S4uProof(kdc).proveWithTicket("HV01$@" + bed.realm(), bed.hv01Keytab(), evidence,
                "cifs/hv02." + bed.domain());
    }

    private String hv(int n) {
        return "CN=HV0" + n + ",CN=Computers," + bed.baseDn();
    }

    private void release(int n, String os, String version) throws LDAPException {
        admin().ldap().modify(hv(n), new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM, os),
                new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM_VERSION, version));
        undos.add(() -> {
            try {
                admin().ldap().modify(hv(n), new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM,
                                "Windows Server 2022 Datacenter"),
                        new Modification(ModificationType.REPLACE, Ad.OPERATING_SYSTEM_VERSION, "10.0 (20348)"));
            } catch (LDAPException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void removeIfPresent(String dn, String spn) {
        try {
            String[] held = admin().ldap().getEntry(dn, Ad.SERVICE_PRINCIPAL_NAME)
                    .getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME);
            if (held != null && List.of(held).contains(spn)) {
                SambaDatabase.deleteValue(bed, dn, Ad.SERVICE_PRINCIPAL_NAME, spn);
            }
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }
}
