package kerbshell.spn;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import kerbshell.diagnosis.HyperVSpnReport;
import kerbshell.diagnosis.HyperVSpnService;
import kerbshell.directory.Account;
import kerbshell.directory.AccountResolver;
import kerbshell.directory.Ad;
import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import kerbshell.kerberos.ServiceTicketResult;
import kerbshell.rules.SpnFacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What spn commands promise, held against a directory with a real KDC beside it: the lab and the Samba AD DC run
 * these same tests. Each test uses SPNs of its own and removes what it added.
 */
abstract class SpnContractTest {
    protected static SpnTarget target;

    private final String web = "http/web-" + UUID.randomUUID().toString().substring(0, 8);

    private SpnService spns() {
        return new SpnService(target.admin());
    }

    private HyperVSpnService hyperv() {
        return new HyperVSpnService(target.admin());
    }

    private String webSpn() {
        return web + "." + target.domain();
    }

    @AfterEach
    void removeTestSpns() {
        for (String host : List.of("HV01", "HV02")) {
            spns().remove(host, List.of(webSpn()), false);
        }
    }

    @AfterAll
    static void close() {
        target.close();
    }

    @Test
    void listGroupsByServiceClass() {
        SpnListing listing = spns().list("HV01");
        assertTrue(listing.byServiceClass().containsKey("HOST"), listing.toString());
        assertTrue(listing.byServiceClass().get("HOST").stream()
                .anyMatch(s -> s.equalsIgnoreCase("HOST/hv01." + target.domain())), listing.toString());
    }

    @Test
    void addedSpnGetsATicketAndRemovedSpnIsRefusedByTheKdc() {
        ServiceTicketResult before = target.operatorLogon().requestServiceTicket(webSpn());
        assertEquals(7, before.errorCode(), "no account holds it yet: " + before);

        SpnChangeReport added = spns().add("HV01", List.of(webSpn()), false);
        assertEquals(SpnOutcome.Result.ADDED, added.outcomes().get(0).result());
        assertEquals(ModificationType.ADD, added.change().toRequest().getModifications().get(0).getModificationType(),
                "a value-level add, never a replace of the whole attribute");
        ServiceTicketResult issued = target.operatorLogon().requestServiceTicket(webSpn());
        assertTrue(issued.issued(), issued.toString());

        SpnChangeReport removed = spns().remove("HV01", List.of(webSpn()), false);
        assertEquals(SpnOutcome.Result.REMOVED, removed.outcomes().get(0).result());
        ServiceTicketResult after = target.operatorLogon().requestServiceTicket(webSpn());
        assertEquals(7, after.errorCode(), "KDC_ERR_S_PRINCIPAL_UNKNOWN once removed: " + after);
        assertEquals("KDC_ERR_S_PRINCIPAL_UNKNOWN", after.errorName());
    }

    @Test
    void addingAgainIsNoChangeAndRemovingWhatIsNotHeldSaysSo() {
        spns().add("HV01", List.of(webSpn()), false);
        SpnChangeReport again = spns().add("hv01." + target.domain(), List.of(webSpn().toUpperCase()), false);
        assertEquals(SpnOutcome.Result.ALREADY_PRESENT, again.outcomes().get(0).result());
        assertNull(again.change());
        assertEquals(ExitStatus.OK, again.exitStatus());

        SpnChangeReport notHeld = spns().remove("HV02", List.of(webSpn()), false);
        assertEquals(SpnOutcome.Result.NOT_HELD, notHeld.outcomes().get(0).result());
        assertTrue(notHeld.outcomes().get(0).detail().contains("HV02$ does not hold it"));
    }

    @Test
    void spnHeldByAnotherAccountIsRefusedByThePreCheckBeforeTheDcIsAsked() {
        spns().add("HV01", List.of(webSpn()), false);
        SpnChangeReport refused = spns().add("HV02", List.of(webSpn(), "HOST/hv01." + target.domain()), false);
        assertEquals(ExitStatus.PROBLEM, refused.exitStatus());
        assertTrue(refused.outcomes().stream().allMatch(o -> o.result() == SpnOutcome.Result.HELD_ELSEWHERE));
        assertTrue(refused.outcomes().get(0).detail().contains("HV01$"), refused.outcomes().toString());
        assertNull(refused.change(), "nothing was sent to the DC");
        assertEquals(1, spns().holders(Spn.parse(webSpn())).size());
    }

