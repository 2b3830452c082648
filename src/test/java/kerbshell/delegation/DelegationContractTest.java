package kerbshell.delegation;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.spn.HyperVServices;
import kerbshell.spn.Spn;
import kerbshell.spn.SpnService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the delegate commands promise, held against the lab and the Samba AD DC by the same tests, through the
 * services the commands call. Every test leaves HV01, HV02 and DC1 as it found them.
 */
abstract class DelegationContractTest {
    protected static DelegationTarget target;
    protected static Fixtures fixtures;

    static void record() {
        fixtures = new Fixtures(target.other(), "HV01", "HV02", "DC1");
    }

    /** Whether the directory lets an administrator write the resource-based descriptor over LDAP. */
    abstract boolean descriptorWritable();

    DelegationService delegation() {
        return new DelegationService(target.admin());
    }

    String hv02(String serviceClass) {
        return serviceClass + "/hv02." + target.domain();
    }

    @AfterEach
    void restore() throws Exception {
        target.admin().observeWrites(DirectorySession.WriteObserver.NONE);
        fixtures.restore(descriptorWritable());
    }

    @AfterAll
    static void close() {
        target.close();
    }

    @Test
    void freshHostHasNoDelegation() {
        DelegationReport report = delegation().show("HV01");
        assertEquals("HV01$", report.account());
        assertFalse(report.unconstrained());
        assertFalse(report.protocolTransition());
        assertTrue(report.constrainedTo().isEmpty());
        assertTrue(report.actingAllowed().isEmpty());
        assertNull(report.actingSddl());
        assertFalse(report.notDelegated());
        assertFalse(report.protectedUser());
    }

    @Test
    void domainControllerShowsUnconstrainedByDesign() {
        DelegationReport report = delegation().show("DC1");
        assertTrue(report.domainController(), report::toString);
        assertTrue(report.unconstrained(), report::toString);
    }

    @Test
    void trustAddsBothNameFormsAndProtocolTransitionInOneModify() throws Exception {
        DelegationChange change = delegation().trust("HV01", "HV02",
                DelegatedService.parse(DelegatedService.DEFAULT), false, false);

        List<String> expected = List.of(HyperVServices.MIGRATION + "/HV02", hv02(HyperVServices.MIGRATION),
                "cifs/HV02", hv02("cifs"));
        assertEquals(expected, change.targets().stream().map(TargetOutcome::spn).toList());
        assertTrue(change.targets().stream().allMatch(t -> t.result() == TargetOutcome.Result.ADDED));
        assertEquals(lower(expected), lower(fixtures.targetsOf("HV01")), "written to the directory");
        assertTrue((fixtures.uacOf("HV01") & Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION) != 0, "protocol transition");

        List<LdapChange.Step> steps = change.change().steps();
        assertEquals(List.of("delete userAccountControl", "add userAccountControl", "add msDS-AllowedToDelegateTo"),
                steps.stream().map(s -> s.operation() + " " + s.attribute()).toList(),
                "one modify: userAccountControl swapped, list values added; never a replace");
        assertEquals(List.of("4096"), steps.get(0).values());
        assertEquals(List.of(String.valueOf(4096 | Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION)), steps.get(1).values());
        assertEquals(ModificationType.DELETE, change.change().toRequest().getModifications().get(0).getModificationType());

        // cifs/ is nobody's SPN: the KDC reaches HV02 through HOST/ and sPNMappings, and show says so.
        DelegationReport shown = delegation().show("hv01." + target.domain());
        assertTrue(shown.protocolTransition());
        DelegationReport.Target cifs = shown.constrainedTo().stream()
                .filter(t -> t.spn().equalsIgnoreCase(hv02("cifs"))).findFirst().orElseThrow();
        assertTrue(cifs.exists(), cifs::toString);
        assertEquals("HV02$", cifs.heldBy());
        assertEquals("HOST/hv02." + target.domain(), cifs.via());
    }

