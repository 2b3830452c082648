package kerbshell.spn;

import kerbshell.diagnosis.HyperVSpnReport;
import kerbshell.diagnosis.HyperVSpnService;
import kerbshell.rules.SpnFacts;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import kerbshell.directory.Ad;
import kerbshell.error.ExitStatus;
import kerbshell.kerberos.KdcEndpoint;
import kerbshell.kerberos.KdcLogon;
import kerbshell.kerberos.ServiceTicketRequester;
import kerbshell.lab.LabDirectory;
import kerbshell.output.Progress;
import kerbshell.testbed.LabFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * spn duplicates on the lab, with duplicates written past the lab's uniqueness rule as old forests have them: each
 * is found with its rightful holder, its fix commands repair it, and the lab KDC then issues the ticket.
 */
class LabSpnDuplicatesTest {
    @RegisterExtension
    static final LabFixture LAB = LabFixture.perTest();

    private void plant(String host, String spn) throws LDAPException {
        LAB.lab().directory().system().modify("CN=" + host + ",CN=Computers,DC=lab,DC=test",
                new Modification(ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, spn));
    }

    private DuplicateSpns scan() {
        return new DuplicateScanner(LAB.session()).scan(null, Progress.NONE);
    }

    private KdcLogon operator() {
        return new ServiceTicketRequester(new KdcEndpoint(LabDirectory.REALM, "127.0.0.1", LAB.lab().kdc().port(),
                KdcEndpoint.Transport.TCP)).logOn("operator@LAB.TEST", "LabOperator-2025!".toCharArray());
    }

    @Test
    void aCleanLabHasNone() {
        DuplicateSpns clean = scan();
        assertEquals(ExitStatus.OK, clean.exitStatus(), clean::toString);
        assertTrue(clean.hostMappedClasses() > 40, "sPNMappings read from the directory: " + clean);
    }

    /**
     * --service-class narrows the scan to one class and those standing in for it or for which it stands: a cifs/
     * shadow of HOST/ counts for cifs and for host, a Hyper-V duplicate for neither.
     */
    @Test
    void aServiceClassNarrowsTheScanToItsFamily() throws LDAPException {
        plant("HV03", "cifs/hv01.lab.test");
        plant("HV01", "hyper-v replica service/HV02");

        DuplicateSpns cifs = new DuplicateScanner(LAB.session()).scan("cifs", Progress.NONE);
        assertEquals(List.of("cifs/hv01.lab.test"), cifs.conflicts().stream().map(SpnConflict::spn).toList(),
                cifs::toString);
        DuplicateSpns host = new DuplicateScanner(LAB.session()).scan("HOST", Progress.NONE);
        assertEquals(List.of("cifs/hv01.lab.test"), host.conflicts().stream().map(SpnConflict::spn).toList(),
                host::toString);
        DuplicateSpns replica = new DuplicateScanner(LAB.session()).scan("Hyper-V Replica Service", Progress.NONE);
        assertEquals(List.of(SpnConflict.Kind.DUPLICATE),
                replica.conflicts().stream().map(SpnConflict::kind).toList(), replica::toString);
        assertEquals(spnsOfClass("hyper-v replica service"), replica.spnsScanned(),
                "only the class's SPNs are counted: " + replica);
    }

    /** How many SPN values of this class (any case) the lab holds, counted apart from the scanner. */
    private long spnsOfClass(String serviceClass) throws LDAPException {
        return LAB.lab().directory().system().search("DC=lab,DC=test", com.unboundid.ldap.sdk.SearchScope.SUB,
                        "(servicePrincipalName=*)", Ad.SERVICE_PRINCIPAL_NAME).getSearchEntries().stream()
                .flatMap(entry -> java.util.Arrays.stream(entry.getAttributeValues(Ad.SERVICE_PRINCIPAL_NAME)))
                .filter(spn -> spn.toLowerCase(java.util.Locale.ROOT).startsWith(serviceClass + "/")).count();
    }