    @Test
    void theDcsOwnRefusalOfADuplicateBecomesOneClearLine() {
        Account hv02 = new AccountResolver(target.admin()).resolveComputer("HV02");
        LDAPException refused = assertThrows(LDAPException.class, () -> target.admin().ldap().modify(hv02.dn(),
                new Modification(ModificationType.ADD, Ad.SERVICE_PRINCIPAL_NAME, "HOST/hv01." + target.domain())));
        assertEquals(ResultCode.CONSTRAINT_VIOLATION, refused.getResultCode(), refused.getMessage());
        String message = SpnService.refusal(refused, hv02, "adding SPNs to HV02$").getMessage();
        assertTrue(message.startsWith("the DC refused adding SPNs to HV02$: an SPN is already held by another account"),
                message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void dryRunShowsTheExactChangeAndWritesNothing() {
        SpnChangeReport dry = spns().add("HV02", List.of(webSpn()), true);
        assertEquals(SpnOutcome.Result.WOULD_ADD, dry.outcomes().get(0).result());
        assertEquals(List.of(webSpn()), dry.change().steps().get(0).values());
        assertTrue(dry.change().dn().startsWith("CN=HV02,"));
        assertTrue(spns().holders(Spn.parse(webSpn())).isEmpty(), "dry run wrote nothing");
    }

    @Test
    void findMatchesWildcardsAcrossTheForest() {
        spns().add("HV02", List.of(webSpn()), false);
        SpnMatches matches = spns().find("*/" + web.substring(5) + "*");
        assertEquals(1, matches.matches().size(), matches.toString());
        assertEquals("HV02$", matches.matches().get(0).account());
        assertTrue(spns().find("host/hv0*").matches().size() >= 2);
    }

    @Test
    void duplicateScanCoversTheForest() {
        DuplicateSpns scan = new DuplicateScanner(target.admin()).scan(null, kerbshell.output.Progress.NONE);
        assertTrue(scan.spnsScanned() >= 4, scan.toString());
        assertTrue(scan.accountsScanned() >= 2, scan.toString());
    }

    @Test
    void malformedSpnAndUnknownHostAreClearErrors() {
        KerbshellException malformed = assertThrows(KerbshellException.class,
                () -> spns().add("HV01", List.of("no-slash"), false));
        assertEquals(ExitStatus.USAGE, malformed.status());
        KerbshellException unknown = assertThrows(KerbshellException.class,
                () -> spns().add("HV99", List.of(webSpn()), false));
        assertTrue(unknown.getMessage().startsWith("no account named HV99"), unknown.getMessage());
    }

    @Test
    void spnsOutsideAdsSyntaxAreRefusedAndNothingIsWritten() {
        List<String> before = spns().list("HV01").byServiceClass().values().stream().flatMap(List::stream).toList();
        for (String bad : List.of(webSpn() + "\nHOST/forged." + target.domain(), "http/web\0." + target.domain(),
                "http/" + "a".repeat(10_000), "http/a,http/b." + target.domain(), "http/" + "x".repeat(64) + ".test")) {
            KerbshellException refused = assertThrows(KerbshellException.class,
                    () -> spns().add("HV01", List.of(webSpn().replace("http", "cifs"), bad), false));
            assertEquals(ExitStatus.USAGE, refused.status(), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n") && !refused.getMessage().contains("\\n"),
                    "the message itself is one line: " + refused.getMessage());
            assertTrue(refused.getMessage().length() < 400, "the message quotes a long value cut short");
        }
        List<String> after = spns().list("HV01").byServiceClass().values().stream().flatMap(List::stream).toList();
        assertEquals(before, after, "nothing was written, not even the valid SPN given beside the bad one");
    }

    @Test
    void hypervAddsTheMissingSetWithTheSameChecks() {
        HyperVSpnReport before = hyperv().hyperv("HV02", false, false);
        assertEquals(10, before.spns().size(), "six Hyper-V SPNs, HOST/ and cifs/ in both name forms");
        List<String> missing = before.spns().stream().filter(e -> e.state() == SpnFacts.State.MISSING)
                .map(HyperVSpnReport.Entry::spn).filter(HyperVServices::isHyperV).toList();
        try {
            HyperVSpnReport added = hyperv().hyperv("HV02", true, false);
            assertTrue(hyperv().hyperv("HV02", false, false).spns().stream().allMatch(HyperVSpnReport.Entry::fine));
            assertEquals(missing.isEmpty(), added.added() == null);
        } finally {
            if (!missing.isEmpty()) {
                spns().remove("HV02", missing, false);
            }
        }
    }
}
