package kerbshell.spn;

import kerbshell.directory.Ad;
import kerbshell.directory.DirectorySession;
import kerbshell.directory.LdapChange;
import kerbshell.error.ExitStatus;
import kerbshell.output.Progress;
import kerbshell.testbed.Kvno;
import kerbshell.testbed.SambaDatabase;
import kerbshell.testbed.SambaTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * spn duplicates against the Samba AD DC, judged by its KDC. True duplicates are written into the DC's database
 * file (ldbmodify, below its LDAP uniqueness check), as replication collisions and restores leave them: a HOST/
 * SPN, and a Hyper-V SPN in another case; plus a cifs/ SPN shadowing another host's HOST/ SPN. Each is found with
 * its rightful holder; its fix repairs it (the duplicates through the rewrite Samba needs, since it refuses the
 * value-level delete); before, the KDC answers "Server not found" or encrypts for the wrong host, after, the
 * rightful host's keytab reads the ticket. (Samba's KDC cannot look up SPNs with spaces, so the Hyper-V duplicate
 * is judged by the scan.)
 */
@Tag("samba")
class SambaSpnDuplicatesTest {
    private static SambaTestBed bed;
    private static SpnTarget target;

    @BeforeAll
    static void start() {
        bed = SambaTestBed.get();
        target = SpnTarget.samba();
    }

    @AfterAll
    static void close() {
        target.close();
    }

    private static String hv(int n) {
        return "CN=HV0" + n + ",CN=Computers," + bed.baseDn();
    }

    @Test
    void plantedDuplicatesAndShadowingAreFoundNamedAndRepaired() {
        DirectorySession session = target.admin();
        SpnService spns = new SpnService(session);
        String hostDuplicate = "HOST/hv02." + bed.domain();
        String shadowing = "cifs/hv01." + bed.domain();
        String replica = "Hyper-V Replica Service/hv02." + bed.domain();
        String replicaOtherCase = "hyper-v replica service/HV02." + bed.domain().toUpperCase();
        spns.add("HV02", List.of(replica), false);
        SambaDatabase.addValue(bed, hv(1), Ad.SERVICE_PRINCIPAL_NAME, hostDuplicate);
        SambaDatabase.addValue(bed, hv(2), Ad.SERVICE_PRINCIPAL_NAME, shadowing);
        SambaDatabase.addValue(bed, hv(1), Ad.SERVICE_PRINCIPAL_NAME, replicaOtherCase);
        try {
            Kvno.Answer refused = Kvno.ask(bed, hostDuplicate, null);
            assertFalse(refused.ok());
            assertTrue(refused.output().contains("Server not found in Kerberos database"), refused.output());
            Kvno.Answer wrongKey = Kvno.ask(bed, shadowing, bed.hv01Keytab());
            assertFalse(wrongKey.ok(), "the KDC encrypts cifs/hv01 for HV02: " + wrongKey.output());
            assertTrue(Kvno.ask(bed, shadowing, bed.hv02Keytab()).ok());

            DuplicateSpns found = new DuplicateScanner(session).scan(null, Progress.NONE);
            assertEquals(ExitStatus.PROBLEM, found.exitStatus());
            SpnConflict host = conflict(found, hostDuplicate);
            assertEquals(SpnConflict.Kind.DUPLICATE, host.kind());
            assertEquals("HV02$", host.rightful().account());
            assertEquals(List.of("spn remove HV01$ \"" + hostDuplicate + "\""), commands(host));
            SpnConflict cifs = conflict(found, shadowing);
            assertEquals(SpnConflict.Kind.SHADOWED, cifs.kind());
            assertEquals("HV01$", cifs.rightful().account());
            assertEquals(List.of("spn remove HV02$ \"" + shadowing + "\""), commands(cifs));
            SpnConflict hyperv = conflict(found, replica);
            assertEquals(SpnConflict.Kind.DUPLICATE, hyperv.kind());
            assertEquals("HV02$", hyperv.rightful().account());
            assertEquals(List.of("spn remove HV01$ \"" + replicaOtherCase + "\""), commands(hyperv));
            java.io.StringWriter rendered = new java.io.StringWriter();
            found.renderText(new kerbshell.output.TextOut(new java.io.PrintWriter(rendered)));
            String text = rendered.toString();
            assertTrue(text.contains("shadowed: " + shadowing + " is registered on HV02$"), text);

            assertEquals(java.util.Set.of("spn remove HV01$ \"" + hostDuplicate + "\" \"" + replicaOtherCase + "\"",
                    "spn remove HV02$ \"" + shadowing + "\""), java.util.Set.copyOf(found.fixAll()),
                    "one command per account");
            found.fixAll().forEach(command -> LabSpnDuplicatesTest.run(spns, command));
            DuplicateSpns after = new DuplicateScanner(session).scan(null, Progress.NONE);
            assertTrue(after.conflicts().isEmpty(), after::toString);
            Kvno.Answer issued = Kvno.ask(bed, hostDuplicate, bed.hv02Keytab());
            assertTrue(issued.ok(), issued.output());
            assertTrue(issued.output().contains("keytab entry valid"), issued.output());
            Kvno.Answer own = Kvno.ask(bed, shadowing, bed.hv01Keytab());
            assertTrue(own.ok(), "cifs/hv01 now reaches HV01 through its HOST/ SPN: " + own.output());
            assertEquals(List.of("HOST/hv01", "HOST/hv01." + bed.domain()),
                    spns.spnsOf(new kerbshell.directory.AccountResolver(session).resolve("HV01")).stream().sorted()
                            .toList(), "the rewrite kept HV01's own SPNs");
        } finally {
            for (String value : List.of(hostDuplicate, replicaOtherCase)) {
                if (spns.holders(Spn.parse(value)).stream().anyMatch(h -> h.account().equals("HV01$"))) {
                    SambaDatabase.deleteValue(bed, hv(1), Ad.SERVICE_PRINCIPAL_NAME, value);
                }
            }
            spns.remove("HV02", List.of(shadowing, replica), false);
        }
    }