    @Test
    void targetHeldByNoAccountIsWarnedWithTheFix() {
        SpnService spns = new SpnService(target.admin());
        boolean migrationRegistered = !spns.holders(Spn.parse(hv02(HyperVServices.MIGRATION))).isEmpty();
        DelegationChange change = delegation().trust("HV01", "HV02", DelegatedService.parse("migration,replica"),
                false, false);
        // The lab's HV02 has its Hyper-V SPNs; the Samba bed's has only HOST/ (and its KDC cannot find SPNs with
        // spaces anyway): the warning follows what the directory holds.
        assertEquals(!migrationRegistered, change.warnings().stream()
                .anyMatch(w -> w.startsWith("no account holds " + HyperVServices.MIGRATION + "/HV02")), change::toString);
        assertTrue(change.warnings().stream().allMatch(w -> !w.startsWith("no account holds")
                || w.contains("fix: 'spn hyperv HV02 --add'")), change::toString);
        assertEquals(ExitStatus.OK, change.exitStatus(), "written, with warnings: not a failure");
    }

    @Test
    void trustingAgainChangesNothing() {
        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        DelegationChange again = delegation().trust("HV01$", "HV02", DelegatedService.parse("cifs"), false, false);
        assertTrue(again.targets().stream().allMatch(t -> t.result() == TargetOutcome.Result.ALREADY_PRESENT));
        assertNull(again.change(), "nothing to send");
        assertFalse(again.changed());
    }

