package kerbshell.spn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ownership rules without a directory: duplicates, shadowing through sPNMappings, the rightful holder. */
class SpnOwnershipTest {
    private static final SpnMappings MAPPINGS = SpnMappings.parse(List.of("host=alerter,cifs,http", "junk"));
    private static final SpnOwnership RULES = new SpnOwnership(MAPPINGS);

    private static SpnHolder on(String host, String spn) {
        return new SpnHolder(spn, host.toUpperCase() + "$", "CN=" + host.toUpperCase() + ",CN=Computers,DC=corp,DC=test",
                host.toLowerCase() + ".corp.test");
    }

    @Test
    void mappingsAreReadAsTheKdcUsesThem() {
        assertEquals("host/hv02.corp.test", MAPPINGS.familyKey("CIFS/HV02.corp.test"));
        assertEquals("host/hv02", MAPPINGS.familyKey("HOST/hv02"));
        assertEquals("mssqlsvc/sql1:1433", MAPPINGS.familyKey("MSSQLSvc/sql1:1433"));
        assertEquals(List.of("alerter", "cifs", "http"), MAPPINGS.aliases());
        assertEquals("host", MAPPINGS.targetOf("Cifs").orElseThrow());
    }

    @Test
    void theKdcFallsBackToTheHostSpnOfTheHostPartOnly() {
        assertEquals("HOST/hv02.corp.test", RULES.standIn("CIFS/hv02.corp.test"));
        assertEquals("HOST/hv02", RULES.standIn("http/hv02:8080/web"));
        assertNull(RULES.standIn("HOST/hv02"), "HOST/ stands in for others, nothing for it");
        assertNull(RULES.standIn("MSSQLSvc/sql1:1433"), "an unmapped class has no stand-in");
        assertNull(RULES.standIn("cifs"), "no host part");
    }

    @Test
    void aDuplicateInAnotherCaseNamesTheRightfulHolderAndTheFix() {
        List<SpnConflict> found = RULES.judge(List.of(on("hv02", "HOST/hv02.corp.test"),
                on("hv03", "host/HV02.CORP.TEST")), List.of());
        assertEquals(1, found.size(), found::toString);
        SpnConflict duplicate = found.get(0);
        assertEquals(SpnConflict.Kind.DUPLICATE, duplicate.kind());
        assertEquals("HV02$", duplicate.rightful().account());
        assertEquals("dNSHostName hv02.corp.test and sAMAccountName HV02$", duplicate.rightful().matchedBy());
        assertEquals(List.of("spn remove HV03$ \"host/HV02.CORP.TEST\""), commands(duplicate));
    }

    @Test
    void anExplicitCifsOnAnotherHostShadowsItsHostSpn() {
        List<SpnConflict> found = RULES.judge(List.of(on("hv02", "HOST/hv02.corp.test"),
                on("hv03", "cifs/hv02.corp.test")), List.of());
        assertEquals(1, found.size(), found::toString);
        SpnConflict shadowed = found.get(0);
        assertEquals(SpnConflict.Kind.SHADOWED, shadowed.kind());
        assertEquals("cifs/hv02.corp.test", shadowed.spn());
        assertEquals("HOST/hv02.corp.test", shadowed.shadows());
        assertEquals("HV02$", shadowed.rightful().account());
        assertEquals(List.of("spn remove HV03$ \"cifs/hv02.corp.test\""), commands(shadowed));
    }

    @Test
    void cifsBesideHostOnTheSameAccountIsNoConflict() {
        assertTrue(RULES.judge(List.of(on("hv02", "HOST/hv02"), on("hv02", "cifs/hv02")), List.of()).isEmpty());
        assertTrue(RULES.judge(List.of(on("hv02", "cifs/hv02"), on("hv03", "http/hv02")), List.of()).isEmpty(),
                "two mapped classes on two accounts, no HOST/ holder: each class has its one holder");
    }

    @Test
    void aDuplicateOnTwoStrangersMovesToTheAccountTheHostNames() {
        List<SpnConflict> found = RULES.judge(List.of(on("hv03", "Hyper-V Replica Service/HV02"),
                on("hv04", "Hyper-V Replica Service/HV02")), List.of(on("hv02", null)));
        SpnConflict duplicate = found.get(0);
        assertEquals("HV02$", duplicate.rightful().account());
        assertEquals(false, duplicate.rightful().holdsIt());
        assertEquals(List.of("spn remove HV03$ \"Hyper-V Replica Service/HV02\"",
                "spn remove HV04$ \"Hyper-V Replica Service/HV02\"",
                "spn add HV02$ \"Hyper-V Replica Service/HV02\""), commands(duplicate));
    }

    @Test
    void noAccountNamedByTheHostGivesANoteInsteadOfAGuess() {
        SpnConflict duplicate = RULES.judge(List.of(on("hv03", "http/web.corp.test"), on("hv04", "http/web.corp.test")),
                List.of()).get(0);
        assertNull(duplicate.rightful());
        assertTrue(duplicate.fix().isEmpty());
        assertTrue(duplicate.note().startsWith("no account's dNSHostName or name is web.corp.test"), duplicate.note());
    }

    @Test
    void theRebuiltHostsNewAccountWinsOverItsOldOne() {
        SpnHolder old = new SpnHolder("Hyper-V Replica Service/HV02", "HV02-OLD$", "CN=HV02-OLD,DC=corp,DC=test",
                "hv02.corp.test");
        SpnHolder rebuilt = new SpnHolder(null, "HV02$", "CN=HV02,DC=corp,DC=test", "hv02.corp.test");
        assertEquals("HV02$", SpnOwnership.rightfulAccount("Hyper-V Replica Service/HV02", List.of(old, rebuilt))
                .orElseThrow().account());
        assertEquals("hv02.corp.test", SpnOwnership.hostOf("MSSQLSvc/HV02.corp.test:1433/inst"));
    }

    @Test
    void fixesMergeIntoOneCommandPerAccountRemovalsFirst() {
        assertEquals(List.of("spn remove HV01$ \"HOST/hv02\" \"Hyper-V Replica Service/HV02\"",
                "spn remove HV03$ \"cifs/hv01\"", "spn add HV02$ \"HOST/hv02\""), SpnFix.merged(List.of(
                new SpnFix(SpnFix.Verb.REMOVE, "HV01$", "HOST/hv02"), new SpnFix(SpnFix.Verb.ADD, "HV02$", "HOST/hv02"),
                new SpnFix(SpnFix.Verb.REMOVE, "HV03$", "cifs/hv01"),
                new SpnFix(SpnFix.Verb.REMOVE, "HV01$", "Hyper-V Replica Service/HV02"),
                new SpnFix(SpnFix.Verb.REMOVE, "HV01$", "host/HV02"))));
    }

    static List<String> commands(SpnConflict conflict) {
        return conflict.fix().stream().map(SpnFix::command).toList();
    }
}