    /** The rewrite is one modify: delete the exact values read a moment before, then set the new set. */
    @Test
    void theRewriteOfARefusedDeleteIsOneModifyThatFailsOnAConcurrentRemoval() {
        String duplicate = "HOST/hv02." + bed.domain();
        SambaDatabase.addValue(bed, hv(1), Ad.SERVICE_PRINCIPAL_NAME, duplicate);
        SpnService spns = new SpnService(target.admin());
        try {
            List<String> own = List.of("HOST/hv01", "HOST/hv01." + bed.domain());
            LdapChange stale = LdapChange.rewrite(hv(1), Ad.SERVICE_PRINCIPAL_NAME,
                    List.of(own.get(0), own.get(1), "HOST/removed-since." + bed.domain()), own);
            com.unboundid.ldap.sdk.LDAPException lost = org.junit.jupiter.api.Assertions.assertThrows(
                    com.unboundid.ldap.sdk.LDAPException.class, () -> target.admin().apply(stale));
            assertEquals(com.unboundid.ldap.sdk.ResultCode.NO_SUCH_ATTRIBUTE, lost.getResultCode(),
                    "a value removed since the read fails the whole modify");
            assertTrue(spns.holders(Spn.parse(duplicate)).stream().anyMatch(h -> h.account().equals("HV01$")),
                    "and nothing was changed");

            SpnChangeReport removed = spns.remove("HV01", List.of(duplicate), false);
            assertEquals(SpnOutcome.Result.REMOVED, removed.outcomes().get(0).result());
            assertTrue(removed.outcomes().get(0).detail().startsWith("the DC refused to delete it by value"),
                    removed.outcomes()::toString);
            List<LdapChange.Step> steps = removed.change().steps();
            assertEquals(List.of("delete", "replace"), steps.stream().map(LdapChange.Step::operation).toList());
            assertEquals(2, steps.get(0).values().size(), "HV01's two own SPNs, by value: " + steps);
            assertTrue(spns.holders(Spn.parse(duplicate)).stream().noneMatch(h -> h.account().equals("HV01$")));
        } finally {
            if (spns.holders(Spn.parse(duplicate)).stream().anyMatch(h -> h.account().equals("HV01$"))) {
                SambaDatabase.deleteValue(bed, hv(1), Ad.SERVICE_PRINCIPAL_NAME, duplicate);
            }
        }
    }

    private static SpnConflict conflict(DuplicateSpns found, String spn) {
        return found.conflicts().stream().filter(c -> c.spn().equalsIgnoreCase(spn)).findFirst()
                .orElseThrow(() -> new AssertionError("no conflict for " + spn + " in " + found));
    }

    static List<String> commands(SpnConflict conflict) {
        return conflict.fix().stream().map(SpnFix::command).toList();
    }
}