    @Test
    void kerberosOnlyClearsProtocolTransitionAndWarnsWhatFails() throws Exception {
        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        DelegationChange kerberosOnly = delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), true,
                false);
        assertEquals(0, fixtures.uacOf("HV01") & Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION);
        assertTrue(kerberosOnly.flags().get(0).before());
        assertFalse(kerberosOnly.flags().get(0).after());
        assertTrue(kerberosOnly.warnings().stream().anyMatch(w -> w.contains("0x8009030E")), kerberosOnly::toString);
        assertEquals(2, fixtures.targetsOf("HV01").size(), "the list is kept");
    }

    @Test
    void dryRunShowsTheChangeAndWritesNothing() throws Exception {
        DelegationChange dry = delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, true);
        assertTrue(dry.targets().stream().allMatch(t -> t.result() == TargetOutcome.Result.WOULD_ADD));
        assertEquals(3, dry.change().steps().size());
        assertTrue(fixtures.targetsOf("HV01").isEmpty(), "nothing written");
        assertEquals(0, fixtures.uacOf("HV01") & Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION);
        assertFalse(dry.changed());
    }

    @Test
    void pairTrustsBothWays() throws Exception {
        PairReport pair = delegation().pair("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        assertEquals(List.of("HV01$", "HV02$"), pair.directions().stream().map(DelegationChange::account).toList());
        assertEquals(lower(List.of("cifs/HV02", hv02("cifs"))), lower(fixtures.targetsOf("HV01")));
        assertEquals(lower(List.of("cifs/HV01", "cifs/hv01." + target.domain())), lower(fixtures.targetsOf("HV02")));
        assertTrue((fixtures.uacOf("HV02") & Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION) != 0);
    }

    @Test
    void untrustRemovesExactlyWhatIsNamed() throws Exception {
        delegation().trust("HV01", "HV02", DelegatedService.parse("migration,cifs"), false, false);
        // A second destination (the DC, so asked for with allowDomainController) whose entries must stay.
        delegation().trust("HV01", "DC1", DelegatedService.parse("cifs"), false, true, false);
        assertEquals(6, fixtures.targetsOf("HV01").size());

        DelegationChange cifsOnly = delegation().untrust("HV01", "HV02", DelegatedService.parse("cifs"), false, false,
                false);
        assertEquals(List.of("delete msDS-AllowedToDelegateTo"), cifsOnly.change().steps().stream()
                .map(s -> s.operation() + " " + s.attribute()).toList(), "value deletes only, flags untouched");
        assertEquals(lower(List.of("cifs/HV02", hv02("cifs"))), lower(cifsOnly.change().steps().get(0).values()));
        List<String> left = lower(fixtures.targetsOf("HV01"));
        assertEquals(4, left.size(), left::toString);
        assertTrue(left.containsAll(lower(List.of(HyperVServices.MIGRATION + "/HV02", "cifs/DC1"))), left::toString);

        delegation().untrust("HV01", "HV02", null, false, false, false);
        assertEquals(lower(List.of("cifs/DC1", "cifs/dc1." + target.domain())), lower(fixtures.targetsOf("HV01")));
        assertTrue((fixtures.uacOf("HV01") & Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION) != 0, "kept: not named");

        DelegationChange all = delegation().untrust("HV01", null, null, true, false, false);
        assertEquals(2, all.targets().size());
        assertTrue(fixtures.targetsOf("HV01").isEmpty());
        assertEquals(4096, fixtures.uacOf("HV01"));
    }

    @Test
    void untrustNeedsExactlyOneThingNamed() {
        KerbshellException none = assertThrows(KerbshellException.class,
                () -> delegation().untrust("HV01", null, null, false, false, false));
        assertEquals(ExitStatus.USAGE, none.status());
        KerbshellException two = assertThrows(KerbshellException.class,
                () -> delegation().untrust("HV01", "HV02", null, true, false, false));
        assertEquals(ExitStatus.USAGE, two.status());
        DelegationChange nothing = delegation().untrust("HV01", "HV02", null, false, false, false);
        assertNull(nothing.change());
        assertTrue(nothing.warnings().get(0).contains("has no delegation entry for HV02$"), nothing::toString);
    }

    @Test
    void anyServiceIsSetOnComputersRefusedOnUsersAndRemovedByName() throws Exception {
        DelegationChange any = delegation().trustAnyService("HV01", false, false);
        assertTrue(any.warnings().get(0).contains("PingCastle P-UnconstrainedDelegation"), any::toString);
        assertTrue((fixtures.uacOf("HV01") & Ad.UAC_TRUSTED_FOR_DELEGATION) != 0);
        assertTrue(delegation().show("HV01").unconstrained());

        KerbshellException user = assertThrows(KerbshellException.class,
                () -> delegation().trustAnyService("Administrator", false, true));
        assertEquals(ExitStatus.USAGE, user.status());
        assertTrue(user.getMessage().contains("not a computer") && user.getMessage().contains("--force"));

        delegation().untrust("HV01", null, null, false, true, false);
        assertEquals(4096, fixtures.uacOf("HV01"));
    }

    @Test
    void aConcurrentChangeMakesTheSwapFailAndIsKeptByTheRetry() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        target.admin().observeWrites(beforeEachWrite(() -> {
            if (writes.incrementAndGet() == 1) {
                fixtures.flipUac("HV01", Ad.UAC_DONT_EXPIRE_PASSWORD); // someone else, between our read and write
            }
        }));
        DelegationChange change = delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        assertEquals(2, writes.get(), "the first modify was refused, the second planned again from the new value");
        assertEquals(List.of(String.valueOf(4096 | Ad.UAC_DONT_EXPIRE_PASSWORD)), change.change().steps().get(0).values());
        assertEquals(4096 | Ad.UAC_DONT_EXPIRE_PASSWORD | Ad.UAC_TRUSTED_TO_AUTH_FOR_DELEGATION,
                fixtures.uacOf("HV01"), "the other change is kept, not overwritten");
        assertEquals(2, fixtures.targetsOf("HV01").size());
    }

    @Test
    void changesMadeBeforeEveryWriteFailClearlyAfterOneRetry() throws Exception {
        target.admin().observeWrites(beforeEachWrite(() -> fixtures.flipUac("HV01", Ad.UAC_DONT_EXPIRE_PASSWORD)));
        KerbshellException twice = assertThrows(KerbshellException.class, () -> delegation().trust("HV01", "HV02",
                DelegatedService.parse("cifs"), false, false));
        assertEquals(ExitStatus.PROBLEM, twice.status());
        assertTrue(twice.getMessage().contains("changed twice"), twice.getMessage());
        assertTrue(fixtures.targetsOf("HV01").isEmpty(), "nothing of ours was written");
    }

    @Test
    void auditFindsUnconstrainedAndListsDomainControllersApart() {
        delegation().trustAnyService("HV02", false, false);
        delegation().trust("HV01", "HV02", DelegatedService.parse("cifs"), false, false);
        AuditReport audit = new DelegationAudit(target.admin()).run();
        assertTrue(audit.domainControllers().contains("DC1$"), audit::toString);
        assertTrue(audit.findings().stream().anyMatch(f -> f.severity() == Finding.Severity.HIGH
                && f.account().equals("HV02$") && f.kind().equals("unconstrained")), audit::toString);
        assertTrue(audit.findings().stream().noneMatch(f -> f.severity() == Finding.Severity.HIGH
                && f.account().equals("DC1$")), "domain controllers have it by design");
        assertTrue(audit.findings().stream().anyMatch(f -> f.account().equals("HV01$")
                && f.kind().equals("protocol-transition") && f.fix() != null), audit::toString);
        assertTrue(audit.findings().stream().anyMatch(f -> f.account().equals("Administrator")
                && f.kind().equals("privileged-delegable")), "Administrator is a domain admin, not sensitive");
        assertEquals(ExitStatus.PROBLEM, audit.exitStatus());
        assertTrue(audit.accountsScanned() >= 5);
    }

    @Test
    void sensitiveAccountIsShownAsNotDelegatedAndLeftOutOfTheAudit() throws Exception {
        String admin = new kerbshell.directory.AccountResolver(target.admin()).resolve("Administrator").dn();
        int before = target.other().ldap().getEntry(admin, Ad.USER_ACCOUNT_CONTROL)
                .getAttributeValueAsInteger(Ad.USER_ACCOUNT_CONTROL);
        target.other().ldap().modify(admin, new Modification(ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL,
                String.valueOf(before | Ad.UAC_NOT_DELEGATED)));
        try {
            assertTrue(delegation().show("Administrator").notDelegated());
            assertTrue(new DelegationAudit(target.admin()).run().findings().stream()
                    .noneMatch(f -> f.account().equals("Administrator")));
        } finally {
            target.other().ldap().modify(admin, new Modification(ModificationType.REPLACE, Ad.USER_ACCOUNT_CONTROL,
                    String.valueOf(before)));
        }
    }

    @Test
    void unknownServiceAndSelfDelegationAreUsageErrors() {
        assertEquals(ExitStatus.USAGE, assertThrows(KerbshellException.class,
                () -> DelegatedService.parse("migration,ftp")).status());
        assertEquals(ExitStatus.USAGE, assertThrows(KerbshellException.class, () -> delegation().trust("HV01",
                "hv01." + target.domain(), DelegatedService.parse("cifs"), false, false)).status());
        KerbshellException notAComputer = assertThrows(KerbshellException.class, () -> delegation().trust("HV01",
                "alice", DelegatedService.parse("cifs"), false, false));
        assertTrue(notAComputer.getMessage().contains("not a computer"), notAComputer.getMessage());
    }

    /** What show calls found is what the KDC issues ordinary tickets for (the lab's Kerby KDC and Samba's alike). */
    @Test
    void targetsShownAsFoundAreTheOnesTheKdcIssuesTicketsFor() {
        delegation().trust("HV01", "HV02", DelegatedService.parse(DelegatedService.DEFAULT), false, false);
        var operator = target.operatorLogon();
        for (DelegationReport.Target t : delegation().show("HV01").constrainedTo()) {
            assertEquals(t.exists(), operator.requestServiceTicket(t.spn()).issued(), t::toString);
        }
    }

    /** Someone else's write, made just before each of ours reaches the DC. */
    interface Interference {
        void run() throws com.unboundid.ldap.sdk.LDAPException;
    }

    static DirectorySession.WriteObserver beforeEachWrite(Interference interference) {
        return new DirectorySession.WriteObserver() {
            @Override
            public List<String> beforeWrite(DirectorySession session, LdapChange change)
                    throws com.unboundid.ldap.sdk.LDAPException {
                interference.run();
                return List.of();
            }

            @Override
            public void afterWrite(List<String> records, boolean written) {
            }
        };
    }

    static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).sorted().toList();
    }
}