    @Test
    void duplicatesShadowingAndCaseVariantsAreFoundAndTheirFixesWork() throws LDAPException {
        plant("HV03", "HOST/hv02.lab.test");
        plant("HV03", "cifs/hv01.lab.test");
        plant("HV01", "hyper-v replica service/HV02");
        assertEquals(7, operator().requestServiceTicket("HOST/hv02.lab.test").errorCode(), "the KDC refuses a duplicate");

        DuplicateSpns found = scan();
        assertEquals(ExitStatus.PROBLEM, found.exitStatus());
        assertEquals(3, found.conflicts().size(), found::toString);
        SpnConflict host = conflict(found, "HOST/hv02.lab.test");
        assertEquals(SpnConflict.Kind.DUPLICATE, host.kind());
        assertEquals("HV02$", host.rightful().account());
        assertEquals(List.of("spn remove HV03$ \"HOST/hv02.lab.test\""), commands(host));
        SpnConflict replica = conflict(found, "Hyper-V Replica Service/HV02");
        assertEquals(SpnConflict.Kind.DUPLICATE, replica.kind());
        assertEquals("HV02$", replica.rightful().account());
        assertEquals(List.of("spn remove HV01$ \"hyper-v replica service/HV02\""), commands(replica));
        SpnConflict cifs = conflict(found, "cifs/hv01.lab.test");
        assertEquals(SpnConflict.Kind.SHADOWED, cifs.kind());
        assertEquals("HV01$", cifs.rightful().account());
        assertTrue(cifs.shadows().equalsIgnoreCase("HOST/hv01.lab.test"), cifs::toString);
        assertEquals(List.of("spn remove HV03$ \"cifs/hv01.lab.test\""), commands(cifs));

        SpnService spns = new SpnService(LAB.session());
        for (SpnConflict conflict : found.conflicts()) {
            conflict.fix().forEach(step -> run(spns, step.command()));
        }
        assertEquals(ExitStatus.OK, scan().exitStatus(), scan()::toString);
        assertTrue(operator().requestServiceTicket("HOST/hv02.lab.test").issued());
        assertTrue(operator().requestServiceTicket("cifs/hv01.lab.test").issued());
    }

    @Test
    void hypervAndAddNameEveryOtherHolder() throws LDAPException {
        plant("HV01", "Microsoft Virtual System Migration Service/HV02");
        SpnService spns = new SpnService(LAB.session());
        HyperVSpnReport report = new HyperVSpnService(LAB.session()).hyperv("HV02", false, false);
        HyperVSpnReport.Entry entry = report.spns().stream()
                .filter(e -> e.spn().equals("Microsoft Virtual System Migration Service/HV02")).findFirst().orElseThrow();
        assertEquals(SpnFacts.State.DUPLICATE, entry.state());
        assertEquals("present here and on HV01$: duplicate", entry.words("HV02$"));
        assertEquals("spn-duplicate", entry.finding().rule());
        assertEquals(List.of("HV01$", "HV02$"), entry.holders().stream().map(SpnFacts.Holder::samAccountName).sorted()
                .toList());
        assertEquals(ExitStatus.PROBLEM, report.exitStatus());

        SpnChangeReport again = spns.add("HV02", List.of("Microsoft Virtual System Migration Service/HV02"), false);
        assertEquals(SpnOutcome.Result.DUPLICATE, again.outcomes().get(0).result());
        assertTrue(again.outcomes().get(0).detail().startsWith("present here and on HV01$ (CN=HV01,"),
                again.outcomes()::toString);
        assertEquals(ExitStatus.PROBLEM, again.exitStatus());
    }

    @Test
    void addingAnotherHostsNameWarnsAndNeedsForce() {
        SpnService spns = new SpnService(LAB.session());
        SpnChangeReport refused = spns.add("HV01", List.of("cifs/hv02.lab.test"), false);
        SpnOutcome outcome = refused.outcomes().get(0);
        assertEquals(SpnOutcome.Result.NAMES_ANOTHER_HOST, outcome.result());
        assertTrue(outcome.detail().startsWith("its host hv02.lab.test is HV02$'s dNSHostName hv02.lab.test"),
                outcome.detail());
        assertEquals(ExitStatus.PROBLEM, refused.exitStatus());
        assertTrue(spns.holders(Spn.parse("cifs/hv02.lab.test")).isEmpty(), "nothing written");

        SpnChangeReport forced = spns.add("HV01", List.of("cifs/hv02.lab.test"), false, true);
        assertEquals(SpnOutcome.Result.ADDED, forced.outcomes().get(0).result());
        assertTrue(forced.outcomes().get(0).detail().startsWith("warning: its host hv02.lab.test is HV02$'s"));
        assertEquals(SpnOutcome.Result.ADDED,
                spns.add("HV01", List.of("cifs/hv01.lab.test"), false).outcomes().get(0).result(),
                "its own names need no force");
    }

    private static SpnConflict conflict(DuplicateSpns found, String spn) {
        return found.conflicts().stream().filter(c -> c.spn().equalsIgnoreCase(spn)).findFirst()
                .orElseThrow(() -> new AssertionError("no conflict for " + spn + " in " + found));
    }

    /** Runs a fix line, {@code spn remove ACCOUNT "SPN" ...}, through the service the command calls. */
    static void run(SpnService spns, String command) {
        String[] parts = command.split(" ", 4);
        assertEquals("spn", parts[0]);
        List<String> values = java.util.Arrays.stream(parts[3].split("\" ?\"?"))
                .filter(v -> !v.isBlank()).toList();
        if (parts[1].equals("remove")) {
            spns.remove(parts[2], values, false);
        } else {
            spns.add(parts[2], values, false);
        }
    }

    static List<String> commands(SpnConflict conflict) {
        return conflict.fix().stream().map(SpnFix::command).toList();
    }
}
